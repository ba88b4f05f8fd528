import cors from '@fastify/cors';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { createHash, randomBytes } from 'node:crypto';
import { isIPv6, type AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { dashboardCss, dashboardPage, hasAdminToken } from './admin.js';
import { anonymousRows, dayOf, groupKey, hasPulse, isWithheld, PULSE, sinceDay, withheldResults } from './anonymity.js';
import type { CollectorConfig } from './config.js';
import { readEnvelope } from './envelope.js';
import { CollectorError } from './errors.js';
import { csvLines, ndjsonLines } from './export.js';
import { confirmationPage, confirmationToken, hashToken, mailerFrom, signerKey, type Mailer } from './petition.js';
import { mayBePetition, petitionResults, resultsFromCounters, versionOf } from './results.js';
import { PETITION } from './storage/signatures.js';
import type { Storage } from './storage/storage.js';

export const BODY_LIMIT = 64 * 1024;

/** The origins of pages served on the address listened on (`HOST`, or a browser on the machine itself). */
function listeningOrigins(host: string, address: AddressInfo | string | null): string[] {
  if (!address || typeof address === 'string') return [];
  const everywhere = ['0.0.0.0', '::'];
  const names = [host, address.address].filter((name) => !everywhere.includes(name));
  if ([host, address.address].some((name) => everywhere.includes(name) || /^(127\.|::1$|localhost$)/.test(name))) names.push('127.0.0.1', 'localhost', '::1');
  return [...new Set(names.map((name) => `http://${name.includes(':') ? `[${name}]` : name}:${address.port}`))];
}

/**
 * Query parameters given once and not empty, or a 400 naming the one that is not: a repeated
 * parameter reaches the code as an array, which must never get as far as a query.
 */
function singleParameters<Name extends string>(query: unknown, names: readonly Name[], { strict }: { strict: boolean }): Partial<Record<Name, string>> {
  const given = (query ?? {}) as Record<string, unknown>;
  const refuse = (message: string) => new CollectorError(400, 'invalid_query', message);
  for (const [name, value] of Object.entries(given)) {
    if (!names.includes(name as Name)) {
      if (strict) throw refuse(`Unknown parameter "${name}": expected ${names.join(', ')}.`);
      continue;
    }
    if (typeof value !== 'string') throw refuse(`${name} is given more than once: give it once.`);
    if (!value) throw refuse(`${name} is empty.`);
  }
  return Object.fromEntries(names.filter((name) => Object.hasOwn(given, name)).map((name) => [name, given[name]])) as Partial<Record<Name, string>>;
}

const EXPORT_PARAMETERS = ['type', 'subject', 'since', 'personal'] as const;

/** The latest « Autre » texts of a poll shown on the dashboard (the export has them all). */
const OTHERS_SHOWN = 10;

/** The latest texts of a report or a pulse shown on the dashboard, and the answers they are read from. */
const TEXTS_SHOWN = 10;
const TEXT_FIELDS: Record<string, string[]> = { 'voix.report': ['what'], 'voix.idea': ['title', 'description'], [PULSE]: ['blocks', 'idea'] };

/**
 * Who a rate limit counts: an IPv4 address, or the /64 network of an IPv6 one. A home or a phone
 * gets a whole /64 and may use any address in it, so counting addresses would let one client
 * rotate through millions of them.
 */
export function clientNetwork(ip: string): string {
  if (!isIPv6(ip)) return ip;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1];
  const [head, tail = ''] = ip.split('::');
  const groups = (part: string) => (part ? part.split(':') : []);
  const missing = 8 - groups(head).length - groups(tail).length;
  const full = [...groups(head), ...(ip.includes('::') ? Array(missing).fill('0') : []), ...groups(tail)];
  return `${full.slice(0, 4).map((group) => parseInt(group, 16).toString(16)).join(':')}::/64`;
}

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
  const { trustProxy } = config;
  // Kept in the database, not VOIX_SALT (random at each start when unset, and only for rate limits):
  // a signer must be recognised, and erasable, after a restart and on every collector.
  const signerSalt = await storage.secret('signer-salt', randomBytes(32).toString('hex'));
  const app = Fastify({
    logger,
    bodyLimit: BODY_LIMIT,
    // A number of hops: the addresses that many proxies appended are believed, not the client's own.
    trustProxy: typeof trustProxy === 'number' ? (_address: string, hop: number) => hop < trustProxy : trustProxy,
    // A client has this long to send its whole request: slow senders cannot hold connections for minutes.
    requestTimeout: config.requestTimeoutMs,
    http: { requestTimeout: config.requestTimeoutMs, headersTimeout: config.requestTimeoutMs, connectionsCheckingInterval: Math.min(1_000, config.requestTimeoutMs / 2) },
    // Longer than a reverse proxy's usual idle time (60 s), so that the proxy, not the collector, closes a kept-alive connection first.
    keepAliveTimeout: 72_000,
    // A socket quiet in both directions this long (a client that stopped reading) is closed.
    connectionTimeout: 120_000,
  });

  // On every response, errors and 404 included; HSTS is the HTTPS proxy's (docs/collector.md).
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff').header('Referrer-Policy', 'no-referrer');
    return payload;
  });

  app.addContentTypeParser('application/cloudevents+json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
  await app.register(formbody);

  // The collector's own pages (the demo) post to it too: known from its settings or its address,
  // never from the Host header, which the client writes.
  let ownOrigins: string[] | undefined;
  const own = () => config.publicUrls ?? (ownOrigins ??= app.server.listening ? listeningOrigins(config.host, app.server.address()) : undefined) ?? [];
  // Confirmation links lead to the collector's public address (VOIX_PUBLIC_URL), by default the one it listens on.
  const linkBase = () => config.publicUrls?.[0] ?? own()[0];
  const allowed = (origin: string | undefined) => !origin || config.origins === '*' || config.origins.includes(origin) || own().includes(origin);

  await app.register(cors, {
    delegator: (request, callback) =>
      callback(null, {
        origin: allowed(request.headers.origin),
        methods: ['GET', 'POST'],
        allowedHeaders: ['Content-Type', 'Idempotency-Key', 'If-None-Match'],
        exposedHeaders: ['ETag', 'Retry-After', 'Idempotent-Replayed'],
        maxAge: 600,
      }),
  });

  // Rate limits: per client (a salted hash of its address; raw addresses are never kept) and per subject.
  const clientKey = (request: FastifyRequest) => createHash('sha256').update(config.salt + clientNetwork(request.ip)).digest('base64url').slice(0, 22);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new CollectorError(429, 'rate_limited', `Too many requests: at most ${context.max} in ${context.after}. Try again later.`),
  });
  const perClient = app.rateLimit({ max: config.ratePerClient, timeWindow: 60_000, keyGenerator: clientKey });
  // Checked by hand once the answer is known valid and allowed: junk and wrong-origin posts must
  // not use up the limit of a subject and shut its residents out.
  const subjectOf = new WeakMap<FastifyRequest, string>();
  const subjectLimit = app.createRateLimit({ max: config.ratePerSubject, timeWindow: 60_000, keyGenerator: (request) => `subject:${subjectOf.get(request)}` });
  const perSubject = async (request: FastifyRequest, reply: FastifyReply, subject: string) => {
    subjectOf.set(request, subject);
    const limit = await subjectLimit(request);
    if (limit.isAllowed || !limit.isExceeded) return;
    reply.header('Retry-After', limit.ttlInSeconds);
    throw new CollectorError(429, 'rate_limited', `Too many answers on this subject: at most ${limit.max} a minute. Try again later.`);
  };

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (error instanceof CollectorError) return reply.status(error.statusCode).send({ error: error.code, message: error.message });
    const known: Record<string, [number, string]> = {
      FST_ERR_CTP_INVALID_JSON_BODY: [400, 'malformed_json'],
      FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'malformed_json'],
      FST_ERR_CTP_BODY_TOO_LARGE: [413, 'body_too_large'],
      FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type'],
    };
    const [status, code] = known[error.code ?? ''] ?? [error.statusCode && error.statusCode < 500 ? error.statusCode : 500, 'internal'];
    if (status >= 500) {
      reportError(`${new Date().toISOString()} voix-collector ${status} ${request.method} ${request.url.split('?')[0]}: ${error.stack ?? error.message}`);
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

  app.post('/v1/events', { preHandler: perClient }, async (request, reply) => {
    if (!allowed(request.headers.origin)) {
      throw new CollectorError(403, 'origin_not_allowed', `Origin ${request.headers.origin} may not post here (VOIX_ORIGINS).`);
    }
    const form = (request.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded');
    const key = request.headers['idempotency-key'];
    const { row, personal } = readEnvelope(request.body, { form, idempotencyKey: typeof key === 'string' ? key : undefined });
    await perSubject(request, reply, row.subject);
    const email = row.type === PETITION && typeof personal?.email === 'string' ? personal.email : undefined;
    const confirmation = email && mailer ? confirmationToken(now()) : undefined;
    const signature = email ? { signer: signerKey(signerSalt, email), pending: confirmation } : undefined;
    const result = await storage.insert(row, personal, signature);
    if ('alreadySigned' in result) {
      throw new CollectorError(409, 'already_signed', 'This e-mail address has already signed this petition (or its confirmation is pending): it is counted once.');
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
        await mailer!.sendConfirmation(email!, `${linkBase()}/v1/confirm/${confirmation.token}`);
      } catch (error) {
        // Never sent, never confirmable: forgotten, so that the widget's retry signs again.
        await storage.withdraw(row.id);
        reportError(`${now().toISOString()} voix-collector 503 confirmation e-mail not sent: ${error instanceof Error ? error.message : String(error)}`);
        throw new CollectorError(503, 'mail_unavailable', 'The confirmation e-mail could not be sent; nothing was stored. Try again later.');
      }
    }
    return reply.status(202).send({ id: row.id, status: 'pending' });
  });

  // The link of a confirmation e-mail, opened in a browser: a page in French. Limited per client
  // like posting answers, so that tokens cannot be tried in bulk (they are 256 random bits anyway).
  app.get('/v1/confirm/:token', { preHandler: perClient }, async (request, reply) => {
    const { token } = request.params as { token: string };
    const outcome = /^[\w-]{43}$/.test(token) ? await storage.confirm(hashToken(token), now().toISOString()) : 'unknown';
    const page = confirmationPage(outcome);
    reply
      .status(page.status)
      .type('text/html; charset=utf-8')
      .header('Content-Security-Policy', "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
      .header('Cache-Control', 'no-store');
    return page.html;
  });

  /**
   * A subject's results from its counters, with a petition's figures when it is one (pending
   * signatures, terms); an agents' pulse under the threshold gets nothing (anonymity.ts).
   */
  const readResults = async (subject: string, site?: string, updated?: string) => {
    const counters = await storage.counters(subject, site);
    if (isWithheld(counters, config.pulseMinAnswers)) return { results: withheldResults(subject, config.pulseMinAnswers), version: undefined };
    const version = versionOf(counters);
    const last = updated ?? version.updated;
    // An agents' pulse: no time finer than the day (with the answers, a time would say who).
    const pulse = hasPulse(counters);
    const results = resultsFromCounters(subject, counters, last && pulse ? dayOf(last) : last);
    const petition = mayBePetition(counters) ? petitionResults(counters, await storage.petition(subject, site, now().toISOString())) : undefined;
    return { results: petition ? { ...results, petition } : results, version, pulse };
  };

  // Results are read from counters (a few rows, however many answers); still a limit of their own per client.
  const resultsLimit = app.rateLimit({ max: config.rateResults, timeWindow: 60_000, keyGenerator: clientKey });
  app.get('/v1/results/*', { preHandler: resultsLimit }, async (request, reply) => {
    const subject = (request.params as { '*': string })['*'];
    if (!subject) throw new CollectorError(400, 'missing_subject', 'The subject goes after /v1/results/.');
    // Other parameters (a cache buster…) are let through: widgets read this route.
    const { site } = singleParameters(request.query, ['site'], { strict: false });
    const { results, version, pulse } = await readResults(subject, site);
    const fingerprint = (text: string) => `-${createHash('sha256').update(text).digest('base64url').slice(0, 12)}`;
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
  });

  // The team's routes: few requests a minute per client, so that the token cannot be guessed.
  const teamLimit = app.rateLimit({ max: 30, timeWindow: 60_000, keyGenerator: clientKey });
  const requireAdmin = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!hasAdminToken(request.headers.authorization, config.adminToken)) {
      // Basic too, so that the dashboard's export links work in the browser that opened it.
      reply.header('WWW-Authenticate', 'Basic realm="Voix", charset="UTF-8"');
      throw new CollectorError(401, 'unauthorized', 'This needs the admin token: Authorization: Bearer <VOIX_ADMIN_TOKEN>.');
    }
  };

  for (const format of ['csv', 'ndjson'] as const) {
    app.get(`/v1/export.${format}`, { preHandler: [teamLimit, requireAdmin] }, async (request, reply) => {
      // All checked before the first line is sent: a bad value found while streaming can only cut the connection.
      const query = singleParameters(request.query, EXPORT_PARAMETERS, { strict: true });
      if (query.personal !== undefined && !['true', 'false'].includes(query.personal)) {
        throw new CollectorError(400, 'invalid_query', `personal: "${query.personal}" is not true or false.`);
      }
      if (query.since !== undefined && Number.isNaN(Date.parse(query.since))) {
        throw new CollectorError(400, 'invalid_since', `since: "${query.since}" is not an ISO 8601 date.`);
      }
      const personal = query.personal === 'true';
      const since = query.since && new Date(query.since).toISOString();
      // From the start of since's day: pulse answers are selected by whole days (anonymity.ts), the others from since itself.
      const filter = { type: query.type, subject: query.subject, since: since && sinceDay(since), personal };
      // Pulse answers only from the subjects and sites at or above the threshold when the export starts.
      const shown = new Set(
        (await storage.totalsOf(PULSE)).filter((group) => group.answers >= config.pulseMinAnswers).map((group) => groupKey(group.subject, group.site)),
      );
      const rows = anonymousRows(storage.export(filter), shown, since);
      // The CSV header needs every answer key first: one cheap query over the same filter, not the rows buffered.
      const lines = format === 'csv' ? csvLines(rows, personal, await storage.answerKeys(filter)) : ndjsonLines(rows);
      reply
        .header('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="voix-export.${format}"`)
        .header('Cache-Control', 'no-store');
      return reply.send(Readable.from(lines));
    });
  }

  // Erasure (RGPD): a signer's personal data on every petition, by their address, and the address
  // kept with their ideas; signatures and ideas stay counted, and the salted hash stays so that the
  // address cannot sign twice.
  app.post('/v1/personal/erase', { preHandler: [teamLimit, requireAdmin] }, async (request) => {
    const { email } = (request.body ?? {}) as { email?: unknown };
    if (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(email.trim()) || email.length > 254) {
      throw new CollectorError(400, 'invalid_email', 'The body must be {"email": "<the signer\'s address>"}.');
    }
    return { erased: await storage.erasePersonal(signerKey(signerSalt, email), email) };
  });

  app.get('/admin', { preHandler: [teamLimit, requireAdmin] }, async (_request, reply) => {
    const subjects = (await storage.subjects()).slice(0, 50);
    const withResults = await Promise.all(
      subjects.map(async (summary) => {
        const { results } = await readResults(summary.subject, undefined, summary.updated);
        // A withheld pulse's texts are never read.
        const fields = !results.withheld && Object.hasOwn(TEXT_FIELDS, summary.type) ? TEXT_FIELDS[summary.type] : undefined;
        return {
          ...summary,
          results,
          ...(summary.type === 'voix.poll.vote' && { others: await storage.pollOthers(summary.subject, OTHERS_SHOWN) }),
          ...(fields && { texts: await storage.latestAnswers(summary.subject, summary.type, fields, TEXTS_SHOWN) }),
        };
      }),
    );
    // Newest first, but a withheld pulse last and by name: moving up, it would tell when an agent answered.
    const rank = (card: (typeof withResults)[number]) => (card.results.withheld ? card.subject : '');
    withResults.sort((a, b) => (rank(a) === rank(b) ? 0 : !rank(a) ? -1 : !rank(b) ? 1 : rank(a) < rank(b) ? -1 : 1));
    reply
      .type('text/html; charset=utf-8')
      .header('Content-Security-Policy', "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
      .header('Cache-Control', 'no-store');
    return dashboardPage(withResults, await storage.comments(20), await storage.count(), now());
  });
  app.get('/admin.css', async (_request, reply) => reply.type('text/css; charset=utf-8').send(dashboardCss));

  app.get('/healthz', async () => ({ status: 'ok', storage: storage.kind, answers: await storage.count() }));

  return app;
}
