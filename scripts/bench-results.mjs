// `npm run bench:results`: a benchmark, not a test (issue 8). Run with `node --import tsx`: it
// reads the collector's sources (and dist/, the library's scrubber, which npm run build makes), today's and those of
// the commit before the counters.
//  0. Inserts/s through the storage alone (no HTTP), with counters and before them, 100,000 feedback
//     answers in batches of 1,000, alternated BENCH_ROUNDS times (default 4), medians.
//  1. Stores BENCH_ANSWERS (default 1,000,000) poll votes on one subject through the storage's own
//     insert (counters included), in batches, not through HTTP.
//  2. Starts the collector on that database and asks for the subject's results for BENCH_RESULTS_SECONDS
//     (default 10) from 4 clients in a loop: p50 / p99 (goal: p99 under 5 ms). For scale, one recount
//     of every answer (aggregate(), what each request cost before the counters).
//  3. Insert throughput with counters against the collector before them (goal: at least 90 %): the
//     HTTP load of bench:collector for BENCH_INSERT_SECONDS (default 8) on each, alternated
//     BENCH_ROUNDS times, medians.
// SQLite only (the default store, one machine). `--write` puts the figures in docs/benchmarks.md.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import http from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { freePort, machine, postEnvelopes, startCollector, unlimitedCollector, writeBenchmarks } from './bench-support.mjs';

const answerCount = Number(process.env.BENCH_ANSWERS ?? 1_000_000);
const resultsSeconds = Number(process.env.BENCH_RESULTS_SECONDS ?? 10);
const insertSeconds = Number(process.env.BENCH_INSERT_SECONDS ?? 8);
const rounds = Number(process.env.BENCH_ROUNDS ?? 4);
const warmUpSeconds = 3;
const storageInserts = 100_000;
const resultsClients = 4;
const connections = 32;
const subject = '/parc-naturel-urbain/priorites';
const options = ['jardins-partages', 'pistes-cyclables', 'zones-humides', 'vergers', 'aires-de-jeux'];

const temporary = (name) => join(mkdtempSync(join(tmpdir(), `voix-bench-${name}-`)), 'voix.sqlite');
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round((sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2);
};
const percentile = (sorted, share) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))];
const ms = (value) => value.toFixed(2);

// The collector before the counters: its sources from git, next to today's node_modules and dist/.
const counters = execFileSync('git', ['log', '-1', '--format=%H', '--diff-filter=A', '--', 'collector/src/storage/counters.ts'], {
  encoding: 'utf8',
}).trim();
const base = process.env.BENCH_BASE ?? `${counters}^`;
const baseDir = mkdtempSync(join(tmpdir(), 'voix-bench-base-'));
execFileSync('sh', ['-c', `git archive ${base} collector/package.json collector/src schemas | tar -x -C ${baseDir}`]);
for (const shared of ['node_modules', 'dist']) symlinkSync(resolve(shared), join(baseDir, shared));
const loadAtStart = loadavg()[0].toFixed(1);
const baseCommit = execFileSync('git', ['rev-parse', '--short', base], { encoding: 'utf8' }).trim();

const { openSqlite } = await import('../collector/src/storage/sqlite.ts');
const { openSqlite: openBaseSqlite } = await import(join(baseDir, 'collector/src/storage/sqlite.ts'));
// The reference recount and the answers it reads: test code, not the collector's.
const { aggregate, recountedSqlite } = await import('../collector/test/recount.ts');

/** A stored answer as the envelope reader makes it. */
function row(index, { type = 'voix.poll.vote', answers } = {}) {
  const now = new Date().toISOString();
  return {
    id: `bench-${index}`,
    type,
    subject,
    site: index % 3 ? 'ville-de-strasbourg' : 'eurometropole',
    placement: 'parc',
    locale: 'fr',
    widget: 'voix-poll',
    widgetVersion: '0.1.0',
    source: 'https://www.strasbourg.eu/parc-naturel-urbain',
    time: now,
    receivedAt: now,
    answers: answers ?? { choices: index % 4 ? [options[index % 5]] : [options[index % 5], options[(index + 2) % 5]] },
    audience: null,
    definition: null,
    hash: `h${index}`,
  };
}

/** Inserts `count` rows through `storage.insert`, `batch` at a time (one transaction each); inserts per second. */
async function insertAll(storage, count, batch, make = row) {
  const start = performance.now();
  for (let first = 0; first < count; first += batch) {
    const results = await Promise.all(
      Array.from({ length: Math.min(batch, count - first) }, (_, offset) => storage.insert(make(first + offset))),
    );
    if (!results.every((result) => result.inserted)) throw new Error('an answer was not inserted');
  }
  return Math.round(count / ((performance.now() - start) / 1000));
}

// ---- 0. Inserts through the storages alone, first: before a million answers fill the heap ----
// Who goes first alternates from round to round, so that a machine getting busier or quieter
// (other work on it) does not favour one side.
const inTurn = (round, pair) => (round % 2 ? pair : [...pair].reverse());
const feedback = (index) => row(index, { type: 'voix.feedback', answers: { useful: index % 2 === 0, reasons: ['incomplete'] } });
const storageRates = { counters: [], before: [] };
for (let round = 1; round <= rounds; round++) {
  for (const [name, open] of inTurn(round, [
    ['counters', openSqlite],
    ['before', openBaseSqlite],
  ])) {
    const alone = open(temporary(`${name}-storage`));
    storageRates[name].push(await insertAll(alone, storageInserts, 1_000, feedback));
    await alone.close();
  }
  console.log(
    `round ${round}, the storage alone: ${storageRates.counters.at(-1)} inserts/s with counters, ${storageRates.before.at(-1)} before them`,
  );
}

// ---- 1. A million answers on one subject ----
const path = temporary('million');
const storage = recountedSqlite(path);
console.log(`storing ${answerCount} poll votes on ${subject}…`);
const fillRate = await insertAll(storage, answerCount, 5_000);
console.log(`  ${fillRate} answers/s through the storage (counters included)`);
const recountStart = performance.now();
const recounted = aggregate(subject, await storage.answersOf(subject), null);
const recountMs = performance.now() - recountStart;
console.log(`  one recount of every answer (aggregate(), the results before the counters): ${Math.round(recountMs)} ms`);
await storage.close();

// ---- 2. Results requests ----
const resultsPort = await freePort();
const fromSources = { main: 'collector/src/main.ts', execArgv: ['--import', 'tsx'] };
const collectorEnv = (port, db) => ({
  PORT: String(port),
  VOIX_DB: db,
  VOIX_ORIGINS: '*',
  VOIX_ADMIN_TOKEN: 'bench-admin-token-of-24ch',
  VOIX_RATE_RESULTS: '1000000',
  ...unlimitedCollector,
});
const collector = await startCollector(collectorEnv(resultsPort, path), fromSources);
const agent = new http.Agent({ keepAlive: true, maxSockets: resultsClients });
const get = (url) =>
  new Promise((done, fail) =>
    http
      .get(url, { agent }, (response) => {
        const chunks = [];
        response
          .on('data', (chunk) => chunks.push(chunk))
          .on('end', () => done({ status: response.statusCode, body: Buffer.concat(chunks).toString() }));
      })
      .on('error', fail),
  );
const resultsUrl = `${collector.url}/v1/results/${encodeURIComponent(subject)}`;
const served = JSON.parse((await get(resultsUrl)).body);
const exact = served.total === answerCount && JSON.stringify(served.counts) === JSON.stringify(recounted.counts);
console.log(
  `results: total ${served.total}, counts ${exact ? 'equal to' : 'DIFFERENT from'} the recount; ${resultsClients} clients for ${resultsSeconds} s…`,
);
/** Asks for the results from every client in a loop for `seconds`: each request's time, and the failures. */
async function askResults(seconds) {
  const latencies = [];
  let failures = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: resultsClients }, async () => {
      while (performance.now() < until) {
        const start = performance.now();
        const { status } = await get(resultsUrl);
        latencies.push(performance.now() - start);
        if (status !== 200) failures++;
      }
    }),
  );
  return { latencies, failures };
}
// A warm-up first, not counted: a collector just started compiles its code as requests come.
await askResults(warmUpSeconds);
const { latencies, failures } = await askResults(resultsSeconds);
agent.destroy();
collector.child.kill();
latencies.sort((a, b) => a - b);
const results = {
  p50: percentile(latencies, 0.5),
  p99: percentile(latencies, 0.99),
  max: latencies.at(-1),
  perSecond: Math.round(latencies.length / resultsSeconds),
};
console.log(
  `  ${latencies.length} requests (${results.perSecond}/s), p50 ${ms(results.p50)} ms, p99 ${ms(results.p99)} ms, max ${ms(results.max)} ms, ${failures} not 200`,
);

// ---- 3. Insert throughput over HTTP, with counters and before them ----
const variants = { counters: { main: 'collector/src/main.ts' }, before: { main: join(baseDir, 'collector/src/main.ts') } };
const http201 = { counters: [], before: [] };
for (let round = 1; round <= rounds; round++) {
  for (const [name, { main }] of inTurn(round, Object.entries(variants))) {
    const port = await freePort();
    const target = await startCollector(collectorEnv(port, temporary(name)), { main, execArgv: ['--import', 'tsx'] });
    const load = await postEnvelopes(target.url, { connections, duration: insertSeconds });
    target.child.kill();
    if (load.errors) throw new Error(`${name}: ${load.errors} errors`);
    http201[name].push(load.throughput);
    console.log(
      `round ${round}, ${name === 'counters' ? 'with counters' : `before them (${baseCommit})`}: ${load.throughput} answers/s over HTTP, p99 ${load.p99} ms`,
    );
  }
}
const httpRatio = median(http201.counters) / median(http201.before);
const storageRatio = median(storageRates.counters) / median(storageRates.before);

const table = [
  '| | with counters | before them | ratio |',
  '|---|---|---|---|',
  `| HTTP, bench:collector's load for ${insertSeconds} s (answers/s, median of ${rounds}) | ${median(http201.counters)} | ${median(http201.before)} | ${Math.round(httpRatio * 100)} % |`,
  `| the storage alone, ${storageInserts} feedback answers in batches of 1,000 (inserts/s, median of ${rounds}) | ${median(storageRates.counters)} | ${median(storageRates.before)} | ${Math.round(storageRatio * 100)} % |`,
].join('\n');
const summary = [
  `Results at ${answerCount} answers: p50 ${ms(results.p50)} ms, p99 ${ms(results.p99)} ms (goal: p99 under 5 ms); ${results.perSecond} requests/s from ${resultsClients} clients; ${failures} errors; counts ${exact ? 'equal to' : 'DIFFERENT from'} a recount.`,
  `One recount of the ${answerCount} answers (the cost of each results request before the counters): ${Math.round(recountMs)} ms.`,
  `Insert throughput with counters: ${Math.round(httpRatio * 100)} % of the collector's before them over HTTP (goal: at least 90 %); the storage alone: ${Math.round(storageRatio * 100)} %.`,
].join('\n');
console.log(`\n${table}\n\n${summary}`);

if (process.argv.includes('--write')) {
  writeBenchmarks(
    'Results at a million answers',
    `\`npm run bench:results\` (scripts/bench-results.mjs), ${new Date().toISOString().slice(0, 10)}, on ${machine()}. SQLite (WAL) only: the default store; ` +
      `PostgreSQL keeps the same counters, read in one statement. Load average of the machine at the start: ${loadAtStart} (other work runs on it).\n` +
      `${answerCount} poll votes stored on one subject through the storage's insert (counters included, ${fillRate} answers/s), then ` +
      `GET /v1/results from ${resultsClients} clients in a loop for ${resultsSeconds} s after ${warmUpSeconds} s of warm-up (keep-alive, timed in the client). ` +
      `Insert throughput: the collector from its sources with counters, and as it was before them (${baseCommit}), each on a fresh database, alternated.\n\n` +
      `| results requests | p50 (ms) | p99 (ms) | max (ms) | requests/s |\n|---|---|---|---|---|\n` +
      `| ${answerCount} answers on the subject | ${ms(results.p50)} | ${ms(results.p99)} | ${ms(results.max)} | ${results.perSecond} |\n\n${table}\n\n${summary.replace(/\n/g, '  \n')}\n`,
  );
}
process.exit(exact && !failures && results.p99 < 5 && httpRatio >= 0.9 ? 0 : 1);
