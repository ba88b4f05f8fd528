import type { FastifyReply, FastifyRequest, preValidationAsyncHookHandler } from 'fastify';
import { hasAdminToken } from '../admin.js';
import { CollectorError } from '../errors.js';
import { shared } from './shared.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The hooks of the team's routes (exports, erasure, dashboard): their rate limit, then the admin token. */
    teamOnly: preValidationAsyncHookHandler[];
  }
}

/** Who may read the exports and the dashboard, and erase personal data: the team, with the admin token. */
export const teamAccess = shared('voix-team-access', async (app) => {
  const { config, limits } = app;
  const requireAdmin = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!hasAdminToken(request.headers.authorization, config.adminToken)) {
      // Basic too, so that the dashboard's export links work in the browser that opened it.
      reply.header('WWW-Authenticate', 'Basic realm="Voix", charset="UTF-8"');
      throw new CollectorError(401, 'unauthorized', 'This needs the admin token: Authorization: Bearer <VOIX_ADMIN_TOKEN>.');
    }
  };
  app.decorate('teamOnly', [limits.team, requireAdmin]);
});
