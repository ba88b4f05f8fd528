// Petition integrity: one signature per mailbox, confirmed by e-mail when SMTP is set,
// and the personal data of signers erased on request or purged after the retention period.
import { createHash, randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { CollectorConfig } from './config.js';
import { foldedAddress, mailbox } from './mailbox.js';
import type { EventRow, MailQuota, Storage } from './storage/storage.js';

/** How long a confirmation link works; an unconfirmed signature is purged after it. */
export const CONFIRMATION_DAYS = 7;
const DAY_MS = 86_400_000;

const saltedHash = (salt: string, text: string) => createHash('sha256').update(`${salt}\u0000${text}`).digest('base64url');

/** The salted hash an address is compared on: its mailbox, however the address was spelled (mailbox.ts). */
export const signerKey = (salt: string, email: string) => saltedHash(salt, mailbox(email));

/**
 * The keys a signer may be stored under: `signer`, their mailbox's, and `legacy`, the one earlier
 * versions stored (the address trimmed and in lower case), when it differs: looked up, never written.
 */
export function signerKeys(salt: string, email: string): { signer: string; legacy?: string } {
  const signer = signerKey(salt, email);
  const legacy = saltedHash(salt, foldedAddress(email));
  return legacy === signer ? { signer } : { signer, legacy };
}

/**
 * A random token for the link, and its hash, which alone is stored: a copy of the database confirms
 * nothing. A signature's first token is never mailed: the mail sender (mail-sender.ts) makes the
 * link's own when it sends it. `since`: when the signature arrived, its mail due then.
 */
export function confirmationToken(now: Date) {
  const token = randomBytes(32).toString('base64url');
  const expires = new Date(now.getTime() + CONFIRMATION_DAYS * DAY_MS).toISOString();
  return { token, tokenHash: hashToken(token), expires, since: now.toISOString() };
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Confirmation mails an address may get a day, about all petitions together, and about one petition (each new signature replaces the pending one). */
export const MAILS_PER_ADDRESS_A_DAY = 3;
export const MAILS_PER_PETITION_A_DAY = 2;

/** The limits a signature's confirmation mail counts against, on the collector's day (UTC). */
export const mailQuota = ({ subject, site }: Pick<EventRow, 'subject' | 'site'>, now: Date): MailQuota => ({
  day: now.toISOString().slice(0, 10),
  limits: [
    { scope: '', max: MAILS_PER_ADDRESS_A_DAY },
    { scope: JSON.stringify([site, subject]), max: MAILS_PER_PETITION_A_DAY },
  ],
});

/** Attempts at sending a confirmation mail before it is given up (plugins/mail-sender.ts; shown as failed on the dashboard): about four hours. */
export const MAIL_ATTEMPTS = 10;

/** The wait after a failed attempt at sending a mail (`attempts` made): a minute, doubled each time, at most an hour. */
export const retryDelay = (attempts: number) => Math.min(60_000 * 2 ** (attempts - 1), 3_600_000);

/** Seconds until the next day (UTC), when an address may get mails again. */
export const untilNextDay = (now: Date) => Math.ceil((DAY_MS - (now.getTime() % DAY_MS)) / 1000);

/** What a confirmation mail says the signature is: its petition, and the page it was signed on. */
export type Signed = Pick<EventRow, 'subject' | 'source'>;

export interface Mailer {
  sendConfirmation(to: string, link: string, signed: Signed): Promise<void>;
}

/** The sender's address alone, from `Name <address>` or an address. */
const senderAddress = (from: string) => /<([^<>]+)>/.exec(from)?.[1] ?? from;

/** The text of a confirmation mail, in French then in English: what is confirmed, the link, and what to do if it was not you. */
function confirmationText(link: string, { subject, source }: Signed, from: string): string {
  return [
    'Bonjour,',
    '',
    `Une signature de la pétition « ${subject} » a été envoyée avec votre adresse électronique, depuis la page ${source}.`,
    'Pour qu’elle soit comptée, ouvrez ce lien et confirmez sur la page qu’il ouvre (bouton « Confirmer ma signature »)\u00a0:',
    link,
    '',
    `Le lien est valable ${CONFIRMATION_DAYS} jours. Si vous n’avez pas signé, ignorez ce message (rien ne sera compté) ou choisissez « Ce n’est pas moi » sur cette page.`,
    `Pour signaler un abus (des courriels de confirmation que vous n’avez pas demandés), écrivez à ${senderAddress(from)}. Vous ne recevrez pas plus de ${MAILS_PER_ADDRESS_A_DAY} de ces courriels par jour.`,
    '',
    '---',
    `A signature of the petition "${subject}" was sent with your e-mail address. To have it counted, open the link above and press « Confirmer ma signature » (valid for ${CONFIRMATION_DAYS} days). If you did not sign, ignore this e-mail or press « Ce n’est pas moi ». To report abuse, write to ${senderAddress(from)}.`,
  ].join('\n');
}

/** The confirmation mailer, when SMTP is configured; none otherwise (signatures then count at once). */
export function mailerFrom({ smtpUrl, mailFrom }: Pick<CollectorConfig, 'smtpUrl' | 'mailFrom'>): Mailer | undefined {
  if (!smtpUrl || !mailFrom) return undefined;
  // Bounded, so that a sender's attempt ends well within its lease of the mail (mail-sender.ts).
  const transport = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 });
  return {
    async sendConfirmation(to, link, signed) {
      await transport.sendMail({
        from: mailFrom,
        to,
        subject: 'Confirmez votre signature',
        text: confirmationText(link, signed, mailFrom),
      });
    },
  };
}

/** Expired confirmations and personal data past retention, purged now; main.ts runs it at start and daily. */
export function purgeSignatures(storage: Storage, config: Pick<CollectorConfig, 'personalRetentionDays'>, now = new Date()) {
  return storage.purge(now.toISOString(), config.personalRetentionDays);
}

export const PURGE_EVERY_MS = DAY_MS;
