import formbody from '@fastify/formbody';
import { shared } from './shared.js';

export const BODY_LIMIT = 64 * 1024;

/** The bodies the collector reads besides JSON: CloudEvents' own JSON type, and forms (the widgets' fallback transport). */
export const bodyParsers = shared('voix-bodies', async (app) => {
  app.addContentTypeParser('application/cloudevents+json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
  await app.register(formbody);
});
