// The sender of confirmation mails: a signature is answered (202) as soon as it is stored with its
// mail queued (storage/mail-queue.ts); this loop, in each collector process, claims due mails,
// sends them, and retries a failure with backoff. Started when the server is ready, stopped on close.
import type { FastifyInstance } from 'fastify';
import { confirmationToken, MAIL_ATTEMPTS, retryDelay } from '../petition.js';
import { shared } from './shared.js';

/** How long a claimed mail is this sender's: longer than an attempt may last (petition.ts's SMTP timeouts). */
const LEASE_MS = 5 * 60_000;
/** How often each sender looks for due mails (retries, and mails queued by another collector). */
const POLL_MS = 10_000;
/** Mails claimed, and sent side by side, at a time. */
const BATCH = 10;

declare module 'fastify' {
  interface FastifyInstance {
    /** Sends the mails due now, without waiting for the next look (a signature was just queued). */
    sendMails: () => void;
  }
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 500);

export const mailSender = shared('voix-mail-sender', async (app: FastifyInstance) => {
  const { storage, mailer, now, reportError } = app;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const sendOne = async ({ id, attempts }: { id: string; attempts: number }) => {
    // The link's own token: its hash replaces the signature's, and only this link confirms it.
    const { token, tokenHash } = confirmationToken(now());
    const mail = await storage.prepareMail(id, tokenHash, now().toISOString());
    if (!mail) return;
    try {
      await mailer!.sendConfirmation(mail.to, `${app.publicBase()}/v1/confirm/${token}`, mail.signed);
    } catch (error) {
      const at = now();
      const retryAt = attempts < MAIL_ATTEMPTS ? new Date(at.getTime() + retryDelay(attempts)).toISOString() : undefined;
      await storage.mailFailed(id, { retryAt, now: at.toISOString(), error: reason(error) });
      reportError(
        `${at.toISOString()} voix-collector confirmation e-mail not sent (attempt ${attempts}${retryAt ? `, again at ${retryAt}` : ', given up'}): ${reason(error)}`,
      );
      return;
    }
    await storage.mailSent(id);
  };
  const run = async () => {
    do {
      again = false;
      const at = now();
      const claimed = await storage.claimMails(at.toISOString(), new Date(at.getTime() + LEASE_MS).toISOString(), BATCH);
      await Promise.all(claimed.map(sendOne));
      if (claimed.length === BATCH) again = true;
    } while (again && !stopped);
  };
  const wake = () => {
    if (!mailer || stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = run()
      // Closed under it (a stop mid-send): its claimed mails are sent again once their lease ends.
      .catch((error) => {
        if (!stopped) reportError(`${now().toISOString()} voix-collector mail queue: ${reason(error)}`);
      })
      .finally(() => (running = undefined));
  };
  app.decorate('sendMails', wake);
  if (!mailer) return;
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    timer = setInterval(wake, POLL_MS).unref();
    wake();
  });
  app.addHook('onClose', async () => {
    stopped = true;
    clearInterval(timer);
  });
});
