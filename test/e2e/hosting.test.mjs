// Issue 17, item 2: the script-tag files served from another origin than the page (a CDN, the
// commune's static host), with and without the CORS header module scripts need, and a page whose
// CSP lists its Trusted Types policies, with and without lit-html. What docs/integration.md
// (« Héberger les fichiers ») tells a webmaster to set is what these pages set.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { chromeArgs, ensureChrome } from '../../scripts/find-chrome.mjs';
import { startLocalEndpoint } from '../../scripts/local-endpoint.mjs';

const root = new URL('../../', import.meta.url);
let endpoint;
let browser;
const servers = [];

/** A server on a loopback port of its own (its own origin): `/cdn/…` from dist/cdn, with `headers`, and `pages`. */
async function serve({ headers = {}, pages = new Map() } = {}) {
  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url, 'http://localhost');
    if (pathname.startsWith('/cdn/')) {
      try {
        const body = readFileSync(new URL(`dist${pathname}`, root));
        response.writeHead(200, { 'Content-Type': pathname.endsWith('.css') ? 'text/css' : 'text/javascript', ...headers });
        return response.end(body);
      } catch {
        response.writeHead(404);
        return response.end();
      }
    }
    const page = pages.get(pathname);
    response.writeHead(
      page ? 200 : pathname === '/favicon.ico' ? 204 : 404,
      page ? { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': page.csp } : {},
    );
    response.end(page?.html);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${server.address().port}`, pages };
}

/** The page a webmaster writes: the two tags from the files' host, and the element with its fallback. */
const page = (files, target) => `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Démarches</title>
<link rel="stylesheet" href="${files}/cdn/voix.css">
<script type="module" src="${files}/cdn/voix.js" crossorigin="anonymous"></script></head>
<body><main><h1>Acte de naissance</h1>
<voix-feedback endpoint="${target}"><a href="/contact">Donnez votre avis par écrit</a></voix-feedback></main></body></html>`;

/** The CSP docs/integration.md gives: the files' host in script-src and style-src, the endpoint in connect-src, Trusted Types required. */
const csp = (files, trustedTypes) =>
  [
    "default-src 'self'",
    `script-src 'self' ${files}`,
    `style-src 'self' ${files}`,
    `connect-src 'self' ${endpoint.url}`,
    "object-src 'none'",
    "base-uri 'none'",
    "require-trusted-types-for 'script'",
    ...(trustedTypes ? [`trusted-types ${trustedTypes}`] : []),
  ].join('; ');

/** Opens `url`, recording the console's errors; answers Oui when the widget is there. */
async function open(url) {
  const context = await browser.newContext();
  const tab = await context.newPage();
  const errors = [];
  tab.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  tab.on('pageerror', (error) => errors.push(error.message));
  await tab.goto(url);
  await tab.waitForLoadState('networkidle');
  const defined = await tab.evaluate(() => !!customElements.get('voix-feedback'));
  return { tab, context, errors, defined };
}

function channel() {
  const name = `hosting-${Math.random().toString(36).slice(2)}`;
  return {
    url: `${endpoint.url}/v1/events?channel=${name}`,
    received: async () => (await fetch(`${endpoint.url}/received?channel=${name}`)).json(),
  };
}

before(async () => {
  endpoint = await startLocalEndpoint();
  browser = await chromium.launch({ executablePath: ensureChrome(), args: chromeArgs });
});

after(async () => {
  await browser?.close();
  await endpoint?.close();
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
});

/** The files' host, the site with one page, and the page opened; `answered`: Oui pressed and the answer stored. */
async function scenario({ cors, trustedTypes }) {
  const files = await serve({ headers: cors ? { 'Access-Control-Allow-Origin': '*' } : {} });
  const site = await serve();
  const target = channel();
  site.pages.set('/acte', { html: page(files.url, target.url), csp: csp(files.url, trustedTypes) });
  const opened = await open(`${site.url}/acte`);
  let answered = false;
  if (opened.defined) {
    await opened.tab.getByRole('button', { name: 'Oui' }).click();
    await opened.tab.getByText('Merci pour votre avis').waitFor();
    answered = (await target.received()).stored.length === 1;
  }
  const fallback = await opened.tab.getByRole('link', { name: 'Donnez votre avis par écrit' }).isVisible();
  await opened.context.close();
  return { ...opened, answered, fallback };
}

describe('the script-tag files on another origin than the page', () => {
  it('work when their host sends Access-Control-Allow-Origin, under a CSP that requires Trusted Types', async () => {
    const { defined, answered, errors } = await scenario({ cors: true });
    assert.ok(defined && answered, 'the widget is there and the answer stored');
    assert.deepEqual(errors, []);
  });

  it('give no widget without the CORS header: the fallback stays, and the console says why', async () => {
    const { defined, fallback, errors } = await scenario({ cors: false });
    assert.equal(defined, false);
    assert.ok(fallback, 'the fallback link is what people get');
    assert.ok(
      errors.some((error) => /CORS policy/.test(error) && /Access-Control-Allow-Origin/.test(error)),
      `Chromium names the missing header: ${errors.join(' | ')}`,
    );
  });

  it('under a CSP listing its Trusted Types policies: with lit-html listed the widget works', async () => {
    const { defined, answered, errors } = await scenario({ cors: true, trustedTypes: 'commune-policy lit-html' });
    assert.ok(defined && answered);
    assert.deepEqual(errors, []);
  });

  it('without lit-html listed, Voix says in the console what to add, and the fallback stays', async () => {
    const { defined, fallback, errors } = await scenario({ cors: true, trustedTypes: 'commune-policy' });
    assert.equal(defined, false);
    assert.ok(fallback);
    assert.ok(
      errors.some((error) => /^Voix\b/.test(error) && /lit-html/.test(error) && /trusted-types/.test(error)),
      `a message of Voix's own naming the fix: ${errors.join(' | ')}`,
    );
  });
});
