// Answers to a question definition (voix.rating, voix.survey; issue 7): stored with who answered
// (users or agents) and which definition; results per question and per audience; the dashboard's
// perception gap; one CSV column per question; a form body stored as its JSON twin.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toFormBody } from '../../src/core/form-body.js';
import type { VoixEnvelope } from '../../src/core/envelope.js';
import { sqliteDialect } from '../src/storage/dialect.js';
import { migrationSql } from '../src/storage/migrations.js';
import { axeViolations, dashboardOn, openDashboard, pageWidth } from './dashboard-browser.js';
import { recountedSqlite } from './recount.js';
import { ADMIN, backends, collectorOn, envelope, post, startCollector } from './support.js';

const admin = { Authorization: `Bearer ${ADMIN}` };

const accueil = {
  id: 'accueil-mairie',
  version: '0a1b2c3d',
  questions: { score: 'smileys', accueil: 'stars', why: 'choices', 'gave-up': 'yesno', comment: 'text' },
};

/** An answer as <voix-rating> (or <voix-survey>) sends it: its audience and definition in data. */
function answer(
  subject: string,
  answers: Record<string, unknown>,
  { type = 'voix.rating', audience, definition = accueil }: { type?: string; audience?: 'user' | 'agent'; definition?: object | null } = {},
) {
  const event = envelope({ type, subject, answers });
  Object.assign(event.data, {
    widget: { name: type === 'voix.rating' ? 'voix-rating' : 'voix-survey', version: '0.1.0' },
    ...(audience ? { audience } : {}),
    ...(definition ? { definition } : {}),
  });
  return event;
}

const users = [
  {
    score: 3,
    accueil: 5,
    why: ['complexe', 'other'],
    'why-other': 'Trop de pièces demandées',
    'gave-up': 'yes',
    comment: 'Très bon accueil',
  },
  { score: 2, accueil: 4, why: ['complexe'], 'gave-up': 'no' },
  { score: 3 },
];
const agents = [
  { score: 2, accueil: 3 },
  { score: 1, accueil: 3 },
];

async function postAll(url: string, subject: string) {
  for (const answers of users) assert.equal((await post(url, answer(subject, answers))).status, 201);
  for (const answers of agents) assert.equal((await post(url, answer(subject, answers, { audience: 'agent' }))).status, 201);
}

const results = async (url: string, subject: string) => {
  const response = await fetch(`${url}/v1/results/${encodeURIComponent(subject)}`);
  assert.equal(response.status, 200);
  return { etag: response.headers.get('ETag'), text: await response.clone().text(), body: await response.json() };
};

const exported = async (url: string, format: 'csv' | 'ndjson', subject: string) => {
  const response = await fetch(`${url}/v1/export.${format}?subject=${encodeURIComponent(subject)}`, { headers: admin });
  assert.equal(response.status, 200);
  return response.text();
};

for (const backend of backends) {
  describe(`answers to a question definition on ${backend.name}`, () => {
    const collector = collectorOn(backend);

    it('gives results per question: counts, the mean of a scale, how many answered; never a free text', async () => {
      await postAll(collector.url, '/accueil');
      const { body, text } = await results(collector.url, '/accueil');
      assert.equal(body.total, 5);
      assert.deepEqual(body.counts, { 1: 1, 2: 2, 3: 2 }, 'counts stays the counts of score');
      assert.deepEqual(body.questions, {
        score: { kind: 'smileys', answered: 5, counts: { 1: 1, 2: 2, 3: 2 }, mean: 2.2 },
        accueil: { kind: 'stars', answered: 4, counts: { 3: 2, 4: 1, 5: 1 }, mean: 3.75 },
        why: { kind: 'choices', answered: 2, counts: { complexe: 2, other: 1 } },
        'gave-up': { kind: 'yesno', answered: 2, counts: { yes: 1, no: 1 } },
        comment: { kind: 'text', answered: 1, counts: {} },
      });
      assert.ok(!text.includes('Très bon accueil') && !text.includes('Trop de pièces'), 'no free text, and no "Autre" text, in results');
      assert.ok(!('why-other' in body.questions), 'an "Autre" text is no question of its own');
    });

    it('answers as docs/openapi.yaml’s Results schema says', async () => {
      const api = (await SwaggerParser.dereference(fileURLToPath(new URL('../../docs/openapi.yaml', import.meta.url)))) as {
        components: { schemas: Record<string, object> };
      };
      const validate = new Ajv2020({ strict: false, allErrors: true, validateFormats: false }).compile(api.components.schemas.Results);
      for (const subject of ['/accueil', '/avis-page']) {
        const { body } = await results(collector.url, subject);
        assert.ok(validate(body), `${subject}: ${JSON.stringify(validate.errors)}`);
      }
      assert.equal(
        validate({ subject: '/x', total: 1, counts: {}, updated: null, questions: { q: { kind: 'stars', answered: 'un', counts: {} } } }),
        false,
        'the schema can refuse',
      );
    });

    it('gives users’ and agents’ answers apart on the same subject', async () => {
      const { body } = await results(collector.url, '/accueil');
      assert.equal(body.audiences.user.total, 3);
      assert.equal(body.audiences.agent.total, 2);
      assert.deepEqual(body.audiences.user.questions.score, { kind: 'smileys', answered: 3, counts: { 2: 1, 3: 2 }, mean: 2.67 });
      assert.deepEqual(body.audiences.agent.questions.score, { kind: 'smileys', answered: 2, counts: { 1: 1, 2: 1 }, mean: 1.5 });
      assert.deepEqual(body.audiences.agent.questions.accueil, { kind: 'stars', answered: 2, counts: { 3: 2 }, mean: 3 });
      assert.equal(body.audiences.agent.questions.why.answered, 0);
    });

    it('keeps a feedback subject’s results exactly as before', async () => {
      for (const useful of [true, false, true]) await post(collector.url, envelope({ subject: '/avis-page', answers: { useful } }));
      const { body } = await results(collector.url, '/avis-page');
      assert.deepEqual(Object.keys(body), ['subject', 'total', 'counts', 'updated']);
      assert.deepEqual(body.counts, { yes: 2, no: 1 });
    });

    it('changes the ETag with each new answer', async () => {
      const first = await results(collector.url, '/accueil');
      await post(collector.url, answer('/accueil', { score: 1 }, { audience: 'agent' }));
      const second = await results(collector.url, '/accueil');
      assert.notEqual(first.etag, second.etag);
      assert.equal(second.body.audiences.agent.total, 3);
      assert.equal(
        (await fetch(`${collector.url}/v1/results/${encodeURIComponent('/accueil')}`, { headers: { 'If-None-Match': second.etag! } }))
          .status,
        304,
      );
    });

    it('names a question by the latest definition, and never counts an older free text as an option', async () => {
      const subject = '/delai';
      const v1 = { id: 'delai', version: '11111111', questions: { delai: 'text', aide: 'choice' } };
      const v2 = { id: 'delai', version: '22222222', questions: { delai: 'stars', aide: 'choice' } };
      await post(collector.url, answer(subject, { delai: '12 jours', aide: 'guichet' }, { type: 'voix.survey', definition: v1 }));
      await post(collector.url, answer(subject, { delai: 4, aide: 'telephone' }, { type: 'voix.survey', definition: v2 }));
      await post(collector.url, answer(subject, { delai: 2 }, { type: 'voix.survey', definition: null }));
      const { body, text } = await results(collector.url, subject);
      assert.equal(body.total, 3);
      assert.deepEqual(body.counts, {});
      assert.deepEqual(body.questions.delai, { kind: 'stars', answered: 2, counts: { 4: 1 }, mean: 4 });
      assert.deepEqual(body.questions.aide, { kind: 'choice', answered: 2, counts: { guichet: 1, telephone: 1 } });
      assert.ok(!text.includes('12 jours'));
    });

    it('refuses an answer that does not fit its question’s kind', async () => {
      const cases: Array<[string, Record<string, unknown>]> = [
        ['a score out of its scale', { score: 4 }],
        ['a score that is text', { accueil: 'cinq' }],
        ['a choices answer that is not a list', { why: 'complexe' }],
        ['a yesno answer other than yes or no', { 'gave-up': 'peut-être' }],
        ['a free text that is a number', { comment: 7 }],
      ];
      for (const [name, answers] of cases) {
        const response = await post(collector.url, answer('/refus', answers));
        assert.equal(response.status, 422, name);
        const { error, message } = await response.json();
        assert.equal(error, 'invalid_envelope', name);
        assert.match(message, new RegExp(`/data/answers/${Object.keys(answers)[0]}`), name);
      }
    });

    it('stores the same row from a form body as from its JSON twin', async () => {
      const definition = { id: 'acces-aux-droits', version: '0a1b2c3d', questions: { ...accueil.questions, code: 'choice', age: 'nps' } };
      // A digit-only free text and a digit-only option value stay text; scores become numbers.
      const answers = { score: 3, accueil: 4, age: 0, why: ['complexe'], 'why-other': '42', 'gave-up': 'no', comment: '12', code: '3' };
      const json = answer('/form-json', answers, { type: 'voix.survey', audience: 'agent', definition });
      const form = answer('/form-json', answers, { type: 'voix.survey', audience: 'agent', definition });
      // Twins to the millisecond: the two envelopes are made one after the other, and the clock may tick between.
      form.time = json.time;
      assert.equal((await post(collector.url, json)).status, 201);
      const sent = await fetch(`${collector.url}/v1/events`, {
        method: 'POST',
        body: toFormBody(form as unknown as VoixEnvelope),
        headers: { 'Idempotency-Key': form.id },
      });
      assert.equal(sent.status, 201, await sent.clone().text());
      const rows = (await exported(collector.url, 'ndjson', '/form-json'))
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      assert.equal(rows.length, 2);
      const [fromJson, fromForm] = rows.map(({ id: _id, receivedAt: _received, ...row }) => row);
      assert.deepEqual(fromForm, fromJson);
      assert.deepEqual(fromJson.answers, answers);
      assert.equal(fromJson.audience, 'agent');
      assert.deepEqual(fromJson.definition, definition);
    });

    it('takes by form a survey whose question ids are numbers, or 64 characters long with an "Autre" text', async () => {
      const long = `q${'x'.repeat(63)}`;
      const definition = { id: 'numerotee', version: '0a1b2c3d', questions: { 1: 'stars', 2: 'choice', [long]: 'choice' } };
      const answers = { 1: 5, 2: 'guichet', [long]: 'other', [`${long}-other`]: 'Par courrier' };
      const form = answer('/form-ids', answers, { type: 'voix.survey', definition });
      const sent = await fetch(`${collector.url}/v1/events`, {
        method: 'POST',
        body: toFormBody(form as unknown as VoixEnvelope),
        headers: { 'Idempotency-Key': form.id },
      });
      assert.equal(sent.status, 201, await sent.clone().text());
      const [row] = (await exported(collector.url, 'ndjson', '/form-ids'))
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      assert.deepEqual(row.answers, answers);
      assert.deepEqual(row.definition, definition);
    });

    it('exports one CSV column per question, with the audience and the definition', async () => {
      const [header, ...lines] = (await exported(collector.url, 'csv', '/accueil')).trim().split('\r\n');
      const columns = header.split(',');
      assert.deepEqual(columns.slice(0, 13), [
        'id',
        'receivedAt',
        'time',
        'type',
        'subject',
        'site',
        'placement',
        'locale',
        'widget',
        'widgetVersion',
        'source',
        'audience',
        'definition',
      ]);
      // The schemas' fields first (as before), then the keys found in these answers, sorted.
      const extra = columns.slice(columns.indexOf('answers.accueil'));
      assert.deepEqual(extra, ['answers.accueil', 'answers.gave-up', 'answers.score', 'answers.why', 'answers.why-other']);
      assert.ok(columns.includes('answers.comment') && columns.indexOf('answers.comment') < columns.indexOf('answers.accueil'));
      const cell = (line: string, column: string) => parseCsvLine(line)[columns.indexOf(column)];
      assert.equal(lines.length, 6);
      assert.equal(cell(lines[0], 'audience'), '');
      assert.equal(cell(lines[0], 'definition'), 'accueil-mairie@0a1b2c3d');
      assert.equal(cell(lines[0], 'answers.why'), 'complexe ; other');
      assert.equal(cell(lines[0], 'answers.why-other'), 'Trop de pièces demandées');
      assert.equal(cell(lines[0], 'answers.score'), '3');
      assert.equal(cell(lines[3], 'audience'), 'agent');
      // Columns follow the exported rows: a feedback export has no question columns.
      const feedback = (await exported(collector.url, 'csv', '/avis-page')).split('\r\n')[0];
      assert.ok(!feedback.includes('answers.score'), feedback);
    });
  });
}

/** Cells of one CSV line (quoted cells may hold separators and doubled quotes). */
function parseCsvLine(line: string): string[] {
  return [...line.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g)].map((match) =>
    match[1] !== undefined ? match[1].replace(/""/g, '"') : match[2],
  );
}

describe('migration 3 on a database written before it', () => {
  it('adds audience and definition, and old answers keep their results', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'voix-')), 'old.sqlite');
    const old = new Database(path);
    old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    migrationSql(sqliteDialect)
      .steps.slice(0, 2)
      .forEach((sql, index) => {
        old.exec(sql);
        old.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run(index + 1, new Date().toISOString());
      });
    old
      .prepare(
        `INSERT INTO events (id, type, subject, site, placement, locale, widget, widget_version, source, time, received_at, answers, hash)
         VALUES ('old-1', 'voix.rating', '/ancien', 'ville', NULL, 'fr', 'voix-rating', '0.0.1', 'https://x.fr/', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '{"score":4}', 'h')`,
      )
      .run();
    old.close();
    const storage = recountedSqlite(path);
    const collector = await startCollector(storage);
    try {
      assert.deepEqual(await storage.answersOf('/ancien'), [
        { site: 'ville', type: 'voix.rating', answers: { score: 4 }, audience: null, definition: null },
      ]);
      assert.equal((await post(collector.url, answer('/ancien', { score: 2 }))).status, 201);
      const { body } = await results(collector.url, '/ancien');
      assert.deepEqual(body.counts, { 2: 1, 4: 1 });
      assert.deepEqual(
        body.questions.score,
        { kind: 'smileys', answered: 1, counts: { 2: 1 }, mean: 2 },
        'an answer without a definition adds nothing to questions',
      );
      assert.equal(body.audiences.user.total, 2, 'no audience reads as users');
    } finally {
      await collector.close();
      await storage.close();
    }
  });
});

describe('the dashboard’s perception gap, in Chromium at 320 px', () => {
  const dashboard = dashboardOn(async (url) => {
    await postAll(url, '/mairie/accueil-du-public');
    await post(
      url,
      answer('/acces-aux-droits', { 'gave-up': 'yes', why: ['complexe'], comment: 'Dossier perdu deux fois' }, { type: 'voix.survey' }),
    );
    await post(url, envelope({ subject: '/contact', answers: { useful: true } }));
  });

  it('shows users and agents side by side with the gap, a table per question, reflows and has no axe violation', async () => {
    const page = await openDashboard(dashboard.browser, dashboard.url);
    await page.screenshot({ path: '/tmp/admin-gap-320.png', fullPage: true });
    await page.locator('table.gap').screenshot({ path: '/tmp/admin-gap-table-320.png' });

    const gap = await page.evaluate(() => {
      const table = [...document.querySelectorAll('table')].find((candidate) =>
        candidate.caption?.textContent?.includes('écart de perception'),
      );
      if (!table) return undefined;
      const headers = [...table.querySelectorAll('thead th')].map((th) => [th.textContent?.trim(), th.getAttribute('scope')]);
      const rows = [...table.querySelectorAll('tbody tr')].map((row) =>
        [...row.querySelectorAll<HTMLElement>('th, td')].map((cell) => cell.innerText.replace(/\s+/g, ' ').trim()),
      );
      return { headers, rows, rowScopes: [...table.querySelectorAll('tbody th')].map((th) => th.getAttribute('scope')) };
    });
    assert.ok(gap, 'a table whose caption names the perception gap');
    assert.deepEqual(
      gap.headers.map(([text]) => text),
      ['Question', 'Usagers', 'Agents', 'Écart'],
    );
    assert.ok(gap.headers.every(([, scope]) => scope === 'col') && gap.rowScopes.every((scope) => scope === 'row'));
    assert.deepEqual(gap.rows, [
      ['score smileys, de 1 à 3', '2,67 3 réponses', '1,5 2 réponses', '−1,17'],
      ['accueil étoiles, de 1 à 5', '4,5 2 réponses', '3 2 réponses', '−1,5'],
    ]);

    const captions = await page.locator('caption').allTextContents();
    assert.ok(captions.includes('Question « why » · choix multiples'), captions.join(' | '));
    assert.ok(captions.includes('Question « gave-up » · oui / non'), captions.join(' | '));
    const agents = page.locator('.audiences > section', { has: page.getByRole('heading', { name: /^Agents \(2 réponses\)$/ }) });
    assert.deepEqual(await agents.locator('caption').allTextContents(), [
      'Question « score » · smileys, de 1 à 3',
      'Question « accueil » · étoiles, de 1 à 5',
    ]);
    const text = await page.locator('main').innerText();
    assert.ok(
      !text.includes('Dossier perdu') || (await page.locator('blockquote', { hasText: 'Dossier perdu' }).count()) === 1,
      'a free text appears only among the comments',
    );

    const width = await pageWidth(page);
    assert.ok(width <= 320, `the page is ${width} px wide at a 320 px viewport`);
    const violations = await axeViolations(page);
    assert.deepEqual(violations, []);
    // WCAG 1.4.12: the text spacing a reader may set must not make the page scroll sideways either.
    await page.addStyleTag({
      content:
        '* { line-height: 1.5 !important; letter-spacing: .12em !important; word-spacing: .16em !important } p { margin-bottom: 2em !important }',
    });
    const spaced = await pageWidth(page);
    assert.ok(spaced <= 320, `with text spacing, the page is ${spaced} px wide at a 320 px viewport`);
    await page.setViewportSize({ width: 1024, height: 800 });
    await page.screenshot({ path: '/tmp/admin-gap-1024.png', fullPage: true });
    await page.context().close();
  });
});
