// A real SMTP server for the petition tests: confirmation e-mails are sent, received and read.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { RecountStorage } from './recount.js';
import { startCollector, type Backend } from './support.js';

/** A real SMTP server on a loopback port, keeping each message received as text; `options` add to its own (onConnect, say). */
export async function startSmtp(options: SMTPServerOptions = {}) {
  const messages: Array<{ to: string[]; raw: string }> = [];
  const server = new SMTPServer({
    ...options,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        messages.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return { url: `smtp://127.0.0.1:${port}`, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The confirmation link of a message (its text is quoted-printable: soft line breaks and =XX undone). */
export function linkIn(raw: string): string {
  const text = raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  const link = /https?:\/\/\S+\/v1\/confirm\/[\w-]+/.exec(text)?.[0];
  assert.ok(link, `no confirmation link in:\n${raw}`);
  return link;
}

/**
 * Presses a button of the page a confirmation link opens: « Confirmer ma signature » (confirm) or
 * « Ce n’est pas moi » (refuse), a form posted to the link itself. Opening the link counts nothing.
 */
export const confirmLink = (link: string, action = 'confirm') =>
  fetch(link, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `action=${action}` });

/**
 * The messages the SMTP server received once the collector's mail queue has none waiting: the
 * collector sends from its queue after answering (routes/events.ts), and a mail's row leaves the
 * queue only after the server took the message.
 */
export async function mailsOnceSent(storage: RecountStorage, smtp: { messages: Array<{ to: string[]; raw: string }> }) {
  while ((await storage.mailQueue()).waiting) await new Promise((resolve) => setTimeout(resolve, 5));
  return smtp.messages;
}

/**
 * For one describe block: a fresh storage of the backend, a real SMTP server (with `smtpOptions`),
 * and a collector that sends its confirmation e-mails through it on the clock `now`. Read them
 * inside the tests; `mails()` gives the messages received once every queued one is sent.
 */
export function collectorWithSmtp(
  backend: Backend,
  now: () => Date,
  mailFrom = 'participation@ville-de-demo.fr',
  smtpOptions: SMTPServerOptions = {},
) {
  const running = {} as {
    storage: RecountStorage;
    smtp: Awaited<ReturnType<typeof startSmtp>>;
    url: string;
    close: () => Promise<void>;
    app: Awaited<ReturnType<typeof startCollector>>['app'];
    mails: () => Promise<Array<{ to: string[]; raw: string }>>;
  };
  running.mails = () => mailsOnceSent(running.storage, running.smtp);
  before(async () => {
    running.storage = await backend.open();
    running.smtp = await startSmtp(smtpOptions);
    Object.assign(running, await startCollector(running.storage, { smtpUrl: running.smtp.url, mailFrom }, { now }));
  });
  after(async () => {
    await running.close();
    await running.storage.close();
    await running.smtp.close();
  });
  return running as Readonly<typeof running>;
}
