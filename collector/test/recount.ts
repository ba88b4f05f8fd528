// The reference recount, which only tests and the results benchmark use: aggregate() counts a
// subject's stored answers one by one, as results were computed before the counters
// (src/results.ts); served results must equal it byte for byte. The answers it recounts, and the
// fingerprint of a subject's counters, are read from the database directly, on a connection of
// their own: they are no part of the collector's Storage.
import Database from 'better-sqlite3';
import pg from 'pg';
import { boundedValues, KeyBudget } from '../src/bounds.js';
import { DEFINED_TYPES, isScale } from '../src/questions.js';
import { countValues, type QuestionResults, type Results } from '../src/results.js';
import { postgresDialect, sqliteDialect } from '../src/storage/dialect.js';
import { openPostgres } from '../src/storage/postgres.js';
import { openSqlite } from '../src/storage/sqlite.js';
import type { AnswerForResults, Storage } from '../src/storage/storage.js';

// Keys are what people sent (an option may be called "constructor"): no prototype to meet.
const emptyRecord = <T>() => Object.create(null) as Record<string, T>;

/** A stored answer as the recount reads it: with its site, so that the bounds of its subject are applied across sites. */
export type RecountRow = AnswerForResults & { site?: string };

/**
 * `rows`: the subject's answers in the order they were stored, on every site (the bounds are the
 * subject's, all sites together: bounds.ts); with `site`, only that site's are counted.
 */
export function aggregate(subject: string, rows: RecountRow[], updated: string | null, site?: string): Results {
  const budget = new KeyBudget();
  const counts = emptyRecord<number>();
  const counted: BoundedRow[] = [];
  for (const row of rows) {
    const values: string[] = [];
    countValues(row.type, row.answers, (value) => values.push(value));
    const kept = boundedValues(values, (value) => budget.value(row.site ?? '', value));
    const questions = boundedQuestions(row, budget);
    if (site !== undefined && row.site !== site) continue;
    for (const key of kept) counts[key] = (counts[key] ?? 0) + 1;
    counted.push({ ...row, questions });
  }
  const results: Results = { subject, total: counted.length, counts, updated };
  if (!counted.some((row) => DEFINED_TYPES.has(row.type))) return results;
  const user = counted.filter((row) => row.audience !== 'agent');
  const agent = counted.filter((row) => row.audience === 'agent');
  return {
    ...results,
    questions: perQuestion(counted),
    audiences: {
      user: { total: user.length, questions: perQuestion(user) },
      agent: { total: agent.length, questions: perQuestion(agent) },
    },
  };
}

/** One question of an answer as counted within the bounds: its kind, whether answered, its values kept, its score. */
interface BoundedQuestion {
  id: string;
  kind: string;
  answered: boolean;
  values: string[];
  score?: number;
}
type BoundedRow = RecountRow & { questions: BoundedQuestion[] };

/**
 * Each answer is read with the kind its own definition gave (a question that was a free text and
 * became a choice never has its old texts counted as options). Answers without a definition, and
 * `<id>-other` texts (no question of their own), count nowhere; nor do questions past the bounds.
 */
function boundedQuestions({ type, answers, definition, audience, site = '' }: RecountRow, budget: KeyBudget): BoundedQuestion[] {
  if (!DEFINED_TYPES.has(type) || !definition) return [];
  const who = audience === 'agent' ? 'agent' : 'user';
  return Object.entries(definition.questions)
    .filter(([id]) => budget.question(site, who, id))
    .map(([id, kind]) => {
      const answered = Object.hasOwn(answers, id);
      if (!answered || kind === 'text') return { id, kind, answered, values: [] };
      const answer = answers[id];
      const given = (Array.isArray(answer) ? answer : [answer]).map(String);
      const values = boundedValues(given, (value) => budget.questionValue(site, who, id, value));
      return { id, kind, answered, values, ...(typeof answer === 'number' && { score: answer }) };
    });
}

/** The latest kind names the question. */
function perQuestion(rows: BoundedRow[]): Record<string, QuestionResults> {
  const questions = emptyRecord<QuestionResults & { sum: number; scores: number }>();
  for (const row of rows) {
    for (const { id, kind, answered, values, score } of row.questions) {
      const question = (questions[id] ??= { kind, answered: 0, counts: emptyRecord<number>(), sum: 0, scores: 0 });
      question.kind = kind;
      if (!answered) continue;
      question.answered++;
      if (score !== undefined) {
        question.sum += score;
        question.scores++;
      }
      for (const value of values) question.counts[value] = (question.counts[value] ?? 0) + 1;
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
  /** A subject's answers, oldest first, with their site; with a site, only that site's. aggregate() recounts those of every site (the bounds are the subject's). */
  answersOf(subject: string, site?: string): Promise<RecountRow[]>;
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
      const stored = await rows(`SELECT site, type, answers, audience, definition FROM events WHERE ${where} ORDER BY seq`, values);
      return stored.map((row) => ({
        site: row.site as string,
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
