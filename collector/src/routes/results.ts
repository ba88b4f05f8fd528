import type { FastifyInstance } from 'fastify';
import { createHash } from 'node:crypto';
import { CollectorError } from '../errors.js';
import { queryString, SINGLE_VALUE } from '../query-string.js';

const fingerprint = (text: string) => `-${createHash('sha256').update(text).digest('base64url').slice(0, 12)}`;

/** GET /v1/results/{subject}: a subject's results, on every site or on one, with an ETag the widgets revalidate. */
export async function resultsRoutes(app: FastifyInstance): Promise<void> {
  const { config, limits } = app;
  app.get<{ Params: { '*': string }; Querystring: { site?: string } }>(
    '/v1/results/*',
    {
      schema: {
        params: { type: 'object', properties: { '*': SINGLE_VALUE } },
        // Other parameters (a cache buster…) are let through: widgets read this route.
        querystring: queryString({ site: SINGLE_VALUE }),
      },
      config: { pathError: new CollectorError(400, 'missing_subject', 'The subject goes after /v1/results/.') },
      preValidation: limits.results,
    },
    async (request, reply) => {
      const { '*': subject } = request.params;
      const { site } = request.query;
      const { results, version, pulse } = await app.readResults(subject, site);
      // A petition's pending count and terms change without a new counted answer: they are in the ETag too.
      const ofPetition = results.petition ? fingerprint(JSON.stringify(results.petition)) : '';
      const ofSite = site === undefined ? '' : fingerprint(site);
      // Withheld: one ETag whatever arrives, which would otherwise tell each new answer. With a pulse,
      // the ETag follows the figures, not the answers' sequence (which other answers move too).
      const etag = !version
        ? `W/"withheld-${config.pulseMinAnswers}${ofSite}"`
        : pulse
          ? `W/"pulse${fingerprint(JSON.stringify(results))}${ofSite}"`
          : `W/"${version.total}-${version.last}${ofPetition}${ofSite}"`;
      reply.header('ETag', etag).header('Cache-Control', 'public, max-age=5');
      if (request.headers['if-none-match'] === etag) return reply.status(304).send();
      return results;
    },
  );
}
