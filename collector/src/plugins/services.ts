import type { FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import { dayOf, hasPulse, isWithheld, withheldResults } from '../anonymity.js';
import type { CollectorConfig } from '../config.js';
import type { Mailer } from '../petition.js';
import { mayBePetition, petitionResults, resultsFromCounters, versionOf, type Results } from '../results.js';
import type { PetitionState, Storage } from '../storage/storage.js';
import { shared } from './shared.js';

/** A subject's results as the routes serve them; no `version` when they are withheld. */
export interface SubjectResults {
  results: Results;
  version?: ReturnType<typeof versionOf>;
  /** An agents' pulse (anonymity.ts): no time finer than the day, and an ETag that follows the figures. */
  pulse?: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The collector's settings (config.ts). */
    config: CollectorConfig;
    storage: Storage;
    /** Sends confirmation e-mails; none without SMTP (signatures then count at once). */
    mailer: Mailer | undefined;
    /** The clock of confirmations and their expiry (tests set it). */
    now: () => Date;
    /** Where each 5xx is told, with its error (widgets retry a 5xx for days: it must be seen). */
    reportError: (line: string) => void;
    /** The salt of signers' hashes (petition.ts's signerKey). */
    signerSalt: string;
    /**
     * A subject's results from its counters, with a petition's figures when it is one (pending
     * signatures, terms); an agents' pulse under the threshold gets nothing (anonymity.ts).
     */
    readResults: (subject: string, site?: string, updated?: string) => Promise<SubjectResults>;
  }
}

/** A petition's pending signatures and terms: a declared petition's terms are its declaration's (subjects.ts), not a page's. */
async function petitionState(storage: Storage, subject: string, site: string | undefined, now: Date): Promise<PetitionState> {
  const [state, declared] = await Promise.all([storage.petition(subject, site, now.toISOString()), storage.declaredSubject(subject)]);
  if (declared?.type !== 'voix.petition.signature') return state;
  const { thresholds, closes } = declared.terms;
  return { ...state, terms: { ...(thresholds && { thresholds }), ...(closes && { closes }) } };
}

/** What buildServer is given for the routes. */
export type Services = Pick<FastifyInstance, 'config' | 'storage' | 'mailer' | 'now' | 'reportError'>;

/** What the routes share, as decorators of the server. */
export const services = shared('voix-services', async (app, { config, storage, mailer, now, reportError }: Services) => {
  // Kept in the database, not VOIX_SALT (random at each start when unset, and only for rate limits):
  // a signer must be recognised, and erasable, after a restart and on every collector.
  const signerSalt = await storage.secret('signer-salt', randomBytes(32).toString('hex'));
  app.decorate('config', config).decorate('storage', storage).decorate('mailer', mailer).decorate('now', now);
  app.decorate('reportError', reportError).decorate('signerSalt', signerSalt);
  app.decorate('readResults', async (subject: string, site?: string, updated?: string): Promise<SubjectResults> => {
    const counters = await storage.counters(subject, site);
    if (isWithheld(counters, config.pulseMinAnswers))
      return { results: withheldResults(subject, config.pulseMinAnswers), version: undefined };
    const version = versionOf(counters);
    const last = updated ?? version.updated;
    // An agents' pulse: no time finer than the day (with the answers, a time would say who).
    const pulse = hasPulse(counters);
    const results = resultsFromCounters(subject, counters, last && pulse ? dayOf(last) : last);
    const petition = mayBePetition(counters) ? petitionResults(counters, await petitionState(storage, subject, site, now())) : undefined;
    return { results: petition ? { ...results, petition } : results, version, pulse };
  });
});
