import { openPostgres } from './postgres.js';
import { openSqlite } from './sqlite.js';
import type { Storage } from './storage.js';

/** PostgreSQL when a DATABASE_URL is given, else the SQLite file. */
export function openStorage({ databaseUrl, sqlitePath }: { databaseUrl?: string; sqlitePath: string }): Promise<Storage> {
  return databaseUrl ? openPostgres(databaseUrl) : Promise.resolve(openSqlite(sqlitePath));
}
