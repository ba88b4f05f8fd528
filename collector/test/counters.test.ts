// Results kept up to date by the collector (issue 8): the counters added to in the transaction of
// each insert must give exactly what aggregate() (the reference recount) gives over the stored
// answers, byte for byte, after concurrent posts with replays and conflicting ids; on several
// collectors sharing one PostgreSQL; and after the migration fills them on an existing database.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { aggregate, type RecountStorage } from './recount.js';
import { backends, collectorOn, envelope, post, startCollector } from './support.js';

const seed = Number(process.env.FUZZ_SEED ?? 20261127);

// Small pools, so that answers meet: ids of several lengths (JSONB orders keys by length) and
// integer-like ones (JavaScript lists those first), values that collide with prototype names.
const QUESTION_IDS = ['score', 'q', '10', '2', 'why-not', 'accueil'];
const VALUES = ['a', 'b', '10', '2', 'constructor', 'toString'];
const KINDS = ['choice', 'choices', 'yesno', 'text', 'smileys', 'stars', 'nps', 'agree'] as const;
const SCALE_SCORES: Record<string, [number, number]> = { smileys: [1, 3], stars: [1, 5], nps: [0, 10], agree: [1, 5] };

const answerOfKind = (kind: (typeof KINDS)[number]): fc.Arbitrary<unknown> =>
  kind in SCALE_SCORES
    ? fc.integer({ min: SCALE_SCORES[kind][0], max: SCALE_SCORES[kind][1] })
    : kind === 'choices'
      ? fc.uniqueArray(fc.constantFrom(...VALUES), { minLength: 1, maxLength: 4 })
      : kind === 'yesno'
        ? fc.constantFrom('yes', 'no')
        : kind === 'text'
          ? fc.constantFrom('Très bien', 'a', 'yes')
          : fc.constantFrom(...VALUES);

/** A rating or survey answer: its definition's kinds change from one answer to the next. */
const definedAnswer = fc
  .record({
    type: fc.constantFrom('voix.rating', 'voix.survey'),
    audience: fc.constantFrom(undefined, 'user', 'agent'),
    kinds: fc.uniqueArray(fc.tuple(fc.constantFrom(...QUESTION_IDS), fc.constantFrom(...KINDS)), {
      minLength: 1,
      maxLength: 4,
      selector: ([id]) => id,
    }),
    withDefinition: fc.integer({ min: 0, max: 9 }).map((draw) => draw > 0),
  })
  .chain(({ type, audience, kinds, withDefinition }) =>
    fc
      .record({
        answered: fc.tuple(...kinds.map(([, kind]) => fc.option(answerOfKind(kind), { nil: undefined }))),
        other: fc.option(fc.constantFrom(...kinds.map(([id]) => `${id}-other`)), { nil: undefined }),
        rawScore: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
      })
      .map(({ answered, other, rawScore }) => {
        const answers: Record<string, unknown> = {};
        kinds.forEach(([id], index) => answered[index] !== undefined && (answers[id] = answered[index]));
        if (other) answers[other] = 'Autre chose';
        // Without a definition, a rating's score still counts in `counts` (an older widget's answer).
        if (!withDefinition && rawScore !== undefined) answers.score = rawScore;
        if (!Object.keys(answers).length) answers.comment = 'Rien à ajouter';
        return {
          type,
          audience,
          answers,
          definition: withDefinition ? { id: 'carte', version: '0a1b2c3d', questions: Object.fromEntries(kinds) } : null,
        };
      }),
  );

const anyAnswer = fc.oneof(
  fc.record({ type: fc.constant('voix.feedback'), answers: fc.record({ useful: fc.boolean() }) }),
  fc.record({
    type: fc.constant('voix.poll.vote'),
    answers: fc.record({ choices: fc.uniqueArray(fc.constantFrom(...VALUES), { minLength: 1, maxLength: 3 }) }),
  }),
  definedAnswer,
  definedAnswer,
);

type Answer = { type: string; answers: Record<string, unknown>; audience?: string; definition?: object | null };

/**
 * A subject keeps, on each site, the type of its first answer (issue 16: others get 422): each
 * type goes to a subject of its own, so that answers meet within a subject rather than being refused.
 */
const TYPES = ['voix.feedback', 'voix.poll.vote', 'voix.rating', 'voix.survey'];
const ofType = (subject: string, { type }: Pick<Answer, 'type'>) => `${subject}/${type}`;
const everyType = (subject: string) => TYPES.map((type) => ofType(subject, { type }));

/** The envelope of an answer on a subject and site. */
function envelopeOf({ type, answers, audience, definition }: Answer, subject: string, site: string, id: string = randomUUID()) {
  const event = envelope({ type, subject, site, answers, id });
  Object.assign(event.data, { ...(audience ? { audience } : {}), ...(definition ? { definition } : {}) });
  return event;
}

/**
 * Answers on two subjects and two sites, then the same envelopes again (replays) and other bodies
 * under ids already sent (conflicts), in an order of their own: all are posted at once.
 */
const postings = fc
  .record({
    answers: fc.array(fc.record({ answer: anyAnswer, subject: fc.constantFrom('a', 'b'), site: fc.constantFrom('site-a', 'site-b') }), {
      minLength: 1,
      maxLength: 30,
    }),
    replays: fc.array(fc.nat(), { maxLength: 8 }),
    conflicts: fc.array(fc.tuple(fc.nat(), anyAnswer), { maxLength: 4 }),
  })
  .chain(({ answers, replays, conflicts }) => {
    const events = answers.map(({ answer, subject, site }) => ({ subject, site, body: envelopeOf(answer, ofType(subject, answer), site) }));
    const again = replays.map((index) => events[index % events.length]);
    const other = conflicts.map(([index, answer]) => {
      const { subject, site, body } = events[index % events.length];
      return { subject, site, body: envelopeOf(answer, body.subject, site, body.id) };
    });
    return fc.shuffledSubarray([...events, ...again, ...other], { minLength: events.length + again.length + other.length });
  });

/** The reference: aggregate() over the stored answers, `updated` from their own received_at (not from the counters). */
async function recount(storage: RecountStorage, subject: string, site?: string) {
  const rows = [];
  for await (const row of storage.export({ subject })) if (site === undefined || row.site === site) rows.push(row);
  const updated = rows.reduce<string | null>((latest, row) => (latest === null || row.receivedAt > latest ? row.receivedAt : latest), null);
  return JSON.stringify(aggregate(subject, await storage.answersOf(subject), updated, site));
}

async function servedResults(url: string, subject: string, site?: string) {
  const response = await fetch(`${url}/v1/results/${encodeURIComponent(subject)}${site ? `?site=${site}` : ''}`);
  assert.equal(response.status, 200);
  return response.text();
}

/** Each subject's results, on every site and on each, as served and as recounted. */
async function assertResultsAreRecounts(url: string, storage: RecountStorage, subjects: string[]) {
  for (const subject of subjects) {
    for (const site of [undefined, 'site-a', 'site-b', 'site-absent']) {
      assert.equal(await servedResults(url, subject, site), await recount(storage, subject, site), `${subject} on ${site ?? 'every site'}`);
    }
  }
}

for (const backend of backends) {
  describe(`results from counters on ${backend.name}`, () => {
    const collector = collectorOn(backend);

    it('equal a recount of the stored answers after concurrent posts with replays and conflicting ids (property)', async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(postings, async (sent) => {
          const prefix = `/propriete-${run++}`;
          const responses = await Promise.all(
            sent.map(({ body }) => post(collector.url, { ...body, subject: `${prefix}/${body.subject}` })),
          );
          for (const response of responses) assert.ok([201, 422].includes(response.status), `status ${response.status}`);
          await assertResultsAreRecounts(collector.url, collector.storage, [...everyType(`${prefix}/a`), ...everyType(`${prefix}/b`)]);
        }),
        { numRuns: 25, seed },
      );
    });

    it('count a replay once and a conflicting id never', async () => {
      const subject = '/rejeux';
      const event = envelope({ subject, answers: { useful: true } });
      const responses = await Promise.all([
        post(collector.url, event),
        post(collector.url, event),
        post(collector.url, { ...event, data: { ...event.data, answers: { useful: false } } }),
      ]);
      const results = JSON.parse(await servedResults(collector.url, subject));
      assert.equal(results.total, 1);
      // The three race: whichever body is stored first is the answer, counted once; the same body
      // again is a replay (201), the other body a conflict (422).
      const yesWon = results.counts.yes === 1;
      assert.deepEqual(results.counts, yesWon ? { yes: 1 } : { no: 1 });
      assert.deepEqual(
        responses.map((response) => response.status),
        yesWon ? [201, 201, 422] : [422, 422, 201],
      );
    });
  });

  describe(`migration 4 on a ${backend.name} database written before it`, () => {
    it('fills the counters from the stored answers, which then keep counting; so it rebuilds them after answers are deleted by hand', async () => {
      let storage = await backend.open();
      let collector = await startCollector(storage);
      const answers = fc.sample(fc.array(anyAnswer, { minLength: 40, maxLength: 40 }), { numRuns: 1, seed })[0];
      for (const [index, answer] of answers.entries()) {
        const site = index % 3 ? 'site-a' : 'site-b';
        assert.equal((await post(collector.url, envelopeOf(answer, ofType('/avant', answer), site))).status, 201);
      }
      await collector.close();
      await storage.close();
      // Answers deleted by hand (a retention period), then the database as a collector without
      // counters left it: docs/collector.md's way of rebuilding them.
      await backend.exec(`DELETE FROM events WHERE site = 'site-b'; DROP TABLE result_totals; DROP TABLE result_values; DROP TABLE result_questions; DROP TABLE result_question_values;
        DELETE FROM schema_migrations WHERE version = 4;`);
      storage = await backend.reopen();
      collector = await startCollector(storage);
      try {
        const total = async () =>
          (await Promise.all(everyType('/avant').map((subject) => storage.version(subject)))).reduce((sum, { total }) => sum + total, 0);
        assert.equal(await total(), 26, 'the 14 answers of site-b deleted');
        await assertResultsAreRecounts(collector.url, storage, everyType('/avant'));
        assert.equal((await post(collector.url, envelopeOf(answers[0], ofType('/avant', answers[0]), 'site-a'))).status, 201);
        assert.equal(await total(), 27);
        await assertResultsAreRecounts(collector.url, storage, everyType('/avant'));
      } finally {
        await collector.close();
        await storage.close();
      }
    });
  });
}

const postgres = backends.find(({ name }) => name === 'PostgreSQL');
describe('several collectors on one PostgreSQL', { skip: !postgres && 'set VOIX_TEST_DATABASE_URL' }, () => {
  it('stay exact when they all insert on one subject at once, with the same answers sent to two of them', async () => {
    const storages = [await postgres!.open(), await postgres!.reopen(), await postgres!.reopen()];
    const collectors = await Promise.all(storages.map((storage) => startCollector(storage)));
    try {
      const subject = '/parc-naturel-urbain';
      const answers = fc.sample(anyAnswer, { numRuns: 240, seed });
      const sends = answers.flatMap((answer, index) => {
        const body = envelopeOf(answer, ofType(subject, answer), index % 2 ? 'site-a' : 'site-b');
        const first = collectors[index % 3];
        // One in four is also received by another collector (a retry through the load balancer).
        return index % 4 ? [post(first.url, body)] : [post(first.url, body), post(collectors[(index + 1) % 3].url, body)];
      });
      const statuses = (await Promise.all(sends)).map((response) => response.status);
      assert.deepEqual([...new Set(statuses)], [201]);
      const versions = await Promise.all(everyType(subject).map((each) => storages[0].version(each)));
      assert.equal(
        versions.reduce((sum, { total }) => sum + total, 0),
        240,
      );
      for (const [index, collector] of collectors.entries())
        await assertResultsAreRecounts(collector.url, storages[index], everyType(subject));
    } finally {
      for (const collector of collectors) await collector.close();
      for (const storage of storages) await storage.close();
    }
  });
});
