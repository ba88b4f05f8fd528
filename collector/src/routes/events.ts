import type { FastifyInstance } from 'fastify';
import { readEnvelope } from '../envelope.js';
import { CollectorError } from '../errors.js';
import { confirmationToken, mailQuota, signerKeys, untilNextDay } from '../petition.js';
import { eventType } from '../../../dist/event-types.js';
import { checkAnswer } from '../subjects.js';

/**
 * POST /v1/events: an answer, stored once (201, or 201 Idempotent-Replayed for the same body
 * again); when SMTP is set, a petition signature waits for its e-mail confirmation (202, its mail
 * queued and sent after the answer), and one without an address is refused (422 email_required):
 * nothing counts unconfirmed.
 */
export async function eventsRoutes(app: FastifyInstance): Promise<void> {
  const { storage, mailer, now, signerSalt, limits } = app;
  app.post('/v1/events', { preValidation: limits.perClient }, async (request, reply) => {
    if (!app.allowedOrigin(request.headers.origin)) {
      throw new CollectorError(403, 'origin_not_allowed', `Origin ${request.headers.origin} may not post here (VOIX_ORIGINS).`);
    }
    const form = (request.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded');
    const key = request.headers['idempotency-key'];
    const read = readEnvelope(request.body, { form, idempotencyKey: typeof key === 'string' ? key : undefined });
    const { personal } = read;
    // A declared subject's terms are the collector's: an answer must fit them (subjects.ts).
    const declared = await storage.declaredSubject(read.row.subject);
    const row = declared ? checkAnswer(read.row, personal, declared, now()) : read.row;
    await limits.perSubject(request, reply, row.subject);
    const isSignature = Boolean(eventType(row.type)?.signature);
    const email = isSignature && typeof personal?.email === 'string' ? personal.email : undefined;
    if (isSignature && mailer && !email) {
      throw new CollectorError(
        422,
        'email_required',
        'This collector confirms signatures by e-mail: a signature needs data.answers.personal.email (the widget asks for it when its fields include email).',
      );
    }
    const at = now();
    const confirmation = email && mailer ? confirmationToken(at) : undefined;
    const quota = confirmation && mailQuota(row, at);
    const signature = email ? { ...signerKeys(signerSalt, email), pending: confirmation, quota } : undefined;
    const result = await storage.insert(row, personal, signature);
    if ('mailLimited' in result) {
      reply.header('Retry-After', untilNextDay(at));
      throw new CollectorError(
        429,
        'mail_limited',
        'This e-mail address has received as many confirmation e-mails today as it may (this petition, or all of them): nothing was stored. Try again tomorrow.',
      );
    }
    if ('alreadySigned' in result) {
      throw new CollectorError(
        409,
        'already_signed',
        'This e-mail address has already signed this petition, and its signature counts: it is counted once.',
      );
    }
    if ('typeMismatch' in result) {
      throw new CollectorError(
        422,
        'subject_type_mismatch',
        `subject "${row.subject}" takes ${result.typeMismatch.join(', ')} answers on site "${row.site}", not ${row.type}: a subject keeps the type of its first answer.`,
      );
    }
    if (!result.inserted) {
      if (result.hash !== row.hash) {
        throw new CollectorError(422, 'idempotency_conflict', `id: "${row.id}" was already stored with another body.`);
      }
      reply.header('Idempotent-Replayed', 'true');
    }
    if (!result.pending) return reply.status(201).send({ id: row.id, status: 'stored' });
    // Its mail was queued with it: sent from the queue after this answer (plugins/mail-sender.ts), never inside the request.
    if (result.inserted) app.sendMails();
    return reply.status(202).send({ id: row.id, status: 'pending' });
  });
}
