// For the end-to-end tests: the built collector with the demo commune on a loopback port, on a
// fresh SQLite file, and a headless Chromium to open its pages.
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { configFromEnv } from '../collector/dist/config.js';
import { DEMO_AGENT_NETWORKS, DEMO_SUBJECTS, demoSite } from '../collector/dist/demo.js';
import { buildServer } from '../collector/dist/server.js';
import { openSqlite } from '../collector/dist/storage/sqlite.js';
import { chromeArgs, ensureChrome } from './find-chrome.mjs';

/** A loopback port free a moment ago. */
const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer().on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/**
 * @param {string} token the admin token (dashboard, exports)
 * @param {Record<string, string>} [env] more settings, as environment variables (VOIX_SMTP_URL…)
 */
export async function startDemoCollector(token, env = {}) {
  const storage = openSqlite(join(mkdtempSync(join(tmpdir(), 'voix-e2e-')), 'voix.sqlite'));
  // With SMTP, the collector needs its public address (where confirmation links lead): a port chosen first.
  const port = env.VOIX_SMTP_URL ? await freePort() : 0;
  const links = port ? { VOIX_PUBLIC_URL: `http://127.0.0.1:${port}` } : {};
  // The demo commune's declared subjects and agents' network, as `npm start` has them.
  const demo = { VOIX_SUBJECTS: DEMO_SUBJECTS, VOIX_AGENT_NETWORKS: DEMO_AGENT_NETWORKS };
  const app = await buildServer({ config: configFromEnv({ VOIX_ADMIN_TOKEN: token, ...demo, ...links, ...env }), storage });
  await app.register(demoSite);
  await app.listen({ host: '127.0.0.1', port });
  const browser = await chromium.launch({ executablePath: ensureChrome(), args: chromeArgs });
  return {
    storage,
    browser,
    base: `http://127.0.0.1:${app.server.address().port}`,
    /**
     * A tab of its own (another person, another device) on `path`, recording console errors and
     * the envelopes it posts. `html`: the page a webmaster writes, served at `path` from the
     * collector's origin instead of a demo page.
     */
    async open(path, { html, viewport, locale = 'fr-FR' } = {}) {
      const base = `http://127.0.0.1:${app.server.address().port}`;
      const context = await browser.newContext({ locale, ...(viewport && { viewport }) });
      const page = await context.newPage();
      const problems = [];
      const posted = [];
      page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
      page.on('pageerror', (error) => problems.push(error.message));
      // The envelopes only, not the form of a confirmation page (action=confirm).
      const isEnvelope = (request) => request.method() === 'POST' && !/\/v1\/confirm\//.test(request.url());
      page.on('request', (request) => isEnvelope(request) && posted.push(JSON.parse(request.postData())));
      if (html) await page.route(`${base}${path}`, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
      await page.goto(`${base}${path}`);
      return { context, page, problems, posted };
    },
    async close() {
      await browser.close();
      await app.close();
      await storage.close();
    },
  };
}

/** What has focus, inside shadow roots: its label's text (or its own), its part and its host's tag. */
export const focusedControl = (page) =>
  page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    return {
      text: (element?.labels?.[0]?.textContent ?? element?.textContent ?? '').trim(),
      part: element?.getAttribute('part'),
      host: element?.getRootNode().host?.localName,
    };
  });

/** Presses `key` (Tab) until the focused control is named `name`, as a keyboard user would. */
export async function tabTo(page, name, key = 'Tab') {
  for (let presses = 0; presses < 80; presses++) {
    await page.keyboard.press(key);
    if ((await focusedControl(page)).text === name) return;
  }
  throw new Error(`never reached "${name}" with ${key}`);
}
