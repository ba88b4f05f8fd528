// Any CloudEvents-conformant client can post: here the CNCF SDK (cloudevents on npm) in
// structured HTTP mode, the contract's mode, against a collector on a real SQLite file.
import { CloudEvent, HTTP } from 'cloudevents';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Storage } from '../src/storage/storage.js';
import { ADMIN, backends, startCollector } from './support.js';

const event = () =>
  new CloudEvent({
    id: randomUUID(),
    source: 'https://www.ville-de-demo.fr/projets/ill-bruche',
    type: 'voix.poll.vote',
    subject: 'ill-bruche/sdk',
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    data: { site: 'ville-de-demo', locale: 'fr', widget: { name: 'voix-poll', version: '0.1.0' }, answers: { choices: ['parc'] } },
  });

describe('a CloudEvents SDK as the client', () => {
  let storage: Storage;
  let collector: Awaited<ReturnType<typeof startCollector>>;
  before(async () => {
    storage = await backends[0].open();
    collector = await startCollector(storage);
  });
  after(async () => {
    await collector.close();
    await storage.close();
  });

  it('has its structured-mode event stored', async () => {
    const sent = event();
    const { headers, body } = HTTP.structured(sent);
    const response = await fetch(`${collector.url}/v1/events`, {
      method: 'POST',
      headers: headers as Record<string, string>,
      body: body as string,
    });
    assert.equal(response.status, 201, await response.clone().text());
    const exported = await (
      await fetch(`${collector.url}/v1/export.ndjson?subject=ill-bruche/sdk`, { headers: { Authorization: `Bearer ${ADMIN}` } })
    ).text();
    assert.equal(JSON.parse(exported).id, sent.id);
  });
});
