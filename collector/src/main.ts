#!/usr/bin/env node
// Starts the collector: `node collector/dist/main.js [--demo]` (see docs/collector.md).
import { ConfigError, configFromEnv, type CollectorConfig } from './config.js';
import { DEMO_AGENT_NETWORKS, DEMO_SUBJECTS, demoSite } from './demo.js';
import { PURGE_EVERY_MS, purgeSignatures } from './petition.js';
import { buildServer } from './server.js';
import { openStorage } from './storage/open.js';
import { readSubjectsFile } from './subjects.js';
import type { Storage } from './storage/storage.js';

/** A start that cannot go on: one line saying what to fix, no stack. */
function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/** The first line of an error's message: enough to act on, without the driver's stack. */
const reason = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0] || 'unknown error';

async function open(config: CollectorConfig): Promise<Storage> {
  try {
    return await openStorage(config);
  } catch (error) {
    if (!config.databaseUrl) fail(`VOIX_DB: cannot open the SQLite file ${config.sqlitePath}: ${reason(error)}`);
    const url = new URL(config.databaseUrl);
    // Never the password.
    fail(`DATABASE_URL: cannot open the PostgreSQL database ${url.hostname}:${url.port || 5432}${url.pathname}: ${reason(error)}`);
  }
}

let config: CollectorConfig;
try {
  config = configFromEnv();
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}
const demo = process.argv.includes('--demo');
// The demo commune's declared subjects, unless VOIX_SUBJECTS names others.
if (demo && !process.env.VOIX_SUBJECTS) config = { ...config, subjects: readSubjectsFile(DEMO_SUBJECTS) };
// Its agents' intranet pages are opened on the machine itself, unless VOIX_AGENT_NETWORKS says otherwise.
if (demo && !process.env.VOIX_AGENT_NETWORKS) config = { ...config, agentNetworks: DEMO_AGENT_NETWORKS.split(',') };
const storage = await open(config);
// Unconfirmed signatures past their week, and signers' personal data past its retention: at start, then daily.
const purge = () =>
  purgeSignatures(storage, config).catch((error) =>
    console.error(`${new Date().toISOString()} voix-collector purge of signatures failed: ${reason(error)}`),
  );
await purge();
const purging = setInterval(purge, PURGE_EVERY_MS);
purging.unref();
const app = await buildServer({ config, storage });
if (demo) await app.register(demoSite);
try {
  await app.listen({ host: config.host, port: config.port });
} catch (error) {
  await storage.close();
  fail(`HOST, PORT: cannot listen on ${config.host}:${config.port}: ${reason(error)}`);
}

const base = `http://${config.host}:${config.port}`;
console.log(`Voix collector on ${base} (${storage.kind === 'sqlite' ? `SQLite ${config.sqlitePath}` : 'PostgreSQL'})`);
if (demo) console.log(`  demo page:  ${base}/`);
console.log(`  dashboard:  ${base}/admin  (any user name; password: the admin token)`);
console.log(`  export:     curl -H "Authorization: Bearer $TOKEN" ${base}/v1/export.csv`);
console.log(
  `  admin token: ${config.adminToken}${config.adminTokenGenerated ? '  (generated for this run; set VOIX_ADMIN_TOKEN to keep one)' : ''}`,
);
console.log(
  config.smtpUrl
    ? `  petitions: signatures with an e-mail count once confirmed (links to ${config.publicUrls?.[0] ?? base})`
    : '  petitions: no VOIX_SMTP_URL, signatures count at once without e-mail confirmation (weaker, see docs/collector.md)',
);
if (config.origins !== '*' && !config.origins.length)
  console.log("  origins: only this server's own pages may post (set VOIX_ORIGINS=https://www.ma-commune.fr,…)");

const stop = async () => {
  clearInterval(purging);
  await app.close();
  await storage.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
