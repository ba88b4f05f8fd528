// The reference recount, which only tests and the results benchmark use: aggregate() counts a
// subject's stored answers one by one, as results were computed before the counters
// (src/results.ts); served results must equal it byte for byte. The answers it recounts, and the
// fingerprint of a subject's counters, are read from the database directly, on a connection of
// their own: they are no part of the collector's Storage.
import Database from 'better-sqlite3';
import pg from 'pg';
import { DEFINED_TYPES, isScale } from '../src/questions.js';
import { countValues, type QuestionResults, type Results } from '../src/results.js';
import { postgresDialect, sqliteDialect } from '../src/storage/dialect.js';
import { openPostgres } from '../src/storage/postgres.js';
import { openSqlite } from '../src/storage/sqlite.js';
import type { AnswerForResults, Storage } from '../src/storage/storage.js';

// Keys are what people sent (an option may be called "constructor"): no prototype to meet.
const emptyRecord = <T>() => Object.create(null) as Record<string, T>;

export function aggregate(subject: string, rows: AnswerForResults[], updated: string | null): Results {
  const counts = emptyRecord<number>();
  const add = (key: string) => (counts[key] = (counts[key] ?? 0) + 1);
  for (const { type, answers } of rows) countValues(type, answers, add);
  const results: Results = { subject, total: rows.length, counts, updated };
  if (!rows.some((row) => DEFINED_TYPES.has(row.type))) return results;
  const user = rows.filter((row) => row.audience !== 'agent');
  const agent = rows.filter((row) => row.audience === 'agent');
  return {
    ...results,
    questions: perQuestion(rows),
    audiences: {
      user: { total: user.length, questions: perQuestion(user) },
      agent: { total: agent.length, questions: perQuestion(agent) },
    },
  };
}

/**
 * Each answer is read with the kind its own definition gave (a question that was a free text and
 * became a choice never has its old texts counted as options); the latest kind names the question.
 * Answers without a definition, and `<id>-other` texts (no question of their own), count nowhere.
 */
function perQuestion(rows: AnswerForResults[]): Record<string, QuestionResults> {
  const questions = emptyRecord<QuestionResults & { sum: number; scores: number }>();
  for (const { type, answers, definition } of rows) {
    if (!DEFINED_TYPES.has(type) || !definition) continue;
    for (const [id, kind] of Object.entries(definition.questions)) {
      const question = (questions[id] ??= { kind, answered: 0, counts: emptyRecord<number>(), sum: 0, scores: 0 });
      question.kind = kind;
      if (!Object.hasOwn(answers, id)) continue;
      const answer = answers[id];
      question.answered++;
      if (kind === 'text') continue;
      if (typeof answer === 'number') {
        question.sum += answer;
        question.scores++;
      }
      for (const value of Array.isArray(answer) ? answer : [answer])
        question.counts[String(value)] = (question.counts[String(value)] ?? 0) + 1;
    }
  }
  const results = emptyRecord<QuestionResults>();
  for (const [id, { kind, answered, counts, sum, scores }] of Object.entries(questions)) {
    results[id] = { kind, answered, counts: kind === 'text' ? emptyRecord<number>() : counts };
    if (isScale(kind) && scores) results[id].mean = Math.round((100 * sum) / scores) / 100;
  }
  return results;
}

/** A store, and what the tests read of its database besides. */
export interface RecountStorage extends Storage {
  /**
   * The fingerprint of a subject's counters (what the ETag is made of): how many answers, and the
   * last one's sequence. With a site, only that site's answers (two sites may share /contact).
   */
  version(subject: string, site?: string): Promise<{ total: number; last: number; updated: string | null }>;
  /** A subject's answers, oldest first; with a site, only that site's (aggregate() recounts them). */
  answersOf(subject: string, site?: string): Promise<AnswerForResults[]>;
  /** How many rows a table holds (one of the schema's, named by the test). */
  rowsIn(table: string): Promise<number>;
}

/** Runs a query whose n-th value is written `placeholder(n)`, and gives its rows. */
interface Reader {
  placeholder: (n: number) => string;
  rows: (sql: string, values: string[]) => Promise<Array<Record<string, unknown>>>;
  close: () => Promise<void>;
}

/** JSON kept as text (SQLite) is parsed; PostgreSQL's JSONB arrives parsed. */
const parsed = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);

function withRecount(storage: Storage, { placeholder, rows, close }: Reader): RecountStorage {
  const ofSubject = (subject: string, site?: string) =>
    site === undefined
      ? { where: `subject = ${placeholder(1)}`, values: [subject] }
      : { where: `subject = ${placeholder(1)} AND site = ${placeholder(2)}`, values: [subject, site] };
  return {
    ...storage,
    async version(subject, site) {
      const { where, values } = ofSubject(subject, site);
      const sql = `SELECT coalesce(sum(answers), 0) AS total, coalesce(max(last_seq), 0) AS last, max(updated) AS updated FROM result_totals WHERE ${where}`;
      const [row] = await rows(sql, values);
      return { total: Number(row.total), last: Number(row.last), updated: row.updated as string | null };
    },
    async answersOf(subject, site) {
      const { where, values } = ofSubject(subject, site);
      const stored = await rows(`SELECT type, answers, audience, definition FROM events WHERE ${where} ORDER BY seq`, values);
      return stored.map((row) => ({
        type: row.type as string,
        answers: parsed(row.answers),
        audience: row.audience as string | null,
        definition: parsed(row.definition),
      }));
    },
    async rowsIn(table) {
      const [row] = await rows(`SELECT count(*) AS n FROM ${table}`, []);
      return Number(row.n);
    },
    async close() {
      await close();
      await storage.close();
    },
  };
}

/** openSqlite(path), read besides through a second connection to the same file (WAL: it sees every commit). */
export function recountedSqlite(path: string): RecountStorage {
  const storage = openSqlite(path);
  let reader: Database.Database | undefined;
  return withRecount(storage, {
    placeholder: sqliteDialect.placeholder,
    rows: async (sql, values) =>
      (reader ??= new Database(path, { readonly: true })).prepare(sql).all(...values) as Array<Record<string, unknown>>,
    close: async () => void reader?.close(),
  });
}

/** openPostgres(url), read besides through a connection of its own. */
export async function recountedPostgres(url: string): Promise<RecountStorage> {
  const storage = await openPostgres(url);
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  return withRecount(storage, {
    placeholder: postgresDialect.placeholder,
    rows: async (sql, values) => (await pool.query(sql, values)).rows,
    close: () => pool.end(),
  });
}
