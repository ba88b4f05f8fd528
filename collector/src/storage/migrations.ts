// Versioned schema changes, applied in order at start and recorded in schema_migrations.
// Append only: a migration that has shipped is never edited. Both dialects get the same shape;
// only the auto-increment and JSON column types differ.

interface Dialect {
  serial: string;
  json: string;
}

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
];

export const sqliteMigrations = migrations.map((migration) => migration({ serial: 'INTEGER PRIMARY KEY AUTOINCREMENT', json: 'TEXT' }));
export const postgresMigrations = migrations.map((migration) => migration({ serial: 'BIGSERIAL PRIMARY KEY', json: 'JSONB' }));
