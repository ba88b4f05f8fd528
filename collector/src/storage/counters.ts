// The counters' tables (migration 4) as both stores write and read them: the columns of each, and
// the upsert that adds a new counter to a stored one with the rules of results.ts's `merge`.
import { OTHER_VALUES } from '../bounds.js';
import type { CounterRows } from '../results.js';
import type { Dialect } from './dialect.js';

type SqlType = 'text' | 'bigint' | 'double precision';

interface CounterTable {
  table: string;
  /** SQL column, the field of results.ts's counter, and the type PostgreSQL reads an array of. */
  columns: ReadonlyArray<readonly [column: string, field: string, type: SqlType]>;
  key: string[];
  /** The SET of the upsert, with the dialect's two-argument max and min. */
  update: (dialect: Pick<Dialect, 'greatest' | 'least'>) => string;
}

const subject = ['subject', 'subject', 'text'] as const;
const site = ['site', 'site', 'text'] as const;
const audience = ['audience', 'audience', 'text'] as const;
const question = ['question', 'question', 'text'] as const;
const value = ['value', 'value', 'text'] as const;
const count = ['count', 'count', 'bigint'] as const;
const firstSeen = ['first_seen', 'firstSeen', 'bigint'] as const;
const addedCount = ({ least }: Pick<Dialect, 'least'>) =>
  `count = t.count + excluded.count, first_seen = ${least}(t.first_seen, excluded.first_seen)`;

export const counterTables: Record<keyof CounterRows, CounterTable> = {
  totals: {
    table: 'result_totals',
    columns: [
      subject,
      site,
      ['type', 'type', 'text'],
      audience,
      ['answers', 'answers', 'bigint'],
      ['last_seq', 'lastSeq', 'bigint'],
      ['updated', 'updated', 'text'],
    ],
    key: ['subject', 'site', 'type', 'audience'],
    update: ({ greatest }) =>
      `answers = t.answers + excluded.answers, last_seq = ${greatest}(t.last_seq, excluded.last_seq), updated = ${greatest}(t.updated, excluded.updated)`,
  },
  values: {
    table: 'result_values',
    columns: [subject, site, value, count, firstSeen],
    key: ['subject', 'site', 'value'],
    update: addedCount,
  },
  questions: {
    table: 'result_questions',
    columns: [
      subject,
      site,
      audience,
      question,
      ['kind', 'kind', 'text'],
      ['kind_seq', 'kindSeq', 'bigint'],
      ['answered', 'answered', 'bigint'],
      ['score_sum', 'scoreSum', 'double precision'],
      ['scores', 'scores', 'bigint'],
      firstSeen,
    ],
    key: ['subject', 'site', 'audience', 'question'],
    update: ({ greatest, least }) =>
      `kind = CASE WHEN excluded.kind_seq > t.kind_seq THEN excluded.kind ELSE t.kind END, kind_seq = ${greatest}(t.kind_seq, excluded.kind_seq),
       answered = t.answered + excluded.answered, score_sum = t.score_sum + excluded.score_sum, scores = t.scores + excluded.scores,
       first_seen = ${least}(t.first_seen, excluded.first_seen)`,
  },
  questionValues: {
    table: 'result_question_values',
    columns: [subject, site, audience, question, value, count, firstSeen],
    key: ['subject', 'site', 'audience', 'question', 'value'],
    update: addedCount,
  },
};

export const counterKinds = Object.keys(counterTables) as Array<keyof CounterRows>;

/** `INSERT … ON CONFLICT DO UPDATE` of one table, from `source` (VALUES or a SELECT). */
export function counterUpsert({ table, columns, key, update }: CounterTable, source: string, dialect: Dialect): string {
  return `INSERT INTO ${table} AS t (${columns.map(([column]) => column).join(', ')}) ${source}
    ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${update(dialect)}`;
}

/** A subject's counters of one table, on every site or on one, under the field names of results.ts. */
export const counterSelect = ({ table, columns }: CounterTable, { subject, site }: { subject: string; site?: string }) =>
  `SELECT ${columns.map(([column, field]) => `${column} AS "${field}"`).join(', ')} FROM ${table} WHERE subject = ${subject}${site ? ` AND site = ${site}` : ''}`;

/**
 * What the insert path reads of a subject, after the subject is locked (PostgreSQL) or within the
 * batch's transaction (SQLite): its rows with a key of their own (bounds.ts's StoredKeys; the
 * OTHER_VALUES rows, one per site, are not counted in the bounds), and the types it holds on a
 * site, counted or waiting for an e-mail confirmation (a petition's).
 */
export const boundsSql = ({ placeholder: p }: Dialect, petition: string) => ({
  keyedValues: `SELECT site, value FROM result_values WHERE subject = ${p(1)} AND value <> '${OTHER_VALUES}'`,
  keyedQuestions: `SELECT site, audience, question FROM result_questions WHERE subject = ${p(1)}`,
  keyedQuestionValues: `SELECT site, audience, question, value FROM result_question_values WHERE subject = ${p(1)} AND value <> '${OTHER_VALUES}'`,
  typesOn: `SELECT DISTINCT type FROM result_totals WHERE subject = ${p(1)} AND site = ${p(2)}
    UNION SELECT '${petition}' FROM pending_signatures WHERE subject = ${p(3)} AND site = ${p(4)} AND confirmed_at IS NULL`,
});
