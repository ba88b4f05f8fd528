// Versioned schema changes, applied in order at start and recorded in schema_migrations.
// Append only: a migration that has shipped is never edited. Both dialects get the same shape;
// only the auto-increment and JSON column types differ.
import type { Dialect } from './dialect.js';

const migrations: Array<(dialect: Dialect) => string> = [
  ({ serial, json }) => `
    CREATE TABLE events (
      seq ${serial},
      id TEXT NOT NULL UNIQUE,
      type TEXT NOT NULL,
      subject TEXT NOT NULL,
      site TEXT NOT NULL,
      placement TEXT,
      locale TEXT NOT NULL,
      widget TEXT NOT NULL,
      widget_version TEXT NOT NULL,
      source TEXT NOT NULL,
      time TEXT NOT NULL,
      received_at TEXT NOT NULL,
      answers ${json} NOT NULL,
      hash TEXT NOT NULL
    );
    CREATE INDEX events_subject ON events (subject, seq);
    CREATE INDEX events_type_received ON events (type, received_at);
    -- Petition signatories' names and contact details, apart from the answers and from results.
    CREATE TABLE personal_data (
      event_id TEXT PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
      data ${json} NOT NULL
    );`,
  // Results per site: two sites may both have a subject called /contact.
  () => `CREATE INDEX events_subject_site ON events (subject, site, seq);`,
  // Who answered (users, or agents through the mirror of a rating) and which question definition:
  // results per question need each question's kind, and users and agents are read apart.
  ({ json }) => `
    ALTER TABLE events ADD COLUMN audience TEXT;
    ALTER TABLE events ADD COLUMN definition ${json};`,
  // Results kept up to date as answers arrive (results.ts, counters.ts): added to in the transaction
  // that stores each answer, so that reading a subject's results does not read its answers. Each
  // store fills them from the answers already stored when it applies this migration (COUNTERS_MIGRATION).
  ({ keyed }) => `
    CREATE TABLE result_totals (
      subject TEXT NOT NULL, site TEXT NOT NULL, type TEXT NOT NULL, audience TEXT NOT NULL,
      answers BIGINT NOT NULL, last_seq BIGINT NOT NULL, updated TEXT NOT NULL,
      PRIMARY KEY (subject, site, type, audience)
    )${keyed};
    CREATE TABLE result_values (
      subject TEXT NOT NULL, site TEXT NOT NULL, value TEXT NOT NULL,
      count BIGINT NOT NULL, first_seen BIGINT NOT NULL,
      PRIMARY KEY (subject, site, value)
    )${keyed};
    CREATE TABLE result_questions (
      subject TEXT NOT NULL, site TEXT NOT NULL, audience TEXT NOT NULL, question TEXT NOT NULL,
      kind TEXT NOT NULL, kind_seq BIGINT NOT NULL, answered BIGINT NOT NULL,
      score_sum DOUBLE PRECISION NOT NULL, scores BIGINT NOT NULL, first_seen BIGINT NOT NULL,
      PRIMARY KEY (subject, site, audience, question)
    )${keyed};
    CREATE TABLE result_question_values (
      subject TEXT NOT NULL, site TEXT NOT NULL, audience TEXT NOT NULL, question TEXT NOT NULL, value TEXT NOT NULL,
      count BIGINT NOT NULL, first_seen BIGINT NOT NULL,
      PRIMARY KEY (subject, site, audience, question, value)
    )${keyed};`,
  // Petition integrity (petition.ts): one signature per e-mail address per petition, compared on a
  // salted hash of the address (never the address itself); signatures waiting for their e-mail
  // confirmation are kept out of `events` (so out of the counters) until the link is followed.
  ({ keyed }) => `
    CREATE TABLE signers (
      subject TEXT NOT NULL, site TEXT NOT NULL, email_hash TEXT NOT NULL, event_id TEXT NOT NULL,
      PRIMARY KEY (subject, site, email_hash)
    )${keyed};
    CREATE INDEX signers_email ON signers (email_hash);
    CREATE TABLE pending_signatures (
      id TEXT PRIMARY KEY,
      token_hash TEXT NOT NULL UNIQUE,
      hash TEXT NOT NULL,
      envelope TEXT,
      personal TEXT,
      expires_at TEXT NOT NULL,
      confirmed_at TEXT
    );
    CREATE INDEX pending_signatures_expiry ON pending_signatures (expires_at);
    CREATE INDEX events_petitions ON events (type, subject, site, received_at);`,
  // Secrets that must outlive a restart and be shared by every collector on the database: the
  // signers' salt (an address hashed with another salt would sign again, and could not be erased).
  () => `CREATE TABLE secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  // A petition's results (results.ts): the terms of its latest signature received (data.petition,
  // kept in the insert's transaction), and its pending signatures counted per subject and site
  // through a partial index, not by reading each pending envelope.
  ({ keyed, jsonText }) => `
    CREATE TABLE petition_terms (
      subject TEXT NOT NULL, site TEXT NOT NULL, terms TEXT NOT NULL, received_at TEXT NOT NULL,
      PRIMARY KEY (subject, site)
    )${keyed};
    ALTER TABLE pending_signatures ADD COLUMN subject TEXT;
    ALTER TABLE pending_signatures ADD COLUMN site TEXT;
    UPDATE pending_signatures SET subject = ${jsonText('envelope', 'subject')}, site = ${jsonText('envelope', 'site')} WHERE envelope IS NOT NULL;
    CREATE INDEX pending_signatures_waiting ON pending_signatures (subject, site, expires_at) WHERE confirmed_at IS NULL;`,
  // Declared subjects (subjects.ts): a poll's or a petition's terms, owned by the collector.
  () => `CREATE TABLE declared_subjects (subject TEXT PRIMARY KEY, type TEXT NOT NULL, terms TEXT NOT NULL, updated_at TEXT NOT NULL);`,
  // Confirmation mails sent per address (its signer hash) and day, in all (scope '') and per petition
  // (petition.ts's mail limits): kept in the database, so that every collector counts the same mails.
  ({ keyed }) => `
    CREATE TABLE mail_counts (
      recipient TEXT NOT NULL, scope TEXT NOT NULL, day TEXT NOT NULL, mails BIGINT NOT NULL,
      PRIMARY KEY (recipient, scope, day)
    )${keyed};
    CREATE INDEX mail_counts_day ON mail_counts (day);`,
  // A declared subject's closing instant (subjects.ts's closingInstant, written with each declaration):
  // the retention of a declared petition's signers runs from it, never from a date a page sent.
  // Declarations made before it: their `closes` as written, a day alone at 23:00 UTC (its end in
  // Paris in winter; in summer an hour later than that) until they are declared again.
  ({ jsonText }) => `
    ALTER TABLE declared_subjects ADD COLUMN closes_at TEXT;
    UPDATE declared_subjects SET closes_at = CASE WHEN length(${jsonText('terms', 'closes')}) = 10
      THEN ${jsonText('terms', 'closes')} || 'T23:00:00.000Z' ELSE ${jsonText('terms', 'closes')} END;`,
  // Confirmation mails to send (mail-queue.ts): one per pending signature (its id), sent after the
  // request is answered and retried with backoff; `failed_at` once given up. Shared by every collector.
  () => `
    CREATE TABLE mail_queue (
      id TEXT PRIMARY KEY, attempts INTEGER NOT NULL, next_at TEXT NOT NULL, last_error TEXT, failed_at TEXT
    );
    CREATE INDEX mail_queue_due ON mail_queue (next_at) WHERE failed_at IS NULL;`,
];

/** The migration (numbered from 1) after which each store fills the counters from the stored answers. */
export const COUNTERS_MIGRATION = 4;

/** The bookkeeping both stores run around the migrations, and the migrations, in a dialect. */
export function migrationSql(dialect: Dialect) {
  const p = dialect.placeholder;
  return {
    table: 'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)',
    applied: 'SELECT version FROM schema_migrations',
    record: `INSERT INTO schema_migrations (version, applied_at) VALUES (${p(1)}, ${p(2)})`,
    /** The migrations in order: the one at index i is version i + 1. */
    steps: migrations.map((migration) => migration(dialect)),
  };
}
