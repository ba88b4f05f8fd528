import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EventRow, ExportRow, Storage } from '../src/storage/storage.js';
import { ADMIN, backends, collectorOn, envelope, post } from './support.js';

/** Long enough for a slow shared machine, short enough that a deadlock fails instead of hanging. */
const DEADLINE_MS = 30_000;

async function exported(storage: Storage, subject: string): Promise<ExportRow[]> {
  const rows: ExportRow[] = [];
  for await (const row of storage.export({ subject })) rows.push(row);
  return rows;
}

/** The widgets' form transport: bracketed names, every value as text. */
function formFields(value: unknown, name = '', fields = new URLSearchParams()): URLSearchParams {
  if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) formFields(item, name ? `${name}[${key}]` : key, fields);
  else fields.append(name, String(value));
  return fields;
}

for (const backend of backends) {
  describe(`collector faults on ${backend.name}`, () => {
    const collector = collectorOn(backend);

    it('answers 50 concurrent replays of a stored answer, then still takes answers and /healthz', async () => {
      const signal = AbortSignal.timeout(DEADLINE_MS);
      const event = envelope({ subject: '/rejeu-concurrent' });
      assert.equal((await post(collector.url, event)).status, 201);
      const replays = await Promise.all(
        Array.from({ length: 50 }, () =>
          fetch(`${collector.url}/v1/events`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/cloudevents+json', 'Idempotency-Key': event.id },
            body: JSON.stringify(event),
            signal,
          }),
        ),
      );
      assert.deepEqual([...new Set(replays.map((response) => response.status))], [201]);
      assert.deepEqual([...new Set(replays.map((response) => response.headers.get('Idempotent-Replayed')))], ['true']);
      const fresh = envelope({ subject: '/rejeu-concurrent' });
      const stored = await fetch(`${collector.url}/v1/events`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/cloudevents+json' },
        body: JSON.stringify(fresh),
        signal,
      });
      assert.equal(stored.status, 201);
      assert.equal((await fetch(`${collector.url}/healthz`, { signal })).status, 200);
      assert.equal((await collector.storage.version('/rejeu-concurrent')).total, 2);
    });

    it('drops NUL and replaces lone surrogates in free text, the same on every store, and replays such a body', async () => {
      const event = envelope({
        subject: '/texte-nul',
        answers: { useful: false, reasons: ['in\u0000complete'], comment: 'avant\u0000après \uD800 fin\uDFFF' },
      });
      assert.equal((await post(collector.url, event)).status, 201);
      const replay = await post(collector.url, event);
      assert.equal(replay.status, 201);
      assert.equal(replay.headers.get('Idempotent-Replayed'), 'true');
      const [row] = await exported(collector.storage, '/texte-nul');
      assert.deepEqual(row.answers, { useful: false, reasons: ['incomplete'], comment: 'avantaprès \uFFFD fin\uFFFD' });

      const poll = envelope({ type: 'voix.poll.vote', subject: '/texte-nul-sondage', answers: { choices: ['parc'], other: 'x\u0000y' } });
      assert.equal((await post(collector.url, poll)).status, 201);
      assert.deepEqual((await exported(collector.storage, '/texte-nul-sondage'))[0].answers, { choices: ['parc'], other: 'xy' });
    });

    it('refuses NUL or a lone surrogate in an identifier with 422 invalid_text naming the field', async () => {
      const base = envelope({ subject: '/identifiant' });
      const cases: Array<[string, unknown]> = [
        ['subject', { ...base, subject: '/a\u0000b' }],
        ['subject', { ...base, subject: '/a\uD800b' }],
        ['site', { ...base, data: { ...base.data, site: 'ville\u0000' } }],
        ['placement', { ...base, data: { ...base.data, placement: 'pied\uDC00' } }],
        ['widget.version', { ...base, data: { ...base.data, widget: { name: 'voix-feedback', version: '0.1\u0000' } } }],
      ];
      for (const [field, body] of cases) {
        const response = await post(collector.url, body);
        const answer = await response.json();
        assert.equal(response.status, 422, field);
        assert.equal(answer.error, 'invalid_text', field);
        assert.match(answer.message, new RegExp(field.replace('.', '\\.')), field);
      }
      // A source with NUL is not a URI reference: refused too, whatever the store.
      assert.equal((await post(collector.url, { ...base, source: 'https://a\u0000b' })).status, 422);
      assert.equal((await collector.storage.version('/identifiant')).total, 0);
    });

    it('refuses JSON nested 5,000 deep with 422 too_deep, then takes a valid answer', async () => {
      const deep = '['.repeat(5000) + ']'.repeat(5000);
      const nested = JSON.stringify(envelope({ subject: '/profond' })).replace('"answers":{', `"answers":{"a":${deep},`);
      for (const body of [nested, deep, `{"a":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`]) {
        const response = await post(collector.url, body);
        assert.equal(response.status, 422, body.slice(0, 60));
        const answer = await response.json();
        assert.equal(answer.error, 'too_deep');
        assert.equal(typeof answer.message, 'string');
      }
      assert.equal((await post(collector.url, envelope({ subject: '/profond' }))).status, 201);
      assert.equal((await fetch(`${collector.url}/healthz`)).status, 200);
    });

    it('refuses __proto__, constructor and prototype in form names (422 invalid_form), and deep form names', async () => {
      const form = (fields: URLSearchParams) =>
        fetch(`${collector.url}/v1/events`, {
          method: 'POST',
          body: fields.toString(),
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        });
      const names = ['data[answers][reasons][__proto__][x]', 'data[answers][constructor][x]', 'data[answers][reasons][prototype]'];
      for (const name of names) {
        // reasons[0] comes first, so that `__proto__` replaced the list's prototype: 500 before the fix.
        const fields = formFields(envelope({ subject: '/formulaire', answers: { useful: false, reasons: ['unclear'] } }));
        fields.append(name, '1');
        const response = await form(fields);
        assert.equal(response.status, 422, name);
        const answer = await response.json();
        assert.equal(answer.error, 'invalid_form', name);
        assert.match(answer.message, /__proto__|constructor|prototype/, name);
      }
      // A list given a named item: that item used to vanish silently from the stored answer.
      const named = formFields(envelope({ subject: '/formulaire', answers: { useful: false, reasons: ['unclear'] } }));
      named.append('data[answers][reasons][x]', 'incomplete');
      const namedItem = await form(named);
      assert.equal(namedItem.status, 422);
      assert.equal((await namedItem.json()).error, 'invalid_form');

      const deep = formFields(envelope({ subject: '/formulaire' }));
      deep.append(`data[answers]${'[a]'.repeat(5000)}`, '1');
      const tooDeep = await form(deep);
      assert.equal(tooDeep.status, 422);
      assert.match((await tooDeep.json()).error, /^(too_deep|invalid_form)$/);
      assert.equal(({} as Record<string, unknown>).x, undefined);

      const valid = formFields(envelope({ subject: '/formulaire', answers: { useful: false, reasons: ['unclear'] } }));
      assert.equal((await form(valid)).status, 201);
    });

    it('keeps the admin dashboard and exports readable after all that', async () => {
      const response = await fetch(`${collector.url}/v1/export.ndjson?subject=/texte-nul`, {
        headers: { Authorization: `Bearer ${ADMIN}` },
      });
      assert.equal(response.status, 200);
      assert.equal(JSON.parse(await response.text()).answers.comment, 'avantaprès \uFFFD fin\uFFFD');
    });
  });

  describe(`results per site on ${backend.name}`, () => {
    it('reads a subject per site, or for every site when none is given', async () => {
      const storage = await backend.open();
      try {
        const row = (site: string, useful: boolean): EventRow => {
          const event = envelope({ subject: '/contact', answers: { useful } });
          return {
            id: event.id,
            type: event.type,
            subject: '/contact',
            site,
            placement: null,
            locale: 'fr',
            widget: 'voix-feedback',
            widgetVersion: '0.1.0',
            source: event.source,
            time: event.time,
            receivedAt: new Date().toISOString(),
            answers: { useful },
            audience: null,
            definition: null,
            hash: 'h',
          };
        };
        for (const [site, useful] of [
          ['mairie-a', true],
          ['mairie-a', true],
          ['mairie-b', false],
        ] as const)
          await storage.insert(row(site, useful));
        assert.deepEqual(
          (await storage.answersOf('/contact', 'mairie-a')).map(({ answers }) => answers),
          [{ useful: true }, { useful: true }],
        );
        assert.deepEqual(
          (await storage.answersOf('/contact', 'mairie-b')).map(({ answers }) => answers),
          [{ useful: false }],
        );
        assert.equal((await storage.answersOf('/contact')).length, 3);
        assert.deepEqual(await storage.answersOf('/contact', 'mairie-c'), []);
        const [a, b, all] = await Promise.all([
          storage.version('/contact', 'mairie-a'),
          storage.version('/contact', 'mairie-b'),
          storage.version('/contact'),
        ]);
        assert.deepEqual([a.total, b.total, all.total], [2, 1, 3]);
        assert.ok(b.last > a.last, 'the last sequence is per site');
        assert.equal(all.last, b.last);
        assert.deepEqual(await storage.version('/contact', 'mairie-c'), { total: 0, last: 0, updated: null });
      } finally {
        await storage.close();
      }
    });
  });
}
