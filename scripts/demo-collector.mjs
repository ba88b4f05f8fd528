// For the end-to-end tests: the built collector with the demo commune on a loopback port, on a
// fresh SQLite file, and a headless Chromium to open its pages.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { configFromEnv } from '../collector/dist/config.js';
import { demoSite } from '../collector/dist/demo.js';
import { buildServer } from '../collector/dist/server.js';
import { openSqlite } from '../collector/dist/storage/sqlite.js';
import { chromeArgs, ensureChrome } from './find-chrome.mjs';

/**
 * @param {string} token the admin token (dashboard, exports)
 * @param {Record<string, string>} [env] more settings, as environment variables (VOIX_SMTP_URL…)
 */
export async function startDemoCollector(token, env = {}) {
  const storage = openSqlite(join(mkdtempSync(join(tmpdir(), 'voix-e2e-')), 'voix.sqlite'));
  const app = await buildServer({ config: configFromEnv({ VOIX_ADMIN_TOKEN: token, ...env }), storage });
  await app.register(demoSite);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await chromium.launch({ executablePath: ensureChrome(), args: chromeArgs });
  return {
    storage,
    browser,
    base: `http://127.0.0.1:${app.server.address().port}`,
    async close() {
      await browser.close();
      await app.close();
      await storage.close();
    },
  };
}
