import rateLimit from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest, preValidationAsyncHookHandler } from 'fastify';
import { createHash } from 'node:crypto';
import { isIPv6 } from 'node:net';
import { CollectorError } from '../errors.js';
import { shared } from './shared.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Rate limits, as route hooks, but for the per-subject limit that a route checks itself. */
    limits: {
      /** Posts per client: answers, and confirmation links (tokens cannot be tried in bulk). */
      perClient: preValidationAsyncHookHandler;
      /** Results requests per client: read from counters (a few rows, however many answers), still limited. */
      results: preValidationAsyncHookHandler;
      /** The team's routes: few requests a minute per client, so that the admin token cannot be guessed. */
      team: preValidationAsyncHookHandler;
      /**
       * Accepted answers per subject, checked by the route once the answer is known valid and
       * allowed: junk and wrong-origin posts must not use up a subject's limit and shut its residents out.
       */
      perSubject: (request: FastifyRequest, reply: FastifyReply, subject: string) => Promise<void>;
    };
  }
}

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
  return `${full
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}

/** Rate limits per client (a salted hash of its address; raw addresses are never kept) and per subject. */
export const rateLimits = shared('voix-rate-limits', async (app) => {
  const { config } = app;
  const clientKey = (request: FastifyRequest) =>
    createHash('sha256')
      .update(config.salt + clientNetwork(request.ip))
      .digest('base64url')
      .slice(0, 22);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new CollectorError(429, 'rate_limited', `Too many requests: at most ${context.max} in ${context.after}. Try again later.`),
  });
  const clientLimit = (max: number) => app.rateLimit({ max, timeWindow: 60_000, keyGenerator: clientKey });
  const subjectOf = new WeakMap<FastifyRequest, string>();
  const subjectLimit = app.createRateLimit({
    max: config.ratePerSubject,
    timeWindow: 60_000,
    keyGenerator: (request) => `subject:${subjectOf.get(request)}`,
  });
  app.decorate('limits', {
    perClient: clientLimit(config.ratePerClient),
    results: clientLimit(config.rateResults),
    team: clientLimit(30),
    async perSubject(request: FastifyRequest, reply: FastifyReply, subject: string) {
      subjectOf.set(request, subject);
      const limit = await subjectLimit(request);
      if (limit.isAllowed || !limit.isExceeded) return;
      reply.header('Retry-After', limit.ttlInSeconds);
      throw new CollectorError(429, 'rate_limited', `Too many answers on this subject: at most ${limit.max} a minute. Try again later.`);
    },
  });
});
