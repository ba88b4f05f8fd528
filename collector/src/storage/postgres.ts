import pg from 'pg';
import { sameMailbox, type IdeaContact } from '../mailbox.js';
import { KeyBudget, typeFits, type StoredKeys } from '../bounds.js';
import { CounterBatch, type CounterRows } from '../results.js';
import { counterKinds, counterTables, counterUpsert } from './counters.js';
import { postgresDialect } from './dialect.js';
import { COUNTERS_MIGRATION, migrationSql } from './migrations.js';
import {
  answerKeysOf,
  declaredFromRow,
  declaredValues,
  eventValues,
  exportPage,
  pendingValues,
  storeSql,
  textsOf,
  type StoredSubject,
} from './queries.js';
import { retentionCutoff } from './signatures.js';
import { postgresMailQueue } from './mail-queue.js';
import {
  EXPORT_BATCH,
  type AnsweredDefinition,
  type ConfirmOutcome,
  type EventRow,
  type ExportFilter,
  type ExportRow,
  type InsertResult,
  type LatestAnswer,
  linkState,
  mailCounts,
  mailLimited,
  MailLimitReached,
  type PendingRow,
  type Signature,
  type Storage,
} from './storage.js';

/** An arbitrary, fixed key: collectors starting together take turns to migrate. */
const MIGRATION_LOCK = 7_462_001;
/** The first half of a subject's lock (the second is a hash of the subject): another key space than MIGRATION_LOCK's. */
const SUBJECT_LOCKS = 7_462_002;

const sql = storeSql(postgresDialect);

type Query = <T extends pg.QueryResultRow>(text: string, values?: unknown[]) => Promise<T[]>;

/**
 * PostgreSQL through pg, for several stateless collectors behind a load balancer: the unique id
 * and INSERT … ON CONFLICT keep an answer once whichever collector receives it.
 */
export async function openPostgres(connectionString: string, poolSize = 10): Promise<Storage> {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  await migrate(pool);
  const query: Query = async (text, values = []) => (await pool.query(text, values)).rows;
  return {
    kind: 'postgres',
    ...changes(pool),
    ...resultReads(query),
    ...dashboardReads(query),
    ...postgresMailQueue(pool, sql),
    ...exportReads(query),
    declaredSubjects: async () => (await query<{ subject: string }>(sql.declaredSubjects)).map((row) => row.subject),
    declaredSubject: async (subject) => declaredFromRow((await query<StoredSubject>(sql.declaredSubject, [subject]))[0]),
    async declareSubject(declared) {
      await query(sql.declareSubject, declaredValues(declared));
    },
    async secret(name, candidate) {
      await query(sql.addSecret, [name, candidate]);
      const [row] = await query<{ value: string }>(sql.secret, [name]);
      return row.value;
    },
    close: () => pool.end(),
  };
}

/** Runs `work` in a transaction on one client; rolled back when it throws. */
async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Every write, each in a transaction of its own. */
function changes(pool: pg.Pool): Pick<Storage, 'insert' | 'awaiting' | 'confirm' | 'refuse' | 'erasePersonal' | 'purge'> {
  const transaction = <T>(work: (client: pg.PoolClient) => Promise<T>) => inTransaction(pool, work);
  const run = async (client: pg.PoolClient, text: string, values: unknown[]) => (await client.query(text, values)).rowCount ?? 0;
  const withdraw = async (client: pg.PoolClient, id: string) => {
    await run(client, sql.withdrawSigner, [id]);
    await run(client, sql.withdrawPending, [id]);
  };
  // FOR UPDATE: a second click on the same link waits for the first, then finds it used (or withdrawn).
  const locked = async (client: pg.PoolClient, tokenHash: string, now: string) =>
    linkState((await client.query<PendingRow>(`${sql.pendingByToken} FOR UPDATE`, [tokenHash])).rows[0], now);
  return {
    insert: (row, personal, signature) =>
      transaction(async (client) => {
        await lockSubject(client, row.subject);
        const refused = await refusal(client, row);
        if (refused) return refused;
        return signature ? signOne(client, row, personal, signature) : insertOne(client, row, personal);
      }).catch(mailLimited),
    awaiting: async (tokenHash, now) => linkState((await pool.query<PendingRow>(sql.pendingByToken, [tokenHash])).rows[0], now),
    confirm: (tokenHash, now) =>
      transaction(async (client): Promise<ConfirmOutcome> => {
        const state = await locked(client, tokenHash, now);
        if (state.outcome !== 'waiting') return state.outcome;
        await client.query(sql.markConfirmed, [now, state.id]);
        await lockSubject(client, state.row.subject);
        await insertOne(client, { ...state.row, receivedAt: now }, state.personal, state.row.receivedAt);
        return 'confirmed';
      }),
    refuse: (tokenHash, now) =>
      transaction(async (client): Promise<ConfirmOutcome> => {
        const state = await locked(client, tokenHash, now);
        if (state.outcome !== 'waiting') return state.outcome;
        await withdraw(client, state.id);
        return 'refused';
      }),
    erasePersonal: (signers, email) =>
      transaction(async (client) => {
        let erased = 0;
        for (const signer of signers) {
          erased += (await run(client, sql.erasePersonal, [signer])) + (await run(client, sql.erasePendingPersonal, [signer]));
        }
        const { rows } = await client.query<IdeaContact>(sql.ideaContacts);
        for (const id of sameMailbox(rows, email)) erased += await run(client, sql.erasePersonalOf, [id]);
        return erased;
      }),
    purge: (now, retentionDays) =>
      transaction(async (client) => {
        await run(client, sql.expiredSigners, [now]);
        const expired = await run(client, sql.expiredPending, [now]);
        await run(client, sql.usedTokens, [now]);
        await run(client, sql.pastMailCounts, [now.slice(0, 10)]);
        await run(client, sql.staleMails, []);
        if (retentionDays === undefined) return { expired, personal: 0 };
        const cutoff = retentionCutoff(now, retentionDays);
        const personal =
          (await run(client, sql.retainedPersonal, [cutoff, cutoff])) + (await run(client, sql.retainedIdeaContacts, [cutoff]));
        await run(client, sql.retainedSigners, [cutoff, cutoff]);
        return { expired, personal };
      }),
  };
}

/** A subject's counters and a petition's figures, each in one statement, so one snapshot. */
function resultReads(query: Query): Pick<Storage, 'counters' | 'petition'> {
  return {
    async counters(subject, site) {
      const selects = sql.counters.map(
        ({ kind, all, one }) => `(SELECT coalesce(json_agg(c), '[]') FROM (${site === undefined ? all : one}) c) AS "${kind}"`,
      );
      const [row] = await query<CounterRows>(`SELECT ${selects.join(', ')}`, site === undefined ? [subject] : [subject, site]);
      return row;
    },
    async petition(subject, site, now) {
      // Both subqueries number the subject $1 and the site $2: they share the values.
      const [waiting, terms, values] =
        site === undefined ? [sql.waitingAll, sql.termsAll, [subject, now]] : [sql.waitingOne, sql.termsOne, [subject, site, now]];
      const [row] = await query<{ pending: string; terms: string | null }>(`SELECT (${waiting}) AS pending, (${terms}) AS terms`, values);
      return { pending: Number(row.pending), terms: row.terms === null ? null : JSON.parse(row.terms) };
    },
  };
}

// PostgreSQL gives a bigint (count, sum) as text: made a number here.
function dashboardReads(
  query: Query,
): Pick<Storage, 'otherTexts' | 'latestAnswers' | 'questionLabels' | 'totalsOf' | 'subjects' | 'comments' | 'count'> {
  return {
    async otherTexts(subject, type, field, limit) {
      const [{ count }] = await query<{ count: string }>(sql.answersWith, [subject, type, [field]]);
      const latest = await query<LatestAnswer>(sql.latestAnswers, [subject, type, [field], limit]);
      return { count: Number(count), latest: textsOf(latest, field) };
    },
    latestAnswers: (subject, type, fields, limit) => query(sql.latestAnswers, [subject, type, fields, limit]),
    async questionLabels(subject, type) {
      const [row] = await query<{ definition: AnsweredDefinition }>(sql.questionLabels, [subject, type]);
      return row?.definition.labels ?? {};
    },
    async totalsOf(type) {
      const rows = await query<{ subject: string; site: string; answers: string }>(sql.totalsOf, [type]);
      return rows.map((row) => ({ ...row, answers: Number(row.answers) }));
    },
    async subjects() {
      const rows = await query<{ subject: string; type: string; total: string; updated: string }>(sql.subjects);
      return rows.map((row) => ({ ...row, total: Number(row.total) }));
    },
    comments: (limit) => query(sql.comments, [limit]),
    async count() {
      const [row] = await query<{ count: string }>(sql.count);
      return Number(row.count);
    },
  };
}

function exportReads(query: Query): Pick<Storage, 'export' | 'answerKeys'> {
  return {
    async *export(filter: ExportFilter) {
      const { text, values } = exportPage(filter, postgresDialect);
      for (;;) {
        const rows = await query<ExportRow & { seq: string; personal: Record<string, unknown> | null }>(text, values);
        for (const { seq: _seq, personal, ...row } of rows) yield personal ? { ...row, personal } : row;
        if (rows.length < EXPORT_BATCH) return;
        values[0] = rows[rows.length - 1].seq;
      }
    },
    async answerKeys(filter) {
      const { text, values } = answerKeysOf(filter, postgresDialect);
      return (await query<{ key: string }>(text, values)).map((row) => row.key);
    },
  };
}

/**
 * Inserts an answer unless its id is stored, with its counters and a petition's terms, in the
 * client's transaction. `receivedAt` dates the terms: when a confirmed signature was received,
 * not when its link was followed.
 */
async function insertOne(
  client: pg.PoolClient,
  row: EventRow,
  personal?: Record<string, unknown>,
  receivedAt = row.receivedAt,
): Promise<InsertResult> {
  const inserted = await client.query<{ seq: string; questions: Record<string, string> | null }>(
    `${sql.insertEvent} RETURNING seq, definition -> 'questions' AS questions`,
    eventValues(row),
  );
  if (!inserted.rowCount) {
    // On this client, not through the pool: with every pooled connection held by an insert
    // waiting for another one, concurrent replays would deadlock the collector.
    const existing = await client.query<{ hash: string }>(sql.eventHash, [row.id]);
    return { inserted: false, hash: existing.rows[0].hash };
  }
  if (personal) await client.query(sql.insertPersonal, [row.id, JSON.stringify(personal)]);
  if (row.petitionTerms) await client.query(sql.addTerms, [row.subject, row.site, JSON.stringify(row.petitionTerms), receivedAt]);
  // The question ids as JSONB orders them, as the reference recount (aggregate(), in the tests) reads them back.
  const [{ seq, questions }] = inserted.rows;
  const [keys] = (await client.query<StoredKeys>(KEYS, [row.subject])).rows;
  const counters = new CounterBatch(() => new KeyBudget(keys));
  counters.add(row, Number(seq), questions ? Object.keys(questions) : undefined);
  await addCounters(client, counters);
  return { inserted: true };
}

/**
 * Inserts on a subject take turns, each until its commit, so that each reads the subject's type
 * and bounds as the one before left them, and seq follows that order (the recount's).
 */
const lockSubject = (client: pg.PoolClient, subject: string) =>
  client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [SUBJECT_LOCKS, subject]);

/** A subject's rows with a key of their own (bounds.ts), in one statement. */
const KEYS = `SELECT ${(['keyedValues', 'keyedQuestions', 'keyedQuestionValues'] as const)
  .map(
    (name, index) => `(SELECT coalesce(json_agg(k), '[]') FROM (${sql[name]}) k) AS "${['values', 'questions', 'questionValues'][index]}"`,
  )
  .join(', ')}`;

/** An answer of another type than its subject holds on its site: a refusal, or a replay when its id is stored (the subject locked). */
async function refusal(client: pg.PoolClient, row: EventRow): Promise<InsertResult | undefined> {
  const types = (await client.query<{ type: string }>(sql.typesOn, [row.subject, row.site, row.subject, row.site])).rows.map(
    ({ type }) => type,
  );
  if (typeFits(types, row.type)) return undefined;
  const [stored] = (await client.query<{ hash: string }>(sql.eventHash, [row.id])).rows;
  if (stored) return { inserted: false, hash: stored.hash };
  const [pending] = (await client.query<{ hash: string }>(sql.pendingHash, [row.id])).rows;
  return pending ? { inserted: false, hash: pending.hash, pending: true } : { inserted: false, typeMismatch: types };
}

/**
 * A signature with an e-mail address: a replay of its id (stored or pending) stays a replay;
 * another id for the same address on the same petition stores nothing.
 */
async function signOne(
  client: pg.PoolClient,
  row: EventRow,
  personal: Record<string, unknown> | undefined,
  signature: Signature,
): Promise<InsertResult> {
  const replay = async (): Promise<InsertResult | undefined> => {
    const [stored] = (await client.query<{ hash: string }>(sql.eventHash, [row.id])).rows;
    if (stored) return { inserted: false, hash: stored.hash };
    const [pending] = (await client.query<{ hash: string }>(sql.pendingHash, [row.id])).rows;
    return pending && { inserted: false, hash: pending.hash, pending: true };
  };
  const earlier = await replay();
  if (earlier) return earlier;
  if (signature.legacy && (await client.query(sql.signerEvent, [row.subject, row.site, signature.legacy])).rowCount) {
    return { inserted: false, alreadySigned: true };
  }
  if (!(await client.query(sql.addSigner, [row.subject, row.site, signature.signer, row.id])).rowCount) {
    // Locked: of two signatures of one address at once, the second waits for the first and sees its signature.
    const [signer] = (await client.query<{ eventId: string }>(`${sql.signerEvent} FOR UPDATE`, [row.subject, row.site, signature.signer]))
      .rows;
    // The same envelope sent twice at once: the insert waited for the other one, which stored it.
    if (signer?.eventId === row.id) return (await replay()) || { inserted: false, alreadySigned: true };
    if (!signer || !(await replacedSigner(client, row, signature, signer.eventId))) return { inserted: false, alreadySigned: true };
  }
  if (!signature.pending) return insertOne(client, row, personal);
  await client.query(sql.addPending, pendingValues(row, personal, signature.pending));
  await client.query(sql.queueMail, [row.id, signature.pending.since]);
  // Past a limit, the whole transaction rolls back: nothing stored or replaced, nothing counted.
  for (const { values, max } of mailCounts(signature)) {
    const [{ mails }] = (await client.query<{ mails: string }>(sql.countMail, values)).rows;
    if (Number(mails) > max) throw new MailLimitReached();
  }
  return { inserted: true, pending: true };
}

/** Takes the place of the signer's earlier signature `earlier` when it may be replaced (see Signature), in the client's transaction. */
async function replacedSigner(client: pg.PoolClient, row: EventRow, { signer }: Signature, earlier: string): Promise<boolean> {
  // Withdrawn only while unconfirmed: a counted signature stays (a confirmation holds its row until it commits).
  if (!(await client.query(sql.withdrawPending, [earlier])).rowCount) return false;
  await client.query(sql.replaceSigner, [row.id, row.subject, row.site, signer]);
  return true;
}

const COUNTERS_PER_STATEMENT = 5_000;

/** Adds counters to the stored ones, in the client's transaction: one upsert of arrays per table, its rows in key order. */
async function addCounters(client: pg.PoolClient, batch: CounterBatch): Promise<void> {
  const counters = batch.merged();
  for (const kind of counterKinds) {
    const table = counterTables[kind];
    const source = `SELECT * FROM unnest(${table.columns.map(([, , type], index) => `$${index + 1}::${type}[]`).join(', ')})`;
    const upsert = counterUpsert(table, source, postgresDialect);
    for (let start = 0; start < counters[kind].length; start += COUNTERS_PER_STATEMENT) {
      const rows = counters[kind].slice(start, start + COUNTERS_PER_STATEMENT) as unknown as Array<Record<string, unknown>>;
      await client.query(
        upsert,
        table.columns.map(([, field]) => rows.map((row) => row[field])),
      );
    }
  }
}

/** Migration 4 on a database that holds answers: their counters, as if each had arrived since. */
async function fillCounters(client: pg.PoolClient): Promise<void> {
  const counters = new CounterBatch();
  for (let after = 0; ;) {
    const { rows } = await client.query<EventRow & { seq: string }>(sql.answersToCount, [after]);
    for (const row of rows) counters.add(row, Number(row.seq));
    if (rows.length < EXPORT_BATCH) break;
    after = Number(rows[rows.length - 1].seq);
  }
  await addCounters(client, counters);
}

function migrate(pool: pg.Pool): Promise<void> {
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    const schema = migrationSql(postgresDialect);
    await client.query(schema.table);
    const { rows } = await client.query<{ version: number }>(schema.applied);
    const applied = new Set(rows.map((row) => row.version));
    for (const [index, step] of schema.steps.entries()) {
      if (applied.has(index + 1)) continue;
      await client.query(step);
      if (index + 1 === COUNTERS_MIGRATION) await fillCounters(client);
      await client.query(schema.record, [index + 1, new Date().toISOString()]);
    }
  });
}
