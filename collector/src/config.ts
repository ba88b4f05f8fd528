import { randomBytes } from 'node:crypto';

export interface CollectorConfig {
  host: string;
  port: number;
  /** PostgreSQL connection string; SQLite when absent. */
  databaseUrl?: string;
  sqlitePath: string;
  /** Origins allowed to post (CORS); `*` only when asked for explicitly. */
  origins: string[] | '*';
  /** Bearer token for exports and the dashboard. */
  adminToken: string;
  /** True when the token was made up at start (printed, not configured). */
  adminTokenGenerated: boolean;
  /** Salt of the client hash used by the rate limits; raw IPs are never stored. */
  salt: string;
  /** Answers a minute per client, and per subject. */
  ratePerClient: number;
  ratePerSubject: number;
  /** Trust X-Forwarded-For (behind a load balancer). */
  trustProxy: boolean;
}

/** Reads the collector's settings from the environment (docs/collector.md lists them). */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): CollectorConfig {
  const origins = (env.VOIX_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean);
  const adminToken = env.VOIX_ADMIN_TOKEN || randomBytes(18).toString('base64url');
  return {
    host: env.HOST ?? '127.0.0.1',
    port: Number(env.PORT ?? 8787),
    databaseUrl: env.DATABASE_URL || undefined,
    sqlitePath: env.VOIX_DB ?? './data/voix.sqlite',
    origins: origins.includes('*') ? '*' : origins,
    adminToken,
    adminTokenGenerated: !env.VOIX_ADMIN_TOKEN,
    salt: env.VOIX_SALT || randomBytes(16).toString('hex'),
    ratePerClient: Number(env.VOIX_RATE_PER_CLIENT ?? 60),
    ratePerSubject: Number(env.VOIX_RATE_PER_SUBJECT ?? 600),
    trustProxy: env.VOIX_TRUST_PROXY === 'true',
  };
}
