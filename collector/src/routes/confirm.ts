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
    { preHandler: limits.perClient },
    async (request, reply) => {
      const { token } = request.params;
      const outcome = /^[\w-]{43}$/.test(token) ? await storage.confirm(hashToken(token), now().toISOString()) : 'unknown';
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
