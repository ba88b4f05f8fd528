// SQLite's schema: the migrations applied at open, and the counters' upserts (also run by each insert).
import type Database from 'better-sqlite3';
import { CounterBatch, type CountedRow, type CounterRows } from '../results.js';
import { counterKinds, counterTables, counterUpsert } from './counters.js';
import { sqliteDialect } from './dialect.js';
import { COUNTERS_MIGRATION, migrationSql } from './migrations.js';
import { storeSql } from './queries.js';
import { EXPORT_BATCH } from './storage.js';

/** An answer as migration 4 reads it back to count it: JSON as text. */
type CountedStoredRow = Omit<CountedRow, 'answers' | 'definition'> & { seq: number; answers: string; definition: string | null };

/** Adds counters to the stored ones (upserts of counters.ts), within the caller's transaction. */
export function counterWriter(db: Database.Database): (counters: CounterRows) => void {
  const upserts = counterKinds.map((kind) => {
    const table = counterTables[kind];
    const values = `VALUES (${table.columns.map(([, field]) => `@${field}`).join(', ')})`;
    return { kind, statement: db.prepare(counterUpsert(table, values, sqliteDialect)) };
  });
  return (counters) => {
    for (const { kind, statement } of upserts) for (const counter of counters[kind]) statement.run(counter);
  };
}

/** Migration 4 on a database that holds answers: their counters, as if each had arrived since. */
function fillCounters(db: Database.Database): void {
  const counters = new CounterBatch();
  const batch = db.prepare(storeSql(sqliteDialect).answersToCount);
  for (let after = 0; ;) {
    const rows = batch.all(after) as CountedStoredRow[];
    for (const row of rows) {
      counters.add(
        { ...row, answers: JSON.parse(row.answers), definition: row.definition === null ? null : JSON.parse(row.definition) },
        row.seq,
      );
    }
    if (rows.length < EXPORT_BATCH) break;
    after = rows[rows.length - 1].seq;
  }
  counterWriter(db)(counters.merged());
}

export function migrate(db: Database.Database): void {
  const schema = migrationSql(sqliteDialect);
  db.exec(schema.table);
  const applied = new Set(db.prepare(schema.applied).pluck().all() as number[]);
  db.transaction(() => {
    schema.steps.forEach((step, index) => {
      const version = index + 1;
      if (applied.has(version)) return;
      db.exec(step);
      if (version === COUNTERS_MIGRATION) fillCounters(db);
      db.prepare(schema.record).run(version, new Date().toISOString());
    });
  }).immediate();
}
