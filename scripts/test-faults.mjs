// `npm run test:faults`: are answers delivered exactly once when the network and the collector
// misbehave? Real Chromium (playwright-core) opens pages of another origin that hold the built
// script-tag widgets (dist/cdn/voix.js) and answers through them, with clicks, in two tabs of one
// browser context (they share one outbox) and in a third page whose localStorage refuses writes.
// Between the pages and the real collector (collector/dist/main.js, a child process) sits a small
// proxy of ours that injects the faults: 503 bursts (with and without Retry-After), a flapping
// endpoint (every other answer fails, half of those after the collector stored it), slow answers
// while the page reloads, and the collector killed (SIGKILL) mid-burst then restarted on the same
// database; the browser also goes offline. Once the faults stop, the outboxes are drained
// (an `online` event makes them send everything) and the collector's NDJSON export is compared
// with the ids the pages announced (`voix-submit`). Runs on SQLite and, when
// VOIX_TEST_DATABASE_URL is set, on that PostgreSQL database too (counting only this run's rows).
// Exit 1 on any loss or duplicate. FAULTS_ONE_TAB=1 answers in tab A only (a control: do the
// losses need two tabs?).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { freePort, startCollector, unlimitedCollector } from './bench-support.mjs';
import { chromeArgs, ensureChrome } from './find-chrome.mjs';

const root = new URL('../', import.meta.url);
const ADMIN_TOKEN = `faults-${randomBytes(12).toString('hex')}`;
/** The whole run may not take longer than this: a stuck browser or collector fails the suite. */
const DEADLINE_MS = Number(process.env.FAULTS_DEADLINE_SECONDS ?? 300) * 1000;
const started = Date.now();
const deadline = setTimeout(() => {
  console.error(`faults: over ${DEADLINE_MS / 1000} s, stopped`);
  process.exit(1);
}, DEADLINE_MS);
deadline.unref();

/** Child processes to end if the run stops early. */
const children = new Set();
process.on('exit', () => children.forEach((child) => child.kill('SIGKILL')));

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition, timeout) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (await condition()) return true;
    await pause(100);
  }
  return false;
}

/** The site: one page per tab, each adding fresh widgets (fresh subjects) on demand. */
async function serveSite(endpoint, run) {
  const page = `<!doctype html>
<html lang="fr">
  <head><meta charset="utf-8"><title>Pannes</title><script type="module" src="/cdn/voix.js"></script></head>
  <body>
    <main id="widgets"></main>
    <script>
      // Each call replaces the widgets with new ones whose subjects nobody has answered yet.
      window.addWidgets = (scenario, count) => {
        const load = Math.random().toString(36).slice(2, 8);
        const widgets = [];
        for (let n = 0; n < count; n++) {
          const widget = document.createElement('voix-feedback');
          widget.setAttribute('endpoint', ${JSON.stringify(`${endpoint}/v1/events`)});
          widget.setAttribute('subject', '/faults/${run}/' + scenario + location.pathname + '/' + load + '/' + n);
          widget.dataset.n = n;
          widgets.push(widget);
        }
        document.getElementById('widgets').replaceChildren(...widgets);
      };
    </script>
  </body>
</html>`;
  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url, 'http://localhost');
    if (pathname.startsWith('/cdn/')) {
      try {
        const body = readFileSync(new URL(`dist${pathname}`, root));
        response.writeHead(200, { 'Content-Type': pathname.endsWith('.css') ? 'text/css' : 'text/javascript' });
        return response.end(body);
      } catch {
        response.writeHead(404);
        return response.end();
      }
    }
    if (!pathname.startsWith('/faults/')) {
      response.writeHead(404);
      return response.end();
    }
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    response.end(page);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/**
 * The fault-injecting proxy in front of the collector. Modes, for POST /v1/events only
 * (preflights always go through, as a load balancer would pass them):
 * - pass: forwarded;
 * - burst: answered 503 (with `Retry-After: retryAfter` when set), never forwarded;
 * - flap: every other answer fails, alternately with a 503 before the collector sees it and
 *   with the connection cut after the collector stored it (the page never hears of it);
 * - slow: forwarded after `delayMs`.
 * When the collector is down, the proxy answers 502, as a load balancer does.
 */
async function startProxy(upstreamPort) {
  const stats = { posts: 0, rejected: 0, cutAfterStore: 0, upstreamDown: 0 };
  let mode = { name: 'pass' };
  const cors = (request) => ({
    'Access-Control-Allow-Origin': request.headers.origin ?? '*',
    'Access-Control-Expose-Headers': 'Retry-After',
  });
  const fail = (request, response, status, headers = {}) => {
    response.writeHead(status, { ...cors(request), 'Content-Type': 'application/json', ...headers });
    response.end(JSON.stringify({ error: 'fault', message: `injected ${status}` }));
  };
  const forward = (request, body, response, { cutAfter = false } = {}) => {
    const upstream = httpRequest(
      { host: '127.0.0.1', port: upstreamPort, method: request.method, path: request.url, headers: request.headers },
      (answer) => {
        if (cutAfter) {
          // The collector has answered (stored): the page never hears of it.
          answer.resume();
          answer.on('end', () => response.socket?.destroy());
          return;
        }
        response.writeHead(answer.statusCode, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => {
      stats.upstreamDown++;
      if (!response.headersSent) fail(request, response, 502);
      else response.socket?.destroy();
    });
    upstream.end(body);
  };
  const server = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', async () => {
      const body = Buffer.concat(chunks);
      if (request.method !== 'POST' || !request.url.startsWith('/v1/events')) return forward(request, body, response);
      const count = ++stats.posts;
      if (mode.name === 'burst') {
        stats.rejected++;
        return fail(request, response, 503, mode.retryAfter === undefined ? {} : { 'Retry-After': String(mode.retryAfter) });
      }
      if (mode.name === 'flap' && count % 2 === 1) {
        if (count % 4 === 1) {
          stats.rejected++;
          return fail(request, response, 503);
        }
        stats.cutAfterStore++;
        return forward(request, body, response, { cutAfter: true });
      }
      if (mode.name === 'slow') await pause(mode.delayMs);
      forward(request, body, response);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    stats,
    set: (next) => (mode = next),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * Clicks an answer in widget `n`: Oui, or (every third) Non then Envoyer. The click event is
 * dispatched on the button itself: a mouse click waits for a still frame (most of a second on a
 * busy two-core machine) and, without that wait, lands wherever the answered widgets above have
 * moved the button to.
 */
async function answer(tab, n) {
  const widget = tab.locator(`voix-feedback[data-n="${n}"]`);
  const click = (name) => widget.getByRole('button', { name }).dispatchEvent('click');
  if (n % 3 === 2) {
    await click('Non');
    await click('Envoyer');
  } else {
    await click('Oui');
  }
}

/** Answers widgets `from` to `to - 1` in each tab, the tabs taking turns. */
async function answerInTurn(tabs, from, to) {
  for (let n = from; n < to; n++) for (const tab of tabs) await answer(tab, n);
}

async function addWidgets(tabs, scenario, count) {
  for (const tab of tabs) {
    await tab.evaluate(([name, total]) => window.addWidgets(name, total), [scenario, count]);
    await tab.locator(`voix-feedback[data-n="${count - 1}"][state="idle"]`).waitFor();
  }
}

/** One whole run against one database; returns the figures. */
async function runOn(database, browser) {
  const run = randomBytes(4).toString('hex');
  const collectorPort = await freePort();
  const proxy = await startProxy(collectorPort);
  const site = await serveSite(proxy.url, run);
  const collectorEnv = {
    PORT: String(collectorPort),
    VOIX_ORIGINS: site.url,
    VOIX_ADMIN_TOKEN: ADMIN_TOKEN,
    ...unlimitedCollector,
    ...(database.url ? { DATABASE_URL: database.url } : { VOIX_DB: join(mkdtempSync(join(tmpdir(), 'voix-faults-')), 'voix.sqlite') }),
  };
  const startWatched = async () => {
    const started = await startCollector(collectorEnv);
    children.add(started.child);
    return started;
  };
  let collector = await startWatched();
  const since = new Date(Date.now() - 60_000).toISOString();

  /** Every voix-submit the pages announced: id -> { subject, scenario, events }. */
  const submitted = new Map();
  const scenarioOf = (subject) => subject.split('/')[3];
  const announced = [];
  const listen = async (context) => {
    // What the widgets said of each answer afterwards, to tell how a lost one was lost.
    await context.exposeFunction('voixEvent', (type, id, subject, status) => {
      if (type === 'voix-submit') {
        announced.push(id);
        submitted.set(id, { subject, scenario: scenarioOf(subject), events: [] });
      }
      submitted.get(id)?.events.push(status ? `${type} ${status}` : type);
    });
    await context.addInitScript(() => {
      for (const type of ['voix-submit', 'voix-sent', 'voix-queued', 'voix-error']) {
        addEventListener(type, ({ detail }) => {
          const envelope = detail.envelope ?? detail;
          window.voixEvent(type, envelope.id, envelope.subject, detail.status);
        });
      }
    });
  };

  const shared = await browser.newContext();
  await listen(shared);
  const tabA = await shared.newPage();
  const tabB = await shared.newPage();
  await tabA.goto(`${site.url}/faults/a`);
  await tabB.goto(`${site.url}/faults/b`);
  const tabs = process.env.FAULTS_ONE_TAB ? [tabA] : [tabA, tabB];

  const noStorage = await browser.newContext();
  await listen(noStorage);
  await noStorage.addInitScript(() => {
    Storage.prototype.setItem = () => {
      throw new DOMException('Storage is disabled', 'SecurityError');
    };
  });
  const tabC = await noStorage.newPage();
  await tabC.goto(`${site.url}/faults/c`);

  let clicks = 0;
  const answered = async (pages, from, to) => {
    await answerInTurn(pages, from, to);
    clicks += pages.length * (to - from);
  };

  /**
   * The faults have stopped: waits until the shared outbox is empty and no widget of the page
   * without storage waits any more; while they do not, makes every page send all it holds (the
   * outbox's `online` handler sends everything, whatever the backoff; an event rather than
   * setOffline, which would cut the sends in flight). What is still held after a few rounds
   * shows as a loss.
   */
  const drain = async () => {
    proxy.set({ name: 'pass' });
    const empty = async () =>
      (await tabA.evaluate(() => !Object.keys(localStorage).some((key) => key.startsWith('voix:outbox:')))) &&
      (await tabC.locator('voix-feedback[state="queued"], voix-feedback[state="sending"]').count()) === 0;
    for (let round = 0; round < 5; round++) {
      if (await until(empty, 2000)) return true;
      for (const tab of [tabA, tabB, tabC]) await tab.evaluate(() => dispatchEvent(new Event('online')));
    }
    return false;
  };

  // Named as in the subjects, so that the figures per scenario use the same names.
  const scenarios = {
    async normal() {
      await addWidgets(tabs, 'normal', 10);
      await answered(tabs, 0, 10);
    },
    async offline() {
      await addWidgets(tabs, 'offline', 15);
      await answered(tabs, 0, 5);
      await shared.setOffline(true);
      await answered(tabs, 5, 15);
      await shared.setOffline(false);
    },
    async 'retry-after'() {
      await addWidgets(tabs, 'retry-after', 15);
      proxy.set({ name: 'burst', retryAfter: 1 });
      await answered(tabs, 0, 15);
      // Let the timers try again (after 1 s) into the burst, then end it.
      await pause(1500);
    },
    async 'no-retry-after'() {
      await addWidgets(tabs, 'no-retry-after', 15);
      proxy.set({ name: 'burst' });
      await answered(tabs, 0, 15);
      await pause(1000);
    },
    async flapping() {
      await addWidgets(tabs, 'flapping', 20);
      proxy.set({ name: 'flap' });
      await answered(tabs, 0, 20);
      await pause(1500);
    },
    async reload() {
      for (let round = 0; round < 2; round++) {
        await addWidgets(tabs, 'reload', 10);
        proxy.set({ name: 'slow', delayMs: 1500 });
        await answered(tabs, 0, 10);
        // The answers are held by the proxy: reload both tabs under them.
        await Promise.all(tabs.map((tab) => tab.reload()));
      }
      proxy.set({ name: 'pass' });
      // The outbox sends what it kept when a widget loads: give the tabs widgets.
      await addWidgets(tabs, 'after-reload', 1);
    },
    async killed() {
      await addWidgets(tabs, 'killed', 15);
      await answered(tabs, 0, 6);
      collector.child.kill('SIGKILL');
      await new Promise((resolve) => collector.child.once('exit', resolve));
      await answered(tabs, 6, 15);
      collector = await startWatched();
    },
    async 'no-storage'() {
      await addWidgets([tabC], 'no-storage', 25);
      await answered([tabC], 0, 5);
      proxy.set({ name: 'burst', retryAfter: 1 });
      await answered([tabC], 5, 15);
      proxy.set({ name: 'flap' });
      await answered([tabC], 15, 25);
    },
  };

  const drained = {};
  for (const [name, play] of Object.entries(scenarios)) {
    const before = clicks;
    const begun = Date.now();
    await play();
    const played = Date.now();
    drained[name] = await drain();
    const seconds = (from, to = Date.now()) => ((to - from) / 1000).toFixed(1);
    console.log(
      `  ${name}: ${clicks - before} answers in ${seconds(begun, played)} s, drained in ${seconds(played)} s${drained[name] ? '' : ': outbox NOT drained'}`,
    );
  }

  // What the collector stored for this run.
  const response = await fetch(`${proxy.url.replace(/:\d+$/, `:${collectorPort}`)}/v1/export.ndjson?since=${encodeURIComponent(since)}`, {
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  if (!response.ok) throw new Error(`export: HTTP ${response.status}`);
  const rows = (await response.text())
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))
    .filter((row) => row.subject.startsWith(`/faults/${run}/`));

  await shared.close();
  await noStorage.close();
  collector.child.kill();
  await proxy.close();
  await site.close();
  return { clicks, announced, submitted, rows, drained, proxy: proxy.stats };
}

/** Sent, stored, duplicates, losses and unexpected, in all and per scenario. */
function tally({ clicks, announced, submitted, rows }) {
  const byId = new Map();
  const bySubject = new Map();
  for (const row of rows) {
    byId.set(row.id, (byId.get(row.id) ?? 0) + 1);
    bySubject.set(row.subject, (bySubject.get(row.subject) ?? 0) + 1);
  }
  const figures = new Map();
  const of = (scenario) => {
    if (!figures.has(scenario)) figures.set(scenario, { sent: 0, stored: 0, duplicates: 0, losses: 0, unexpected: 0 });
    return figures.get(scenario);
  };
  for (const [id, { subject, scenario }] of submitted) {
    const entry = of(scenario);
    entry.sent++;
    if (byId.has(id)) entry.stored++;
    else entry.losses++;
    // Each widget answers once: two rows for one subject are one answer stored twice.
    entry.duplicates += byId.get(id) - 1 || 0;
    entry.duplicates += Math.max(0, (bySubject.get(subject) ?? 0) - 1);
    bySubject.delete(subject);
  }
  for (const row of rows) if (!submitted.has(row.id)) of(row.subject.split('/')[3]).unexpected++;
  const total = { sent: 0, stored: 0, duplicates: 0, losses: 0, unexpected: 0 };
  for (const entry of figures.values()) for (const key of Object.keys(total)) total[key] += entry[key];
  // Announced twice for one click (a second voix-submit), or a click with no voix-submit at all.
  total.clicks = clicks;
  total.announcedTwice = announced.length - submitted.size;
  return { total, figures };
}

process.env.CHROME_PATH = ensureChrome();
const databases = [{ name: 'SQLite' }];
if (process.env.VOIX_TEST_DATABASE_URL) databases.push({ name: 'PostgreSQL', url: process.env.VOIX_TEST_DATABASE_URL });

const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH, args: chromeArgs });
let passed = 0;
let failed = 0;
try {
  for (const database of databases) {
    console.log(`\nfaults on ${database.name}:`);
    const result = await runOn(database, browser);
    const { total, figures } = tally(result);
    for (const [scenario, entry] of figures) {
      const ok = entry.losses === 0 && entry.duplicates === 0;
      if (ok) passed++;
      else failed++;
      console.log(
        `  ${ok ? '✔' : '✘'} ${scenario}: sent ${entry.sent}, stored ${entry.stored}, duplicates ${entry.duplicates}, losses ${entry.losses}, unexpected ${entry.unexpected}`,
      );
    }
    const lost = [...result.submitted].filter(([id]) => !result.rows.some((row) => row.id === id));
    for (const [id, { subject, events }] of lost.slice(0, 12)) console.log(`    lost: ${id} ${subject}: ${events.join(', ')}`);
    const { posts, rejected, cutAfterStore, upstreamDown } = result.proxy;
    console.log(
      `  proxy: ${posts} POSTs, ${rejected} answered 503 by the proxy, ${cutAfterStore} cut after the collector stored them, ${upstreamDown} with the collector down`,
    );
    console.log(
      `  ${database.name}: answers sent ${total.sent} (clicks ${total.clicks}), stored ${total.stored}, duplicates ${total.duplicates}, ` +
        `losses ${total.losses}, unexpected ${total.unexpected}${total.announcedTwice ? `, voix-submit twice for one id: ${total.announcedTwice}` : ''}`,
    );
    // Every click must have been announced once, else the suite did not test what it says.
    const minimum = process.env.FAULTS_ONE_TAB ? 0 : 200;
    if (total.sent !== total.clicks || total.sent < minimum) {
      failed++;
      console.log(`  ✘ ${total.clicks} clicks gave ${total.sent} announced answers (at least ${minimum}, one per click, expected)`);
    }
  }
} finally {
  await browser.close();
}
console.log(`\nfaults: ${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
process.exit(failed ? 1 : 0);
