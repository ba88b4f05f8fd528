// The queue of confirmation mails (migration 11): a signature waiting for its e-mail confirmation
// is queued in its own transaction, and the collector's sender (mail-sender.ts) sends it after the
// request is answered, retrying with backoff. The queue holds the pending signature's id alone:
// the address is read from the pending signature when the mail is sent (erased, nothing is sent),
// and the link's token is made then, its hash alone stored, as at a signature.
import type pg from 'pg';
import type Database from 'better-sqlite3';
import type { Dialect } from './dialect.js';
import type { EventRow, MailToSend, Storage } from './storage.js';

export const mailQueueSql = ({ placeholder: p, skipLocked }: Dialect) => ({
  /** In the signature's transaction: its mail is due at once (`next_at`: when the signature arrived, on the collector's clock). */
  queueMail: `INSERT INTO mail_queue (id, attempts, next_at) VALUES (${p(1)}, 0, ${p(2)}) ON CONFLICT (id) DO NOTHING`,
  /**
   * Due mails claimed by one sender: each attempt counted, and its row not due again before the
   * lease ends (a sender stopped mid-send leaves it to another then). Collectors sharing a
   * PostgreSQL database skip the rows another is claiming: a mail is sent once.
   */
  claimMails: `UPDATE mail_queue SET attempts = attempts + 1, next_at = ${p(1)} WHERE id IN (
    SELECT id FROM mail_queue WHERE failed_at IS NULL AND next_at <= ${p(2)} ORDER BY next_at LIMIT ${p(3)}${skipLocked})
    RETURNING id, attempts`,
  /** The link's new token hash (the one mailed), while the signature waits: its envelope and personal data, to write the mail. */
  relinkPending: `UPDATE pending_signatures SET token_hash = ${p(1)} WHERE id = ${p(2)} AND confirmed_at IS NULL AND expires_at > ${p(3)}
    RETURNING envelope, personal`,
  mailDone: `DELETE FROM mail_queue WHERE id = ${p(1)}`,
  /** A failed attempt: tried again at `next_at`, or given up (`failed_at`), with the error. */
  mailFailed: `UPDATE mail_queue SET next_at = ${p(1)}, failed_at = ${p(2)}, last_error = ${p(3)} WHERE id = ${p(4)}`,
  mailQueue: `SELECT coalesce(sum(CASE WHEN failed_at IS NULL THEN 1 ELSE 0 END), 0) AS waiting,
    coalesce(sum(CASE WHEN failed_at IS NULL THEN 0 ELSE 1 END), 0) AS failed FROM mail_queue`,
  /** For the purge: mails of signatures no longer waiting (confirmed, withdrawn, replaced, expired). */
  staleMails: `DELETE FROM mail_queue WHERE id NOT IN (SELECT id FROM pending_signatures WHERE confirmed_at IS NULL)`,
});

type MailQueue = Pick<Storage, 'claimMails' | 'prepareMail' | 'mailSent' | 'mailFailed' | 'mailQueue'>;
type Sql = ReturnType<typeof mailQueueSql>;

/** The mail of a pending signature relinked, or undefined when there is none to send (its address erased). */
function mailOf(pending: { envelope: string | null; personal: string | null } | undefined): MailToSend | undefined {
  const email = pending?.personal ? (JSON.parse(pending.personal) as { email?: unknown }).email : undefined;
  if (typeof email !== 'string' || !pending?.envelope) return undefined;
  return { to: email, signed: JSON.parse(pending.envelope) as EventRow };
}

/** The queue on SQLite: one writer, so a claim needs no lock of its own. */
export function sqliteMailQueue(db: Database.Database, sql: Sql): MailQueue {
  const [claim, relink, done, failed, counts] = [sql.claimMails, sql.relinkPending, sql.mailDone, sql.mailFailed, sql.mailQueue].map(
    (text) => db.prepare(text),
  );
  return {
    claimMails: async (now, leaseEnds, limit) => claim.all(leaseEnds, now, limit) as Array<{ id: string; attempts: number }>,
    async prepareMail(id, tokenHash, now) {
      const mail = mailOf(relink.get(tokenHash, id, now) as { envelope: string | null; personal: string | null } | undefined);
      if (!mail) done.run(id);
      return mail;
    },
    mailSent: async (id) => void done.run(id),
    mailFailed: async (id, { retryAt, now, error }) => void failed.run(retryAt ?? now, retryAt ? null : now, error, id),
    mailQueue: async () => counts.get() as { waiting: number; failed: number },
  };
}

/** The queue on PostgreSQL, shared by every collector on the database. */
export function postgresMailQueue(pool: pg.Pool, sql: Sql): MailQueue {
  return {
    async claimMails(now, leaseEnds, limit) {
      return (await pool.query<{ id: string; attempts: number }>(sql.claimMails, [leaseEnds, now, limit])).rows;
    },
    async prepareMail(id, tokenHash, now) {
      const { rows } = await pool.query<{ envelope: string | null; personal: string | null }>(sql.relinkPending, [tokenHash, id, now]);
      const mail = mailOf(rows[0]);
      if (!mail) await pool.query(sql.mailDone, [id]);
      return mail;
    },
    mailSent: async (id) => void (await pool.query(sql.mailDone, [id])),
    mailFailed: async (id, { retryAt, now, error }) =>
      void (await pool.query(sql.mailFailed, [retryAt ?? now, retryAt ? null : now, error, id])),
    async mailQueue() {
      const [row] = (await pool.query<{ waiting: string; failed: string }>(sql.mailQueue)).rows;
      return { waiting: Number(row.waiting), failed: Number(row.failed) };
    },
  };
}
