import Fastify, { type FastifyHttpOptions, type FastifyInstance } from 'fastify';
import type { Server } from 'node:http';
import type { CollectorConfig } from './config.js';
import { mailerFrom, type Mailer } from './petition.js';
import { agentsOnly } from './plugins/agents.js';
import { BODY_LIMIT, bodyParsers } from './plugins/bodies.js';
import { corsPolicy } from './plugins/cors.js';
import { errorReplies } from './plugins/errors.js';
import { mailSender } from './plugins/mail-sender.js';
import { securityHeaders } from './plugins/headers.js';
import { rateLimits } from './plugins/rate-limits.js';
import { services } from './plugins/services.js';
import { teamAccess } from './plugins/team-access.js';
import { adminRoutes } from './routes/admin.js';
import { confirmRoutes } from './routes/confirm.js';
import { eventsRoutes } from './routes/events.js';
import { exportRoutes } from './routes/exports.js';
import { healthRoutes } from './routes/health.js';
import { personalDataRoutes } from './routes/personal.js';
import { resultsRoutes } from './routes/results.js';
import { subjectRoutes } from './routes/subjects.js';
import type { Storage } from './storage/storage.js';

export interface ServerOptions {
  config: CollectorConfig;
  storage: Storage;
  logger?: boolean;
  /** Where each 5xx is told, with its error; default: one line on stderr (widgets retry a 5xx for days: it must be seen). */
  reportError?: (line: string) => void;
  /** The clock of confirmations and their expiry (tests set it). */
  now?: () => Date;
  /** Sends confirmation e-mails; default: from the SMTP settings, none without them. */
  mailer?: Mailer;
}

const toStderr = (line: string) => process.stderr.write(`${line}\n`);

/** The collector's HTTP API (docs/openapi.yaml): events in, results and exports out. */
export async function buildServer({
  config,
  storage,
  logger = false,
  reportError = toStderr,
  now = () => new Date(),
  mailer = mailerFrom(config),
}: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify(serverOptions(config, logger));
  // The whole server's, in this order: what the routes share, then what every request goes through.
  await app.register(services, { config, storage, mailer, now, reportError });
  await app.register(securityHeaders);
  await app.register(bodyParsers);
  await app.register(corsPolicy);
  await app.register(rateLimits);
  await app.register(teamAccess);
  await app.register(agentsOnly);
  await app.register(errorReplies);
  await app.register(mailSender);
  // One plugin per route group (docs/openapi.yaml).
  await app.register(eventsRoutes);
  await app.register(confirmRoutes);
  await app.register(resultsRoutes);
  await app.register(subjectRoutes);
  await app.register(exportRoutes);
  await app.register(personalDataRoutes);
  await app.register(adminRoutes);
  await app.register(healthRoutes);
  return app;
}

function serverOptions(config: CollectorConfig, logger: boolean): FastifyHttpOptions<Server> {
  const { trustProxy } = config;
  return {
    logger,
    bodyLimit: BODY_LIMIT,
    // A number of hops: the addresses that many proxies appended are believed, not the client's own.
    trustProxy: typeof trustProxy === 'number' ? (_address: string, hop: number) => hop < trustProxy : trustProxy,
    // A client has this long to send its whole request: slow senders cannot hold connections for minutes.
    requestTimeout: config.requestTimeoutMs,
    http: {
      requestTimeout: config.requestTimeoutMs,
      headersTimeout: config.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(1_000, config.requestTimeoutMs / 2),
    },
    // Longer than a reverse proxy's usual idle time (60 s), so that the proxy, not the collector, closes a kept-alive connection first.
    keepAliveTimeout: 72_000,
    // A socket quiet in both directions this long (a client that stopped reading) is closed.
    connectionTimeout: 120_000,
    // Every fault of a refused query string, so that the collector names the first in the query's order (query-string.ts).
    ajv: { customOptions: { allErrors: true } },
  };
}
