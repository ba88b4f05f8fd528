import type { FastifyInstance } from 'fastify';
import { shownCount } from '../anonymity.js';

/**
 * GET /healthz: for load balancers and uptime checks; it reads the store, so a broken one answers 500.
 * Public: its count leaves out the answers of an agents' pulse under the threshold (anonymity.ts).
 */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  const { config, storage } = app;
  app.get('/healthz', async () => ({ status: 'ok', storage: storage.kind, answers: await shownCount(storage, config.pulseMinAnswers) }));
}
