// Every JavaScript entry of package.json `exports` imports on a server (issue 17, item 3): in plain
// Node, with no DOM, and through Vite's SSR loader, as Next, Nuxt, Astro or SvelteKit import it while
// rendering a page. An import must not throw, write to stderr, or keep the process alive (an open
// BroadcastChannel would hang a static build). Runs on the build: `npm run build` first.
//
// Not here: `./cdn/*`, the script-tag build, which bundles Lit's browser build for <script type="module">
// and is not meant for a server (making it so would cost every page; docs/architecture.md).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

const root = new URL('..', import.meta.url);
const { name, exports } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));

/** `[specifier, path]` of each JavaScript entry; a `*` entry once per file it matches. */
const entries = Object.entries(exports).flatMap(([key, target]) => {
  const file = typeof target === 'string' ? target : target.default;
  // Types-only entries (./jsx, ./react, ./vue) have no code to import.
  if (!file?.endsWith('.js') || key.startsWith('./cdn/')) return [];
  const specifier = (path) => name + key.slice(1).replace('*', path);
  if (!key.includes('*')) return [[specifier(''), file.slice(1)]];
  const [folder, suffix] = file.split('*');
  return readdirSync(new URL(folder, root))
    .filter((each) => each.endsWith(suffix))
    .map((each) => [specifier(each.slice(0, -suffix.length)), folder.slice(1) + each]);
});

/** Runs `script` as an ES module in a fresh Node process at the repository's root; what it left behind. */
function node(script) {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--input-type=module', '-e', script], { cwd: root, timeout: 20_000 }, (error, stdout, stderr) =>
      resolve({ exit: error ? (error.signal ? `killed after 20 s (${error.signal}): still running` : error.code) : 0, stdout, stderr }),
    );
  });
}

test('every entry imports in plain Node, without a DOM', async () => {
  assert.ok(entries.length >= 12, `only ${entries.length} entries found`);
  const results = await Promise.all(entries.map(async ([specifier]) => ({ specifier, ...(await node(`await import('${specifier}');`)) })));
  const failed = results.filter(({ exit, stderr }) => exit !== 0 || stderr);
  assert.deepEqual(
    failed.map(({ specifier, exit, stderr }) => ({ specifier, exit, stderr })),
    [],
  );
});

test("every entry imports through Vite's SSR loader", async () => {
  // One Vite server (its start is most of the time), its module graph emptied before each entry.
  const { exit, stdout, stderr } = await node(`
    import { createServer } from 'vite';
    const vite = await createServer({
      configFile: false,
      logLevel: 'silent',
      appType: 'custom',
      server: { middlewareMode: true, hmr: false, ws: false },
      optimizeDeps: { noDiscovery: true, include: [] },
    });
    const failed = [];
    for (const [specifier, path] of ${JSON.stringify(entries)}) {
      vite.moduleGraph.invalidateAll();
      await vite.ssrLoadModule(path).catch((error) => failed.push({ specifier, error: String(error) }));
    }
    await vite.close();
    console.log(JSON.stringify(failed));
  `);
  assert.deepEqual({ exit, stderr }, { exit: 0, stderr: '' });
  assert.deepEqual(JSON.parse(stdout), []);
});
