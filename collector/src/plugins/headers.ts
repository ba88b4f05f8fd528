import { shared } from './shared.js';

/** On every response, errors and 404 included; HSTS is the HTTPS proxy's (docs/collector.md). */
export const securityHeaders = shared('voix-security-headers', async (app) => {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff').header('Referrer-Policy', 'no-referrer');
    return payload;
  });
});
