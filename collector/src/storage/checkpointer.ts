import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the WAL is copied into the database. */
const CHECKPOINT_EVERY_MS = 1000;

/**
 * SQLite's checkpoints (copying the WAL into the database, with an fsync) in a worker thread on a
 * second connection, so that they never hold the event loop: the p99 latency stays low.
 */
export function startCheckpointer(path: string): Worker {
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     const db = new (require(workerData.module))(workerData.path);
     db.pragma('busy_timeout = 5000');
     setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), workerData.every);`,
    { eval: true, workerData: { module: createRequire(import.meta.url).resolve('better-sqlite3'), path, every: CHECKPOINT_EVERY_MS } },
  );
  worker.unref();
  return worker;
}
