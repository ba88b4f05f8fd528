// What the SQL of the two stores differs in, one object per store. The statements are written once
// from these parts (migrations.ts, counters.ts, signatures.ts, queries.ts); each store keeps only
// what its driver does differently (transactions, batches, the counters' bulk upsert).

export interface Dialect {
  /**
   * The n-th value of a statement: PostgreSQL's `$n`, SQLite's `?` (so each statement uses each of
   * its values once, in order).
   */
  placeholder: (n: number) => string;
  /** The column of an auto-increment primary key. */
  serial: string;
  /** The type of a JSON column. */
  json: string;
  /** After a table keyed by its primary key alone: SQLite then keeps one B-tree, not a table and an index. */
  keyed: string;
  /** A text field of a JSON document, kept in a JSON column or in TEXT. */
  jsonText: (column: string, field: string) => string;
  /** Whether a JSON document has a field (on SQLite, one whose value is not null). */
  jsonHas: (column: string, field: string) => string;
  /** Whether a JSON document has one of the fields a value lists: a JSON array on SQLite, an array on PostgreSQL. */
  jsonHasAny: (column: string, fields: string) => string;
  /** The distinct keys of the answers of `events e` where `where` holds, in a column `key`. */
  answerKeys: (where: string) => string;
  /** The two-argument maximum and minimum, for the counters' upserts. */
  greatest: string;
  least: string;
  /** After a SELECT that claims rows for a worker: PostgreSQL's `FOR UPDATE SKIP LOCKED` (collectors claim apart); nothing on SQLite (one writer). */
  skipLocked: string;
}

export const sqliteDialect: Dialect = {
  placeholder: () => '?',
  serial: 'INTEGER PRIMARY KEY AUTOINCREMENT',
  json: 'TEXT',
  keyed: ' WITHOUT ROWID',
  jsonText: (column, field) => `json_extract(${column}, '$.${field}')`,
  jsonHas: (column, field) => `json_extract(${column}, '$.${field}') IS NOT NULL`,
  jsonHasAny: (column, fields) =>
    `EXISTS (SELECT 1 FROM json_each(${column}) held WHERE held.key IN (SELECT value FROM json_each(${fields})))`,
  answerKeys: (where) => `SELECT DISTINCT keys.key AS key FROM events e, json_each(e.answers) keys WHERE ${where}`,
  greatest: 'max',
  least: 'min',
  skipLocked: '',
};

export const postgresDialect: Dialect = {
  placeholder: (n) => `$${n}`,
  serial: 'BIGSERIAL PRIMARY KEY',
  json: 'JSONB',
  keyed: '',
  // The cast serves TEXT columns that hold JSON (a pending envelope, a petition's terms); on JSONB it changes nothing.
  jsonText: (column, field) => `(${column}::jsonb ->> '${field}')`,
  jsonHas: (column, field) => `${column} ? '${field}'`,
  jsonHasAny: (column, fields) => `${column} ?| ${fields}::text[]`,
  answerKeys: (where) => `SELECT DISTINCT jsonb_object_keys(e.answers) AS key FROM events e WHERE ${where}`,
  greatest: 'GREATEST',
  least: 'LEAST',
  skipLocked: ' FOR UPDATE SKIP LOCKED',
};
