// Reports, ideas and agents' pulses (issue 9), on SQLite and PostgreSQL: reports and ideas counted
// per category and quoted on the dashboard, an idea's e-mail kept apart; a pulse gives nothing out (results, dashboard, texts, exports)
// before VOIX_PULSE_MIN_ANSWERS answers, and never its placement nor a time finer than the day.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { fileURLToPath } from 'node:url';
import { ADMIN, backends, collectorOn, envelope, post } from './support.js';

const admin = { Authorization: `Bearer ${ADMIN}` };

const pulseDefinition = { id: 'pulse', version: '1a2b3c4d', questions: { helps: 'agree', blocks: 'text', idea: 'text' } };
const reportDefinition = {
  id: 'report',
  version: '5e6f7a8b',
  questions: { category: 'choice', where: 'text', what: 'text', often: 'choice' },
};
const ideaDefinition = {
  id: 'idea',
  version: '9a8b7c6d',
  questions: { title: 'text', description: 'text', category: 'choice', place: 'text' },
};
const definitions = { 'voix.pulse': pulseDefinition, 'voix.report': reportDefinition, 'voix.idea': ideaDefinition };

/** An envelope as <voix-pulse> or <voix-report> sends it: its definition, and a pulse's audience. */
function answer(
  type: keyof typeof definitions,
  subject: string,
  answers: Record<string, unknown>,
  { site = 'ville-de-demo', definition = definitions[type] as object } = {},
) {
  const event = envelope({ type, subject, answers, site });
  Object.assign(event.data, {
    widget: { name: type.replace('.', '-'), version: '0.1.0' },
    definition,
    ...(type === 'voix.pulse' ? { audience: 'agent' } : {}),
  });
  return event;
}

const postAll = async (url: string, events: object[]) => {
  for (const event of events) assert.equal((await post(url, event)).status, 201, JSON.stringify(event));
};

const pulses = (subject: string, count: number, options: { site?: string; from?: number } = {}) =>
  Array.from({ length: count }, (_, index) =>
    answer(
      'voix.pulse',
      subject,
      {
        helps: 1 + ((index + (options.from ?? 0)) % 5),
        blocks: `Blocage numéro ${index + (options.from ?? 0)}`,
        idea: `Idée numéro ${index + (options.from ?? 0)}`,
      },
      options,
    ),
  );

async function results(url: string, subject: string, query = '') {
  const response = await fetch(`${url}/v1/results/${encodeURIComponent(subject)}${query}`);
  assert.equal(response.status, 200);
  return { body: await response.json(), etag: response.headers.get('etag') };
}

const read = async (url: string, path: string) => {
  const response = await fetch(`${url}${path}`, { headers: admin });
  assert.equal(response.status, 200, path);
  return response.text();
};
const ndjson = async (url: string, query = '') =>
  (await read(url, `/v1/export.ndjson${query}`))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));

const withheld = (subject: string, minimum = 5) => ({ subject, total: 0, counts: {}, updated: null, withheld: true, minimum });

for (const backend of backends) {
  describe(`an agents' pulse under the threshold (${backend.name})`, () => {
    const collector = collectorOn(backend);
    const subject = 'intranet/guichet-unique';

    it('answers 4 answers with nothing counted, nothing dated, withheld and the threshold; the ETag tells no new answer', async () => {
      await postAll(collector.url, pulses(subject, 3));
      const before = await results(collector.url, subject);
      await postAll(collector.url, pulses(subject, 1, { from: 3 }));
      const after = await results(collector.url, subject);
      assert.deepEqual(after.body, withheld(subject));
      assert.equal(after.etag, before.etag, 'the fourth answer did not change the ETag');
      const unchanged = await fetch(`${collector.url}/v1/results/${encodeURIComponent(subject)}`, {
        headers: { 'If-None-Match': after.etag! },
      });
      assert.equal(unchanged.status, 304);
    });

    it('answers as docs/openapi.yaml’s Results schema says', async () => {
      const api = (await SwaggerParser.dereference(fileURLToPath(new URL('../../docs/openapi.yaml', import.meta.url)))) as {
        components: { schemas: Record<string, object> };
      };
      const validate = new Ajv2020({ strict: false, allErrors: true, validateFormats: false }).compile(api.components.schemas.Results);
      const { body } = await results(collector.url, subject);
      assert.ok(validate(body), JSON.stringify(validate.errors));
      assert.equal(validate({ ...body, withheld: false }), false, 'the schema can refuse');
    });

    it('shows « Résultats masqués » on the dashboard: no figure, no date, no text, even a text sent under the id « comment »', async () => {
      // A pulse whose definition names a question « comment »: the dashboard's comments list must not take it.
      const own = { id: 'pulse-maison', version: '9c8d7e6f', questions: { helps: 'agree', comment: 'text' } };
      await postAll(collector.url, [
        answer('voix.pulse', 'intranet/teletravail', { helps: 2, comment: 'Texte qui trahirait son auteur' }, { definition: own }),
      ]);
      const html = await read(collector.url, '/admin');
      const card = html.slice(html.indexOf(`<h3><bdi>${subject}</bdi></h3>`)).split('</article>')[0];
      assert.match(card, /Résultats masqués\u00a0: moins de 5 réponses\./);
      assert.match(card, /<p class="meta">Baromètre des agents<\/p>/, 'no count, no date');
      assert.doesNotMatch(card, /<table|Moyenne/);
      assert.doesNotMatch(html, /Blocage numéro|Idée numéro|Texte qui trahirait/);
    });

    it('exports none of its answers, in CSV or NDJSON', async () => {
      assert.deepEqual(await ndjson(collector.url), []);
      const csv = (await read(collector.url, '/v1/export.csv?type=voix.pulse')).trimEnd().split('\r\n');
      assert.equal(csv.length, 1, 'the header alone');
      assert.doesNotMatch(csv.join('\n'), /Blocage|Idée numéro/);
    });

    it('gives out everything at the fifth answer: figures, texts dated to the day, export rows without placement', async () => {
      await postAll(collector.url, pulses(subject, 1, { from: 4 }));
      const { body } = await results(collector.url, subject);
      assert.equal(body.total, 5);
      assert.equal(body.withheld, undefined);
      assert.deepEqual({ ...body.questions.helps }, { kind: 'agree', answered: 5, counts: { 1: 1, 2: 1, 3: 1, 4: 1, 5: 1 }, mean: 3 });
      assert.equal(body.audiences.agent.total, 5);

      const html = await read(collector.url, '/admin');
      const card = html.slice(html.indexOf(`<h3><bdi>${subject}</bdi></h3>`)).split('</article>')[0];
      assert.doesNotMatch(card, /Résultats masqués/);
      assert.match(card, /<caption>Question « <bdi>helps<\/bdi> » · accord, de 1 à 5<\/caption>/);
      assert.match(card, /Moyenne\u00a0: 3 sur 5 \(5 réponses\)/);
      for (let index = 0; index < 5; index++) {
        assert.match(
          card,
          new RegExp(
            `<blockquote lang="fr" dir="auto">Blocage numéro ${index}</blockquote><p class="meta">Ce qui bloque · \\d{1,2} [a-zéû]+ \\d{4}</p>`,
          ),
        );
        assert.match(
          card,
          new RegExp(
            `<blockquote lang="fr" dir="auto">Idée numéro ${index}</blockquote><p class="meta">Une idée · \\d{1,2} [a-zéû]+ \\d{4}</p>`,
          ),
        );
      }
      assert.match(
        card,
        /<p class="meta">Baromètre des agents · 5 réponses · dernière le \d{1,2}(er)? [a-zéû]+ \d{4}<\/p>/,
        'a day, no hour',
      );
      assert.doesNotMatch(card, /\d{2}:\d{2}/);
      // The other pulse, with one answer, stays withheld, its « comment » out of the comments list.
      assert.doesNotMatch(html, /Texte qui trahirait/);

      const rows = await ndjson(collector.url, `?subject=${encodeURIComponent(subject)}`);
      assert.equal(rows.length, 5);
      for (const row of rows) {
        assert.equal(row.placement, null);
        assert.match(row.time, /^\d{4}-\d{2}-\d{2}$/);
        assert.match(row.receivedAt, /^\d{4}-\d{2}-\d{2}$/);
        assert.equal(row.audience, 'agent');
      }
      const csv = (await read(collector.url, '/v1/export.csv?type=voix.pulse')).trimEnd().split('\r\n');
      const header = csv[0].split(',');
      assert.equal(csv.length, 6, 'the five answers of the subject at the threshold, not the one of the other');
      for (const line of csv.slice(1)) {
        const cells = line.split(',');
        assert.equal(cells[header.indexOf('placement')], '');
        assert.match(cells[header.indexOf('time')], /^\d{4}-\d{2}-\d{2}$/);
        assert.match(cells[header.indexOf('receivedAt')], /^\d{4}-\d{2}-\d{2}$/);
      }
    });
  });

  describe(`an agents' pulse over two sites (${backend.name})`, () => {
    const collector = collectorOn(backend);
    const subject = 'intranet/accueil-unique';

    it('withholds the sites together while one site is under the threshold (else the difference would give its answers), and exports only the sites at it', async () => {
      await postAll(collector.url, [...pulses(subject, 5, { site: 'mairie' }), ...pulses(subject, 2, { site: 'ccas' })]);
      assert.deepEqual((await results(collector.url, subject)).body, withheld(subject), 'all sites minus « mairie » would be « ccas »');
      assert.equal((await results(collector.url, subject, '?site=mairie')).body.total, 5);
      assert.deepEqual((await results(collector.url, subject, '?site=ccas')).body, withheld(subject));
      const rows = await ndjson(collector.url);
      assert.deepEqual([...new Set(rows.map((row) => row.site))], ['mairie']);
      assert.equal(rows.length, 5);
    });
  });

  describe(`an agents' pulse among other answers (${backend.name})`, () => {
    const collector = collectorOn(backend);
    const subject = 'intranet/messagerie';

    it('gives its results dated to the day, and exports its answers apart from the others, whatever `since`, so that no neighbour dates them', async () => {
      await postAll(collector.url, [answer('voix.report', 'mairie', { category: 'accueil', what: 'Avant' })]);
      await postAll(collector.url, pulses(subject, 5));
      await postAll(collector.url, [answer('voix.report', 'mairie', { category: 'accueil', what: 'Après' })]);
      const { body } = await results(collector.url, subject);
      assert.equal(body.total, 5);
      assert.match(body.updated, /^\d{4}-\d{2}-\d{2}$/, 'the day only');
      const rows = await ndjson(collector.url);
      assert.deepEqual(
        rows.map((row) => row.type),
        ['voix.report', 'voix.report', 'voix.pulse', 'voix.pulse', 'voix.pulse', 'voix.pulse', 'voix.pulse'],
      );
      // A `since` inside the day selects the other answers to the millisecond, and the pulse's by the whole day.
      const after = rows[1].receivedAt;
      const since = await ndjson(collector.url, `?since=${encodeURIComponent(after)}`);
      assert.deepEqual(
        since.map((row) => row.type),
        ['voix.report', 'voix.pulse', 'voix.pulse', 'voix.pulse', 'voix.pulse', 'voix.pulse'],
      );
      const later = new Date(Date.parse(after) + 1).toISOString();
      assert.equal(
        (await ndjson(collector.url, `?since=${encodeURIComponent(later)}&type=voix.pulse`)).length,
        5,
        'a since within the day cannot split the pulse answers',
      );
    });
  });

  describe(`the dashboard's order (${backend.name})`, () => {
    const collector = collectorOn(backend);

    it('does not move a withheld pulse up when an agent answers: withheld subjects come last, by name', async () => {
      await postAll(collector.url, pulses('intranet/b-withheld', 1));
      await postAll(collector.url, [answer('voix.report', 'mairie/a-report', { category: 'accueil', what: 'Attente' })]);
      await postAll(collector.url, pulses('intranet/a-withheld', 1));
      await postAll(collector.url, pulses('intranet/b-withheld', 1, { from: 1 }));
      const html = await read(collector.url, '/admin');
      const order = ['mairie/a-report', 'intranet/a-withheld', 'intranet/b-withheld'].map((subject) =>
        html.indexOf(`<h3><bdi>${subject}</bdi></h3>`),
      );
      assert.ok(
        order.every((at) => at > 0),
        String(order),
      );
      assert.deepEqual(
        [...order].sort((a, b) => a - b),
        order,
        'report first, then the withheld pulses by name, whoever answered last',
      );
    });
  });

  describe(`an agents' pulse with VOIX_PULSE_MIN_ANSWERS=3 (${backend.name})`, () => {
    const collector = collectorOn(backend, { pulseMinAnswers: 3 });

    it('withholds 2 answers and shows 3', async () => {
      await postAll(collector.url, pulses('intranet/courrier', 2));
      assert.deepEqual((await results(collector.url, 'intranet/courrier')).body, withheld('intranet/courrier', 3));
      assert.match(await read(collector.url, '/admin'), /Résultats masqués\u00a0: moins de 3 réponses\./);
      await postAll(collector.url, pulses('intranet/courrier', 1, { from: 2 }));
      assert.equal((await results(collector.url, 'intranet/courrier')).body.total, 3);
      assert.equal((await ndjson(collector.url)).length, 3);
    });
  });

  describe(`reported irritants (${backend.name})`, () => {
    const collector = collectorOn(backend);
    const subject = 'cahors/irritants';
    const reports = [
      { category: 'delais', where: 'Mairie de Catus', what: 'Trois semaines pour une carte grise.', often: 'souvent' },
      { category: 'demarche-en-ligne', what: 'Le site refuse mon justificatif.', often: 'toujours' },
      { category: 'delais', where: 'Guichet du CCAS', what: 'Attente de deux heures.', often: 'parfois' },
      { category: 'horaires', where: 'La Poste de Luzech', what: 'Fermé le samedi matin.' },
    ];

    it('counts them per category and per question, and exports them with their placement and time', async () => {
      await postAll(
        collector.url,
        reports.map((answers) => answer('voix.report', subject, answers)),
      );
      const { body } = await results(collector.url, subject);
      assert.equal(body.total, 4);
      assert.deepEqual(
        { ...body.questions.category },
        { kind: 'choice', answered: 4, counts: { delais: 2, 'demarche-en-ligne': 1, horaires: 1 } },
      );
      assert.deepEqual({ ...body.questions.often.counts }, { souvent: 1, toujours: 1, parfois: 1 });
      assert.deepEqual({ ...body.questions.what }, { kind: 'text', answered: 4, counts: {} }, 'free texts are never given out in results');
      const rows = await ndjson(collector.url);
      assert.equal(rows.length, 4);
      assert.equal(rows[0].placement, 'pied-de-page');
      assert.match(rows[0].time, /T\d{2}:\d{2}/);
      const csv = await read(collector.url, '/v1/export.csv');
      assert.match(csv.split('\r\n')[0], /answers\.category,answers\.often,answers\.what,answers\.where/);
    });

    it('shows them on the dashboard by category, with bars, and the latest « what » with its « where »', async () => {
      const html = await read(collector.url, '/admin');
      const card = html.slice(html.indexOf(`<h3><bdi>${subject}</bdi></h3>`)).split('</article>')[0];
      assert.match(card, /4 signalements en tout\./);
      assert.match(card, /<caption>Signalements par catégorie pour <bdi>cahors\/irritants<\/bdi><\/caption>/);
      const rows = [...card.matchAll(/<th scope="row"><bdi>([^<]*)<\/bdi><\/th><td>(\d+)<\/td>/g)].map(
        (match) => `${match[1]}=${match[2]}`,
      );
      assert.deepEqual(rows.slice(0, 3), ['Les délais=2', 'Une démarche en ligne=1', 'Les horaires=1']);
      assert.ok((card.match(/<svg class="bar"/g) ?? []).length >= 3);
      assert.match(
        card,
        /<blockquote lang="fr" dir="auto">Fermé le samedi matin\.<\/blockquote><p class="meta"><bdi>La Poste de Luzech<\/bdi> · /,
      );
      assert.match(
        card,
        /<blockquote lang="fr" dir="auto">Le site refuse mon justificatif\.<\/blockquote><p class="meta">\d/,
        'no « where »: the date alone',
      );
      assert.ok(card.indexOf('Fermé le samedi') < card.indexOf('Trois semaines'), 'the latest first');
    });
  });

  describe(`ideas (${backend.name})`, () => {
    const collector = collectorOn(backend);
    const subject = 'strasbourg/parc-naturel-urbain/idees';
    const email = 'camille.habitante@example.org';

    it('counts them per category, keeps the e-mail apart, and gives it out only in an export that asks for it', async () => {
      await postAll(collector.url, [
        answer('voix.idea', subject, {
          title: 'Des bancs à l’ombre',
          description: 'Le long des berges, pour les aînés.',
          category: 'amenagement',
          place: 'Berges de l’Ill',
          personal: { email },
        }),
        answer('voix.idea', subject, { title: 'Un verger partagé', category: 'nature' }),
        answer('voix.idea', subject, { title: 'Des nichoirs', category: 'nature' }),
      ]);
      const { body } = await results(collector.url, subject);
      assert.deepEqual({ ...body.questions.category.counts }, { nature: 2, amenagement: 1 });
      assert.doesNotMatch(JSON.stringify(body), /camille/);

      const html = await read(collector.url, '/admin');
      const card = html.slice(html.indexOf(`<h3><bdi>${subject}</bdi></h3>`)).split('</article>')[0];
      assert.match(card, /3 idées en tout\./);
      assert.match(card, /<caption>Idées par catégorie pour <bdi>strasbourg\/parc-naturel-urbain\/idees<\/bdi><\/caption>/);
      assert.match(
        card,
        /<blockquote lang="fr" dir="auto">Des bancs à l’ombre\u00a0: Le long des berges, pour les aînés\.<\/blockquote><p class="meta"><bdi>Berges de l’Ill<\/bdi> · /,
      );
      assert.doesNotMatch(html, /camille/);
      const rows = [...card.matchAll(/<th scope="row"><bdi>([^<]*)<\/bdi><\/th><td>(\d+)<\/td>/g)].map(
        (match) => `${match[1]}=${match[2]}`,
      );
      assert.deepEqual(
        rows.slice(0, 2),
        ['Nature=2', 'amenagement=1'],
        'a default category by its label, one of a list of its own as sent',
      );

      const exported = await ndjson(collector.url);
      assert.equal(exported.length, 3);
      assert.ok(exported.every((row) => !('personal' in row.answers) && !('personal' in row)));
      assert.doesNotMatch(await read(collector.url, '/v1/export.csv'), /camille/);
      const asked = await ndjson(collector.url, '?personal=true');
      assert.deepEqual(
        asked.map((row) => row.personal ?? null),
        [{ email }, null, null],
      );
    });

    it('erases the address on request (any case), and purges it after the retention period', async () => {
      const erase = async (address: string) => {
        const response = await fetch(`${collector.url}/v1/personal/erase`, {
          method: 'POST',
          headers: { ...admin, 'Content-Type': 'application/json' },
          body: JSON.stringify({ email: address }),
        });
        assert.equal(response.status, 200);
        return (await response.json()).erased;
      };
      assert.equal(await erase(` ${email.toUpperCase()} `), 1);
      assert.ok(
        (await ndjson(collector.url, '?personal=true')).every((row) => row.personal === undefined),
        'erased',
      );
      assert.equal((await results(collector.url, subject)).body.total, 3, 'the idea stays counted');

      await postAll(collector.url, [
        answer('voix.idea', subject, { title: 'Une fontaine', category: 'amenagement', personal: { email: 'dominique@example.org' } }),
      ]);
      const days = (count: number) => new Date(Date.now() + count * 86_400_000).toISOString();
      assert.equal((await collector.storage.purge(days(29), 30)).personal, 0, 'kept within the retention period');
      assert.equal((await collector.storage.purge(days(31), 30)).personal, 1);
      assert.ok(
        (await ndjson(collector.url, '?personal=true')).every((row) => row.personal === undefined),
        'purged',
      );
    });

    it('refuses personal fields other than the e-mail', async () => {
      const response = await post(
        collector.url,
        answer('voix.idea', subject, { title: 'Un kiosque', personal: { email, name: 'Camille' } }),
      );
      assert.equal(response.status, 422);
      assert.match((await response.json()).message, /personal/);
    });
  });
}
