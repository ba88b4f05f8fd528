import pg from 'pg';
import { CounterBatch, type CounterRows } from '../results.js';
import { counterKinds, counterSelect, counterTables, counterUpsert } from './counters.js';
import { postgresDialect } from './dialect.js';
import { COUNTERS_MIGRATION, migrationSql } from './migrations.js';
import { PULSE } from '../anonymity.js';
import { IDEA, retentionCutoff, signatureSql, subjectsSql } from './signatures.js';
import { EXPORT_BATCH, type ConfirmOutcome, type EventRow, type ExportFilter, type ExportRow, type InsertResult, type Signature, type Storage } from './storage.js';

/** An arbitrary, fixed key: collectors starting together take turns to migrate. */
const MIGRATION_LOCK = 7_462_001;

const columns = `e.seq, e.id, e.type, e.subject, e.site, e.placement, e.locale, e.widget,
  e.widget_version AS "widgetVersion", e.source, e.time, e.received_at AS "receivedAt", e.answers, e.audience, e.definition, e.hash`;

/**
 * PostgreSQL through pg, for several stateless collectors behind a load balancer: the unique id
 * and INSERT … ON CONFLICT keep an answer once whichever collector receives it.
 */
export async function openPostgres(connectionString: string, poolSize = 10): Promise<Storage> {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  await migrate(pool);

  const query = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => (await pool.query<T>(text, values)).rows;

  /** Runs `work` in a transaction on one client; rolled back when it throws. */
  const transaction = async <T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
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
  };
  const runAll = async (client: pg.PoolClient, names: Array<keyof typeof sql>, values: unknown[]) => {
    let changes = 0;
    for (const name of names) changes += (await client.query(sql[name], values)).rowCount ?? 0;
    return changes;
  };

  return {
    kind: 'postgres',
    insert: (row, personal, signature) =>
      transaction(async (client) => {
        return signature ? signOne(client, row, personal, signature) : insertOne(client, row, personal);
      }),
    confirm: (tokenHash, now) =>
      transaction(async (client): Promise<ConfirmOutcome> => {
        // FOR UPDATE: a second click on the same link waits for the first, then finds it used.
        const [pending] = (await client.query(`${sql.pendingByToken} FOR UPDATE`, [tokenHash])).rows;
        if (!pending) return 'unknown';
        if (pending.confirmedAt) return 'used';
        if (pending.expiresAt <= now) return 'expired';
        await client.query(sql.markConfirmed, [now, pending.id]);
        const signed: EventRow = JSON.parse(pending.envelope);
        await insertOne(client, { ...signed, receivedAt: now }, pending.personal ? JSON.parse(pending.personal) : undefined, signed.receivedAt);
        return 'confirmed';
      }),
    withdraw: (id) => transaction(async (client) => void (await runAll(client, ['withdrawSigner', 'withdrawPending'], [id]))),
    erasePersonal: (signer, email) =>
      transaction(async (client) => {
        const ideas = await client.query(
          `DELETE FROM personal_data WHERE lower(trim(data->>'email')) = $1 AND event_id IN (SELECT id FROM events WHERE type = '${IDEA}')`,
          [email.trim().toLowerCase()],
        );
        return (await runAll(client, ['erasePersonal', 'erasePendingPersonal'], [signer])) + (ideas.rowCount ?? 0);
      }),
    purge: (now, retentionDays) =>
      transaction(async (client) => {
        await client.query(sql.expiredSigners, [now]);
        const expired = (await client.query(sql.expiredPending, [now])).rowCount ?? 0;
        await client.query(sql.usedTokens, [now]);
        if (retentionDays === undefined) return { expired, personal: 0 };
        const cutoff = retentionCutoff(now, retentionDays);
        const personal = ((await client.query(sql.retainedPersonal, [cutoff, cutoff])).rowCount ?? 0) + ((await client.query(sql.retainedIdeaContacts, [cutoff])).rowCount ?? 0);
        await client.query(sql.retainedSigners, [cutoff, cutoff]);
        return { expired, personal };
      }),
    async counters(subject, site) {
      // One statement, so one snapshot: the four tables as one commit left them.
      const selects = counterKinds.map(
        (kind) => `(SELECT coalesce(json_agg(c), '[]') FROM (${counterSelect(counterTables[kind], { subject: '$1', site: site === undefined ? undefined : '$2' })}) c) AS "${kind}"`,
      );
      const [row] = await query<CounterRows>(`SELECT ${selects.join(', ')}`, site === undefined ? [subject] : [subject, site]);
      return row;
    },
    async petition(subject, site, now) {
      // One statement, so one snapshot. Both subqueries number the subject $1 and the site $2: they share the values.
      const [waiting, terms, values] = site === undefined ? [sql.waitingAll, sql.termsAll, [subject, now]] : [sql.waitingOne, sql.termsOne, [subject, site, now]];
      const [row] = await query<{ pending: string; terms: string | null }>(`SELECT (${waiting}) AS pending, (${terms}) AS terms`, values);
      return { pending: Number(row.pending), terms: row.terms === null ? null : JSON.parse(row.terms) };
    },
    async pollOthers(subject, limit) {
      const others = `FROM events WHERE subject = $1 AND type = 'voix.poll.vote' AND answers ? 'other'`;
      const [{ count }] = await query<{ count: string }>(`SELECT count(*) AS count ${others}`, [subject]);
      const latest = await query<{ receivedAt: string; text: string; locale: string }>(
        `SELECT received_at AS "receivedAt", locale, answers->>'other' AS text ${others} ORDER BY seq DESC LIMIT $2`,
        [subject, limit],
      );
      return { count: Number(count), latest };
    },
    latestAnswers: (subject, type, fields, limit) =>
      query(
        `SELECT received_at AS "receivedAt", locale, answers FROM events WHERE subject = $1 AND type = $2 AND answers ?| $3::text[] ORDER BY seq DESC LIMIT $4`,
        [subject, type, fields, limit],
      ),
    async totalsOf(type) {
      const rows = await query<{ subject: string; site: string; answers: string }>(
        'SELECT subject, site, sum(answers) AS answers FROM result_totals WHERE type = $1 GROUP BY subject, site',
        [type],
      );
      return rows.map((row) => ({ ...row, answers: Number(row.answers) }));
    },
    async *export(filter: ExportFilter) {
      const { where, values } = exportConditions(filter, [0]);
      const text = `SELECT ${columns}, ${filter.personal ? 'p.data' : 'NULL'} AS personal FROM events e
        LEFT JOIN personal_data p ON p.event_id = e.id
        WHERE e.seq > $1 AND ${where} ORDER BY e.seq LIMIT ${EXPORT_BATCH}`;
      for (;;) {
        const rows = await query<ExportRow & { seq: string; personal: Record<string, unknown> | null }>(text, values);
        for (const { seq: _seq, personal, ...row } of rows) yield personal ? { ...row, personal } : row;
        if (rows.length < EXPORT_BATCH) return;
        values[0] = rows[rows.length - 1].seq;
      }
    },
    async answerKeys(filter) {
      const { where, values } = exportConditions(filter, []);
      const rows = await query<{ key: string }>(`SELECT DISTINCT jsonb_object_keys(e.answers) AS key FROM events e WHERE ${where}`, values);
      return rows.map((row) => row.key);
    },
    async subjects() {
      const rows = await query<{ subject: string; type: string; total: string; updated: string }>(
        subjectsSql(postgresDialect),
      );
      return rows.map((row) => ({ ...row, total: Number(row.total) }));
    },
    comments: (limit) =>
      query(
        `SELECT subject, locale, received_at AS "receivedAt", answers->>'comment' AS comment FROM events
         WHERE answers ? 'comment' AND type <> '${PULSE}' ORDER BY seq DESC LIMIT $1`,
        [limit],
      ),
    async count() {
      const [row] = await query<{ count: string }>('SELECT coalesce(sum(answers), 0) AS count FROM result_totals');
      return Number(row.count);
    },
    async secret(name, candidate) {
      await query('INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, candidate]);
      const [row] = await query<{ value: string }>('SELECT value FROM secrets WHERE name = $1', [name]);
      return row.value;
    },
    close: () => pool.end(),
  };
}

const sql = signatureSql(postgresDialect);

/**
 * Inserts an answer unless its id is stored, with its counters and a petition's terms, in the
 * client's transaction. `receivedAt` dates the terms: when a confirmed signature was received,
 * not when its link was followed.
 */
async function insertOne(client: pg.PoolClient, row: EventRow, personal?: Record<string, unknown>, receivedAt = row.receivedAt): Promise<InsertResult> {
  const inserted = await client.query<{ seq: string; questions: Record<string, string> | null }>(
    `INSERT INTO events (id, type, subject, site, placement, locale, widget, widget_version, source, time, received_at, answers, audience, definition, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) ON CONFLICT (id) DO NOTHING
     RETURNING seq, definition -> 'questions' AS questions`,
    [
      row.id, row.type, row.subject, row.site, row.placement, row.locale, row.widget, row.widgetVersion, row.source, row.time, row.receivedAt,
      row.answers, row.audience ?? null, row.definition ?? null, row.hash,
    ],
  );
  if (!inserted.rowCount) {
    // On this client, not through the pool: with every pooled connection held by an insert
    // waiting for another one, concurrent replays would deadlock the collector.
    const existing = await client.query<{ hash: string }>(sql.eventHash, [row.id]);
    return { inserted: false, hash: existing.rows[0].hash };
  }
  if (personal) await client.query('INSERT INTO personal_data (event_id, data) VALUES ($1, $2)', [row.id, personal]);
  if (row.petitionTerms) await client.query(sql.addTerms, [row.subject, row.site, JSON.stringify(row.petitionTerms), receivedAt]);
  // The question ids as JSONB orders them, as the reference recount (aggregate(), in the tests) reads them back.
  const [{ seq, questions }] = inserted.rows;
  const counters = new CounterBatch();
  counters.add(row, Number(seq), questions ? Object.keys(questions) : undefined);
  await addCounters(client, counters);
  return { inserted: true };
}

/**
 * A signature with an e-mail address: a replay of its id (stored or pending) stays a replay;
 * another id for the same address on the same petition stores nothing.
 */
async function signOne(client: pg.PoolClient, row: EventRow, personal: Record<string, unknown> | undefined, signature: Signature): Promise<InsertResult> {
  const replay = async (): Promise<InsertResult | undefined> => {
    const [stored] = (await client.query<{ hash: string }>(sql.eventHash, [row.id])).rows;
    if (stored) return { inserted: false, hash: stored.hash };
    const [pending] = (await client.query<{ hash: string }>(sql.pendingHash, [row.id])).rows;
    return pending && { inserted: false, hash: pending.hash, pending: true };
  };
  const earlier = await replay();
  if (earlier) return earlier;
  if (!(await client.query(sql.addSigner, [row.subject, row.site, signature.signer, row.id])).rowCount) {
    // The same envelope sent twice at once: the insert waited for the other one, which stored it.
    const [signer] = (await client.query<{ eventId: string }>(sql.signerEvent, [row.subject, row.site, signature.signer])).rows;
    return (signer?.eventId === row.id && (await replay())) || { inserted: false, alreadySigned: true };
  }
  if (!signature.pending) return insertOne(client, row, personal);
  const { tokenHash, expires } = signature.pending;
  await client.query(sql.addPending, [row.id, tokenHash, row.hash, JSON.stringify(row), personal ? JSON.stringify(personal) : null, expires, row.subject, row.site]);
  return { inserted: true, pending: true };
}

/** The export's filter as SQL over `events e`, its values numbered after those already given. */
function exportConditions({ type, subject, since }: ExportFilter, values: unknown[]): { where: string; values: unknown[] } {
  const conditions = ['true'];
  for (const [column, value] of [['e.type =', type], ['e.subject =', subject], ['e.received_at >=', since]]) {
    if (value === undefined) continue;
    values.push(value);
    conditions.push(`${column} $${values.length}`);
  }
  return { where: conditions.join(' AND '), values };
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
      await client.query(upsert, table.columns.map(([, field]) => rows.map((row) => row[field])));
    }
  }
}

/** Migration 4 on a database that holds answers: their counters, as if each had arrived since. */
async function fillCounters(client: pg.PoolClient): Promise<void> {
  const counters = new CounterBatch();
  for (let after = 0; ; ) {
    const { rows } = await client.query<EventRow & { seq: string }>(
      `SELECT seq, type, subject, site, received_at AS "receivedAt", answers, audience, definition FROM events WHERE seq > $1 ORDER BY seq LIMIT ${EXPORT_BATCH}`,
      [after],
    );
    for (const row of rows) counters.add(row, Number(row.seq));
    if (rows.length < EXPORT_BATCH) break;
    after = Number(rows[rows.length - 1].seq);
  }
  await addCounters(client, counters);
}

async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
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
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
