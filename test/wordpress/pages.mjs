// What the WordPress tests do in Chromium: a browser that reaches only this machine, logging in,
// gathering a page's errors, axe.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

/**
 * A French browser context that reaches only this machine: WordPress's admin bar asks Gravatar for
 * the user's picture, and a CI machine without internet may leave such a request hanging, with the
 * page's load event behind it.
 */
export async function browseHere(browser) {
  const context = await browser.newContext({ locale: 'fr-FR' });
  await context.route(
    (url) => !['127.0.0.1', 'localhost'].includes(url.hostname),
    (route) => route.abort('blockedbyclient'),
  );
  return context;
}

/**
 * Publishes the post open in the block editor (« Publier… », then « Publier »), opens it again as
 * it was saved (through KSES), and checks that WordPress finds none of its `blocks` blocks invalid.
 * Returns the published page's address and the saved content.
 */
export async function publishAndReopen(page, base, blocks) {
  await page.locator('.editor-post-publish-panel__toggle').click();
  await page.locator('.editor-post-publish-panel .editor-post-publish-button').click();
  const link = await page.locator('.post-publish-panel__postpublish-header a').first().getAttribute('href');
  assert.ok(link, 'the published page’s address');
  const id = await page.evaluate(() => globalThis.wp.data.select('core/editor').getCurrentPostId());
  await page.goto(`${base}/wp-admin/post.php?post=${id}&action=edit`);
  await page.waitForFunction((count) => globalThis.wp?.data?.select('core/block-editor').getBlocks().length === count, blocks);
  assert.equal(await page.locator('.block-editor-warning').count(), 0, 'no block WordPress finds invalid once saved');
  return { link, saved: await page.evaluate(() => globalThis.wp.data.select('core/editor').getEditedPostContent()) };
}

/**
 * The page's errors, console errors and failed requests, gathered. Not counted: the requests
 * browse() keeps from leaving the machine, and, in the editor, WordPress's own reads of what only
 * an administrator may see (the theme's templates, the site's settings: 403 for an Éditeur).
 */
export function watch(page) {
  const problems = [];
  const wordpressOwn = /\/wp-json\/wp\/v2\/(templates|settings)\b/;
  page.on('pageerror', (error) => problems.push(error.message));
  page.on(
    'console',
    (message) => message.type() === 'error' && !/^Failed to load resource/.test(message.text()) && problems.push(message.text()),
  );
  page.on('response', (response) => {
    if (response.status() >= 400 && !(response.status() === 403 && wordpressOwn.test(response.url())))
      problems.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  return problems;
}

/** Logs `user` in through wp-login.php, as a person does; lands in wp-admin or says why not. */
export async function logIn(page, base, { user, password }) {
  await page.goto(`${base}/wp-login.php`);
  // wp-login.php focuses and selects the name field 200 ms after it loads: typed meanwhile, the
  // password went into the name field (the CI failure, and one run in a few dozen here). So wait
  // for that focus, then type, and check what the fields hold.
  await page.waitForFunction(() => document.activeElement?.id === 'user_login', null, { timeout: 5_000 }).catch(() => {});
  await page.locator('#user_login').fill(user);
  await page.locator('#user_pass').fill(password);
  assert.equal(await page.locator('#user_login').inputValue(), user);
  assert.equal(await page.locator('#user_pass').inputValue(), password);
  // Every request from the click on, with its answer: says where a log-in that never lands stopped.
  const requests = [];
  const sent = (request) => requests.push({ request, status: 'unanswered' });
  const answered = (request) => {
    const entry = requests.find((candidate) => candidate.request === request);
    if (entry) void request.response().then((response) => (entry.status = response?.status() ?? 'no response'));
  };
  const failed = (request) => {
    const entry = requests.find((candidate) => candidate.request === request);
    if (entry) entry.status = request.failure()?.errorText ?? 'failed';
  };
  page.on('request', sent);
  page.on('requestfinished', answered);
  page.on('requestfailed', failed);
  const landed = (timeout) =>
    page.waitForURL(/wp-admin/, { waitUntil: 'domcontentloaded', timeout }).then(
      () => true,
      () => false,
    );
  const story = () => requests.map(({ request, status }) => `${request.method()} ${request.url()} → ${status}`).join(', ') || 'no request';
  try {
    await page.locator('#wp-submit').click();
    if (await landed(30_000)) return;
    const said = await page
      .locator('#login_error')
      .innerText({ timeout: 1000 })
      .catch(() => '');
    throw new Error(`${user} could not log in: still at ${page.url()}${said ? `, WordPress says « ${said.trim()} »` : ''}; ${story()}`);
  } finally {
    page.off('request', sent);
    page.off('requestfinished', answered);
    page.off('requestfailed', failed);
  }
}

/**
 * axe's violations in the page (or in `selector`), one line each: the rule and where. The public
 * pages are checked in their <main> (title and content): Twenty Twenty-Four's navigation, around it,
 * has a violation of its own (`list`, WordPress 6.5), as the admin's bar and menu do.
 */
export async function axeViolations(page, selector) {
  await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
  return page.evaluate(async (selector) => {
    const { violations } = await globalThis.axe.run(selector ? { include: [selector] } : document);
    return violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target}`));
  }, selector);
}
