#!/usr/bin/env node
// Starts the collector: `node collector/dist/main.js [--demo]` (see docs/collector.md).
import { configFromEnv } from './config.js';
import { demoSite } from './demo.js';
import { buildServer } from './server.js';
import { openStorage } from './storage/open.js';

const config = configFromEnv();
const demo = process.argv.includes('--demo');
const storage = await openStorage(config);
const app = await buildServer({ config, storage });
if (demo) await app.register(demoSite);
await app.listen({ host: config.host, port: config.port });

const base = `http://${config.host}:${config.port}`;
console.log(`Voix collector on ${base} (${storage.kind === 'sqlite' ? `SQLite ${config.sqlitePath}` : 'PostgreSQL'})`);
if (demo) console.log(`  demo page:  ${base}/`);
console.log(`  dashboard:  ${base}/admin  (any user name; password: the admin token)`);
console.log(`  export:     curl -H "Authorization: Bearer $TOKEN" ${base}/v1/export.csv`);
console.log(`  admin token: ${config.adminToken}${config.adminTokenGenerated ? '  (generated for this run; set VOIX_ADMIN_TOKEN to keep one)' : ''}`);
if (config.origins !== '*' && !config.origins.length) console.log('  origins: only this server\'s own pages may post (set VOIX_ORIGINS=https://www.ma-commune.fr,…)');

const stop = async () => {
  await app.close();
  await storage.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
