import { openPostgres } from './postgres.js';
import { openSqlite } from './sqlite.js';
import type { Storage } from './storage.js';

/** PostgreSQL when a DATABASE_URL is given, else the SQLite file. */
export function openStorage({
  databaseUrl,
  sqlitePath,
  pgPool,
}: {
  databaseUrl?: string;
  sqlitePath: string;
  pgPool?: number;
}): Promise<Storage> {
  return databaseUrl ? openPostgres(databaseUrl, pgPool) : Promise.resolve(openSqlite(sqlitePath));
}
