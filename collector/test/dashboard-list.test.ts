// Which subjects the dashboard lists, and in which order, on SQLite and PostgreSQL: a withheld
// pulse's card never dates an agent's answer, by its place nor by its presence (anonymity.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ADMIN, backends, collectorOn, envelope, post } from './support.js';

const definition = { id: 'pulse', version: '1a2b3c4d', questions: { helps: 'agree', blocks: 'text', idea: 'text' } };

function pulse(subject: string) {
  const event = envelope({ type: 'voix.pulse', subject, answers: { helps: 3 } });
  Object.assign(event.data, { widget: { name: 'voix-pulse', version: '0.1.0' }, definition, audience: 'agent' });
  return event;
}

async function send(url: string, events: object[]) {
  for (const event of events) assert.equal((await post(url, event)).status, 201);
}

const dashboard = async (url: string) => (await fetch(`${url}/admin`, { headers: { Authorization: `Bearer ${ADMIN}` } })).text();
const cards = (html: string) => [...html.matchAll(/<h3>(?:<bdi>)?([^<]*)/g)].map((match) => match[1]);
const pages = (from: number, count: number) =>
  Array.from({ length: count }, (_, index) => envelope({ subject: `/page-${String(from + index).padStart(3, '0')}` }));

for (const backend of backends) {
  describe(`the dashboard's list (${backend.name})`, () => {
    const collector = collectorOn(backend);

    it('reads the same before and after an agent answers a withheld pulse, with other answers on its subject or more subjects than it lists', async () => {
      // A subject with a pulse under the threshold and an answer of another type (on another site: on one
      // site a subject keeps the type of its first answer): its two cards keep their order.
      await send(collector.url, [pulse('intranet/mixte'), envelope({ subject: 'intranet/mixte', site: 'autre-site' })]);
      const mixed = await dashboard(collector.url);
      assert.equal(cards(mixed).filter((name) => name === 'intranet/mixte').length, 2);
      await send(collector.url, [pulse('intranet/mixte')]);
      assert.equal(await dashboard(collector.url), mixed, 'the pulse’s card moved up');

      // More subjects than the dashboard lists: the withheld subject is not brought back into the list by an answer.
      await send(collector.url, pages(0, 50));
      const full = await dashboard(collector.url);
      await send(collector.url, [pulse('intranet/mixte')]);
      assert.equal(await dashboard(collector.url), full, 'the withheld subject came back into the list');
    });

    it('always lists petitions, however many newer subjects push them past the 50 it lists', async () => {
      const signed = envelope({ type: 'voix.petition.signature', subject: 'petition/piscine', answers: { eligible: true } });
      signed.data.widget = { name: 'voix-petition', version: '0.1.0' };
      await send(collector.url, [signed, ...pages(100, 60)]);
      const listed = cards(await dashboard(collector.url));
      assert.ok(listed.includes('petition/piscine'), 'the petition was pushed off by 60 posts');
      assert.equal(listed.length, 51, 'the 50 newest others, and the petition');
      assert.ok(listed.includes('/page-159') && !listed.includes('/page-100'));
    });

    it('always lists declared subjects too, however many newer subjects there are', async () => {
      const terms = {
        options: [
          { value: 'oui', label: 'Oui' },
          { value: 'non', label: 'Non' },
        ],
      };
      const declared = await fetch(`${collector.url}/v1/subjects/sondage/declare`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'voix.poll.vote', terms }),
      });
      assert.equal(declared.status, 200);
      await send(collector.url, [envelope({ type: 'voix.poll.vote', subject: 'sondage/declare', answers: { choices: ['oui'] } })]);
      await send(collector.url, pages(200, 60));
      assert.ok(cards(await dashboard(collector.url)).includes('sondage/declare'), 'the declared poll was pushed off by 60 posts');
    });
  });
}
