// `npm run bench:soak`: a benchmark, not a test. Holds the collector (SQLite in a temporary
// folder, or DATABASE_URL) at a steady SOAK_RATE answers a second (default 1,000) for
// SOAK_SECONDS (default 60), each a valid envelope with a fresh id, sent with autocannon, after a
// warm-up at the same rate (SOAK_WARMUP_SECONDS, default 5); then prints the errors (non-2xx,
// socket errors), p50 / p99 latency, throughput and the collector's memory at the start (after
// the warm-up), at the end and at its peak, with the rate and memory every 10 s on the way, so
// that a slow leak or a falling rate shows. Checks that the rows stored equal the 2xx answers
// (exit 1 otherwise). `--write` puts the figures in docs/benchmarks.md ("Soak").
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  freePort,
  machine,
  peakRssMegabytes,
  postEnvelopes,
  rssMegabytes,
  startCollector,
  storedAnswers,
  unlimitedCollector,
  writeBenchmarks,
} from './bench-support.mjs';

const rate = Number(process.env.SOAK_RATE ?? 1000);
const seconds = Number(process.env.SOAK_SECONDS ?? 60);
const connections = 32;
if (!(rate > 0 && seconds > 0)) throw new Error('SOAK_RATE and SOAK_SECONDS must be positive numbers.');

const port = await freePort();
const database = process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'SQLite (WAL) in a temporary folder';
const collector = await startCollector({
  PORT: String(port),
  VOIX_DB: join(mkdtempSync(join(tmpdir(), 'voix-soak-')), 'voix.sqlite'),
  VOIX_ORIGINS: '*',
  VOIX_ADMIN_TOKEN: 'soak-admin-token-of-24-ch',
  ...unlimitedCollector,
});
const { child, url } = collector;
const countBefore = await storedAnswers(url);
// Other work on the machine shows in the tail latency: say how busy it was.
const loadAtStart = loadavg()[0].toFixed(1);

// A cold collector (JIT, first SQLite pages) answers slowly for a few seconds: warm it up at the
// same rate first, so that the soak measures the steady state. Its rows count in the check.
const warmUpSeconds = Number(process.env.SOAK_WARMUP_SECONDS ?? 5);
const warmUp =
  warmUpSeconds > 0
    ? await postEnvelopes(url, { connections, amount: rate * warmUpSeconds, overallRate: rate })
    : { ok: 0, p99: '-', errors: 0 };
console.log(`warm-up: ${warmUpSeconds} s, p99 ${warmUp.p99} ms, ${warmUp.errors} errors`);

const rssStart = rssMegabytes(child.pid);

// One sample a second: requests answered in that second, and the collector's memory.
const samples = [];
console.log(`collector (${database}): ${rate} answers a second for ${seconds} s (load average ${loadAtStart})…`);
const result = await postEnvelopes(url, {
  connections,
  amount: rate * seconds,
  overallRate: rate,
  onInstance: (instance) =>
    instance.on('tick', ({ counter }) => {
      samples.push({ second: samples.length + 1, answered: counter, rss: rssMegabytes(child.pid) });
      if (samples.length % 10 === 0)
        console.log(`  ${samples.length} s: ${counter} answered in the last second, RSS ${samples.at(-1).rss} MB`);
    }),
});
const rssEnd = rssMegabytes(child.pid);
const rssPeak = peakRssMegabytes(child.pid);
const stored = (await storedAnswers(url)) - countBefore - warmUp.ok;
child.kill();

const storedOk = stored === result.ok;
const table = [
  '| answers sent | 2xx | non-2xx | socket errors | throughput (req/s) | p50 / p99 / max (ms) | RSS start → end (peak) (MB) | rows stored |',
  '|---|---|---|---|---|---|---|---|',
  `| ${result.total} | ${result.ok} | ${result.non2xx} | ${result.socketErrors} | ${result.throughput} | ${result.p50} / ${result.p99} / ${result.max} | ${rssStart} → ${rssEnd} (${rssPeak}) | ${stored} |`,
].join('\n');
const summary = [
  `Errors: ${result.errors} (goal: 0).`,
  `p99: ${result.p99} ms (goal: under 20 ms at 1,000 req/s).`,
  `Memory: ${rssStart} MB at start, ${rssEnd} MB at the end, ${rssPeak} MB at the peak.`,
  `Rows stored: ${stored}; 2xx answers: ${result.ok} (${storedOk ? 'equal' : 'DIFFERENT'}).`,
].join('\n');
console.log(`\n${table}\n\n${summary}`);

if (process.argv.includes('--write')) {
  writeBenchmarks(
    'Soak',
    `\`npm run bench:soak\` (scripts/bench-soak.mjs), ${new Date().toISOString().slice(0, 10)}, on ${machine()}.\n` +
      `autocannon, ${connections} connections, a steady ${rate} req/s for ${seconds} s (SOAK_RATE, SOAK_SECONDS), each a new feedback envelope with a fresh id. ` +
      `Collector: ${database}, one process, memory read from /proc (VmRSS, peak VmHWM). Load average of the machine at the start: ${loadAtStart}. ` +
      `After a warm-up of ${warmUpSeconds} s at the same rate (p99 ${warmUp.p99} ms, ${warmUp.errors} errors), not in the table.\n\n${table}\n\n${summary.replace(/\n/g, '  \n')}\n`,
  );
}
process.exit(storedOk ? 0 : 1);
