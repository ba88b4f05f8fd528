// Issue 17, item 5: the example applications of examples/, as an integrator's team builds them,
// on the packed package (not the source): each copied to a folder of its own, the packed
// voix-widgets installed in it (scripts/packed.mjs), type-checked strictly, built with Vite for a
// real endpoint, then served and answered in Chromium: <voix-rating> and <voix-poll>, with array
// properties, and the application's typed voix-sent handler showing what the collector said.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromeArgs, ensureChrome } from '../../scripts/find-chrome.mjs';
import { startLocalEndpoint } from '../../scripts/local-endpoint.mjs';
import { installPacked } from '../../scripts/packed.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
let folder;
let endpoint;
let browser;

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'voix-examples-'));
  endpoint = await startLocalEndpoint();
  browser = await chromium.launch({ executablePath: ensureChrome(), args: chromeArgs });
});

after(async () => {
  await browser?.close();
  await endpoint?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/** The example copied out of the repository (no node_modules, no dist), with the packed package and its tools installed. */
function prepare(example, tools) {
  const project = join(folder, example);
  cpSync(join(root, 'examples', example), project, { recursive: true, filter: (path) => !/[/\\](node_modules|dist)$/.test(path) });
  const installed = installPacked(project, { link: tools });
  assert.ok(
    !lstatSync(installed).isSymbolicLink() && existsSync(join(installed, 'dist/index.js')),
    'the packed package, not a link to the source',
  );
  return project;
}

/** Runs a tool of the repository's install (tsc, vite…) in the project, failing with its output. */
function run(project, script, args, env = {}) {
  try {
    return execFileSync(process.execPath, [join(root, 'node_modules', script), ...args], {
      cwd: project,
      encoding: 'utf8',
      env: { ...process.env, ...env },
      stdio: 'pipe',
    });
  } catch (error) {
    assert.fail(`${script} ${args.join(' ')} in ${project}:\n${error.stdout}\n${error.stderr}`);
  }
}

/** Serves a built application's folder on a loopback port. */
async function serve(dist) {
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };
  const server = createServer((request, response) => {
    const path = join(dist, new URL(request.url, 'http://localhost').pathname.replace(/\/$/, '/index.html'));
    if (request.url === '/favicon.ico') return response.writeHead(204).end();
    if (!path.startsWith(dist) || !existsSync(path)) return response.writeHead(404).end();
    response.writeHead(200, { 'Content-Type': types[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Opens the built application, answers the rating and the poll, and returns what the page and the endpoint saw. */
async function answer(url, channel) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  const rating = page.locator('voix-rating');
  await rating.getByRole('radio', { name: '4 étoiles sur 5' }).first().check();
  // The criteria came in as an array property: one question each.
  await rating.getByRole('group', { name: 'Accueil', exact: true }).getByRole('radio', { name: '5 étoiles sur 5' }).check();
  await rating.getByRole('group', { name: 'Délai', exact: true }).getByRole('radio', { name: '3 étoiles sur 5' }).check();
  await rating.getByRole('button', { name: 'Envoyer' }).click();
  await rating.getByText('Merci pour votre avis').waitFor();
  const poll = page.locator('voix-poll');
  await poll.getByRole('radio', { name: 'Jardins partagés' }).check();
  await poll.getByRole('button', { name: 'Voter' }).click();
  await poll.getByText('Merci pour votre vote').waitFor();
  const status = await page.getByRole('status').filter({ hasText: 'Reçu par le collecteur' }).textContent();
  await context.close();
  return { status, errors, received: await channel.received() };
}

function channel() {
  const name = `examples-${Math.random().toString(36).slice(2)}`;
  return {
    url: `${endpoint.url}/v1/events?channel=${name}`,
    received: async () => (await fetch(`${endpoint.url}/received?channel=${name}`)).json(),
  };
}

/** Builds the example for a fresh endpoint, serves it and answers it: what the page and the endpoint saw. */
async function buildAndAnswer(project) {
  const target = channel();
  run(project, 'vite/bin/vite.js', ['build', '--logLevel', 'warn'], { VITE_VOIX_ENDPOINT: target.url });
  const site = await serve(join(project, 'dist'));
  try {
    return await answer(site.url, target);
  } finally {
    await site.close();
  }
}

/** Both answers stored as sent, through <voix-config>'s site, and the application's handler told of both. */
function assertAnswered({ status, errors, received }, site) {
  assert.deepEqual(errors, []);
  assert.deepEqual(
    received.stored.map((envelope) => [envelope.type, envelope.subject, envelope.data.site, envelope.data.answers]),
    [
      ['voix.rating', 'accueil-mairie', site, { score: 4, accueil: 5, delai: 3 }],
      ['voix.poll.vote', 'parc-2027', site, { choices: ['jardins'] }],
    ],
  );
  // The application's own handler, typed from the package, saw both answers and the collector's status.
  assert.match(status, /voix\.rating \d{3}, voix\.poll\.vote \d{3}/);
}

describe('examples/, on the packed package', () => {
  it('React 19 (Vite, TypeScript strict): type-checks, builds, and answers the rating and the poll in Chromium', async () => {
    const project = prepare('react', ['react', 'react-dom', '@types/react', '@types/react-dom', 'typescript', 'vite']);
    run(project, 'typescript/bin/tsc', ['--noEmit', '-p', 'tsconfig.json']);
    assertAnswered(await buildAndAnswer(project), 'exemple-react');
  });

  it('Vue 3 (Vite, vue-tsc with strictTemplates): type-checks, builds, and answers the rating and the poll in Chromium', async () => {
    const project = prepare('vue', ['vue', '@vitejs/plugin-vue', 'typescript', 'vite', 'vue-tsc']);
    run(project, 'vue-tsc/bin/vue-tsc.js', ['--noEmit', '-p', 'tsconfig.json']);
    assertAnswered(await buildAndAnswer(project), 'exemple-vue');
  });
});
