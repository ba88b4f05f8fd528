// Agents' anonymity in the figures that add every subject up, on SQLite and PostgreSQL: /healthz and
// the dashboard's total never move with an answer to a withheld pulse (anonymity.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ADMIN, backends, collectorOn, envelope, post } from './support.js';

const definition = { id: 'pulse', version: '1a2b3c4d', questions: { helps: 'agree', blocks: 'text', idea: 'text' } };

function pulse(subject: string, site = 'ville-de-demo') {
  const event = envelope({ type: 'voix.pulse', subject, site, answers: { helps: 4, blocks: 'Le logiciel' } });
  Object.assign(event.data, { widget: { name: 'voix-pulse', version: '0.1.0' }, definition, audience: 'agent' });
  return event;
}

async function send(url: string, events: object[]) {
  for (const event of events) assert.equal((await post(url, event)).status, 201);
}

/** The public count (/healthz) and the dashboard's header. */
async function figures(url: string): Promise<{ health: number; dashboard: string }> {
  const health = (await (await fetch(`${url}/healthz`)).json()) as { answers: number };
  const html = await (await fetch(`${url}/admin`, { headers: { Authorization: `Bearer ${ADMIN}` } })).text();
  return { health: health.answers, dashboard: /<header>.*?<p>([^<]*)<\/p>/s.exec(html)?.[1] ?? '' };
}

for (const backend of backends) {
  describe(`the figures of every subject, with a withheld pulse (${backend.name})`, () => {
    const collector = collectorOn(backend);

    it('moves neither /healthz nor the dashboard’s total while an agents’ pulse is under the threshold', async () => {
      await send(collector.url, [envelope(), envelope()]);
      const before = await figures(collector.url);
      assert.deepEqual(before, { health: 2, dashboard: '2 réponses reçues en tout.' });
      for (let answer = 1; answer <= 4; answer++) {
        await send(collector.url, [pulse('intranet/guichet')]);
        assert.deepEqual(await figures(collector.url), before, `after ${answer} pulse answer(s)`);
      }
      await send(collector.url, [pulse('intranet/guichet')]);
      assert.deepEqual(await figures(collector.url), { health: 7, dashboard: '7 réponses reçues en tout.' }, 'all five at the threshold');
    });

    it('counts a site at the threshold, never the answers of a site under it', async () => {
      const before = await figures(collector.url);
      await send(
        collector.url,
        [1, 2, 3, 4, 5].map(() => pulse('intranet/accueil', 'mairie')),
      );
      await send(collector.url, [pulse('intranet/accueil', 'ccas'), pulse('intranet/accueil', 'ccas')]);
      assert.equal((await figures(collector.url)).health, before.health + 5);
    });
  });
}
