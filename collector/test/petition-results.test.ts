// A petition's terms (data.petition) and its results on both stores: the terms checked and the
// latest kept per subject and site, and `petition` in the results: counted signatures, those
// pending (a real SMTP server, a clock the test sets), thresholds and deadline; the ETag follows.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectorWithSmtp, confirmLink, linkIn } from './smtp.js';
import { backends, collectorOn, envelope, post, startCollector } from './support.js';

const DAY = 86_400_000;
// Found here: no signature goes through the form transport, since "true" is not coerced by `const`.
const TERMS = {
  thresholds: [
    { count: 500, label: 'Rencontre avec l’élue ou l’élu' },
    { count: 2800, label: 'Débat en conseil municipal' },
  ],
  closes: '2027-03-01',
};

function signature({
  subject = 'parc-naturel-urbain-petition',
  terms,
  email,
  site,
}: { subject?: string; terms?: unknown; email?: string; site?: string } = {}) {
  const signed = envelope({
    type: 'voix.petition.signature',
    subject,
    site,
    answers: { eligible: true, ...(email && { personal: { email } }) },
  });
  signed.data.widget = { name: 'voix-petition', version: '0.1.0' };
  return terms === undefined ? signed : { ...signed, data: { ...signed.data, petition: terms } };
}

async function results(url: string, subject = 'parc-naturel-urbain-petition', query = '') {
  const response = await fetch(`${url}/v1/results/${subject}${query}`);
  assert.equal(response.status, 200);
  return { etag: response.headers.get('etag'), body: (await response.json()) as { total: number; petition?: Record<string, unknown> } };
}

async function refusal(url: string, body: unknown) {
  const response = await post(url, body);
  return { status: response.status, ...((await response.json()) as { error: string; message: string }) };
}

for (const backend of backends) {
  describe(`petition terms and results on ${backend.name}`, () => {
    describe('without SMTP', () => {
      const collector = collectorOn(backend);

      it('accepts terms within bounds and refuses the others with the field named', async () => {
        assert.equal((await post(collector.url, signature({ subject: 'p/ok', terms: TERMS }))).status, 201);
        assert.equal(
          (await post(collector.url, signature({ subject: 'p/ok', terms: { closes: '2027-03-01T18:00:00+01:00' } }))).status,
          201,
        );
        assert.equal(
          (
            await post(
              collector.url,
              signature({ subject: 'p/ok', terms: { thresholds: [{ count: 10_000_000, label: 'x'.repeat(200) }] } }),
            )
          ).status,
          201,
        );
        const bad: Array<[unknown, RegExp]> = [
          [{ thresholds: [{ count: 0, label: 'Zéro' }] }, /\/data\/petition\/thresholds\/0\/count/],
          [{ thresholds: [{ count: 10_000_001, label: 'Trop' }] }, /\/data\/petition\/thresholds\/0\/count/],
          [{ thresholds: [{ count: 2.5, label: 'Demi' }] }, /\/data\/petition\/thresholds\/0\/count/],
          [
            {
              thresholds: [
                { count: 500, label: 'A' },
                { count: 500, label: 'B' },
              ],
            },
            /\/data\/petition\/thresholds\/1\/count: must be more than the threshold before it \(500\)/,
          ],
          [
            {
              thresholds: [
                { count: 2800, label: 'A' },
                { count: 500, label: 'B' },
              ],
            },
            /\/data\/petition\/thresholds\/1\/count/,
          ],
          [
            { thresholds: Array.from({ length: 11 }, (_, index) => ({ count: index + 1, label: `P${index}` })) },
            /\/data\/petition\/thresholds/,
          ],
          [{ thresholds: [] }, /\/data\/petition\/thresholds/],
          [{ thresholds: [{ count: 500, label: '' }] }, /\/data\/petition\/thresholds\/0\/label/],
          [{ thresholds: [{ count: 500, label: 'x'.repeat(201) }] }, /\/data\/petition\/thresholds\/0\/label/],
          [{ closes: 'dans trois mois' }, /\/data\/petition\/closes/],
          [{ closes: '2027-02-30' }, /\/data\/petition\/closes/],
          [{ goal: 500 }, /\/data\/petition/],
        ];
        for (const [terms, named] of bad) {
          const refused = await refusal(collector.url, signature({ subject: 'p/ok', terms }));
          assert.equal(refused.status, 422, JSON.stringify(terms));
          assert.equal(refused.error, 'invalid_envelope');
          assert.match(refused.message, named);
        }
        // Terms on a poll vote: refused, and said why.
        const vote = {
          ...envelope({ type: 'voix.poll.vote', subject: 'p/ok', answers: { choices: ['jardins'] } }),
          data: { ...envelope().data, answers: { choices: ['jardins'] }, petition: TERMS },
        };
        const onPoll = await refusal(collector.url, vote);
        assert.deepEqual([onPoll.status, onPoll.error], [422, 'invalid_envelope']);
        assert.match(onPoll.message, /\/data\/petition: only a voix\.petition\.signature carries petition terms, not a voix\.poll\.vote/);
      });

      it('reads the terms from the form transport, every value as text', async () => {
        const form = signature({ subject: 'p/form' });
        const fields = new URLSearchParams({
          specversion: '1.0',
          id: form.id,
          source: form.source,
          type: form.type,
          subject: form.subject,
          time: form.time,
          datacontenttype: 'application/json',
          'data[site]': form.data.site,
          'data[locale]': 'fr',
          'data[widget][name]': 'voix-petition',
          'data[widget][version]': '0.1.0',
          'data[answers][eligible]': 'true',
          'data[petition][thresholds][0][count]': '500',
          'data[petition][thresholds][0][label]': 'Rencontre',
          'data[petition][closes]': '2027-03-01',
        });
        const response = await fetch(`${collector.url}/v1/events`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: fields,
        });
        assert.equal(response.status, 201, await response.text());
        assert.deepEqual((await results(collector.url, 'p/form')).body.petition, {
          signatures: 1,
          pending: 0,
          thresholds: [{ count: 500, label: 'Rencontre' }],
          closes: '2027-03-01',
        });
      });

      it('keeps the terms of the latest signature received, per site; one without terms leaves them', async () => {
        const subject = 'p/latest';
        assert.equal(
          (await post(collector.url, signature({ subject, terms: { thresholds: [{ count: 100, label: 'Avant' }] } }))).status,
          201,
        );
        assert.equal((await post(collector.url, signature({ subject, terms: TERMS }))).status, 201);
        assert.equal((await post(collector.url, signature({ subject }))).status, 201);
        assert.equal((await post(collector.url, signature({ subject, site: 'autre-ville', terms: { closes: '2026-12-31' } }))).status, 201);
        assert.deepEqual((await results(collector.url, subject, '?site=ville-de-demo')).body.petition, {
          signatures: 3,
          pending: 0,
          ...TERMS,
        });
        assert.deepEqual((await results(collector.url, subject, '?site=autre-ville')).body.petition, {
          signatures: 1,
          pending: 0,
          closes: '2026-12-31',
        });
        // Every site together: the signatures of all, the terms of the latest signature received anywhere.
        assert.deepEqual((await results(collector.url, subject)).body.petition, { signatures: 4, pending: 0, closes: '2026-12-31' });
      });

      it('adds `petition` only to a petition’s results, and keeps `total` its counted signatures', async () => {
        assert.equal(
          (await post(collector.url, envelope({ type: 'voix.poll.vote', subject: 'p/poll', answers: { choices: ['jardins'] } }))).status,
          201,
        );
        const poll = await results(collector.url, 'p/poll');
        assert.equal(poll.body.petition, undefined);
        assert.equal('petition' in poll.body, false);
        assert.equal('petition' in (await results(collector.url, 'p/nothing-yet')).body, false);
        const { body } = await results(collector.url, 'p/latest');
        assert.equal(body.total, body.petition?.signatures);
      });
    });

    describe('with SMTP: pending signatures', () => {
      let clock = Date.now();
      const collector = collectorWithSmtp(backend, () => new Date(clock));

      it('counts pending signatures apart until confirmed, drops expired ones, and changes the ETag with them', async () => {
        const empty = await results(collector.url);
        assert.equal('petition' in empty.body, false);
        assert.equal((await post(collector.url, signature({ email: 'alice@example.fr', terms: TERMS }))).status, 202);
        const first = await results(collector.url);
        assert.deepEqual(first.body.petition, { signatures: 0, pending: 1 }, 'the terms of a signature not yet counted are not taken');
        assert.equal(first.body.total, 0);
        assert.notEqual(first.etag, empty.etag);
        assert.equal((await post(collector.url, signature({ email: 'bruno@example.fr', terms: TERMS }))).status, 202);
        const second = await fetch(`${collector.url}/v1/results/parc-naturel-urbain-petition`, {
          headers: { 'If-None-Match': first.etag! },
        });
        assert.equal(second.status, 200, 'one more pending: not a 304');
        assert.equal(((await second.json()) as { petition: { pending: number } }).petition.pending, 2);

        const alicesMail = (await collector.mails()).find((message) => message.to.includes('alice@example.fr'))!;
        assert.equal((await confirmLink(linkIn(alicesMail.raw))).status, 200);
        const confirmed = await results(collector.url);
        assert.deepEqual(confirmed.body.petition, { signatures: 1, pending: 1, ...TERMS });
        assert.equal(confirmed.body.total, 1);
        const unchanged = await fetch(`${collector.url}/v1/results/parc-naturel-urbain-petition`, {
          headers: { 'If-None-Match': confirmed.etag! },
        });
        assert.equal(unchanged.status, 304);

        // Bruno never confirms: a week later, his signature is no longer pending, before any purge.
        clock += 7 * DAY + 1;
        assert.deepEqual((await results(collector.url)).body.petition, { signatures: 1, pending: 0, ...TERMS });
      });

      it('takes a petition’s terms from counted signatures only: an address never confirmed changes nothing anyone sees', async () => {
        clock = Date.now();
        const subject = 'p/termes-forges';
        const forged = { thresholds: [{ count: 1, label: 'Faux palier' }], closes: new Date(clock + 600 * DAY).toISOString().slice(0, 10) };
        assert.equal((await post(collector.url, signature({ subject, email: 'vraie@example.fr', terms: TERMS }))).status, 202);
        assert.equal((await confirmLink(linkIn((await collector.mails()).at(-1)!.raw))).status, 200);
        assert.deepEqual((await results(collector.url, subject)).body.petition, { signatures: 1, pending: 0, ...TERMS });

        assert.equal((await post(collector.url, signature({ subject, email: 'jetable@example.fr', terms: forged }))).status, 202);
        assert.deepEqual(
          (await results(collector.url, subject)).body.petition,
          { signatures: 1, pending: 1, ...TERMS },
          'unconfirmed: the terms stay',
        );

        // Once confirmed, the signer counts, and so do the terms their page sent (the latest counted).
        assert.equal((await confirmLink(linkIn((await collector.mails()).at(-1)!.raw))).status, 200);
        assert.deepEqual((await results(collector.url, subject)).body.petition, { signatures: 2, pending: 0, ...forged });
      });

      it('lists on the dashboard a petition whose signatures all wait for their confirmation', async () => {
        clock = Date.now();
        assert.equal(
          (await post(collector.url, signature({ subject: 'p/en-attente', email: 'alice@example.fr', terms: TERMS }))).status,
          202,
        );
        const listed = (await collector.storage.subjects()).find((row) => row.subject === 'p/en-attente');
        assert.ok(listed, 'listed');
        assert.equal(listed.total, 0);
        assert.equal(listed.type, 'voix.petition.signature');
      });

      it('keeps the terms of the latest signature received among those counted, whenever their links are followed', async () => {
        clock = Date.now();
        const subject = 'p/prolongee';
        const extended = { ...TERMS, closes: '2027-06-30' };
        // Alice signs on the page as it was, and follows her link later.
        assert.equal((await post(collector.url, signature({ subject, email: 'alice@example.fr', terms: TERMS }))).status, 202);
        const alicesLink = linkIn((await collector.mails()).at(-1)!.raw);
        // The deadline is extended; Bruno signs on the new page and confirms at once.
        clock += 60_000;
        assert.equal((await post(collector.url, signature({ subject, email: 'bruno@example.fr', terms: extended }))).status, 202);
        assert.equal((await confirmLink(linkIn((await collector.mails()).at(-1)!.raw))).status, 200);
        clock += 2 * DAY;
        assert.equal((await confirmLink(alicesLink)).status, 200);
        assert.deepEqual(
          (await results(collector.url, subject)).body.petition,
          { signatures: 2, pending: 0, ...extended },
          'not the old page’s deadline',
        );
      });

      it('migration 7 finds the subject and site of signatures already pending', async () => {
        clock = Date.now();
        assert.equal((await post(collector.url, signature({ subject: 'p/migrated', email: 'chloe@example.fr' }))).status, 202);
        // Back to the schema before migration 7, with this signature pending, then a restart.
        await backend.exec(`DROP INDEX pending_signatures_waiting; DROP TABLE petition_terms;
          ALTER TABLE pending_signatures DROP COLUMN subject; ALTER TABLE pending_signatures DROP COLUMN site;
          DELETE FROM schema_migrations WHERE version = 7;`);
        const reopened = await backend.reopen();
        const restarted = await startCollector(reopened, {}, { now: () => new Date(clock) });
        try {
          assert.deepEqual((await results(restarted.url, 'p/migrated')).body.petition, { signatures: 0, pending: 1 });
          assert.equal((await results(restarted.url, 'p/migrated', '?site=autre-ville')).body.petition, undefined);
        } finally {
          await restarted.close();
          await reopened.close();
        }
      });
    });
  });
}
