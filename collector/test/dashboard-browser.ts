// The dashboard in a real Chromium, for the tests that read it as people do: a collector on
// SQLite with the answers a test posts, the page opened at 320 px, and axe over it.
import { createRequire } from 'node:module';
import { after, before } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromeArgs, ensureChrome } from '../../scripts/find-chrome.mjs';
import type { Storage } from '../src/storage/storage.js';
import { ADMIN, backends, startCollector } from './support.js';

/** For one describe block: a collector holding what `post` sends it, and Chromium; read them inside the tests. */
export function dashboardOn(post: (url: string) => Promise<void>) {
  const running = {} as { url: string; browser: Browser; storage: Storage; close: () => Promise<void> };
  before(async () => {
    running.storage = await backends[0].open();
    Object.assign(running, await startCollector(running.storage));
    await post(running.url);
    running.browser = await chromium.launch({ executablePath: ensureChrome(), args: chromeArgs });
  });
  after(async () => {
    await running.browser?.close();
    await running.close?.();
    await running.storage?.close();
  });
  return running as Readonly<typeof running>;
}

/**
 * /admin on a 320 px wide screen, signed in as the browser does (Basic, the token as password);
 * `locale` the browser's language (its Accept-Language), French unless told.
 */
export async function openDashboard(browser: Browser, url: string, locale = 'fr-FR'): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 320, height: 640 },
    locale,
    httpCredentials: { username: 'equipe', password: ADMIN },
    // Only so that axe's script can be injected: the page itself is served with its strict CSP.
    bypassCSP: true,
  });
  const page = await context.newPage();
  const response = await page.goto(`${url}/admin`);
  if (response?.status() !== 200) throw new Error(`/admin answered ${response?.status()}`);
  return page;
}

/** axe's violations on the page, one line each: the rule and where. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const { violations } = await (globalThis as any).axe.run(document);
    return violations.map(
      (violation: { id: string; nodes: Array<{ target: string[] }> }) =>
        `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
  });
}

/** The page's width: more than the viewport's means horizontal scrolling (WCAG 1.4.10 reflow). */
export const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
