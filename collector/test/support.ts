import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { configFromEnv, type CollectorConfig } from '../src/config.js';
import { buildServer, type ServerOptions } from '../src/server.js';
import type { Storage } from '../src/storage/storage.js';
import { recountedPostgres, recountedSqlite, type RecountStorage } from './recount.js';

export const ADMIN = 'test-admin-token-of-24ch';
export const ALLOWED = 'https://www.ville-de-demo.fr';
/** The loopback networks, as VOIX_AGENT_NETWORKS lists them. */
export const LOOPBACK = '127.0.0.0/8,::1/128';

export interface Backend {
  name: string;
  /** A storage on a fresh, empty database. */
  open: () => Promise<RecountStorage>;
  /** Another storage on the database `open` last made (a second collector, or a restart). */
  reopen: () => Promise<RecountStorage>;
  /** Runs SQL on the database `open` last made, outside any storage. */
  exec: (sql: string) => Promise<void>;
}

let sqlitePath = '';
/** The storages the suite runs against: a real SQLite file, and PostgreSQL when a test database is given. */
export const backends: Backend[] = [
  {
    name: 'SQLite',
    open: async () => recountedSqlite((sqlitePath = join(mkdtempSync(join(tmpdir(), 'voix-')), 'voix.sqlite'))),
    reopen: async () => recountedSqlite(sqlitePath),
    exec: async (sql) => {
      const db = new Database(sqlitePath);
      db.exec(sql);
      db.close();
    },
  },
];
if (process.env.VOIX_TEST_DATABASE_URL) {
  // A schema per test file and run, emptied at each open and dropped after the file: files may run at
  // the same time, suites count rows, and two runs on one database (two checkouts) must not meet.
  const schema = `voix_test_${basename(process.argv[1] ?? 'main')
    .replace(/\W+/g, '_')
    .toLowerCase()}_${process.ppid}`;
  const url = new URL(process.env.VOIX_TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const exec = async (sql: string) => {
    const client = new pg.Client({ connectionString: url.href });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  after(() => exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
  backends.push({
    name: 'PostgreSQL',
    open: async () => {
      await exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
      return recountedPostgres(url.href);
    },
    reopen: () => recountedPostgres(url.href),
    exec,
  });
} else {
  console.log('# PostgreSQL suite skipped: set VOIX_TEST_DATABASE_URL (npm test and .ci/run do) to run it');
}

/** A collector listening on a loopback port, with a real storage. */
export async function startCollector(
  storage: Storage,
  overrides: Partial<CollectorConfig> = {},
  options: Pick<ServerOptions, 'now' | 'mailer' | 'reportError'> = {},
) {
  const config = {
    ...configFromEnv({
      VOIX_ADMIN_TOKEN: ADMIN,
      VOIX_ORIGINS: ALLOWED,
      VOIX_RATE_PER_CLIENT: '100000',
      VOIX_RATE_PER_SUBJECT: '100000',
      VOIX_RATE_RESULTS: '100000',
      // The tests' browsers and clients are the agents' network (loopback), their pages the intranet.
      VOIX_AGENT_NETWORKS: LOOPBACK,
      VOIX_AGENT_ORIGINS: ALLOWED,
    }),
    ...overrides,
  };
  const app = await buildServer({ config, storage, ...options });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => app.close(), app };
}

/**
 * For one describe block: a fresh storage of the backend and a collector on it, opened before its
 * tests and closed after them. Read `storage` and `url` inside the tests.
 */
export function collectorOn(backend: (typeof backends)[number], overrides: Partial<CollectorConfig> = {}) {
  const running = {} as { storage: RecountStorage; url: string; close: () => Promise<void> };
  before(async () => {
    running.storage = await backend.open();
    Object.assign(running, await startCollector(running.storage, overrides));
  });
  after(async () => {
    await running.close();
    await running.storage.close();
  });
  return running as Readonly<typeof running>;
}

export function envelope(
  overrides: { type?: string; subject?: string; answers?: Record<string, unknown>; id?: string; site?: string } = {},
) {
  const {
    type = 'voix.feedback',
    subject = '/demarches/etat-civil',
    answers = { useful: true },
    id = randomUUID(),
    site = 'ville-de-demo',
  } = overrides;
  return {
    specversion: '1.0',
    id,
    source: 'https://www.ville-de-demo.fr/demarches/etat-civil',
    type,
    subject,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    data: { site, placement: 'pied-de-page', locale: 'fr', widget: { name: 'voix-feedback', version: '0.1.0' }, answers },
  };
}

export function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const id = typeof body === 'object' && body && 'id' in body ? String((body as { id: string }).id) : undefined;
  return fetch(`${url}/v1/events`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/cloudevents+json', ...(id ? { 'Idempotency-Key': id } : {}), ...headers },
    body: text,
  });
}
