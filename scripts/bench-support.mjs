// What the benchmarks (bench-collector.mjs, bench-soak.mjs) and the fault suite (test-faults.mjs)
// share: a free port, the built collector as a child process, its memory, fresh envelopes sent
// with autocannon, and docs/benchmarks.md written one part at a time.
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, totalmem } from 'node:os';

export const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const statusKilobytes = (pid, field) => {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
};
/** Resident memory now, in MB (Linux). */
export const rssMegabytes = (pid) => statusKilobytes(pid, 'VmRSS');
/** The highest resident memory the process has had, in MB (Linux). */
export const peakRssMegabytes = (pid) => statusKilobytes(pid, 'VmHWM');

/** Waits until `${url}/healthz` answers; throws after about ten seconds, or when the child exits. */
export async function waitForHealth(url, child, name = 'the server') {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited (${child.exitCode ?? child.signalCode})`);
    try {
      await fetch(`${url}/healthz`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`${name} did not start`);
}

/**
 * Rate limits far above any load these scripts make (a load test, not a test of the limits):
 * the collector accepts at most 1,000,000 answers a minute for each.
 */
export const unlimitedCollector = { VOIX_RATE_PER_CLIENT: '1000000', VOIX_RATE_PER_SUBJECT: '1000000' };

/**
 * Starts the built collector (collector/dist/main.js) as a child process on `env.PORT` and
 * resolves once it answers. `quiet` drops its standard output (the start banner); `main` and
 * `execArgv` start another one (a collector's sources, with `--import tsx`).
 */
export async function startCollector(env, { quiet = true, main = 'collector/dist/main.js', execArgv = process.execArgv } = {}) {
  const child = fork(main, [], {
    execArgv,
    env: { ...process.env, ...env },
    stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit', 'ipc'],
  });
  const url = `http://127.0.0.1:${env.PORT}`;
  await waitForHealth(url, child, 'the collector');
  return { name: 'collector', child, url };
}

/** The number of answers the collector holds. */
export const storedAnswers = async (url) => (await (await fetch(`${url}/healthz`)).json()).answers;

/** A valid feedback envelope with a fresh id, as its JSON text. */
export function envelope() {
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
      data: {
        site: 'ville-de-demo',
        placement: 'pied-de-page',
        locale: 'fr',
        widget: { name: 'voix-feedback', version: '0.1.0' },
        answers: { useful: false, reasons: ['incomplete'], comment: 'Il manque les horaires du samedi.' },
      },
    }),
  };
}

/**
 * Posts fresh envelopes with autocannon (`options`: amount, overallRate, duration…) and sums up
 * what came back. `onInstance` gets the running autocannon instance (to listen to its ticks).
 */
export async function postEnvelopes(url, { connections, onInstance, ...options }) {
  const instance = autocannon({
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
  onInstance?.(instance);
  const result = await instance;
  return {
    throughput: Math.round(result.requests.total / result.duration),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    ok: result['2xx'],
    non2xx: result.non2xx,
    socketErrors: result.errors + result.timeouts,
    errors: result.errors + result.timeouts + result.non2xx,
    total: result.requests.total,
  };
}

export const machine = () =>
  `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`;

const BENCHMARKS = 'docs/benchmarks.md';

/**
 * Writes one part of docs/benchmarks.md and keeps the others: `heading` null is the top part
 * (up to the first `## ` heading), otherwise the `## heading` section, added at the end if new.
 */
export function writeBenchmarks(heading, text) {
  const current = existsSync(BENCHMARKS) ? readFileSync(BENCHMARKS, 'utf8') : '';
  const parts = current.split(/^(?=## )/m);
  if (parts[0].startsWith('## ')) parts.unshift('');
  const part = heading === null ? text : `## ${heading}\n\n${text}`;
  const index = heading === null ? 0 : parts.findIndex((section) => section.startsWith(`## ${heading}\n`));
  if (index >= 0) parts[index] = part;
  else parts.push(part);
  writeFileSync(
    BENCHMARKS,
    `${parts
      .map((section) => section.trim())
      .filter(Boolean)
      .join('\n\n')}\n`,
  );
  console.log(`\nwritten to ${BENCHMARKS}${heading ? ` (${heading})` : ''}`);
}
