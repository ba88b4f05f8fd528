// The script-tag release (`npm run release:cdn`, scripts/release-cdn.mjs) on the current build, as a
// webmaster receives it: the zip holds dist/cdn under voix-<version>/, every hash in
// integrity.json and in SNIPPET.html is the hash of the bytes beside it, and the pasted snippet
// loads a widget in Chromium, which refuses a chunk whose bytes differ from the import map's hash.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { chromium } from 'playwright-core';
import { chromeArgs, ensureChrome } from '../../scripts/find-chrome.mjs';
import { startLocalEndpoint } from '../../scripts/local-endpoint.mjs';
import { BASE_URL, sri } from '../../scripts/release-cdn.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cdn = join(root, 'dist/cdn');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const folder = `voix-${version}/`;

let out;
let zip;
let integrity;
let snippet;

before(() => {
  out = mkdtempSync(join(tmpdir(), 'voix-release-'));
  execFileSync('node', ['scripts/release-cdn.mjs', '--out', out], { cwd: root });
  zip = unzipSync(readFileSync(join(out, `voix-${version}.zip`)));
  integrity = JSON.parse(new TextDecoder().decode(zip['integrity.json']));
  snippet = new TextDecoder().decode(zip['SNIPPET.html']);
});

after(() => out && rmSync(out, { recursive: true, force: true }));

/** The files of integrity.json whose bytes in `entries` do not have the hash it gives. */
const wrongHashes = (entries, hashes) =>
  Object.keys(hashes).filter((file) => !entries[folder + file] || sri(entries[folder + file]) !== hashes[file]);

describe('release:cdn', () => {
  it('puts every file of dist/cdn, as built, under voix-<version>/, and beside it only integrity.json and SNIPPET.html', () => {
    const built = readdirSync(cdn, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(cdn.length + 1))
      .sort();
    assert.ok(built.includes('voix.js') && built.includes('voix.css'), 'dist/cdn has no voix.js or voix.css: build first');
    const packed = Object.keys(zip).filter((name) => !name.endsWith('/'));
    assert.deepEqual(packed.filter((name) => !name.startsWith(folder)).sort(), ['SNIPPET.html', 'integrity.json']);
    assert.deepEqual(
      packed
        .filter((name) => name.startsWith(folder))
        .map((name) => name.slice(folder.length))
        .sort(),
      built,
    );
    for (const file of built)
      assert.ok(Buffer.from(zip[folder + file]).equals(readFileSync(join(cdn, file))), `${file} differs from dist/cdn`);
  });

  it('gives in integrity.json the sha384 of every file it packs', () => {
    assert.deepEqual(
      Object.keys(integrity).sort(),
      Object.keys(zip)
        .filter((name) => name.startsWith(folder))
        .map((name) => name.slice(folder.length))
        .sort(),
    );
    assert.deepEqual(wrongHashes(zip, integrity), []);
  });

  it('would catch a file whose bytes are not those of its hash', () => {
    const altered = { ...zip, [`${folder}voix.css`]: Buffer.concat([zip[`${folder}voix.css`], Buffer.from(' ')]) };
    assert.deepEqual(wrongHashes(altered, integrity), ['voix.css']);
  });

  it('writes a snippet whose tags carry the hashes of voix.js and voix.css, and whose import map has every chunk', () => {
    const base = `${BASE_URL}/voix-${version}`;
    assert.ok(
      snippet.includes(`<script type="module" src="${base}/voix.js" integrity="${integrity['voix.js']}" crossorigin="anonymous"></script>`),
    );
    assert.ok(
      snippet.includes(`<link rel="stylesheet" href="${base}/voix.css" integrity="${integrity['voix.css']}" crossorigin="anonymous">`),
    );
    const map = JSON.parse(snippet.match(/<script type="importmap">([\s\S]*?)<\/script>/)[1]);
    const scripts = Object.keys(integrity).filter((file) => file.endsWith('.js'));
    assert.deepEqual(map.integrity, Object.fromEntries(scripts.map((file) => [`${base}/${file}`, integrity[file]])));
  });

  describe('pasted in a page, in Chromium', () => {
    let browser;
    let site;
    /** The chunk served altered by one byte, if any. */
    let tampered;

    before(async () => {
      site = createServer((request, response) => {
        const { pathname } = new URL(request.url, 'http://localhost');
        if (pathname === '/') {
          response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
          const page = snippet.replaceAll(BASE_URL, `http://127.0.0.1:${site.address().port}`);
          return response.end(`<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Essai</title>${page}</head>
            <body><voix-feedback endpoint="/v1/events"><a href="/contact">Votre avis</a></voix-feedback></body></html>`);
        }
        const bytes = zip[pathname.slice(1)];
        if (!bytes) {
          response.writeHead(pathname === '/favicon.ico' ? 204 : 404);
          return response.end();
        }
        const body = Buffer.from(bytes);
        if (pathname.endsWith(tampered)) body[body.length - 1] = 0x20;
        response.writeHead(200, { 'Content-Type': pathname.endsWith('.css') ? 'text/css' : 'text/javascript' });
        response.end(body);
      });
      await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
      browser = await chromium.launch({ executablePath: ensureChrome(), args: chromeArgs });
    });

    after(async () => {
      await browser?.close();
      await new Promise((resolve) => site?.close(resolve));
    });

    /** Opens the page; resolves to whether <voix-feedback> got defined, and the console's errors. */
    async function load() {
      const tab = await browser.newPage();
      const errors = [];
      tab.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
      await tab.goto(`http://127.0.0.1:${site.address().port}/`);
      const defined = await tab
        .waitForFunction(() => customElements.get('voix-feedback'), null, { timeout: 5000 })
        .then(() => true)
        .catch(() => false);
      await tab.close();
      return { defined, errors };
    }

    it('loads the widget with every hash checked', async () => {
      tampered = undefined;
      const { defined, errors } = await load();
      assert.deepEqual(errors, []);
      assert.ok(defined, '<voix-feedback> was not defined');
    });

    it('refuses a widget chunk altered on the server, though the script tag only covers voix.js', async () => {
      tampered = Object.keys(integrity).find((file) => /^feedback-.*\.js$/.test(file));
      const { defined, errors } = await load();
      assert.equal(defined, false, 'the altered chunk ran');
      assert.ok(
        errors.some((error) => error.includes('integrity')),
        errors.join('\n'),
      );
    });
  });
});

// Issue 17's « what it must show »: the zip's files on a static host of their own, the snippet
// pasted in a DSFR page (the real DSFR stylesheet, voix-dsfr.css from the zip) of another origin,
// under a strict CSP that requires Trusted Types and lists its policies: the widgets work and the
// answers are stored.
describe('the zip on a static host, pasted in a DSFR page of another origin, under a strict CSP with Trusted Types', () => {
  const dsfr = join(root, 'node_modules/@gouvfr/dsfr/dist');
  let browser;
  let host;
  let site;
  let endpoint;

  /** A server on a loopback port of its own; `handle` answers, or leaves a 404. */
  async function server(handle) {
    const created = createServer((request, response) => {
      const { pathname } = new URL(request.url, 'http://localhost');
      if (!handle(pathname, response)) response.writeHead(pathname === '/favicon.ico' ? 204 : 404).end();
    });
    await new Promise((resolve) => created.listen(0, '127.0.0.1', resolve));
    return Object.assign(created, { origin: `http://127.0.0.1:${created.address().port}` });
  }

  before(async () => {
    endpoint = await startLocalEndpoint();
    // The static host: the zip's files as they are, with the header module scripts from another origin need.
    host = await server((pathname, response) => {
      const bytes = zip[pathname.slice(1)];
      if (!bytes) return false;
      const type = pathname.endsWith('.css') ? 'text/css' : pathname.endsWith('.js') ? 'text/javascript' : 'text/plain';
      response.writeHead(200, { 'Content-Type': type, 'Access-Control-Allow-Origin': '*' }).end(Buffer.from(bytes));
      return true;
    });
    site = await server((pathname, response) => {
      if (pathname.startsWith('/dsfr/')) {
        const file = join(dsfr, pathname.slice('/dsfr/'.length));
        if (!file.startsWith(dsfr) || !existsSync(file)) return false;
        response.writeHead(200, { 'Content-Type': file.endsWith('.css') ? 'text/css' : 'font/woff2' }).end(readFileSync(file));
        return true;
      }
      if (pathname !== '/') return false;
      const { html, csp } = dsfrPage();
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': csp }).end(html);
      return true;
    });
    browser = await chromium.launch({ executablePath: ensureChrome(), args: chromeArgs });
  });

  after(async () => {
    await browser?.close();
    for (const running of [host, site]) await new Promise((resolve) => running?.close(resolve));
    await endpoint?.close();
  });

  const channel = `release-dsfr-${process.pid}`;
  const target = () => `${endpoint.url}/v1/events?channel=${channel}`;

  /** The page a State service writes: the DSFR, the snippet as pasted (its address replaced), voix-dsfr.css, two widgets; and its CSP. */
  function dsfrPage() {
    const pasted = snippet.replaceAll(BASE_URL, host.origin);
    const importMap = /<script type="importmap">([\s\S]*?)<\/script>/.exec(pasted)[1];
    const csp = [
      "default-src 'self'",
      `script-src 'self' ${host.origin} 'sha256-${createHash('sha256').update(importMap).digest('base64')}'`,
      `style-src 'self' ${host.origin}`,
      "font-src 'self'",
      "img-src 'self' data:",
      `connect-src ${endpoint.url}`,
      "object-src 'none'",
      "base-uri 'none'",
      "require-trusted-types-for 'script'",
      'trusted-types prefecture-policy lit-html',
    ].join('; ');
    const html = `<!doctype html><html lang="fr" data-fr-scheme="light"><head><meta charset="utf-8"><title>Préfecture de Démo</title>
      <link rel="stylesheet" href="/dsfr/dsfr.min.css">
      ${pasted}
      <link rel="stylesheet" href="${host.origin}/${folder}voix-dsfr.css" integrity="${integrity['voix-dsfr.css']}" crossorigin="anonymous">
      </head><body><main class="fr-container"><h1>Renouveler une carte grise</h1>
      <voix-feedback endpoint="${target()}" subject="/demarches/carte-grise"><a href="/contact">Donnez votre avis</a></voix-feedback>
      <voix-poll endpoint="${target()}" subject="horaires-guichet" question="Quel créneau vous conviendrait ?"
        ><option value="samedi">Le samedi matin</option><option value="soir">Un soir par semaine</option></voix-poll>
      </main></body></html>`;
    return { html, csp };
  }

  it('the widgets work in the DSFR look, and the answers are stored', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${site.origin}/`);
    await page.getByRole('button', { name: 'Oui' }).click();
    await page.getByText('Merci pour votre avis').waitFor();
    const poll = page.locator('voix-poll');
    await poll.getByRole('radio', { name: 'Le samedi matin' }).check();
    const vote = poll.getByRole('button', { name: 'Voter' });
    // voix-dsfr.css reached the widget: blue France and square corners.
    assert.deepEqual(await vote.evaluate((button) => [getComputedStyle(button).backgroundColor, getComputedStyle(button).borderRadius]), [
      'rgb(0, 0, 145)',
      '0px',
    ]);
    await vote.click();
    await poll.getByText('Merci pour votre vote').waitFor();
    await page.screenshot({ path: join(tmpdir(), 'voix-release-dsfr.png'), fullPage: true });
    await context.close();
    assert.deepEqual(errors, []);
    const { stored } = await (await fetch(`${endpoint.url}/received?channel=${channel}`)).json();
    assert.deepEqual(
      stored.map((envelope) => [envelope.type, envelope.data.answers]),
      [
        ['voix.feedback', { useful: true }],
        ['voix.poll.vote', { choices: ['samedi'] }],
      ],
    );
  });
});
