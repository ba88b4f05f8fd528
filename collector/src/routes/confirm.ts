import type { FastifyInstance } from 'fastify';
import { confirmationPage, hashToken } from '../petition.js';

/**
 * GET /v1/confirm/{token}: the link of a confirmation e-mail, opened in a browser: a page in
 * French. Limited per client like posting answers, so that tokens cannot be tried in bulk (they
 * are 256 random bits anyway).
 */
export async function confirmRoutes(app: FastifyInstance): Promise<void> {
  const { storage, now, limits } = app;
  app.get<{ Params: { token: string } }>(
    '/v1/confirm/:token',
    {
      // A token of another shape than confirmationToken's is not refused: it is unknown, like any other.
      schema: { params: { type: 'object', properties: { token: { type: 'string', pattern: '^[\\w-]{43}$' } } } },
      attachValidation: true,
      preValidation: limits.perClient,
    },
    async (request, reply) => {
      const outcome = request.validationError ? 'unknown' : await storage.confirm(hashToken(request.params.token), now().toISOString());
      const page = confirmationPage(outcome);
      reply
        .status(page.status)
        .type('text/html; charset=utf-8')
        .header('Content-Security-Policy', "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
        .header('Cache-Control', 'no-store');
      return page.html;
    },
  );
}
