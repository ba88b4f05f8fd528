import type { CounterRows } from '../results.js';
import type { DeclaredSubject } from '../subjects.js';

/** One stored answer: the envelope's fields, flattened for queries, and its answers. */
export interface EventRow {
  id: string;
  type: string;
  subject: string;
  site: string;
  placement: string | null;
  locale: string;
  widget: string;
  widgetVersion: string;
  source: string;
  time: string;
  receivedAt: string;
  answers: Record<string, unknown>;
  /** `user` or `agent` as sent in data.audience; null when absent (a user). */
  audience: string | null;
  /** The question definition answered (data.definition), for widgets built on one; else null. */
  definition: AnsweredDefinition | null;
  /** SHA-256 of the envelope as received, to tell a replay from a conflicting reuse of an id. */
  hash: string;
  /** A petition signature's data.petition: the terms its page showed (kept per subject and site, not in `events`). */
  petitionTerms?: PetitionTerms;
}

/** data.petition: a petition's thresholds (increasing) and deadline, each optional. */
export interface PetitionTerms {
  thresholds?: Array<{ count: number; label: string }>;
  /** An ISO 8601 date (the end of that day) or date-time. */
  closes?: string;
}

/** What the results of a petition add to its counts: signatures waiting for confirmation, and its latest terms. */
export interface PetitionState {
  /** Unconfirmed signatures whose link has not expired. */
  pending: number;
  terms: PetitionTerms | null;
}

/** data.definition: which definition, which version of it, each question's kind, and each question's label as asked (optional). */
export interface AnsweredDefinition {
  id: string;
  version: string;
  questions: Record<string, string>;
  labels?: Record<string, string>;
}

/** What results are computed from: one stored answer, without what identifies it. */
export type AnswerForResults = Pick<EventRow, 'type' | 'answers' | 'audience' | 'definition'>;

/**
 * A petition signature with an e-mail address: `signer` is the salted hash of the address (one
 * signature per address per subject and site); with `pending`, it waits for its confirmation. An
 * earlier signature of the same address still waiting for its confirmation (its link expired or
 * not) is replaced: its link dies, so that a stranger's signature cannot block the address.
 */
export interface Signature {
  signer: string;
  /** The hash earlier versions gave the same address (petition.ts's signerKeys), when it differs: a signer stored under it has signed. */
  legacy?: string;
  /** `since`: when it was signed, on the collector's clock; its confirmation mail is queued, due then (mail-queue.ts). */
  pending?: { tokenHash: string; expires: string; since: string };
  /** With `pending`: the mail its link goes in is counted against these limits (petition.ts's mailQuota). */
  quota?: MailQuota;
}

/** How many confirmation mails an address may get on `day` (UTC, AAAA-MM-JJ) in each scope (`''`: every petition). */
export interface MailQuota {
  day: string;
  limits: Array<{ scope: string; max: number }>;
}

/** Thrown inside a signature's transaction when its mail would pass a limit: the signature is rolled back. */
export class MailLimitReached extends Error {
  override name = 'MailLimitReached';
}

/** The counts a signature's mail adds one to (countMail of signatures.ts: recipient, scope, day), each with its limit. */
export const mailCounts = ({ signer, quota }: Signature) =>
  (quota?.limits ?? []).map(({ scope, max }) => ({ values: [signer, scope, quota!.day], max }));

/** A signature refused for its mail quota (its transaction rolled back), as an insert's result; any other error goes on. */
export function mailLimited(error: unknown): InsertResult {
  if (error instanceof MailLimitReached) return { inserted: false, mailLimited: true };
  throw error;
}

/**
 * `pending`: a signature kept out of the answers until it is confirmed. `alreadySigned`: another
 * signature of the same address on the same petition counts; nothing was stored. `mailLimited`: its
 * confirmation mail would pass a limit of its quota; nothing was stored or replaced.
 * `typeMismatch`: the subject holds answers of other types on this site (these), counted or
 * pending: a subject keeps the type of its first answer (bounds.ts); nothing was stored.
 */
export type InsertResult =
  | { inserted: true; pending?: true }
  | { inserted: false; hash: string; pending?: true }
  | { inserted: false; alreadySigned: true }
  | { inserted: false; mailLimited: true }
  | { inserted: false; typeMismatch: string[] };

/** What the buttons of a confirmation link's page did: confirmed (counted), refused (withdrawn), or nothing, and why. */
export type ConfirmOutcome = 'confirmed' | 'refused' | 'used' | 'expired' | 'unknown';

/** A confirmation mail to send: the address, and the signature it confirms (petition.ts's Signed). */
export interface MailToSend {
  to: string;
  signed: EventRow;
}

/** What a confirmation link leads to: a signature waiting for it, as its page shows it, or why there is none. */
export type LinkState =
  | { outcome: 'waiting'; id: string; row: EventRow; personal?: Record<string, unknown>; expiresAt: string }
  | { outcome: 'used' | 'expired' | 'unknown' };

/** A pending signature as pendingByToken (signatures.ts) reads it. */
export interface PendingRow {
  id: string;
  envelope: string | null;
  personal: string | null;
  expiresAt: string;
  confirmedAt: string | null;
}

/** The state of a link from its pending row, at `now` (ISO 8601). */
export function linkState(pending: PendingRow | undefined, now: string): LinkState {
  if (!pending) return { outcome: 'unknown' };
  if (pending.confirmedAt) return { outcome: 'used' };
  if (pending.expiresAt <= now) return { outcome: 'expired' };
  const personal = pending.personal ? (JSON.parse(pending.personal) as Record<string, unknown>) : undefined;
  return { outcome: 'waiting', id: pending.id, row: JSON.parse(pending.envelope!) as EventRow, personal, expiresAt: pending.expiresAt };
}

/** What a purge removed: unconfirmed signatures expired, and signatures whose personal data was deleted. */
export interface PurgeResult {
  expired: number;
  personal: number;
}

export interface ExportFilter {
  type?: string;
  subject?: string;
  /** ISO 8601: answers received at or after it. */
  since?: string;
  /** Include the personal fields kept apart (petition signatures): only when asked for. */
  personal?: boolean;
}

export interface ExportRow extends EventRow {
  personal?: Record<string, unknown>;
}

/** One stored answer as the dashboard quotes it: when it arrived, in which language, and its answers. */
/** How many answers hold a free text, and the latest of them, with when and in which language. */
export interface OtherTexts {
  count: number;
  latest: Array<{ receivedAt: string; text: string; locale: string }>;
}

export interface LatestAnswer {
  receivedAt: string;
  locale: string;
  answers: Record<string, unknown>;
}

export interface SubjectSummary {
  subject: string;
  type: string;
  total: number;
  updated: string;
}

/** Where answers live: SQLite on one machine, PostgreSQL for several collectors. Same schema. */
export interface Storage {
  readonly kind: 'sqlite' | 'postgres';
  /** Stores an answer once; for an id already stored, says so and gives its hash. */
  insert(row: EventRow, personal?: Record<string, unknown>, signature?: Signature): Promise<InsertResult>;
  /** What the link of this token hash leads to at `now` (ISO 8601); reads only (a page opened, a mail scanner's HEAD). */
  awaiting(tokenHash: string, now: string): Promise<LinkState>;
  /**
   * Counts a pending signature whose token hash this is, through the same path as insert (its
   * counters in the same transaction), received at `now` (ISO 8601).
   */
  confirm(tokenHash: string, now: string): Promise<ConfirmOutcome>;
  /** Withdraws a pending signature whose token hash this is (« Ce n'est pas moi »): never counted, its address free. */
  refuse(tokenHash: string, now: string): Promise<ConfirmOutcome>;
  /**
   * Claims up to `limit` confirmation mails due at `now` (ISO 8601) for this sender (mail-queue.ts):
   * each attempt counted, not due again before `leaseEnds`. Another collector claims others.
   */
  claimMails(now: string, leaseEnds: string, limit: number): Promise<Array<{ id: string; attempts: number }>>;
  /**
   * The mail of a claimed pending signature, its link's token hash now `tokenHash` (the link being
   * mailed; an earlier one dies); undefined, and the mail dropped, when the signature no longer
   * waits (confirmed, withdrawn, replaced, expired) or its address was erased.
   */
  prepareMail(id: string, tokenHash: string, now: string): Promise<MailToSend | undefined>;
  /** A mail sent (or no longer to send): out of the queue. */
  mailSent(id: string): Promise<void>;
  /** A failed attempt: tried again at `retryAt`, or, without it, given up (counted as failed on the dashboard). */
  mailFailed(id: string, failure: { retryAt?: string; now: string; error: string }): Promise<void>;
  /** The mails waiting to be sent (or being sent), and those given up. */
  mailQueue(): Promise<{ waiting: number; failed: number }>;
  /**
   * Deletes the personal data of every signature of these signers (the hashes of one address), and
   * the contact address of every idea sent with an address of the same mailbox (mailbox.ts); answers
   * stay counted.
   */
  erasePersonal(signers: string[], email: string): Promise<number>;
  /**
   * Deletes pending signatures expired at `now` and the mail counts of days before its day, and, with `retentionDays`, the personal data (and
   * signer hashes) of petitions closed that many days ago (their terms' closing date, and their last
   * signature, both older than that), and the contact
   * address of ideas received longer ago than that.
   */
  purge(now: string, retentionDays?: number): Promise<PurgeResult>;
  /** A subject's counters (results.ts), kept up to date as answers arrive; with a site, only that site's. */
  counters(subject: string, site?: string): Promise<CounterRows>;
  /**
   * A petition's pending signatures (not expired at `now`) and the terms of the latest signature
   * received among the counted ones; with a site, only that site's.
   */
  petition(subject: string, site: string | undefined, now: string): Promise<PetitionState>;
  /** How many answers of a type on a subject hold the text `field` (a poll's « Autre »: its registry entry's `otherText`), and the latest of these texts. */
  otherTexts(subject: string, type: string, field: string, limit: number): Promise<OtherTexts>;
  /** The latest answers of one type on a subject that hold at least one of `fields` (a report's `what`, a pulse's texts). */
  latestAnswers(subject: string, type: string, fields: string[], limit: number): Promise<LatestAnswer[]>;
  /** Each question's label as the latest answer that gave them asked it (data.definition.labels), a user's before an agent's; empty when none did. */
  questionLabels(subject: string, type: string): Promise<Record<string, string>>;
  /** How many answers of one type each subject has on each site, from the counters (the export's anonymity rule). */
  totalsOf(type: string): Promise<Array<{ subject: string; site: string; answers: number }>>;
  /** Every matching answer, oldest first, read in batches (for streamed exports). */
  export(filter: ExportFilter): AsyncIterable<ExportRow>;
  /** The distinct answer keys of the matching answers, in no order (the CSV export's columns, read before streaming). */
  answerKeys(filter: ExportFilter): Promise<string[]>;
  subjects(): Promise<SubjectSummary[]>;
  /** The latest comments, with the locale they were written in (the dashboard's `lang`); never an agents' pulse's (anonymity.ts). */
  comments(limit: number): Promise<Array<{ subject: string; locale: string; receivedAt: string; comment: string }>>;
  count(): Promise<number>;
  /** A subject's declaration (subjects.ts), or undefined for a subject in the open mode. */
  declaredSubject(subject: string): Promise<DeclaredSubject | undefined>;
  /** Every declared subject's name (the dashboard always lists them). */
  declaredSubjects(): Promise<string[]>;
  /** Declares a subject, or declares it again (its terms replaced). */
  declareSubject(declared: DeclaredSubject): Promise<void>;
  /** The secret called `name`: the one stored, or else `candidate`, stored (the first collector's wins). */
  secret(name: string, candidate: string): Promise<string>;
  close(): Promise<void>;
}

export const EXPORT_BATCH = 500;
