// Versioned schema changes, applied in order at start and recorded in schema_migrations.
// Append only: a migration that has shipped is never edited. Both dialects keep the same shape.

export const sqliteMigrations = [
  `CREATE TABLE events (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
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
     answers TEXT NOT NULL,
     hash TEXT NOT NULL
   );
   CREATE INDEX events_subject ON events (subject, seq);
   CREATE INDEX events_type_received ON events (type, received_at);
   -- Petition signatories' names and contact details, apart from the answers and from results.
   CREATE TABLE personal_data (
     event_id TEXT PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
     data TEXT NOT NULL
   );`,
];

export const postgresMigrations = [
  `CREATE TABLE events (
     seq BIGSERIAL PRIMARY KEY,
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
     answers JSONB NOT NULL,
     hash TEXT NOT NULL
   );
   CREATE INDEX events_subject ON events (subject, seq);
   CREATE INDEX events_type_received ON events (type, received_at);
   CREATE TABLE personal_data (
     event_id TEXT PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
     data JSONB NOT NULL
   );`,
];
