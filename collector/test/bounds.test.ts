// Issue 16, finding 1: one client's minute (60 posts of made-up question ids and values) made a
// poll's public results 9.8 MB and 8.6 s per read. In open mode a subject keeps, on each site, the
// type of its first answer, and holds a bounded number of keys (bounds.ts): its results stay under
// 64 KB and a read meets a bounded number of counter rows, whatever is posted. Served results stay
// a recount (aggregate() applies the same bounds). Both stores.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { BOUNDS, OTHER_VALUES } from '../src/bounds.js';
import { readEnvelope } from '../src/envelope.js';
import { CounterBatch, resultsFromCounters } from '../src/results.js';
import { aggregate, type RecountStorage } from './recount.js';
import { backends, collectorOn, envelope, post } from './support.js';

const LIMIT = 64 * 1024;
const made = (prefix: string, index: number, length = 40) => `${prefix}-${index}-`.padEnd(length, 'z');

/** A survey of `questions` made-up question ids, each answered with `values` made-up values. */
function madeUpSurvey(subject: string, site: string, post: number, questions = 60, values = 12) {
  const ids = Array.from({ length: questions }, (_, index) => `q${post}-${index}`);
  const event = envelope({
    type: 'voix.survey',
    subject,
    site,
    answers: Object.fromEntries(ids.map((id, index) => [id, Array.from({ length: values }, (_, item) => made(`${post}-${index}`, item))])),
  });
  Object.assign(event.data, {
    definition: { id: 'invente', version: '0a1b2c3d', questions: Object.fromEntries(ids.map((id) => [id, 'choices'])) },
  });
  return event;
}

const vote = (subject: string, choices: string[], site = 'ville-de-demo') =>
  envelope({ type: 'voix.poll.vote', subject, site, answers: { choices } });

async function read(url: string, subject: string, site?: string) {
  const response = await fetch(`${url}/v1/results/${encodeURIComponent(subject)}${site ? `?site=${site}` : ''}`);
  assert.equal(response.status, 200);
  return response.text();
}

/** How many counter rows a read of the subject meets (all its sites). */
async function rowsRead(storage: RecountStorage, subject: string) {
  const counters = await storage.counters(subject);
  return Object.values(counters).reduce((sum, rows) => sum + rows.length, 0);
}

async function postAll(url: string, bodies: unknown[]) {
  const statuses: number[] = [];
  for (const body of bodies) statuses.push((await post(url, body)).status);
  return statuses;
}

for (const backend of backends) {
  describe(`open mode's bounds on ${backend.name}`, () => {
    const collector = collectorOn(backend);

    it('keep a poll under attack (60 made-up surveys, 60 votes of 50 made-up choices) under 64 KB, bounded in rows, and a recount', async () => {
      const subject = '/parc/vote';
      assert.deepEqual(
        await postAll(collector.url, [vote(subject, ['parc']), vote(subject, ['jardin']), vote(subject, ['parc'])]),
        [201, 201, 201],
      );
      // On the poll's own site, surveys are refused: the subject holds votes there.
      const refused = await post(collector.url, madeUpSurvey(subject, 'ville-de-demo', 0));
      assert.equal(refused.status, 422);
      assert.equal(((await refused.json()) as { error: string }).error, 'subject_type_mismatch');
      // Elsewhere (a site is what the client says), they are taken, within the subject's bounds.
      const surveys = Array.from({ length: 60 }, (_, index) => madeUpSurvey(subject, `ailleurs-${index % 3}`, index));
      const votes = Array.from({ length: 60 }, (_, index) =>
        vote(
          subject,
          Array.from({ length: 50 }, (_, item) => made(`v${index}`, item)),
        ),
      );
      assert.deepEqual(new Set(await postAll(collector.url, [...surveys, ...votes])), new Set([201]));

      const served = await read(collector.url, subject);
      assert.ok(Buffer.byteLength(served) < LIMIT, `results of ${Buffer.byteLength(served)} bytes`);
      const results = JSON.parse(served);
      assert.equal(results.total, 123);
      assert.ok(Object.keys(results.counts).length <= BOUNDS.values + 1);
      for (const count of Object.values(results.counts) as number[]) assert.ok(count <= results.total);
      assert.ok(Object.keys(results.questions).length <= BOUNDS.questions);
      // The poll's own options were there first: they keep their keys; the made-up ones past the bound count together, once per vote.
      const onSite = JSON.parse(await read(collector.url, subject, 'ville-de-demo'));
      assert.equal(onSite.counts.parc, 2);
      assert.equal(onSite.counts.jardin, 1);
      assert.equal(onSite.counts[OTHER_VALUES], 60);
      // Rows: the keyed ones within the bounds, plus one row of OTHER_VALUES per site (and per kept question), and the totals.
      const counters = await collector.storage.counters(subject);
      assert.ok(counters.values.length <= BOUNDS.values + 4, `${counters.values.length} value rows`);
      assert.ok(counters.questions.length <= BOUNDS.questions);
      assert.ok(
        counters.questionValues.length <= BOUNDS.questionValues + BOUNDS.questions,
        `${counters.questionValues.length} question value rows`,
      );
      for (const site of [undefined, 'ville-de-demo', 'ailleurs-1']) {
        const recounted = JSON.stringify(
          aggregate(
            subject,
            await collector.storage.answersOf(subject),
            JSON.parse(await read(collector.url, subject, site)).updated,
            site,
          ),
        );
        assert.equal(await read(collector.url, subject, site), recounted, `${site ?? 'every site'}`);
      }
    });

    it('read the same rows after 60 attacking posts as after 20: a read does not grow with the attack', async () => {
      const subject = '/sondage/bruit';
      await postAll(
        collector.url,
        Array.from({ length: 20 }, (_, index) => madeUpSurvey(subject, 'ville-de-demo', index)),
      );
      const [rows, bytes] = [await rowsRead(collector.storage, subject), Buffer.byteLength(await read(collector.url, subject))];
      await postAll(
        collector.url,
        Array.from({ length: 40 }, (_, index) => madeUpSurvey(subject, 'ville-de-demo', 20 + index)),
      );
      assert.equal(await rowsRead(collector.storage, subject), rows);
      assert.equal(Buffer.byteLength(await read(collector.url, subject)), bytes, 'only the counts changed, not their digits');
      assert.ok(rows <= 2 + BOUNDS.questions * 2 + BOUNDS.questionValues, `${rows} rows`);
    });

    it('refuse, with 422 subject_type_mismatch, an answer of another type than its subject holds on its site; a replay stays a replay', async () => {
      const subject = '/demarches/carte-grise';
      const first = envelope({ subject, answers: { useful: true } });
      assert.equal((await post(collector.url, first)).status, 201);
      const other = await post(collector.url, vote(subject, ['a']));
      assert.equal(other.status, 422);
      const body = (await other.json()) as { error: string; message: string };
      assert.equal(body.error, 'subject_type_mismatch');
      assert.match(body.message, /voix\.feedback/);
      assert.equal((await post(collector.url, vote(subject, ['a'], 'autre-site'))).status, 201, 'another site has its own');
      const replay = await post(collector.url, first);
      assert.equal(replay.status, 201);
      assert.equal(replay.headers.get('idempotent-replayed'), 'true');
      const conflict = await post(collector.url, { ...vote(subject, ['a']), id: first.id });
      assert.equal(((await conflict.json()) as { error: string }).error, 'idempotency_conflict');
      // Two first answers of two types at once: one is taken, the other refused (same transaction batch, or the subject's lock).
      const statuses = (
        await Promise.all([post(collector.url, vote('/course', ['a'])), post(collector.url, envelope({ subject: '/course' }))])
      ).map((response) => response.status);
      assert.deepEqual(statuses.sort(), [201, 422]);
      assert.equal(JSON.parse(await read(collector.url, '/course')).total, 1);
    });

    it('count a pending petition signature as its subject’s type', async () => {
      const subject = `/petition/${randomUUID()}`;
      const signed = envelope({
        type: 'voix.petition.signature',
        subject,
        answers: { eligible: true, personal: { email: 'a@example.fr' } },
      });
      const { row, personal } = readEnvelope(signed, { form: false });
      const pending = await collector.storage.insert(row, personal, {
        signer: 'hash-a',
        pending: { tokenHash: randomUUID(), expires: '2099-01-01T00:00:00.000Z', since: row.receivedAt },
      });
      assert.deepEqual(pending, { inserted: true, pending: true });
      const feedback = readEnvelope(envelope({ subject }), { form: false }).row;
      assert.deepEqual(await collector.storage.insert(feedback), { inserted: false, typeMismatch: ['voix.petition.signature'] });
    });
  });
}

describe('the largest results a subject can give', () => {
  it('stay under 64 KB with every bound full of the longest keys and the largest counts (a petition’s terms, at most 13 KB, fit besides)', () => {
    const batch = new CounterBatch();
    const base = { subject: 's', receivedAt: '2026-12-06T10:00:00.000Z', audience: null, definition: null };
    let seq = 1;
    for (let index = 0; index < 3; index++) {
      const choices = Array.from({ length: 50 }, (_, item) => `v${index}-${item}`.padEnd(78, 'x'));
      batch.add({ ...base, site: 'p', type: 'voix.poll.vote', answers: { choices } }, seq++);
    }
    const ids = Array.from({ length: 70 }, (_, index) => `q${index}`.padEnd(64, 'q'));
    for (const audience of ['user', 'agent']) {
      for (let index = 0; index < 10; index++) {
        const answers = Object.fromEntries(
          ids.map((id) => [id, Array.from({ length: 50 }, (_, item) => `${id.slice(0, 3)}-${index}-${item}`.padEnd(78, 'x'))]),
        );
        const definition = { id: 'd', version: '0a1b2c3d', questions: Object.fromEntries(ids.map((id) => [id, 'choices'])) };
        batch.add({ ...base, site: 's', type: 'voix.survey', answers, audience, definition }, seq++);
      }
    }
    const rows = batch.merged();
    for (const row of [...rows.values, ...rows.questionValues]) row.count = 9_999_999_999;
    for (const row of rows.questions)
      Object.assign(row, { answered: 9_999_999_999, kind: 'smileys', scoreSum: 2e10, scores: 9_999_999_999 });
    for (const row of rows.totals) row.answers = 9_999_999_999;
    const bytes = Buffer.byteLength(JSON.stringify(resultsFromCounters('s'.padEnd(512, 's'), rows)));
    assert.ok(bytes < LIMIT - 14 * 1024, `${bytes} bytes`);
  });
});
