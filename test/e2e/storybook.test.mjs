// The built Storybook (storybook-static, made by `npm test` before this file runs), as a designer
// opens it: each voix-feedback story renders its widget, not an empty canvas.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromeArgs, ensureChrome } from '../../scripts/find-chrome.mjs';

const folder = fileURLToPath(new URL('../../storybook-static/', import.meta.url));
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };
let server;
let browser;
let base;

before(async () => {
  assert.ok(existsSync(join(folder, 'index.json')), 'storybook-static is missing: run `npm run build-storybook` first');
  server = createServer((request, response) => {
    const path = normalize(join(folder, decodeURIComponent(new URL(request.url, 'http://x').pathname)));
    if (!path.startsWith(folder) || !existsSync(path) || path.endsWith('/')) return response.writeHead(404).end();
    response.writeHead(200, { 'Content-Type': types[extname(path)] ?? 'application/octet-stream' });
    response.end(readFileSync(path));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath: ensureChrome(), args: chromeArgs });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe('the built Storybook', () => {
  it('renders every voix-feedback story with its widget', async () => {
    const { entries } = JSON.parse(readFileSync(join(folder, 'index.json'), 'utf8'));
    const stories = Object.values(entries).filter((entry) => entry.type === 'story' && entry.title === 'Widgets/voix-feedback');
    assert.ok(stories.length >= 7, `${stories.length} feedback stories`);
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    for (const { id } of stories) {
      await page.goto(`${base}/iframe.html?id=${id}&viewMode=story`);
      const state = page.locator('voix-feedback');
      await state.waitFor({ timeout: 15_000 });
      await page.waitForFunction(() => document.querySelector('voix-feedback')?.hasAttribute('state'), null, { timeout: 15_000 });
      console.log(`  ${id}: state=${await state.getAttribute('state')}`);
    }
    assert.deepEqual(errors, []);
    await page.close();
  });
});
