// End to end, as a webmaster uses Voix: a plain page on one origin, under a strict
// Content-Security-Policy, with only the script tag of the built dist/cdn/voix.js and
// <voix-feedback endpoint="…"> pointing at a real endpoint on another origin.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { chromeArgs, ensureChrome } from '../../scripts/find-chrome.mjs';
import { startLocalEndpoint } from '../../scripts/local-endpoint.mjs';

const root = new URL('../../', import.meta.url);
let endpoint;
let site;
let browser;

/** The page a webmaster would write: nothing but the script tag and the element. */
const page = (endpointUrl, { stylesheet = false } = {}) => `<!doctype html>
<html lang="fr">
  <head>
    <meta charset="utf-8">
    <title>Démarches – Ville de Démo</title>
    ${stylesheet ? '<link rel="stylesheet" href="/cdn/voix.css">' : ''}
    <script type="module" src="/cdn/voix.js"></script>
  </head>
  <body>
    <main><h1>Acte de naissance</h1><p>Demandez votre acte en ligne ou au guichet.</p></main>
    <footer>
      <voix-feedback endpoint="${endpointUrl}"><a href="/contact">Donnez votre avis par écrit</a></voix-feedback>
      <p>Ville de Démo</p>
    </footer>
  </body>
</html>`;

async function serveSite(csp) {
  const pages = new Map();
  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url, 'http://localhost');
    if (pathname.startsWith('/cdn/')) {
      try {
        const body = readFileSync(new URL(`dist${pathname}`, root));
        const type = pathname.endsWith('.css') ? 'text/css' : 'text/javascript';
        response.writeHead(200, { 'Content-Type': type, 'Content-Security-Policy': csp });
        return response.end(body);
      } catch {
        response.writeHead(404);
        return response.end();
      }
    }
    if (!pages.has(pathname)) {
      response.writeHead(pathname === '/favicon.ico' ? 204 : 404);
      return response.end();
    }
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': csp });
    response.end(pages.get(pathname));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, pages, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** A fresh page that records CSP violations and console errors. */
async function openPage(url) {
  const context = await browser.newContext();
  const tab = await context.newPage();
  const problems = [];
  tab.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
  tab.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await tab.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  await tab.goto(url);
  return { tab, context, problems };
}

function channel() {
  const name = `e2e-${Math.random().toString(36).slice(2)}`;
  const control = (body) => fetch(`${endpoint.url}/control?channel=${name}`, { method: 'POST', body: JSON.stringify(body) });
  return {
    url: `${endpoint.url}/v1/events?channel=${name}`,
    setDown: (down) => control({ down }),
    received: async () => (await fetch(`${endpoint.url}/received?channel=${name}`)).json(),
  };
}

async function until(condition, message, timeout = 10_000) {
  const end = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`Timed out: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

before(async () => {
  endpoint = await startLocalEndpoint();
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self' ${endpoint.url}`,
    "object-src 'none'",
    "base-uri 'none'",
    "require-trusted-types-for 'script'",
  ].join('; ');
  site = await serveSite(csp);
  browser = await chromium.launch({ executablePath: ensureChrome(), args: chromeArgs });
});

after(async () => {
  await browser?.close();
  await site?.close();
  await endpoint?.close();
});

describe('the script-tag build on a page of another origin, under a strict CSP', () => {
  it('sends Non, a reason and a comment as one CloudEvents envelope with its Idempotency-Key', async () => {
    const target = channel();
    site.pages.set('/non', page(target.url));
    const { tab, context, problems } = await openPage(`${site.url}/non`);
    await tab.getByRole('button', { name: 'Non' }).click();
    await tab.getByRole('checkbox', { name: 'L’information est incomplète' }).check();
    await tab.getByRole('textbox', { name: 'Votre commentaire (facultatif)' }).fill('Il manque les horaires du samedi.');
    await tab.getByRole('button', { name: 'Envoyer' }).click();
    await tab.getByText('Merci pour votre avis\u202f!').waitFor();

    const { attempts, stored } = await target.received();
    assert.equal(attempts.length, 1);
    assert.equal(stored.length, 1);
    const [attempt] = attempts;
    assert.equal(attempt.contentType, 'application/cloudevents+json');
    assert.equal(attempt.origin, site.url);
    assert.equal(attempt.idempotencyKey, stored[0].id);
    assert.ok(attempt.valid, attempt.errors?.join('\n'));
    assert.equal(stored[0].source, `${site.url}/non`);
    assert.deepEqual(stored[0].data.answers, { useful: false, reasons: ['incomplete'], comment: 'Il manque les horaires du samedi.' });
    assert.deepEqual(problems, [], 'no CSP violation, no console error');
    await context.close();
  });

  it('queues the answer while the endpoint is down, and a reload with it back delivers it exactly once', async () => {
    const target = channel();
    site.pages.set('/hors-ligne', page(target.url));
    await target.setDown(true);
    const { tab, context, problems } = await openPage(`${site.url}/hors-ligne`);
    await tab.getByRole('button', { name: 'Oui' }).click();
    await tab.getByText('nous enverrons votre avis dès le retour de la connexion.').waitFor();
    const kept = await tab.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('voix:outbox:')).length);
    assert.equal(kept, 1);

    await target.setDown(false);
    await tab.reload();
    await until(async () => (await target.received()).stored.length === 1, 'the kept answer arrives');
    await until(() => tab.evaluate(() => !Object.keys(localStorage).some((key) => key.startsWith('voix:outbox:'))), 'the outbox empties');
    await tab.reload();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const { attempts, stored } = await target.received();
    assert.equal(stored.length, 1, 'stored exactly once');
    assert.equal(new Set(attempts.map((attempt) => attempt.idempotencyKey)).size, 1, 'one Idempotency-Key for every try');
    // The failed tries are network errors the browser logs itself; nothing else.
    assert.deepEqual(
      problems.filter((problem) => !problem.includes('Failed to load resource') && !problem.includes('ERR_')),
      [],
    );
    await context.close();
  });

  it('loads no more JavaScript than the budget (.size-limit.json), and does not shift the page when the widget appears', async () => {
    const target = channel();
    site.pages.set('/budget', page(target.url, { stylesheet: true }));
    const context = await browser.newContext();
    const tab = await context.newPage();
    const scripts = [];
    tab.on('response', async (response) => {
      if (response.url().endsWith('.js')) scripts.push({ url: response.url(), body: await response.body() });
    });
    await tab.addInitScript(() => {
      window.layoutShift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.layoutShift += entry.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await tab.goto(`${site.url}/budget`);
    await tab.getByRole('button', { name: 'Oui' }).waitFor();
    await tab.waitForLoadState('networkidle');
    const [{ limit }] = JSON.parse(readFileSync(new URL('.size-limit.json', root), 'utf8'));
    const [, amount, unit] = /([\d.]+)\s*(KiB|kB)/.exec(limit);
    const budget = amount * (unit === 'KiB' ? 1024 : 1000);
    const sizes = scripts.map(({ url, body }) => ({
      file: new URL(url).pathname,
      bytes: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
    }));
    const total = sizes.reduce((sum, { gzip }) => sum + gzip, 0);
    for (const { file, bytes, gzip } of sizes) console.log(`  ${file}: ${bytes} B, ${gzip} B gzip`);
    console.log(`  JavaScript a page with only <voix-feedback> loads: ${total} B gzip (budget ${budget} B)`);
    assert.ok(total <= budget, `${total} B gzip is over the ${budget} B budget`);
    const shift = await tab.evaluate(() => window.layoutShift);
    console.log(`  layout shift when the widget upgrades: ${shift}`);
    assert.ok(shift < 0.01, `cumulative layout shift ${shift}`);
    await context.close();
  });
});
