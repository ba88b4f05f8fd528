// Petition integrity: one signature per mailbox, confirmed by e-mail when SMTP is set,
// and the personal data of signers erased on request or purged after the retention period.
import { createHash, randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { CollectorConfig } from './config.js';
import { foldedAddress, mailbox } from './mailbox.js';
import type { Storage } from './storage/storage.js';

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

/** A random token for the link, and its hash, which alone is stored: a copy of the database confirms nothing. */
export function confirmationToken(now: Date) {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashToken(token), expires: new Date(now.getTime() + CONFIRMATION_DAYS * DAY_MS).toISOString() };
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export interface Mailer {
  sendConfirmation(to: string, link: string): Promise<void>;
}

/** The confirmation mailer, when SMTP is configured; none otherwise (signatures then count at once). */
export function mailerFrom({ smtpUrl, mailFrom }: Pick<CollectorConfig, 'smtpUrl' | 'mailFrom'>): Mailer | undefined {
  if (!smtpUrl || !mailFrom) return undefined;
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async sendConfirmation(to, link) {
      await transport.sendMail({
        from: mailFrom,
        to,
        subject: 'Confirmez votre signature',
        text: [
          'Bonjour,',
          '',
          'Pour que votre signature de la pétition soit comptée, ouvrez ce lien et confirmez sur la page qu’il ouvre (bouton « Confirmer ma signature ») :',
          link,
          '',
          `Le lien est valable ${CONFIRMATION_DAYS} jours. Si vous n'avez pas signé, ignorez ce message : rien ne sera compté.`,
          '',
          '---',
          'To have your signature counted, open the link above and press « Confirmer ma signature » (valid for 7 days). If you did not sign, ignore this e-mail or press « Ce n’est pas moi ».',
        ].join('\n'),
      });
    },
  };
}

/** Expired confirmations and personal data past retention, purged now; main.ts runs it at start and daily. */
export function purgeSignatures(storage: Storage, config: Pick<CollectorConfig, 'personalRetentionDays'>, now = new Date()) {
  return storage.purge(now.toISOString(), config.personalRetentionDays);
}

export const PURGE_EVERY_MS = DAY_MS;
