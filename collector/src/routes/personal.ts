import type { FastifyInstance } from 'fastify';
import { CollectorError } from '../errors.js';
import { signerKeys } from '../petition.js';

/**
 * POST /v1/personal/erase, for the team (RGPD): a signer's personal data on every petition, by their
 * mailbox (any spelling of the address, and the hash earlier versions stored), and the address kept
 * with their ideas when it reaches the same mailbox; signatures and ideas stay counted, and the salted
 * hash stays so that the address cannot sign twice.
 */
export async function personalDataRoutes(app: FastifyInstance): Promise<void> {
  const { storage, signerSalt, teamOnly } = app;
  app.post('/v1/personal/erase', { preValidation: teamOnly }, async (request) => {
    const { email } = (request.body ?? {}) as { email?: unknown };
    if (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(email.trim()) || email.length > 254) {
      throw new CollectorError(400, 'invalid_email', 'The body must be {"email": "<the signer\'s address>"}.');
    }
    return { erased: await storage.erasePersonal(Object.values(signerKeys(signerSalt, email)), email) };
  });
}
