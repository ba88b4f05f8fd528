import cors from '@fastify/cors';
import type { AddressInfo } from 'node:net';
import { shared } from './shared.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Whether a page of this origin may post here: VOIX_ORIGINS, or the collector's own pages; a client that sends none (not a browser) may. */
    allowedOrigin: (origin: string | undefined) => boolean;
    /** Whether an origin is the collector's own (VOIX_PUBLIC_URL, by default the address it listens on): the only pages the team's routes that change data take. */
    ownOrigin: (origin: string) => boolean;
    /** The collector's public address, which confirmation links lead to (VOIX_PUBLIC_URL, by default the one it listens on). */
    publicBase: () => string | undefined;
  }
}

/** The origins of pages served on the address listened on (`HOST`, or a browser on the machine itself). */
function listeningOrigins(host: string, address: AddressInfo | string | null): string[] {
  if (!address || typeof address === 'string') return [];
  const everywhere = ['0.0.0.0', '::'];
  const names = [host, address.address].filter((name) => !everywhere.includes(name));
  if ([host, address.address].some((name) => everywhere.includes(name) || /^(127\.|::1$|localhost$)/.test(name)))
    names.push('127.0.0.1', 'localhost', '::1');
  return [...new Set(names.map((name) => `http://${name.includes(':') ? `[${name}]` : name}:${address.port}`))];
}

/** Which pages may post here, for CORS and for the events route. */
export const corsPolicy = shared('voix-cors', async (app) => {
  const { config } = app;
  // The collector's own pages (the demo) post to it too: known from its settings or its address,
  // never from the Host header, which the client writes.
  let ownOrigins: string[] | undefined;
  const own = () =>
    config.publicUrls ?? (ownOrigins ??= app.server.listening ? listeningOrigins(config.host, app.server.address()) : undefined) ?? [];
  // The intranet's pages (VOIX_AGENT_ORIGINS) post agents' answers: they may post like VOIX_ORIGINS'.
  const allowed = (origin: string | undefined) =>
    !origin || config.origins === '*' || config.origins.includes(origin) || config.agentOrigins.includes(origin) || own().includes(origin);
  app.decorate('allowedOrigin', allowed);
  app.decorate('ownOrigin', (origin: string) => own().includes(origin));
  app.decorate('publicBase', () => config.publicUrls?.[0] ?? own()[0]);

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
});
