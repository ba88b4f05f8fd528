import type { FastifyInstance } from 'fastify';
import { readEnvelope } from '../envelope.js';
import { CollectorError } from '../errors.js';
import { confirmationToken, signerKey } from '../petition.js';
import { eventType } from '../../../dist/event-types.js';

/**
 * POST /v1/events: an answer, stored once (201, or 201 Idempotent-Replayed for the same body
 * again); a petition signature with an e-mail address waits for its confirmation (202) when SMTP
 * is set.
 */
export async function eventsRoutes(app: FastifyInstance): Promise<void> {
  const { storage, mailer, now, reportError, signerSalt, limits } = app;
  app.post('/v1/events', { preValidation: limits.perClient }, async (request, reply) => {
    if (!app.allowedOrigin(request.headers.origin)) {
      throw new CollectorError(403, 'origin_not_allowed', `Origin ${request.headers.origin} may not post here (VOIX_ORIGINS).`);
    }
    const form = (request.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded');
    const key = request.headers['idempotency-key'];
    const { row, personal } = readEnvelope(request.body, { form, idempotencyKey: typeof key === 'string' ? key : undefined });
    await limits.perSubject(request, reply, row.subject);
    const email = eventType(row.type)?.signature && typeof personal?.email === 'string' ? personal.email : undefined;
    const confirmation = email && mailer ? confirmationToken(now()) : undefined;
    const signature = email ? { signer: signerKey(signerSalt, email), pending: confirmation } : undefined;
    const result = await storage.insert(row, personal, signature);
    if ('alreadySigned' in result) {
      throw new CollectorError(
        409,
        'already_signed',
        'This e-mail address has already signed this petition (or its confirmation is pending): it is counted once.',
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
    if (result.inserted && confirmation) {
      try {
        await mailer!.sendConfirmation(email!, `${app.publicBase()}/v1/confirm/${confirmation.token}`);
      } catch (error) {
        // Never sent, never confirmable: forgotten, so that the widget's retry signs again.
        await storage.withdraw(row.id);
        reportError(
          `${now().toISOString()} voix-collector 503 confirmation e-mail not sent: ${error instanceof Error ? error.message : String(error)}`,
        );
        throw new CollectorError(
          503,
          'mail_unavailable',
          'The confirmation e-mail could not be sent; nothing was stored. Try again later.',
        );
      }
    }
    return reply.status(202).send({ id: row.id, status: 'pending' });
  });
}
