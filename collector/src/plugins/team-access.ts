import type { FastifyReply, FastifyRequest, preValidationAsyncHookHandler } from 'fastify';
import { hasAdminToken } from '../admin.js';
import { CollectorError } from '../errors.js';
import { shared } from './shared.js';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * The hooks of the team's routes (exports, erasure, dashboard): their rate limit; for a route
     * that changes data, the refusal of other sites' pages; the admin token; and JSON only.
     */
    teamOnly: preValidationAsyncHookHandler[];
  }
}

/** Methods that change nothing: the team's reads (exports, dashboard), opened from links. */
const READS = ['GET', 'HEAD', 'OPTIONS'];

/** The media type of a Content-Type header, without its parameters. */
const mediaType = (contentType: string | undefined) => (contentType ?? '').split(';')[0].trim().toLowerCase();

/**
 * Who may read the exports and the dashboard, and erase personal data: the team, with the admin token.
 * A route that changes data is also closed to other sites' pages (CSRF): the browser that opened the
 * dashboard keeps its Basic credentials and would send them with a form posted from anywhere.
 */
export const teamAccess = shared('voix-team-access', async (app) => {
  const { config, limits } = app;
  // Before the token: a page of another site gets no login prompt either.
  const refuseOtherSites = async (request: FastifyRequest) => {
    if (READS.includes(request.method)) return;
    const { origin, 'sec-fetch-site': fetchSite } = request.headers;
    const foreign = origin !== undefined ? !app.ownOrigin(origin) : ['cross-site', 'same-site'].includes(String(fetchSite));
    if (foreign) {
      throw new CollectorError(
        403,
        'cross_site_request',
        "This route changes data: it refuses requests from another site's page. Call it from a script with Authorization: Bearer <VOIX_ADMIN_TOKEN>, or from the collector's own pages (VOIX_PUBLIC_URL).",
      );
    }
  };
  const requireAdmin = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!hasAdminToken(request.headers.authorization, config.adminToken)) {
      // Basic too, so that the dashboard's export links work in the browser that opened it.
      reply.header('WWW-Authenticate', 'Basic realm="Voix", charset="UTF-8"');
      throw new CollectorError(401, 'unauthorized', 'This needs the admin token: Authorization: Bearer <VOIX_ADMIN_TOKEN>.');
    }
  };
  // A type no form can send: a page of another site cannot post it without a CORS preflight, which it does not pass.
  const requireJson = async (request: FastifyRequest) => {
    if (!READS.includes(request.method) && mediaType(request.headers['content-type']) !== 'application/json') {
      throw new CollectorError(415, 'unsupported_media_type', 'This route takes a JSON body only: Content-Type: application/json.');
    }
  };
  app.decorate('teamOnly', [limits.team, refuseOtherSites, requireAdmin, requireJson]);
});
