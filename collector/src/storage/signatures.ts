// The SQL of petition integrity (migration 5) that both stores run: signer hashes, pending
// signatures, erasure and purges. `p(n)` is the dialect's n-th placeholder; each statement uses
// its placeholders once and in order, so SQLite's `?` fits as well as PostgreSQL's `$n`.
import { eventType, typesWith } from '../../../dist/event-types.js';
import type { Dialect } from './dialect.js';

/** Types of the registry as an SQL list: its own constants, never what a client sent (none: a list that matches nothing). */
export const sqlTypes = (types: readonly string[]) => (types.length ? types.map((type) => `'${type}'`).join(', ') : 'NULL');

/** The petition's type: the registry's `signature` trait (signers, pending signatures, terms). */
export const [PETITION] = typesWith('signature');
/**
 * Types whose personal data is a contact address (an idea's author, to be told what became of
 * it): personal data too, under the same erasure and retention, without a petition's signers.
 */
export const CONTACT_TYPES = typesWith('personal').filter((type) => !eventType(type)?.signature);

/**
 * Petitions (subject and site) over, for the retention rule: their last signature was received
 * before the cutoff, and so was the closing instant of a declared petition (subjects.ts: the
 * collector's terms; a declared petition still open keeps its signers' data, however long since
 * the last signature). An undeclared petition is over at its last signature: the closing date a
 * page sends (petition_terms) only shows in its results, since any browser may send one. Both
 * placeholders take the cutoff.
 */
const petitionsOver = (p: (n: number) => string) =>
  `SELECT e.subject, e.site FROM events e LEFT JOIN declared_subjects d ON d.subject = e.subject AND d.type = '${PETITION}'
  WHERE e.type = '${PETITION}' GROUP BY e.subject, e.site
  HAVING max(e.received_at) < ${p(1)} AND coalesce(max(d.closes_at), '') < ${p(2)}`;

export const signatureSql = ({ placeholder: p }: Dialect) => ({
  eventHash: `SELECT hash FROM events WHERE id = ${p(1)}`,
  pendingHash: `SELECT hash FROM pending_signatures WHERE id = ${p(1)}`,
  addSigner: `INSERT INTO signers (subject, site, email_hash, event_id) VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}) ON CONFLICT DO NOTHING`,
  signerEvent: `SELECT event_id AS "eventId" FROM signers WHERE subject = ${p(1)} AND site = ${p(2)} AND email_hash = ${p(3)}`,
  // One more confirmation mail to an address (hash) in a scope on a day; gives the day's count with it.
  countMail: `INSERT INTO mail_counts AS m (recipient, scope, day, mails) VALUES (${p(1)}, ${p(2)}, ${p(3)}, 1)
    ON CONFLICT (recipient, scope, day) DO UPDATE SET mails = m.mails + 1 RETURNING mails`,
  pastMailCounts: `DELETE FROM mail_counts WHERE day < ${p(1)}`,
  replaceSigner: `UPDATE signers SET event_id = ${p(1)} WHERE subject = ${p(2)} AND site = ${p(3)} AND email_hash = ${p(4)}`,
  addPending: `INSERT INTO pending_signatures (id, token_hash, hash, envelope, personal, expires_at, subject, site)
    VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)})`,
  // Written when a signature counts (at once, or when its e-mail link is followed: an address never
  // confirmed changes nothing anyone sees), dated when it was received: the latest received among the
  // counted ones gives the terms, whatever order links are followed or transactions commit in.
  addTerms: `INSERT INTO petition_terms AS t (subject, site, terms, received_at) VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)})
    ON CONFLICT (subject, site) DO UPDATE SET terms = excluded.terms, received_at = excluded.received_at WHERE excluded.received_at >= t.received_at`,
  waitingAll: `SELECT count(*) AS n FROM pending_signatures WHERE subject = ${p(1)} AND confirmed_at IS NULL AND expires_at > ${p(2)}`,
  waitingOne: `SELECT count(*) AS n FROM pending_signatures WHERE subject = ${p(1)} AND site = ${p(2)} AND confirmed_at IS NULL AND expires_at > ${p(3)}`,
  termsAll: `SELECT terms FROM petition_terms WHERE subject = ${p(1)} ORDER BY received_at DESC LIMIT 1`,
  termsOne: `SELECT terms FROM petition_terms WHERE subject = ${p(1)} AND site = ${p(2)}`,
  pendingByToken: `SELECT id, envelope, personal, expires_at AS "expiresAt", confirmed_at AS "confirmedAt" FROM pending_signatures WHERE token_hash = ${p(1)}`,
  // Guarded by confirmed_at: of two clicks on the same link at once, only one counts the signature.
  markConfirmed: `UPDATE pending_signatures SET confirmed_at = ${p(1)}, envelope = NULL, personal = NULL WHERE id = ${p(2)} AND confirmed_at IS NULL`,
  withdrawSigner: `DELETE FROM signers WHERE event_id = ${p(1)}`,
  withdrawPending: `DELETE FROM pending_signatures WHERE id = ${p(1)} AND confirmed_at IS NULL`,
  erasePersonal: `DELETE FROM personal_data WHERE event_id IN (SELECT event_id FROM signers WHERE email_hash = ${p(1)})`,
  erasePendingPersonal: `UPDATE pending_signatures SET personal = NULL WHERE personal IS NOT NULL AND id IN (SELECT event_id FROM signers WHERE email_hash = ${p(1)})`,
  // An expired signature frees its address (the signer may sign again); a used link is forgotten once its week is over.
  expiredSigners: `DELETE FROM signers WHERE event_id IN (SELECT id FROM pending_signatures WHERE confirmed_at IS NULL AND expires_at <= ${p(1)})`,
  expiredPending: `DELETE FROM pending_signatures WHERE confirmed_at IS NULL AND expires_at <= ${p(1)}`,
  usedTokens: `DELETE FROM pending_signatures WHERE confirmed_at IS NOT NULL AND expires_at <= ${p(1)}`,
  retainedPersonal: `DELETE FROM personal_data WHERE event_id IN (
    SELECT e.id FROM events e JOIN (${petitionsOver(p)}) o ON e.subject = o.subject AND e.site = o.site WHERE e.type = '${PETITION}')`,
  // An idea's address: the retention period after the idea arrived.
  retainedIdeaContacts: `DELETE FROM personal_data WHERE event_id IN (SELECT id FROM events WHERE type IN (${sqlTypes(CONTACT_TYPES)}) AND received_at < ${p(1)})`,
  retainedSigners: `DELETE FROM signers WHERE EXISTS (
    SELECT 1 FROM (${petitionsOver(p)}) o WHERE o.subject = signers.subject AND o.site = signers.site)`,
});

/**
 * The dashboard's subjects: each subject and type with its answers, then petitions whose
 * signatures all wait for their confirmation (dated by the latest received), newest first.
 */
export const subjectsSql = ({
  jsonText,
}: Dialect) => `SELECT subject, type, sum(answers) AS total, max(updated) AS updated FROM result_totals GROUP BY subject, type
  UNION ALL
  SELECT subject, '${PETITION}', 0, max(${jsonText('t.envelope', 'receivedAt')}) FROM pending_signatures t
  WHERE confirmed_at IS NULL AND NOT EXISTS (SELECT 1 FROM result_totals r WHERE r.subject = t.subject AND r.type = '${PETITION}') GROUP BY subject
  ORDER BY updated DESC`;

/** The retention cutoff: `days` before `now`. */
export const retentionCutoff = (now: string, days: number) => new Date(Date.parse(now) - days * 86_400_000).toISOString();
