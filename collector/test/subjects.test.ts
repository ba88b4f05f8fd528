// Declared subjects (issue 16): a poll's and a petition's terms owned by the collector, from the
// VOIX_SUBJECTS file or PUT /v1/subjects/{subject}; answers that do not fit them are refused.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigError, configFromEnv } from '../src/config.js';
import { ADMIN, backends, envelope, post, startCollector } from './support.js';
import type { RecountStorage } from './recount.js';

const folder = mkdtempSync(join(tmpdir(), 'voix-subjects-'));
const file = (name: string, text: string) => {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
};

const park = {
  type: 'voix.poll.vote',
  terms: {
    options: [
      { value: 'jardins', label: 'Des jardins partagés' },
      { value: 'verger', label: 'Un verger' },
      { value: 'mare', label: 'Une mare' },
    ],
    multiple: true,
    max: 2,
    closes: '2027-06-30',
  },
};
const petitionYaml = `ill-bruche:
  type: voix.petition.signature
  terms:
    thresholds:
      - { count: 500, label: Rencontre avec l'élue ou l'élu }
      - { count: 2800, label: Débat en conseil municipal }
    closes: 2027-03-31
    fields: [name, postcode]
`;

describe('VOIX_SUBJECTS', () => {
  it('reads a JSON or a YAML file of declared subjects', () => {
    assert.deepEqual(configFromEnv({ VOIX_SUBJECTS: file('subjects.json', JSON.stringify({ 'parc-2027': park })) }).subjects, [
      { subject: 'parc-2027', ...park },
    ]);
    const [petition] = configFromEnv({ VOIX_SUBJECTS: file('subjects.yaml', petitionYaml) }).subjects;
    assert.equal(petition.type, 'voix.petition.signature');
    assert.deepEqual(petition.terms, {
      thresholds: [
        { count: 500, label: "Rencontre avec l'élue ou l'élu" },
        { count: 2800, label: 'Débat en conseil municipal' },
      ],
      closes: '2027-03-31',
      fields: ['name', 'postcode'],
    });
  });

  it('refuses a bad declaration at start, naming the subject and the place at fault', () => {
    const refused = (text: string, name = 'bad.json') => {
      try {
        configFromEnv({ VOIX_SUBJECTS: file(name, text) });
      } catch (error) {
        assert.ok(error instanceof ConfigError);
        return (error as Error).message;
      }
      assert.fail('accepted');
    };
    const oneOption = { ...park, terms: { options: [park.terms.options[0]] } };
    assert.match(
      refused(JSON.stringify({ p: oneOption })),
      /VOIX_SUBJECTS: .*bad\.json, subject "p": \/terms\/options: must NOT have fewer than 2 items/,
    );
    const twice = { ...park, terms: { options: [park.terms.options[0], park.terms.options[0]] } };
    assert.match(
      refused(JSON.stringify({ p: twice })),
      /subject "p": \/terms\/options\/1\/value: "jardins" is the value of an earlier option/,
    );
    assert.match(
      refused(JSON.stringify({ p: { ...park, terms: { ...park.terms, multiple: false } } })),
      /\/terms\/max: only with multiple: true/,
    );
    assert.match(
      refused(JSON.stringify({ p: { type: 'voix.feedback', terms: {} } })),
      /subject "p": \/type: must be equal to one of the allowed values/,
    );
    assert.match(refused('{ "p": ', 'broken.json'), /VOIX_SUBJECTS: .*broken\.json is not valid JSON/);
    assert.match(refused('p: [', 'broken.yaml'), /VOIX_SUBJECTS: .*broken\.yaml is not valid YAML/);
    assert.throws(() => configFromEnv({ VOIX_SUBJECTS: join(folder, 'none.json') }), /VOIX_SUBJECTS: cannot read/);
  });
});

for (const backend of backends) {
  describe(`declared subjects (${backend.name})`, () => {
    let storage: RecountStorage;
    let collector: Awaited<ReturnType<typeof startCollector>>;
    let clock = new Date('2027-03-15T10:00:00Z');
    const subjects = configFromEnv({
      VOIX_SUBJECTS: file(
        'start.json',
        JSON.stringify({
          'parc-2027': park,
          'ill-bruche': {
            type: 'voix.petition.signature',
            terms: { thresholds: [{ count: 500, label: 'Rencontre' }], closes: '2027-03-31', fields: ['name'] },
          },
        }),
      ),
    }).subjects;
    before(async () => {
      storage = await backend.open();
      collector = await startCollector(storage, { subjects }, { now: () => clock });
    });
    after(async () => {
      await collector.close();
      await storage.close();
    });
    const read = (subject: string, headers: Record<string, string> = {}) => fetch(`${collector.url}/v1/subjects/${subject}`, { headers });
    const declare = (subject: string, body: unknown, token = ADMIN) =>
      fetch(`${collector.url}/v1/subjects/${subject}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    const vote = (answers: Record<string, unknown>, subject = 'parc-2027') =>
      post(collector.url, envelope({ type: 'voix.poll.vote', subject, answers }));
    const refusal = async (response: Response) => [response.status, ((await response.json()) as { error: string }).error];

    it('serves a declared subject with an ETag, and says which subjects are not declared', async () => {
      const response = await read('parc-2027');
      assert.equal(response.status, 200);
      const body = (await response.json()) as { subject: string; type: string; terms: unknown; updated: string };
      assert.deepEqual({ ...body, updated: undefined }, { subject: 'parc-2027', ...park, updated: undefined });
      const etag = response.headers.get('etag')!;
      assert.equal((await read('parc-2027', { 'If-None-Match': etag })).status, 304);
      const open = await read('nulle-part');
      assert.equal(open.status, 204, 'not declared: the open mode, nothing to read (a 404 would be a console error on each page)');
    });

    it('lets the team declare a subject with the admin token, checked like the file', async () => {
      const terms = {
        options: [
          { value: 'oui', label: 'Oui' },
          { value: 'non', label: 'Non' },
        ],
      };
      assert.deepEqual(await refusal(await declare('piscine', { type: 'voix.poll.vote', terms }, 'wrong')), [401, 'unauthorized']);
      assert.deepEqual(await refusal(await declare('piscine', { type: 'voix.poll.vote', terms: { options: [] } })), [
        422,
        'invalid_subject',
      ]);
      const first = await declare('piscine', { type: 'voix.poll.vote', terms });
      assert.equal(first.status, 200);
      const { updated } = (await first.json()) as { updated: string };
      clock = new Date(clock.getTime() + 60_000);
      const again = (await (await declare('piscine', { type: 'voix.poll.vote', terms })).json()) as { updated: string };
      assert.equal(again.updated, updated, 'the same terms again: nothing changes, not even the ETag');
      assert.equal((await vote({ choices: ['oui'] }, 'piscine')).status, 201);
    });

    it('refuses votes that do not fit the poll: unknown option, too many, « Autre » not offered, another type', async () => {
      assert.deepEqual(await refusal(await vote({ choices: ['piscine'] })), [422, 'unknown_option']);
      assert.deepEqual(await refusal(await vote({ choices: ['jardins', 'verger', 'mare'] })), [422, 'too_many_choices']);
      assert.deepEqual(await refusal(await vote({ choices: ['jardins'], other: 'Un skatepark' })), [422, 'unknown_option']);
      assert.deepEqual(await refusal(await post(collector.url, envelope({ subject: 'parc-2027' }))), [422, 'wrong_type']);
      assert.equal((await vote({ choices: ['jardins', 'mare'] })).status, 201);
      const results = (await (await fetch(`${collector.url}/v1/results/parc-2027`)).json()) as {
        total: number;
        counts: Record<string, number>;
      };
      assert.deepEqual([results.total, { ...results.counts }], [1, { jardins: 1, mare: 1 }]);
    });

    it('refuses a single-choice poll’s vote with two choices', async () => {
      const terms = { options: park.terms.options };
      assert.equal((await declare('une-seule', { type: 'voix.poll.vote', terms })).status, 200);
      assert.deepEqual(await refusal(await vote({ choices: ['jardins', 'verger'] }, 'une-seule')), [422, 'too_many_choices']);
    });

    it('refuses answers before a poll opens and after it closes (a day alone in Paris time)', async () => {
      const terms = { options: park.terms.options, opens: '2027-04-01', closes: '2027-04-30' };
      assert.equal((await declare('avril', { type: 'voix.poll.vote', terms })).status, 200);
      clock = new Date('2027-03-31T21:59:00Z'); // 23:59 in Paris, the day before
      assert.deepEqual(await refusal(await vote({ choices: ['verger'] }, 'avril')), [422, 'not_open']);
      clock = new Date('2027-03-31T22:00:00Z'); // midnight in Paris
      assert.equal((await vote({ choices: ['verger'] }, 'avril')).status, 201);
      clock = new Date('2027-04-30T21:59:00Z');
      assert.equal((await vote({ choices: ['mare'] }, 'avril')).status, 201);
      clock = new Date('2027-04-30T22:00:00Z');
      assert.deepEqual(await refusal(await vote({ choices: ['mare'] }, 'avril')), [422, 'closed']);
      clock = new Date('2027-03-15T10:00:00Z');
    });

    it('asks every signer of a declared petition for its fields, and shows its declared terms, not the page’s', async () => {
      const signature = (personal: Record<string, string>, petition?: unknown) => {
        const body = envelope({ type: 'voix.petition.signature', subject: 'ill-bruche', answers: { eligible: true, personal } });
        return post(collector.url, petition ? { ...body, data: { ...body.data, petition } } : body);
      };
      assert.deepEqual(await refusal(await signature({ postcode: '67000' })), [422, 'missing_field']);
      const fromPage = { thresholds: [{ count: 3, label: 'Une fête' }], closes: '2030-01-01' };
      assert.equal((await signature({ name: 'Camille' }, fromPage)).status, 201);
      const { petition } = (await (await fetch(`${collector.url}/v1/results/ill-bruche`)).json()) as { petition: unknown };
      assert.deepEqual(petition, { signatures: 1, pending: 0, thresholds: [{ count: 500, label: 'Rencontre' }], closes: '2027-03-31' });
      clock = new Date('2027-04-01T08:00:00Z');
      assert.deepEqual(await refusal(await signature({ name: 'Dominique' })), [422, 'closed']);
      clock = new Date('2027-03-15T10:00:00Z');
    });

    it('leaves undeclared subjects in the open mode', async () => {
      assert.equal((await vote({ choices: ['nimporte', 'quoi'] }, 'ouvert')).status, 201);
    });
  });
}
