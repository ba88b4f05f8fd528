import type { FastifyInstance } from 'fastify';
import { createHash } from 'node:crypto';
import { CollectorError } from '../errors.js';
import { checkDeclaration, isSubject, type DeclaredSubject } from '../subjects.js';

const etagOf = (declared: DeclaredSubject) =>
  `W/"${createHash('sha256').update(JSON.stringify(declared)).digest('base64url').slice(0, 16)}"`;

/**
 * Declared subjects (subjects.ts): GET /v1/subjects/{subject}, what widgets read (the terms, with
 * an ETag), and PUT /v1/subjects/{subject} for the team (the admin token). At start, the subjects
 * of the VOIX_SUBJECTS file are declared again, unless declared so already.
 */
export async function subjectRoutes(app: FastifyInstance): Promise<void> {
  const { config, storage, now, limits, teamOnly } = app;
  for (const { subject, ...declaration } of config.subjects) await declare(app, subject, declaration);

  const subjectOf = (path: string) => {
    if (!isSubject(path)) throw new CollectorError(400, 'missing_subject', 'The subject goes after /v1/subjects/ (1 to 512 characters).');
    return path;
  };

  app.get<{ Params: { '*': string } }>('/v1/subjects/*', { preValidation: limits.results }, async (request, reply) => {
    const subject = subjectOf(request.params['*']);
    const declared = await storage.declaredSubject(subject);
    // Not declared (the open mode): 204, not 404, which browsers would log as an error on every page with such a poll.
    if (!declared) return reply.status(204).send();
    const etag = etagOf(declared);
    reply.header('ETag', etag).header('Cache-Control', 'public, max-age=60');
    if (request.headers['if-none-match'] === etag) return reply.status(304).send();
    return declared;
  });

  app.put<{ Params: { '*': string } }>('/v1/subjects/*', { preValidation: teamOnly }, async (request) => {
    const subject = subjectOf(request.params['*']);
    const checked = checkDeclaration(request.body);
    if ('error' in checked) throw new CollectorError(422, 'invalid_subject', checked.error);
    return declare(app, subject, checked.declaration, now());
  });
}

/** Declares a subject, unless it is declared so already (its date then stays, and so does its ETag). */
async function declare(app: FastifyInstance, subject: string, declaration: Omit<DeclaredSubject, 'subject' | 'updated'>, at = app.now()) {
  const known = await app.storage.declaredSubject(subject);
  const same =
    known &&
    JSON.stringify({ type: known.type, terms: known.terms }) === JSON.stringify({ type: declaration.type, terms: declaration.terms });
  if (same) return known;
  const declared = { subject, ...declaration, updated: at.toISOString() } as DeclaredSubject;
  await app.storage.declareSubject(declared);
  return declared;
}
