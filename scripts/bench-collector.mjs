// `npm run bench:collector`: a benchmark, not a test. Sends envelopes with autocannon, each with
// a fresh id, at full speed and then at a fixed 1,000 requests a second, against the collector
// (SQLite in a temporary folder, or DATABASE_URL) and, in the same run, against a bare Node HTTP
// server that answers 201 without work. Prints throughput, latency, errors, memory before and
// after, and checks that the rows stored equal the 2xx answers. `--write` puts the figures in
// docs/benchmarks.md. Each phase sends a set number of requests and waits for every answer, so
// that rows and 2xx can be compared: BENCH_FULL_REQUESTS (default 20,000) at full speed, then
// BENCH_RATE_SECONDS (default 60) × 1,000 at the fixed rate.
import { fork } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  freePort,
  machine,
  postEnvelopes,
  rssMegabytes,
  startCollector,
  storedAnswers,
  unlimitedCollector,
  writeBenchmarks,
} from './bench-support.mjs';

const fullRequests = Number(process.env.BENCH_FULL_REQUESTS ?? 20_000);
const rateSeconds = Number(process.env.BENCH_RATE_SECONDS ?? 60);
const rate = 1000;
const connections = 32;

const load = (url, options) => postEnvelopes(url, { connections, ...options });

const collectorPort = await freePort();
const barePort = await freePort();
const targets = [
  await startCollector({
    PORT: String(collectorPort),
    VOIX_DB: join(mkdtempSync(join(tmpdir(), 'voix-bench-')), 'voix.sqlite'),
    VOIX_ORIGINS: '*',
    VOIX_ADMIN_TOKEN: 'bench-admin-token-of-24ch',
    ...unlimitedCollector,
  }),
];
const bare = fork('scripts/bench-bare-server.mjs', [String(barePort)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
await new Promise((resolve) => bare.once('message', resolve));
targets.push({ name: 'bare Node server', child: bare, url: `http://127.0.0.1:${barePort}` });

const rows = [];
for (const { name, child, url } of targets) {
  const before = rssMegabytes(child.pid);
  const countBefore = name === 'collector' ? await storedAnswers(url) : 0;
  console.log(`${name}: ${fullRequests} requests at full speed…`);
  const full = await load(url, { amount: fullRequests });
  console.log(`${name}: ${rate} req/s for ${rateSeconds} s…`);
  const fixed = await load(url, { amount: rate * rateSeconds, overallRate: rate });
  const after = rssMegabytes(child.pid);
  const stored = name === 'collector' ? (await storedAnswers(url)) - countBefore : undefined;
  rows.push({ name, full, fixed, before, after, stored });
}
for (const { child } of targets) child.kill();

const [collector, baseline] = rows;
const share = collector.full.throughput / baseline.full.throughput;
const storedOk = collector.stored === collector.full.ok + collector.fixed.ok;
const table = [
  '| target | full speed (req/s) | p50 / p99 at full speed (ms) | at 1,000 req/s: p50 / p99 (ms) | errors | memory before → after (MB) |',
  '|---|---|---|---|---|---|',
  ...rows.map(
    ({ name, full, fixed, before, after }) =>
      `| ${name} | ${full.throughput} | ${full.p50} / ${full.p99} | ${fixed.p50} / ${fixed.p99} | ${full.errors + fixed.errors} | ${before} → ${after} |`,
  ),
].join('\n');
const summary = [
  `Collector throughput: ${Math.round(share * 100)} % of the bare server's (goal: at least 50 %).`,
  `p99 at 1,000 req/s: ${collector.fixed.p99} ms (goal: under 20 ms).`,
  `Errors: ${collector.full.errors + collector.fixed.errors} (goal: 0).`,
  `Rows stored: ${collector.stored}; 2xx answers: ${collector.full.ok + collector.fixed.ok} (${storedOk ? 'equal' : 'DIFFERENT'}).`,
].join('\n');
console.log(`\n${table}\n\n${summary}`);

if (process.argv.includes('--write')) {
  writeBenchmarks(
    null,
    `# Benchmarks\n\n\`npm run bench:collector\` (scripts/bench-collector.mjs), ${new Date().toISOString().slice(0, 10)}, on ${machine()}.\n` +
      `autocannon, ${connections} connections, in the same process tree as the servers (one machine: the load generator takes CPU too).\n` +
      `Each request is a new feedback envelope (~600 bytes, fresh id). Collector: SQLite (WAL) in a temporary folder.\n` +
      `Phases: ${fullRequests} requests at full speed, then a fixed ${rate} req/s for ${rateSeconds} s, for each target in turn.\n\n${table}\n\n${summary.replace(/\n/g, '  \n')}\n`,
  );
}
process.exit(storedOk ? 0 : 1);
