// The packed package (`npm pack`, after the build) as a TypeScript integrator meets it: for every
// entry of package.json "exports" that has types, a strict consumer that imports only that entry
// must see the typed events (`e.detail`) and its elements' tags (`document.createElement`).
// Each entry is compiled alone: the events' global declarations reached through one entry must
// not hide an entry that lacks them.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const { name, exports } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Entries with types and no wildcard ("./feedback.js" -> "voix-widgets/feedback.js"). */
const entries = Object.entries(exports)
  .filter(([key, target]) => !key.includes('*') && typeof target === 'object' && target.types)
  .map(([key, target]) => ({ specifier: posix.join(name, key), file: target.default }));

let project;
let manifest;

before(() => {
  project = mkdtempSync(join(tmpdir(), 'voix-package-types-'));
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', project], { cwd: root, encoding: 'utf8' }));
  execFileSync('tar', ['-xzf', join(project, packed[0].filename), '-C', project]);
  const installed = join(project, 'node_modules', name);
  mkdirSync(dirname(installed), { recursive: true });
  renameSync(join(project, 'package'), installed);
  // Its dependencies from the repository's install (no network), laid out flat as npm installs
  // them: each dependency and theirs at the top of node_modules. (The .d.ts files name lit-html,
  // which only lit depends on: a stricter layout than npm's would not find it.)
  const linked = new Set();
  const link = (folder) => {
    const { dependencies = {} } = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
    for (const dependency of Object.keys(dependencies)) {
      if (linked.has(dependency)) continue;
      linked.add(dependency);
      mkdirSync(dirname(join(project, 'node_modules', dependency)), { recursive: true });
      symlinkSync(join(root, 'node_modules', dependency), join(project, 'node_modules', dependency), 'dir');
      link(join(root, 'node_modules', dependency));
    }
  };
  link(installed);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'integrator', private: true, type: 'module' }));
  assert.ok(existsSync(join(installed, 'custom-elements.json')), 'custom-elements.json is not in the package: build first');
  manifest = JSON.parse(readFileSync(join(installed, 'custom-elements.json'), 'utf8'));
});

after(() => project && rmSync(project, { recursive: true, force: true }));

/** Tags an entry registers, from the packed manifest: its own elements and those it re-exports. */
function tagsOf(file) {
  const source = file.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts');
  const entryModule = manifest.modules.find((module) => module.path === source);
  const reexported = (entryModule?.exports ?? []).map(({ declaration }) =>
    declaration.module.startsWith('.') ? posix.join(posix.dirname(source), declaration.module).replace(/\.js$/, '.ts') : declaration.module,
  );
  const paths = new Set([source, ...reexported]);
  return manifest.modules
    .filter((module) => paths.has(module.path))
    .flatMap((module) => module.declarations ?? [])
    .filter((declaration) => declaration.tagName)
    .map((declaration) => declaration.tagName);
}

const eventNames = () => [
  ...new Set(
    manifest.modules
      .flatMap((module) => (module.declarations ?? []).flatMap((declaration) => declaration.events ?? []))
      .map(({ name: event }) => event),
  ),
];

/** What an integrator writes against one entry; it compiles only if every type is there. */
function consumer(specifier, tags, events) {
  const listen = (target) =>
    events.map((event) => `${target}.addEventListener('${event}', (event) => { event.detail satisfies object; });`);
  const elements = tags.flatMap((tag, index) => [
    `const element${index} = document.createElement('${tag}');`,
    `const element${index}IsTyped: Specific<typeof element${index}> = true;`,
    ...listen(`element${index}`),
    `document.querySelector('${tag}')!.addEventListener('voix-sent', (event) => event.detail.status);`,
  ]);
  return [
    `import '${specifier}';`,
    '/** true only for a type narrower than HTMLElement: the tag is known. */',
    'type Specific<T> = HTMLElement extends T ? false : true;',
    ...listen('document'),
    "document.addEventListener('voix-sent', (event) => { const status: number = event.detail.status; return status; });",
    ...elements,
    '',
  ].join('\n');
}

const resolutions = {
  bundler: { module: 'ESNext', moduleResolution: 'bundler' },
  nodenext: { module: 'NodeNext', moduleResolution: 'NodeNext' },
};

describe('the packed package, for TypeScript integrators', () => {
  it('has entries to check', () => {
    assert.ok(entries.length >= 3, JSON.stringify(entries));
    assert.ok(eventNames().includes('voix-sent'), 'the manifest lists the events');
  });

  for (const { specifier, file } of entries) {
    for (const [resolution, options] of Object.entries(resolutions)) {
      it(`types events and tags through ${specifier} alone (moduleResolution ${resolution})`, () => {
        const base = `${specifier.replace(/\W+/g, '-')}-${resolution}`;
        writeFileSync(join(project, `${base}.ts`), consumer(specifier, tagsOf(file), eventNames()));
        const config = {
          compilerOptions: {
            ...options,
            target: 'ES2022',
            lib: ['ES2022', 'DOM'],
            strict: true,
            noEmit: true,
            types: [],
            skipDefaultLibCheck: true,
          },
          files: [`${base}.ts`],
        };
        writeFileSync(join(project, `tsconfig.${base}.json`), JSON.stringify(config));
        try {
          execFileSync(process.execPath, [tsc, '-p', `tsconfig.${base}.json`], { cwd: project, encoding: 'utf8' });
        } catch (error) {
          assert.fail(
            `tsc on a consumer of ${specifier}:\n${error.stdout}${error.stderr}\n--- ${base}.ts\n${readFileSync(join(project, `${base}.ts`), 'utf8')}`,
          );
        }
      });
    }
  }
});
