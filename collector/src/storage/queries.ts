// The SQL both stores run, written once from their dialect (dialect.ts): with the petitions' SQL
// (signatures.ts) and the counters' reads (counters.ts), every statement of sqlite.ts and
// postgres.ts but the counters' bulk upsert and PostgreSQL's one-snapshot reads.
import { ANONYMOUS_TYPES } from '../anonymity.js';
import { boundsSql, counterKinds, counterSelect, counterTables } from './counters.js';
import type { Dialect } from './dialect.js';
import { CONTACT_TYPES, PETITION, signatureSql, sqlTypes, subjectsSql } from './signatures.js';
import { mailQueueSql } from './mail-queue.js';
import { closingInstant, type DeclaredSubject } from '../subjects.js';
import { EXPORT_BATCH, type EventRow, type ExportFilter, type LatestAnswer, type OtherTexts } from './storage.js';

/** The columns an answer is inserted with, in the order of eventValues(). */
const EVENT_COLUMNS =
  'id, type, subject, site, placement, locale, widget, widget_version, source, time, received_at, answers, audience, definition, hash';

/** An answer's values for insertEvent, its JSON as text. */
export const eventValues = (row: EventRow) => [
  row.id,
  row.type,
  row.subject,
  row.site,
  row.placement,
  row.locale,
  row.widget,
  row.widgetVersion,
  row.source,
  row.time,
  row.receivedAt,
  JSON.stringify(row.answers),
  row.audience ?? null,
  row.definition ? JSON.stringify(row.definition) : null,
  row.hash,
];

/** A signature waiting for its confirmation: its values for addPending (signatures.ts). */
export const pendingValues = (
  row: EventRow,
  personal: Record<string, unknown> | undefined,
  { tokenHash, expires }: { tokenHash: string; expires: string },
) => [row.id, tokenHash, row.hash, JSON.stringify(row), personal ? JSON.stringify(personal) : null, expires, row.subject, row.site];

/** An exported answer's columns under the field names of ExportRow, after its `seq`. */
const EXPORT_COLUMNS = `e.seq, e.id, e.type, e.subject, e.site, e.placement, e.locale, e.widget,
  e.widget_version AS "widgetVersion", e.source, e.time, e.received_at AS "receivedAt", e.answers, e.audience, e.definition, e.hash`;

/** The statements, in one dialect. */
export function storeSql(dialect: Dialect) {
  const { placeholder: p, jsonText, jsonHas } = dialect;
  return {
    ...signatureSql(dialect),
    ...mailQueueSql(dialect),
    ...boundsSql(dialect, PETITION),
    subjects: subjectsSql(dialect),
    insertEvent: `INSERT INTO events (${EVENT_COLUMNS}) VALUES (${EVENT_COLUMNS.split(', ')
      .map((_, index) => p(index + 1))
      .join(', ')}) ON CONFLICT (id) DO NOTHING`,
    insertPersonal: `INSERT INTO personal_data (event_id, data) VALUES (${p(1)}, ${p(2)})`,
    // Ideas' contact addresses, compared in JavaScript on their mailbox as signerKey compares them (mailbox.ts).
    ideaContacts: `SELECT event_id AS id, ${jsonText('data', 'email')} AS email FROM personal_data
      WHERE event_id IN (SELECT id FROM events WHERE type IN (${sqlTypes(CONTACT_TYPES)}))`,
    erasePersonalOf: `DELETE FROM personal_data WHERE event_id = ${p(1)}`,
    // A subject's counters of each table, on every site or on one (sites choose their subjects; two may share /contact).
    counters: counterKinds.map((kind) => ({
      kind,
      all: counterSelect(counterTables[kind], { subject: p(1) }),
      one: counterSelect(counterTables[kind], { subject: p(1), site: p(2) }),
    })),
    // How many answers of one type on a subject hold one of the fields (a poll's « Autre » texts).
    answersWith: `SELECT count(*) AS count FROM events WHERE subject = ${p(1)} AND type = ${p(2)} AND ${dialect.jsonHasAny('events.answers', p(3))}`,
    latestAnswers: `SELECT received_at AS "receivedAt", locale, answers FROM events
      WHERE subject = ${p(1)} AND type = ${p(2)} AND ${dialect.jsonHasAny('events.answers', p(3))} ORDER BY seq DESC LIMIT ${p(4)}`,
    // The question labels of a subject's latest answer that sent them (data.definition.labels), for the dashboard;
    // a user's first: an agent answering a rating's mirror was asked in other words (« selon vous, … »).
    questionLabels: `SELECT definition FROM events WHERE subject = ${p(1)} AND type = ${p(2)} AND ${jsonHas('definition', 'labels')}
      ORDER BY CASE WHEN audience = 'agent' THEN 1 ELSE 0 END, seq DESC LIMIT 1`,
    totalsOf: `SELECT subject, site, sum(answers) AS answers FROM result_totals WHERE type = ${p(1)} GROUP BY subject, site`,
    // Never an agents' pulse's comments (anonymity.ts).
    comments: `SELECT subject, locale, received_at AS "receivedAt", ${jsonText('answers', 'comment')} AS comment FROM events
      WHERE ${jsonHas('answers', 'comment')} AND type NOT IN (${sqlTypes(ANONYMOUS_TYPES)}) ORDER BY seq DESC LIMIT ${p(1)}`,
    count: 'SELECT coalesce(sum(answers), 0) AS count FROM result_totals',
    declaredSubjects: 'SELECT subject FROM declared_subjects',
    declaredSubject: `SELECT subject, type, terms, updated_at AS updated FROM declared_subjects WHERE subject = ${p(1)}`,
    declareSubject: `INSERT INTO declared_subjects (subject, type, terms, updated_at, closes_at) VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)})
      ON CONFLICT (subject) DO UPDATE SET type = excluded.type, terms = excluded.terms, updated_at = excluded.updated_at, closes_at = excluded.closes_at`,
    addSecret: `INSERT INTO secrets (name, value) VALUES (${p(1)}, ${p(2)}) ON CONFLICT (name) DO NOTHING`,
    secret: `SELECT value FROM secrets WHERE name = ${p(1)}`,
    /** The stored answers after a seq, a batch of them, for migration 4 to count. */
    answersToCount: `SELECT seq, type, subject, site, received_at AS "receivedAt", answers, audience, definition FROM events
      WHERE seq > ${p(1)} ORDER BY seq LIMIT ${EXPORT_BATCH}`,
  };
}

/** A declared subject as stored: its terms as JSON text. */
export type StoredSubject = Omit<DeclaredSubject, 'terms'> & { terms: string };
export const declaredFromRow = (row: StoredSubject | undefined): DeclaredSubject | undefined =>
  row && ({ ...row, terms: JSON.parse(row.terms) } as DeclaredSubject);
/** A declaration's columns, with the instant its `closes` closes at (the retention of a petition's signers runs from it). */
export const declaredValues = ({ subject, type, terms, updated }: DeclaredSubject) => [
  subject,
  type,
  JSON.stringify(terms),
  updated,
  terms.closes === undefined ? null : closingInstant(terms.closes),
];

/** The latest answers holding a text `field`, as that text with when and in which language. */
export const textsOf = (answers: LatestAnswer[], field: string): OtherTexts['latest'] =>
  answers.map(({ receivedAt, locale, answers }) => ({ receivedAt, locale, text: String(answers[field]) }));

/** The export's filter as SQL over `events e`, its values numbered after those already given. */
function exportConditions({ type, subject, since }: ExportFilter, { placeholder }: Dialect, values: unknown[]): string {
  const conditions = ['1 = 1'];
  for (const [column, value] of [
    ['e.type =', type],
    ['e.subject =', subject],
    ['e.received_at >=', since],
  ]) {
    if (value === undefined) continue;
    values.push(value);
    conditions.push(`${column} ${placeholder(values.length)}`);
  }
  return conditions.join(' AND ');
}

/**
 * A batch of exported answers, oldest first, with their personal fields when the filter asks for
 * them: the first value is the seq to start after (0 for the first batch), then the filter's.
 */
export function exportPage(filter: ExportFilter, dialect: Dialect): { text: string; values: unknown[] } {
  const values: unknown[] = [0];
  const where = exportConditions(filter, dialect, values);
  const text = `SELECT ${EXPORT_COLUMNS}, ${filter.personal ? 'p.data' : 'NULL'} AS personal FROM events e
    LEFT JOIN personal_data p ON p.event_id = e.id
    WHERE e.seq > ${dialect.placeholder(1)} AND ${where} ORDER BY e.seq LIMIT ${EXPORT_BATCH}`;
  return { text, values };
}

/** The distinct answer keys of the answers the filter selects (the CSV's columns). */
export function answerKeysOf(filter: ExportFilter, dialect: Dialect): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  return { text: dialect.answerKeys(exportConditions(filter, dialect, values)), values };
}
