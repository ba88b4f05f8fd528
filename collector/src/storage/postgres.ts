import pg from 'pg';
import { postgresMigrations } from './migrations.js';
import { EXPORT_BATCH, type ExportFilter, type ExportRow, type Storage } from './storage.js';

/** An arbitrary, fixed key: collectors starting together take turns to migrate. */
const MIGRATION_LOCK = 7_462_001;

const columns = `e.seq, e.id, e.type, e.subject, e.site, e.placement, e.locale, e.widget,
  e.widget_version AS "widgetVersion", e.source, e.time, e.received_at AS "receivedAt", e.answers, e.audience, e.definition, e.hash`;

/** A subject's rows, and only one site's when a site is given. */
const ofSubject = (subject: string, site?: string) =>
  site === undefined ? { where: 'subject = $1', values: [subject] } : { where: 'subject = $1 AND site = $2', values: [subject, site] };

/**
 * PostgreSQL through pg, for several stateless collectors behind a load balancer: the unique id
 * and INSERT … ON CONFLICT keep an answer once whichever collector receives it.
 */
export async function openPostgres(connectionString: string, poolSize = 10): Promise<Storage> {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  await migrate(pool);

  const query = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => (await pool.query<T>(text, values)).rows;

  return {
    kind: 'postgres',
    async insert(row, personal) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const inserted = await client.query(
          `INSERT INTO events (id, type, subject, site, placement, locale, widget, widget_version, source, time, received_at, answers, audience, definition, hash)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) ON CONFLICT (id) DO NOTHING`,
          [
            row.id, row.type, row.subject, row.site, row.placement, row.locale, row.widget, row.widgetVersion, row.source, row.time, row.receivedAt,
            row.answers, row.audience ?? null, row.definition ?? null, row.hash,
          ],
        );
        if (!inserted.rowCount) {
          // On this client, not through the pool: with every pooled connection held by an insert
          // waiting for another one, concurrent replays would deadlock the collector.
          const existing = await client.query<{ hash: string }>('SELECT hash FROM events WHERE id = $1', [row.id]);
          await client.query('ROLLBACK');
          return { inserted: false, hash: existing.rows[0].hash };
        }
        if (personal) await client.query('INSERT INTO personal_data (event_id, data) VALUES ($1, $2)', [row.id, personal]);
        await client.query('COMMIT');
        return { inserted: true };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async version(subject, site) {
      const { where, values } = ofSubject(subject, site);
      const [row] = await query<{ total: string; last: string; updated: string | null }>(
        `SELECT count(*) AS total, coalesce(max(seq), 0) AS last, max(received_at) AS updated FROM events WHERE ${where}`,
        values,
      );
      return { total: Number(row.total), last: Number(row.last), updated: row.updated };
    },
    answersOf(subject, site) {
      const { where, values } = ofSubject(subject, site);
      return query(`SELECT type, answers, audience, definition FROM events WHERE ${where} ORDER BY seq`, values);
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
        'SELECT subject, type, count(*) AS total, max(received_at) AS updated FROM events GROUP BY subject, type ORDER BY updated DESC',
      );
      return rows.map((row) => ({ ...row, total: Number(row.total) }));
    },
    comments: (limit) =>
      query(
        `SELECT subject, locale, received_at AS "receivedAt", answers->>'comment' AS comment FROM events
         WHERE answers ? 'comment' ORDER BY seq DESC LIMIT $1`,
        [limit],
      ),
    async count() {
      const [row] = await query<{ count: string }>('SELECT count(*) FROM events');
      return Number(row.count);
    },
    close: () => pool.end(),
  };
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

async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((row) => row.version));
    for (const [index, sql] of postgresMigrations.entries()) {
      if (applied.has(index + 1)) continue;
      await client.query(sql);
      await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [index + 1, new Date().toISOString()]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
