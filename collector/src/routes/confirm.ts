import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CONFIRMATION_CSP, confirmationPage } from '../confirmation-page.js';
import { CollectorError } from '../errors.js';
import { hashToken } from '../petition.js';

type TokenRequest = FastifyRequest<{ Params: { token: string } }>;

/**
 * GET /v1/confirm/{token}: the link of a confirmation e-mail, opened in a browser: a page in
 * French showing what it would confirm; opening it (or a HEAD, as mail scanners send) counts
 * nothing. POST /v1/confirm/{token}, the page's form: `action=confirm` counts the signature,
 * `action=refuse` withdraws it. Limited per client like posting answers, so that tokens cannot be
 * tried in bulk (they are 256 random bits anyway).
 */
export async function confirmRoutes(app: FastifyInstance): Promise<void> {
  const { storage, now, limits } = app;
  const options = {
    // A token of another shape than confirmationToken's is not refused: it is unknown, like any other.
    schema: { params: { type: 'object', properties: { token: { type: 'string', pattern: '^[\\w-]{43}$' } } } },
    attachValidation: true,
    preValidation: limits.perClient,
  };
  const tokenHash = (request: TokenRequest) => (request.validationError ? undefined : hashToken(request.params.token));
  const send = (reply: FastifyReply, { status, html }: ReturnType<typeof confirmationPage>) =>
    reply
      .status(status)
      .type('text/html; charset=utf-8')
      .header('Content-Security-Policy', CONFIRMATION_CSP)
      .header('Cache-Control', 'no-store')
      .send(html);

  app.get('/v1/confirm/:token', options, async (request: TokenRequest, reply) => {
    const hash = tokenHash(request);
    return send(reply, confirmationPage(hash ? await storage.awaiting(hash, now().toISOString()) : { outcome: 'unknown' }));
  });

  app.post('/v1/confirm/:token', options, async (request: TokenRequest, reply) => {
    const { action } = (request.body ?? {}) as { action?: unknown };
    if (action !== 'confirm' && action !== 'refuse') {
      throw new CollectorError(400, 'invalid_action', 'The confirmation page posts action=confirm or action=refuse.');
    }
    const hash = tokenHash(request);
    const at = now().toISOString();
    const outcome = !hash ? 'unknown' : action === 'confirm' ? await storage.confirm(hash, at) : await storage.refuse(hash, at);
    return send(reply, confirmationPage({ outcome }));
  });
}
