import SwaggerParser from '@apidevtools/swagger-parser';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { configFromEnv } from '../src/config.js';
import { buildServer } from '../src/server.js';
import { openSqlite } from '../src/storage/sqlite.js';
import { ADMIN } from './support.js';

const document = fileURLToPath(new URL('../../docs/openapi.yaml', import.meta.url));

describe('docs/openapi.yaml', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const api = (await SwaggerParser.validate(document)) as { openapi: string; paths: Record<string, unknown> };
    assert.match(api.openapi, /^3\.1\./);
  });

  it('describes routes the collector serves', async () => {
    const api = (await SwaggerParser.parse(document)) as { paths: Record<string, Record<string, unknown>> };
    const storage = openSqlite(':memory:');
    const app = await buildServer({ config: configFromEnv({ VOIX_ADMIN_TOKEN: ADMIN }), storage });
    await app.ready();
    for (const [path, operations] of Object.entries(api.paths)) {
      for (const method of Object.keys(operations).filter((key) => ['get', 'post'].includes(key))) {
        const url = path.replace('{subject}', '*').replace('{token}', ':token');
        assert.ok(
          app.hasRoute({ method: method.toUpperCase() as 'GET', url }),
          `${method.toUpperCase()} ${url} is documented but not served`,
        );
      }
    }
    await app.close();
    await storage.close();
  });
});
