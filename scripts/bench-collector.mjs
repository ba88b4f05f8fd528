// `npm run bench:collector`: a benchmark, not a test. Sends envelopes with autocannon, each with
// a fresh id, at full speed and then at a fixed 1,000 requests a second, against the collector
// (SQLite in a temporary folder, or DATABASE_URL) and, in the same run, against a bare Node HTTP
// server that answers 201 without work. Prints throughput, latency, errors, memory before and
// after, and checks that the rows stored equal the 2xx answers. `--write` puts the figures in
// docs/benchmarks.md. Each phase sends a set number of requests and waits for every answer, so
// that rows and 2xx can be compared: BENCH_FULL_REQUESTS (default 20,000) at full speed, then
// BENCH_RATE_SECONDS (default 60) × 1,000 at the fixed rate.
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';

const fullRequests = Number(process.env.BENCH_FULL_REQUESTS ?? 20_000);
const rateSeconds = Number(process.env.BENCH_RATE_SECONDS ?? 60);
const rate = 1000;
const connections = 32;

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const rssMegabytes = (pid) => {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
};

async function start(name, script, args, env) {
  const child = fork(script, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const url = `http://127.0.0.1:${env.PORT ?? args[0]}`;
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`${url}/healthz`);
      return { name, child, url };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`${name} did not start`);
}

function envelope() {
  const id = randomUUID();
  return {
    id,
    body: JSON.stringify({
      specversion: '1.0',
      id,
      source: 'https://www.ville-de-demo.fr/demarches/etat-civil',
      type: 'voix.feedback',
      subject: '/demarches/etat-civil',
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      data: { site: 'ville-de-demo', placement: 'pied-de-page', locale: 'fr', widget: { name: 'voix-feedback', version: '0.1.0' }, answers: { useful: false, reasons: ['incomplete'], comment: 'Il manque les horaires du samedi.' } },
    }),
  };
}

async function load(url, options) {
  const result = await autocannon({
    url,
    connections,
    ...options,
    requests: [
      {
        method: 'POST',
        path: '/v1/events',
        setupRequest: (request) => {
          const { id, body } = envelope();
          return { ...request, body, headers: { 'Content-Type': 'application/cloudevents+json', 'Idempotency-Key': id } };
        },
      },
    ],
  });
  return {
    throughput: Math.round(result.requests.total / result.duration),
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    errors: result.errors + result.timeouts + result.non2xx,
    total: result.requests.total,
  };
}

const answers = async (url) => (await (await fetch(`${url}/healthz`)).json()).answers;

const collectorPort = await freePort();
const barePort = await freePort();
const targets = [
  await start('collector', 'collector/dist/main.js', [], {
    PORT: String(collectorPort),
    VOIX_DB: join(mkdtempSync(join(tmpdir(), 'voix-bench-')), 'voix.sqlite'),
    VOIX_ORIGINS: '*',
    VOIX_ADMIN_TOKEN: 'bench',
    VOIX_RATE_PER_CLIENT: '100000000',
    VOIX_RATE_PER_SUBJECT: '100000000',
  }),
];
const bare = fork('scripts/bench-bare-server.mjs', [String(barePort)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
await new Promise((resolve) => bare.once('message', resolve));
targets.push({ name: 'bare Node server', child: bare, url: `http://127.0.0.1:${barePort}` });

const rows = [];
for (const { name, child, url } of targets) {
  const before = rssMegabytes(child.pid);
  const countBefore = name === 'collector' ? await answers(url) : 0;
  console.log(`${name}: ${fullRequests} requests at full speed…`);
  const full = await load(url, { amount: fullRequests });
  console.log(`${name}: ${rate} req/s for ${rateSeconds} s…`);
  const fixed = await load(url, { amount: rate * rateSeconds, overallRate: rate });
  const after = rssMegabytes(child.pid);
  const stored = name === 'collector' ? (await answers(url)) - countBefore : undefined;
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
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`;
  writeFileSync(
    'docs/benchmarks.md',
    `# Benchmarks\n\n\`npm run bench:collector\` (scripts/bench-collector.mjs), ${new Date().toISOString().slice(0, 10)}, on ${machine}.\n` +
      `autocannon, ${connections} connections, in the same process tree as the servers (one machine: the load generator takes CPU too).\n` +
      `Each request is a new feedback envelope (~600 bytes, fresh id). Collector: SQLite (WAL) in a temporary folder.\n` +
      `Phases: ${fullRequests} requests at full speed, then a fixed ${rate} req/s for ${rateSeconds} s, for each target in turn.\n\n${table}\n\n${summary.replace(/\n/g, '  \n')}\n`,
  );
  console.log('\nwritten to docs/benchmarks.md');
}
process.exit(storedOk ? 0 : 1);
