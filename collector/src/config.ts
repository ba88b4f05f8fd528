import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { readSubjectsFile, type Declaration } from './subjects.js';

export interface CollectorConfig {
  host: string;
  port: number;
  /** PostgreSQL connection string; SQLite when absent. */
  databaseUrl?: string;
  sqlitePath: string;
  /** Origins allowed to post (CORS), as browsers send them; `*` only when asked for explicitly. */
  origins: string[] | '*';
  /** The collector's own origins (its demo page posts to it; confirmation links lead to the first); absent: the address it listens on, and then no SMTP. */
  publicUrls?: string[];
  /** Bearer token for exports and the dashboard. */
  adminToken: string;
  /** True when the token was made up at start (printed, not configured). */
  adminTokenGenerated: boolean;
  /** Salt of the client hash used by the rate limits; raw IPs are never stored. */
  salt: string;
  /** Answers a minute per client, and per subject. */
  ratePerClient: number;
  ratePerSubject: number;
  /** Results requests a minute per client: each one reads every answer of its subject. */
  rateResults: number;
  /** Proxies in front whose X-Forwarded-For is believed: how many hops, or their addresses. */
  trustProxy: false | number | string[];
  /** Longest time a client may take to send a whole request (headers and body). */
  requestTimeoutMs: number;
  /** PostgreSQL connections per collector (VOIX_PG_POOL). */
  pgPool: number;
  /** SMTP server for petition confirmations (VOIX_SMTP_URL); without it, a signature counts at once. */
  smtpUrl?: string;
  /** Sender of the confirmation e-mails (VOIX_MAIL_FROM); set whenever smtpUrl is. */
  mailFrom?: string;
  /** Days after a petition closes (its closing date, else its last signature) when its signers' personal data is deleted (VOIX_PERSONAL_RETENTION_DAYS). */
  personalRetentionDays: number;
  /** Fewest answers of an agents' pulse (voix.pulse) on a subject before its results are given out (VOIX_PULSE_MIN_ANSWERS). */
  pulseMinAnswers: number;
  /** The agents' networks (VOIX_AGENT_NETWORKS, addresses or CIDR ranges): the only clients an agents' pulse answer is taken from; none when unset. */
  agentNetworks: string[];
  /** The intranet's origins (VOIX_AGENT_ORIGINS): the only pages, with the collector's own, a browser may send a pulse answer from. */
  agentOrigins: string[];
  /** Subjects declared in the VOIX_SUBJECTS file (subjects.ts), declared again at each start; none when unset. */
  subjects: Array<Declaration & { subject: string }>;
}

/** A setting that cannot work: its message is one line naming the variable and what it expects. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = NodeJS.ProcessEnv | Record<string, string | undefined>;

/** A set value, trimmed; undefined when unset. An empty value is a mistake, not a request for the default. */
function setting(env: Env, name: string, expected: string): string | undefined {
  const value = env[name];
  if (value === undefined) return undefined;
  if (!value.trim()) throw new ConfigError(`${name} is empty: expected ${expected}, or leave it unset for the default.`);
  return value.trim();
}

function wholeNumber(env: Env, name: string, fallback: number, min: number, max: number, what: string): number {
  const expected = `a whole number from ${min} to ${max} (${what}; default ${fallback})`;
  const value = setting(env, name, expected);
  if (value === undefined) return fallback;
  const number = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(number >= min && number <= max)) throw new ConfigError(`${name}=${JSON.stringify(value)} is not valid: expected ${expected}.`);
  return number;
}

/** Below this, one agent's answers could be told from the others': never allowed, whatever the setting. */
export const PULSE_MIN_FLOOR = 3;

function pulseMinAnswers(env: Env): number {
  const name = 'VOIX_PULSE_MIN_ANSWERS';
  const value = setting(env, name, `a whole number of at least ${PULSE_MIN_FLOOR}`);
  if (value !== undefined && /^\d+$/.test(value) && Number(value) < PULSE_MIN_FLOOR) {
    throw new ConfigError(
      `${name}=${value} is too low: below ${PULSE_MIN_FLOOR} answers an agent's pulse answers could be singled out; expected a whole number from ${PULSE_MIN_FLOOR} to 1000 (default 5).`,
    );
  }
  return wholeNumber(env, name, 5, PULSE_MIN_FLOOR, 1_000, "answers of an agents' pulse on a subject before its results are shown");
}

/** `https://www.ville.fr/` as the browser sends it in Origin: `https://www.ville.fr`. */
function origin(name: string, value: string, expected: string, { pathAllowed = false } = {}): string {
  const refuse = (why: string) => new ConfigError(`${name}: ${JSON.stringify(value)} ${why}; expected ${expected}.`);
  if (value.includes('*')) throw refuse('has a wildcard, which browsers never send');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw refuse('is not an address with a scheme');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refuse('is not http:// or https://');
  // A path would never match: Origin carries no path.
  if (!pathAllowed && !/^[a-z][a-z0-9+.-]*:\/\/[^/?#\s]+\/?$/i.test(value)) throw refuse('has more than a scheme, a host and a port');
  return url.origin;
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

const ORIGINS_EXPECTED =
  'scheme://host[:port] separated by commas, e.g. https://www.ma-commune.fr,https://demarches.ma-commune.fr, or * alone';

function origins(env: Env): string[] | '*' {
  const value = setting(env, 'VOIX_ORIGINS', ORIGINS_EXPECTED);
  if (value === undefined) return [];
  if (value === '*') return '*';
  const items = list(value);
  if (!items.length) throw new ConfigError(`VOIX_ORIGINS lists no origin: expected ${ORIGINS_EXPECTED}.`);
  if (items.includes('*')) throw new ConfigError(`VOIX_ORIGINS mixes * with origins: expected ${ORIGINS_EXPECTED}.`);
  return [...new Set(items.map((item) => origin('VOIX_ORIGINS', item, ORIGINS_EXPECTED)))];
}

/** VOIX_AGENT_ORIGINS: the intranet's pages, as VOIX_ORIGINS lists origins (no `*`: agents' pages are known). */
function agentOrigins(env: Env): string[] {
  const expected = "the intranet's origins, scheme://host[:port] separated by commas, e.g. https://intranet.ma-commune.fr";
  const value = setting(env, 'VOIX_AGENT_ORIGINS', expected);
  if (value === undefined) return [];
  const items = list(value);
  if (!items.length || items.includes('*'))
    throw new ConfigError(`VOIX_AGENT_ORIGINS: ${JSON.stringify(value)} is not valid: expected ${expected}.`);
  return [...new Set(items.map((item) => origin('VOIX_AGENT_ORIGINS', item, expected)))];
}

function publicUrls(env: Env): string[] | undefined {
  const expected = 'the address people use to reach this collector, e.g. https://avis.ma-commune.fr (several: separated by commas)';
  const value = setting(env, 'VOIX_PUBLIC_URL', expected);
  if (value === undefined) return undefined;
  const items = list(value);
  if (!items.length) throw new ConfigError(`VOIX_PUBLIC_URL lists no address: expected ${expected}.`);
  return [...new Set(items.map((item) => origin('VOIX_PUBLIC_URL', item, expected, { pathAllowed: true })))];
}

/** An IPv4 or IPv6 address, or a CIDR range of them. */
function isAddressOrRange(value: string): boolean {
  const [address, prefix, extra] = value.split('/');
  const version = isIP(address);
  if (!version || extra !== undefined) return false;
  return prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
}

function trustProxy(env: Env): false | number | string[] {
  const expected =
    'the number of proxies in front (VOIX_TRUST_PROXY=1 behind one reverse proxy) or their addresses or ranges (e.g. 10.0.0.1,10.1.0.0/16)';
  const value = setting(env, 'VOIX_TRUST_PROXY', expected);
  if (value === undefined || value === 'false' || value === '0') return false;
  if (value === 'true') {
    throw new ConfigError(
      `VOIX_TRUST_PROXY=true would believe the first X-Forwarded-For address, which any client writes (rate limits bypassed): write VOIX_TRUST_PROXY=1 behind one reverse proxy, or the proxies' addresses.`,
    );
  }
  if (/^\d+$/.test(value)) {
    if (Number(value) > 10) throw new ConfigError(`VOIX_TRUST_PROXY=${value} is too many hops: expected ${expected}.`);
    return Number(value);
  }
  const items = list(value);
  const wrong = items.find((item) => !isAddressOrRange(item));
  if (wrong !== undefined || !items.length)
    throw new ConfigError(`VOIX_TRUST_PROXY: ${JSON.stringify(wrong ?? value)} is not valid: expected ${expected}.`);
  return items;
}

/** A URL holding a password (never repeated in a message), with one of the given schemes. */
function secretUrl(env: Env, name: string, protocols: string[], what: string, expected: string): string | undefined {
  const value = setting(env, name, expected);
  if (value === undefined) return undefined;
  let protocol = '';
  try {
    protocol = new URL(value).protocol;
  } catch {
    // The value holds a password: never repeat it.
  }
  if (!protocols.includes(protocol)) throw new ConfigError(`${name} is not ${what}: expected ${expected}.`);
  return value;
}

const databaseUrl = (env: Env) =>
  secretUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:'], 'a PostgreSQL URL', 'postgres://user:password@host:5432/database');

const smtpUrl = (env: Env) =>
  secretUrl(env, 'VOIX_SMTP_URL', ['smtp:', 'smtps:'], 'an SMTP URL', 'smtp://user:password@host:587 or smtps://user:password@host:465');

/** The sender, required with SMTP: an address, or `Name <address>`. */
function mailFrom(env: Env, smtp: string | undefined): string | undefined {
  const expected = 'the sender of confirmation e-mails, e.g. "Ville de Démo <participation@ma-commune.fr>"';
  const value = setting(env, 'VOIX_MAIL_FROM', expected);
  if (value === undefined) {
    if (smtp) throw new ConfigError(`VOIX_MAIL_FROM is needed with VOIX_SMTP_URL: expected ${expected}.`);
    return undefined;
  }
  if (!/^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/.test(value)) {
    throw new ConfigError(`VOIX_MAIL_FROM=${JSON.stringify(value)} is not valid: expected ${expected}.`);
  }
  return value;
}

/** VOIX_AGENT_NETWORKS: addresses or CIDR ranges (`10.0.0.0/8,2001:db8::/32`). */
function agentNetworks(env: Env): string[] {
  const expected = "the agents' networks, addresses or CIDR ranges separated by commas (e.g. 10.0.0.0/8,192.168.10.0/24)";
  const value = setting(env, 'VOIX_AGENT_NETWORKS', expected);
  if (value === undefined) return [];
  const items = list(value);
  const wrong = items.find((item) => !isAddressOrRange(item));
  if (wrong !== undefined || !items.length)
    throw new ConfigError(`VOIX_AGENT_NETWORKS: ${JSON.stringify(wrong ?? value)} is not valid: expected ${expected}.`);
  return items;
}

/** VOIX_SUBJECTS: the file of declared subjects, read and checked now (subjects.ts). */
function declaredSubjects(env: Env): CollectorConfig['subjects'] {
  const path = setting(env, 'VOIX_SUBJECTS', 'the path of a JSON or YAML file mapping each subject to { type, terms }');
  if (path === undefined) return [];
  try {
    return readSubjectsFile(path);
  } catch (error) {
    throw new ConfigError((error as Error).message, { cause: error });
  }
}

/** Shorter, a token could be guessed within the team routes' rate limit. */
export const ADMIN_TOKEN_MIN_LENGTH = 20;

/** The admin token, long enough; absent: undefined (one is generated). Never repeated in a message. */
function adminToken(env: Env): string | undefined {
  const expected = `at least ${ADMIN_TOKEN_MIN_LENGTH} characters, a long random token, e.g. from \`openssl rand -base64 24\``;
  const value = setting(env, 'VOIX_ADMIN_TOKEN', expected);
  if (value !== undefined && value.length < ADMIN_TOKEN_MIN_LENGTH)
    throw new ConfigError(`VOIX_ADMIN_TOKEN is too short (${value.length} characters): expected ${expected}.`);
  return value;
}

/** The collector's public address, needed with SMTP: confirmation links lead there, not to the address listened on (127.0.0.1 behind a proxy). */
function linkBase(env: Env, smtp: string | undefined): string[] | undefined {
  const urls = publicUrls(env);
  if (smtp && !urls) {
    throw new ConfigError(
      'VOIX_PUBLIC_URL is needed with VOIX_SMTP_URL: confirmation links would lead to the address the collector listens on (e.g. 127.0.0.1); expected the address people use to reach it, e.g. https://avis.ma-commune.fr.',
    );
  }
  return urls;
}

/** Reads the collector's settings from the environment (docs/collector.md lists them); throws a ConfigError for a bad one. */
export function configFromEnv(env: Env = process.env): CollectorConfig {
  const token = adminToken(env);
  const host = setting(env, 'HOST', 'the address to listen on, e.g. 127.0.0.1 or 0.0.0.0') ?? '127.0.0.1';
  const smtp = smtpUrl(env);
  const sender = mailFrom(env, smtp);
  if (/\s/.test(host))
    throw new ConfigError(`HOST=${JSON.stringify(host)} is not valid: expected the address to listen on, e.g. 127.0.0.1 or 0.0.0.0.`);
  return {
    host,
    port: wholeNumber(env, 'PORT', 8787, 1, 65_535, 'the port to listen on'),
    databaseUrl: databaseUrl(env),
    sqlitePath: setting(env, 'VOIX_DB', 'the path of the SQLite file') ?? './data/voix.sqlite',
    origins: origins(env),
    publicUrls: linkBase(env, smtp),
    // 18 random bytes: 24 characters.
    adminToken: token ?? randomBytes(18).toString('base64url'),
    adminTokenGenerated: token === undefined,
    salt: setting(env, 'VOIX_SALT', 'a random secret kept between restarts') ?? randomBytes(16).toString('hex'),
    ratePerClient: wholeNumber(env, 'VOIX_RATE_PER_CLIENT', 60, 1, 1_000_000, 'answers a minute per client'),
    ratePerSubject: wholeNumber(env, 'VOIX_RATE_PER_SUBJECT', 600, 1, 1_000_000, 'answers a minute per subject'),
    rateResults: wholeNumber(env, 'VOIX_RATE_RESULTS', 120, 1, 1_000_000, 'results requests a minute per client'),
    trustProxy: trustProxy(env),
    requestTimeoutMs: wholeNumber(env, 'VOIX_REQUEST_TIMEOUT_MS', 10_000, 100, 3_600_000, 'milliseconds to send a whole request'),
    pgPool: wholeNumber(env, 'VOIX_PG_POOL', 10, 1, 1_000, 'PostgreSQL connections per collector'),
    smtpUrl: smtp,
    mailFrom: sender,
    personalRetentionDays: wholeNumber(
      env,
      'VOIX_PERSONAL_RETENTION_DAYS',
      365,
      1,
      3_650,
      "days after a petition closes (else its last signature) to keep its signers' personal data",
    ),
    pulseMinAnswers: pulseMinAnswers(env),
    agentNetworks: agentNetworks(env),
    agentOrigins: agentOrigins(env),
    subjects: declaredSubjects(env),
  };
}
