import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { dirname } from 'node:path';
import { CounterBatch, type CounterRows } from '../results.js';
import { counterKinds, counterSelect, counterTables, counterUpsert } from './counters.js';
import { sqliteDialect } from './dialect.js';
import { COUNTERS_MIGRATION, migrationSql } from './migrations.js';
import { PULSE } from '../anonymity.js';
import { IDEA, retentionCutoff, signatureSql, subjectsSql } from './signatures.js';
import {
  EXPORT_BATCH, type ConfirmOutcome, type EventRow, type ExportFilter, type ExportRow, type InsertResult, type PetitionState, type Signature, type Storage,
} from './storage.js';

interface Row {
  seq: number;
  id: string;
  type: string;
  subject: string;
  site: string;
  placement: string | null;
  locale: string;
  widget: string;
  widget_version: string;
  source: string;
  time: string;
  received_at: string;
  answers: string;
  audience: string | null;
  definition: string | null;
  hash: string;
  personal?: string | null;
}

const toEvent = (row: Row): ExportRow => ({
  id: row.id,
  type: row.type,
  subject: row.subject,
  site: row.site,
  placement: row.placement,
  locale: row.locale,
  widget: row.widget,
  widgetVersion: row.widget_version,
  source: row.source,
  time: row.time,
  receivedAt: row.received_at,
  answers: JSON.parse(row.answers),
  audience: row.audience,
  definition: row.definition === null ? null : JSON.parse(row.definition),
  hash: row.hash,
  ...(row.personal ? { personal: JSON.parse(row.personal) } : {}),
});

/** SQLite through better-sqlite3, in WAL mode: one file, one machine. */
export function openSqlite(path: string): Storage {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Checkpoints (copying the WAL into the database, with an fsync) run in a worker thread on a
  // second connection, so that they never hold the event loop: the p99 latency stays low.
  const checkpointer = path === ':memory:' ? undefined : startCheckpointer(path);
  if (checkpointer) db.pragma('wal_autocheckpoint = 0');
  migrate(db);

  const insertEvent = db.prepare(
    `INSERT INTO events (id, type, subject, site, placement, locale, widget, widget_version, source, time, received_at, answers, audience, definition, hash)
     VALUES (@id, @type, @subject, @site, @placement, @locale, @widget, @widgetVersion, @source, @time, @receivedAt, @answers, @audience, @definition, @hash)
     ON CONFLICT (id) DO NOTHING`,
  );
  const insertPersonal = db.prepare('INSERT INTO personal_data (event_id, data) VALUES (?, ?)');
  const hashOf = db.prepare('SELECT hash FROM events WHERE id = ?').pluck();
  const sql = signatureSql(sqliteDialect);
  const addTerms = db.prepare(sql.addTerms);
  /**
   * Inserts an answer unless its id is stored; an answer inserted adds to `counters`, a replay does
   * not, and a petition's terms, when it carries them, become its latest (see signatureSql).
   */
  const insertOne = (row: EventRow, personal: Record<string, unknown> | undefined, counters: CounterBatch, receivedAt = row.receivedAt): InsertResult => {
    const { changes, lastInsertRowid } = insertEvent.run({
      ...row,
      answers: JSON.stringify(row.answers),
      audience: row.audience ?? null,
      definition: row.definition ? JSON.stringify(row.definition) : null,
    });
    if (!changes) return { inserted: false, hash: hashOf.get(row.id) as string };
    if (personal) insertPersonal.run(row.id, JSON.stringify(personal));
    if (row.petitionTerms) addTerms.run(row.subject, row.site, JSON.stringify(row.petitionTerms), receivedAt);
    counters.add(row, Number(lastInsertRowid));
    return { inserted: true };
  };
  const addCounters = counterWriter(db);

  const signing = {
    pendingHash: db.prepare(sql.pendingHash).pluck(),
    addSigner: db.prepare(sql.addSigner),
    signerEvent: db.prepare(sql.signerEvent).pluck(),
    addPending: db.prepare(sql.addPending),
  };
  /**
   * A signature with an e-mail address: a replay of its id (stored or pending) stays a replay;
   * another id for the same address on the same petition stores nothing.
   */
  const signOne = (row: EventRow, personal: Record<string, unknown> | undefined, signature: Signature, counters: CounterBatch): InsertResult => {
    const stored = hashOf.get(row.id) as string | undefined;
    if (stored !== undefined) return { inserted: false, hash: stored };
    const pending = signing.pendingHash.get(row.id) as string | undefined;
    if (pending !== undefined) return { inserted: false, hash: pending, pending: true };
    if (!signing.addSigner.run(row.subject, row.site, signature.signer, row.id).changes) return { inserted: false, alreadySigned: true };
    if (!signature.pending) return insertOne(row, personal, counters);
    const { tokenHash, expires } = signature.pending;
    signing.addPending.run(row.id, tokenHash, row.hash, JSON.stringify(row), personal ? JSON.stringify(personal) : null, expires, row.subject, row.site);
    return { inserted: true, pending: true };
  };
  const pendingByToken = db.prepare(sql.pendingByToken);
  const markConfirmed = db.prepare(sql.markConfirmed);
  const confirm = db.transaction((tokenHash: string, now: string): ConfirmOutcome => {
    const pending = pendingByToken.get(tokenHash) as { id: string; envelope: string | null; personal: string | null; expiresAt: string; confirmedAt: string | null } | undefined;
    if (!pending) return 'unknown';
    if (pending.confirmedAt) return 'used';
    if (pending.expiresAt <= now) return 'expired';
    markConfirmed.run(now, pending.id);
    const counters = new CounterBatch();
    const signed: EventRow = JSON.parse(pending.envelope!);
    insertOne({ ...signed, receivedAt: now }, pending.personal ? JSON.parse(pending.personal) : undefined, counters, signed.receivedAt);
    addCounters(counters.merged());
    return 'confirmed';
  });
  const statements = (...names: Array<keyof typeof sql>) => names.map((name) => db.prepare(sql[name]));
  const runAll = (list: Database.Statement[], value: string) => list.reduce((changes, statement) => changes + statement.run(value).changes, 0);
  const withdrawal = statements('withdrawSigner', 'withdrawPending');
  const erasure = statements('erasePersonal', 'erasePendingPersonal');
  const eraseIdeaContacts = db.prepare(
    `DELETE FROM personal_data WHERE lower(trim(json_extract(data, '$.email'))) = ? AND event_id IN (SELECT id FROM events WHERE type = '${IDEA}')`,
  );
  const [expiredSigners, expiredPending, usedTokens] = statements('expiredSigners', 'expiredPending', 'usedTokens');
  const [retainedPersonal, retainedIdeaContacts, retainedSigners] = statements('retainedPersonal', 'retainedIdeaContacts', 'retainedSigners');
  const purge = db.transaction((now: string, retentionDays?: number) => {
    expiredSigners.run(now);
    const expired = expiredPending.run(now).changes;
    usedTokens.run(now);
    if (retentionDays === undefined) return { expired, personal: 0 };
    const cutoff = retentionCutoff(now, retentionDays);
    const personal = retainedPersonal.run(cutoff, cutoff).changes + retainedIdeaContacts.run(cutoff).changes;
    retainedSigners.run(cutoff, cutoff);
    return { expired, personal };
  });

  // Answers that arrive together are written in one transaction (one commit instead of one per
  // answer): each is still inserted once, and each request is answered after its commit. The
  // counters of the answers inserted (not of replays) are added in the same transaction.
  type Pending = {
    row: EventRow;
    personal?: Record<string, unknown>;
    signature?: Signature;
    resolve: (result: InsertResult) => void;
    reject: (error: unknown) => void;
  };
  let queue: Pending[] = [];
  const writeQueue = db.transaction((batch: Pending[]) => {
    const counters = new CounterBatch();
    const results = batch.map(({ row, personal, signature }) => (signature ? signOne(row, personal, signature, counters) : insertOne(row, personal, counters)));
    addCounters(counters.merged());
    return results;
  });
  const flush = () => {
    const batch = queue;
    queue = [];
    try {
      writeQueue(batch).forEach((result, index) => batch[index].resolve(result));
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    }
  };
  const insert = (row: EventRow, personal?: Record<string, unknown>, signature?: Signature) =>
    new Promise<InsertResult>((resolve, reject) => {
      if (!queue.length) setImmediate(flush);
      queue.push({ row, personal, signature, resolve, reject });
    });
  const counterReads = counterKinds.map((kind) => ({
    kind,
    all: db.prepare(counterSelect(counterTables[kind], { subject: '@subject' })),
    one: db.prepare(counterSelect(counterTables[kind], { subject: '@subject', site: '@site' })),
  }));
  // Read in one transaction: the four tables as one commit left them.
  const readCounters = db.transaction(
    (subject: string, site?: string) =>
      Object.fromEntries(counterReads.map((statements) => [statements.kind, ofSubject(statements, subject, site)])) as unknown as CounterRows,
  );
  const waiting = { all: db.prepare(sql.waitingAll).pluck(), one: db.prepare(sql.waitingOne).pluck() };
  const terms = { all: db.prepare(sql.termsAll).pluck(), one: db.prepare(sql.termsOne).pluck() };
  // One read transaction: the pending count and the terms as one commit left them.
  const readPetition = db.transaction((subject: string, site: string | undefined, now: string): PetitionState => {
    const pending = (site === undefined ? waiting.all.get(subject, now) : waiting.one.get(subject, site, now)) as number;
    const stored = (site === undefined ? terms.all.get(subject) : terms.one.get(subject, site)) as string | undefined;
    return { pending, terms: stored === undefined ? null : JSON.parse(stored) };
  });
  const pollOthers = {
    count: db.prepare(`SELECT count(*) FROM events WHERE subject = ? AND type = 'voix.poll.vote' AND json_extract(answers, '$.other') IS NOT NULL`).pluck(),
    latest: db.prepare(
      `SELECT received_at AS receivedAt, locale, json_extract(answers, '$.other') AS text FROM events
       WHERE subject = ? AND type = 'voix.poll.vote' AND json_extract(answers, '$.other') IS NOT NULL ORDER BY seq DESC LIMIT ?`,
    ),
  };
  const latestAnswers = db.prepare(
    `SELECT received_at AS receivedAt, locale, answers FROM events
     WHERE subject = @subject AND type = @type AND EXISTS (SELECT 1 FROM json_each(events.answers) held WHERE held.key IN (SELECT value FROM json_each(@fields)))
     ORDER BY seq DESC LIMIT @limit`,
  );
  const totalsOf = db.prepare('SELECT subject, site, sum(answers) AS answers FROM result_totals WHERE type = ? GROUP BY subject, site');
  // A subject's counters on every site, or on one (sites choose their subjects; two may share /contact).
  const ofSubject = (statements: { all: Database.Statement; one: Database.Statement }, subject: string, site?: string) =>
    site === undefined ? statements.all.all({ subject }) : statements.one.all({ subject, site });
  const subjects = db.prepare(subjectsSql(sqliteDialect));
  const comments = db.prepare(
    `SELECT subject, locale, received_at AS receivedAt, json_extract(answers, '$.comment') AS comment FROM events
     WHERE json_extract(answers, '$.comment') IS NOT NULL AND type <> '${PULSE}' ORDER BY seq DESC LIMIT ?`,
  );
  const count = db.prepare('SELECT coalesce(sum(answers), 0) FROM result_totals').pluck();

  return {
    kind: 'sqlite',
    insert,
    confirm: async (tokenHash, now) => confirm(tokenHash, now),
    withdraw: async (id) => void db.transaction(() => runAll(withdrawal, id))(),
    erasePersonal: async (signer, email) => db.transaction(() => runAll(erasure, signer) + eraseIdeaContacts.run(email.trim().toLowerCase()).changes)(),
    purge: async (now, retentionDays) => purge(now, retentionDays),
    counters: async (subject, site) => readCounters(subject, site),
    petition: async (subject, site, now) => readPetition(subject, site, now),
    pollOthers: async (subject, limit) => ({
      count: pollOthers.count.get(subject) as number,
      latest: pollOthers.latest.all(subject, limit) as Array<{ receivedAt: string; text: string; locale: string }>,
    }),
    latestAnswers: async (subject, type, fields, limit) =>
      (latestAnswers.all({ subject, type, fields: JSON.stringify(fields), limit }) as Array<{ receivedAt: string; locale: string; answers: string }>).map((row) => ({
        ...row,
        answers: JSON.parse(row.answers),
      })),
    totalsOf: async (type) => totalsOf.all(type) as Awaited<ReturnType<Storage['totalsOf']>>,
    async *export(filter: ExportFilter) {
      const page = db.prepare(
        `SELECT e.*, ${filter.personal ? 'p.data' : 'NULL'} AS personal FROM events e
         LEFT JOIN personal_data p ON p.event_id = e.id
         WHERE e.seq > @after AND ${exportConditions(filter).where} ORDER BY e.seq LIMIT ${EXPORT_BATCH}`,
      );
      let after = 0;
      for (;;) {
        const rows = page.all({ ...exportConditions(filter).values, after }) as Row[];
        for (const row of rows) yield toEvent(row);
        if (rows.length < EXPORT_BATCH) return;
        after = rows[rows.length - 1].seq;
      }
    },
    async answerKeys(filter) {
      const { where, values } = exportConditions(filter);
      return db.prepare(`SELECT DISTINCT keys.key FROM events e, json_each(e.answers) keys WHERE ${where}`).pluck().all(values) as string[];
    },
    subjects: async () => subjects.all() as Awaited<ReturnType<Storage['subjects']>>,
    comments: async (limit) => comments.all(limit) as Awaited<ReturnType<Storage['comments']>>,
    count: async () => count.get() as number,
    async secret(name, candidate) {
      db.prepare('INSERT INTO secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING').run(name, candidate);
      return db.prepare('SELECT value FROM secrets WHERE name = ?').pluck().get(name) as string;
    },
    async close() {
      await checkpointer?.terminate();
      db.close();
    },
  };
}

/** The export's filter as SQL over `events e`, and the named values it binds (only those it uses). */
function exportConditions({ type, subject, since }: ExportFilter): { where: string; values: Record<string, string> } {
  const conditions = ['1 = 1'];
  const values: Record<string, string> = {};
  for (const [column, name, value] of [['e.type =', 'type', type], ['e.subject =', 'subject', subject], ['e.received_at >=', 'since', since]] as const) {
    if (value === undefined) continue;
    conditions.push(`${column} @${name}`);
    values[name] = value;
  }
  return { where: conditions.join(' AND '), values };
}

/** Adds counters to the stored ones (upserts of counters.ts), within the caller's transaction. */
function counterWriter(db: Database.Database): (counters: CounterRows) => void {
  const upserts = counterKinds.map((kind) => {
    const table = counterTables[kind];
    const values = `VALUES (${table.columns.map(([, field]) => `@${field}`).join(', ')})`;
    return { kind, statement: db.prepare(counterUpsert(table, values, sqliteDialect)) };
  });
  return (counters) => {
    for (const { kind, statement } of upserts) for (const counter of counters[kind]) statement.run(counter);
  };
}

/** Migration 4 on a database that holds answers: their counters, as if each had arrived since. */
function fillCounters(db: Database.Database): void {
  const counters = new CounterBatch();
  const rows = db.prepare('SELECT seq, type, subject, site, received_at AS receivedAt, answers, audience, definition FROM events ORDER BY seq');
  for (const row of rows.iterate() as Iterable<Row & { receivedAt: string }>) {
    counters.add({ ...row, answers: JSON.parse(row.answers), definition: row.definition === null ? null : JSON.parse(row.definition) }, row.seq);
  }
  counterWriter(db)(counters.merged());
}

function migrate(db: Database.Database): void {
  const schema = migrationSql(sqliteDialect);
  db.exec(schema.table);
  const applied = new Set(db.prepare(schema.applied).pluck().all() as number[]);
  db.transaction(() => {
    schema.steps.forEach((step, index) => {
      const version = index + 1;
      if (applied.has(version)) return;
      db.exec(step);
      if (version === COUNTERS_MIGRATION) fillCounters(db);
      db.prepare(schema.record).run(version, new Date().toISOString());
    });
  }).immediate();
}

const CHECKPOINT_EVERY_MS = 1000;

function startCheckpointer(path: string): Worker {
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     const db = new (require(workerData.module))(workerData.path);
     db.pragma('busy_timeout = 5000');
     setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), workerData.every);`,
    { eval: true, workerData: { module: createRequire(import.meta.url).resolve('better-sqlite3'), path, every: CHECKPOINT_EVERY_MS } },
  );
  worker.unref();
  return worker;
}
