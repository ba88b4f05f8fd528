import type { FastifyError, FastifyRequest } from 'fastify';
import { CollectorError } from '../errors.js';
import { queryFault } from '../query-string.js';
import { BODY_LIMIT } from './bodies.js';
import { shared } from './shared.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The answer to a request whose path parameters the route's schema refuses (without it, a 400 with Ajv's message). */
    pathError?: CollectorError;
  }
}

/** Fastify's errors that the collector names itself. */
const KNOWN: Record<string, [number, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'malformed_json'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'malformed_json'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'body_too_large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type'],
};

/** What the schema of a route refused, in the collector's words, when it has some for it. */
function refusal(error: FastifyError, request: FastifyRequest): CollectorError | undefined {
  if (error.validationContext === 'querystring') return queryFault(request.query as Record<string, unknown>, error.validation ?? []);
  if (error.validationContext === 'params') return request.routeOptions.config.pathError;
  return undefined;
}

/** Every error as `{ error, message }` (errors.ts), a 5xx told with its stack; a route unknown as 404 not_found. */
export const errorReplies = shared('voix-errors', async (app) => {
  app.setErrorHandler((fault: FastifyError, request, reply) => {
    const error = (fault.validation && refusal(fault, request)) || fault;
    if (error instanceof CollectorError) return reply.status(error.statusCode).send({ error: error.code, message: error.message });
    const [status, code] = KNOWN[error.code ?? ''] ?? [error.statusCode && error.statusCode < 500 ? error.statusCode : 500, 'internal'];
    if (status >= 500) {
      app.reportError(
        `${new Date().toISOString()} voix-collector ${status} ${request.method} ${request.url.split('?')[0]}: ${error.stack ?? error.message}`,
      );
    }
    const message =
      code === 'malformed_json'
        ? 'The body is not valid JSON.'
        : status === 413
          ? `The body is larger than ${BODY_LIMIT / 1024} KB.`
          : status >= 500
            ? 'Internal error.'
            : error.message;
    return reply.status(status).send({ error: code, message });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: 'not_found', message: `No route for ${request.method} ${request.url.split('?')[0]}.` }),
  );
});
