import type { FastifyInstance } from 'fastify';

/** GET /healthz: for load balancers and uptime checks; it reads the store, so a broken one answers 500. */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  const { storage } = app;
  app.get('/healthz', async () => ({ status: 'ok', storage: storage.kind, answers: await storage.count() }));
}
