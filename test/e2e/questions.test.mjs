// Issue 7's must-shows, end to end: the built widgets in Chromium, the real collector, its results,
// dashboard and storage. A rating card on a plain page, the accès aux droits survey done with the
// keyboard alone, users and agents rating the same subject, and the reception tablet offline.
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createEnvelopeValidator } from '../../schemas/validate.mjs';
import { startDemoCollector, tabTo } from '../../scripts/demo-collector.mjs';

const token = 'e2e-admin-token-of-24-ch';
const validate = createEnvelopeValidator();
let running;
let storage;
let browser;
let base;

before(async () => {
  running = await startDemoCollector(token);
  ({ storage, browser, base } = running);
});

after(() => running?.close());

/** A tab of its own; `html`: a page a webmaster writes (only the script tag and the element), from the collector's origin. */
const open = (path, options) => running.open(path, options);

const results = async (subject) => (await fetch(`${base}/v1/results/${encodeURIComponent(subject)}`)).json();

const checked = (page, host) =>
  page.locator(host).evaluate((el) => [...el.shadowRoot.querySelectorAll('input:checked')].map((input) => input.value));

describe('questions as data, end to end', () => {
  it('a plain page with <voix-rating scale="stars" criteria="Accueil;Délai">: one valid voix.rating envelope, and counts and means per criterion', async () => {
    const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Accueil</title>
      <script type="module" src="/cdn/voix.js"></script></head><body><main><h1>L’accueil</h1>
      <voix-rating endpoint="/v1/events" subject="e2e-stars" scale="stars" criteria="Accueil;Délai" comment label="L’accueil de la mairie"></voix-rating>
      </main></body></html>`;
    const { context, page, problems, posted } = await open('/plain-rating.html', { html });
    const card = page.locator('voix-rating');
    await card
      .getByRole('group', { name: /comment ça s’est passé/ })
      .getByRole('radio', { name: '4 étoiles sur 5' })
      .check();
    await card.getByRole('group', { name: 'Accueil', exact: true }).getByRole('radio', { name: '5 étoiles sur 5' }).check();
    await card.getByRole('group', { name: 'Délai', exact: true }).getByRole('radio', { name: '3 étoiles sur 5' }).check();
    await card.getByRole('textbox', { name: 'Votre commentaire (facultatif)' }).fill('Accueil souriant, attente un peu longue.');
    await card.getByRole('button', { name: 'Envoyer' }).click();
    await card.getByText('Merci pour votre avis').waitFor();

    assert.equal(posted.length, 1, 'one envelope');
    const [envelope] = posted;
    assert.deepEqual(validate(envelope), { valid: true, errors: [] });
    assert.equal(envelope.type, 'voix.rating');
    assert.deepEqual(envelope.data.answers, { score: 4, accueil: 5, delai: 3, comment: 'Accueil souriant, attente un peu longue.' });
    assert.deepEqual(envelope.data.definition.questions, { score: 'stars', accueil: 'stars', delai: 'stars', comment: 'text' });

    const figures = await results('e2e-stars');
    assert.equal(figures.total, 1);
    assert.deepEqual(figures.counts, { 4: 1 }, 'counts stays the general question’s, for clients that know only counts');
    for (const [id, score] of [
      ['score', 4],
      ['accueil', 5],
      ['delai', 3],
    ]) {
      assert.deepEqual(figures.questions[id].counts, { [score]: 1 }, `${id} counts`);
      assert.equal(figures.questions[id].mean, score, `${id} mean`);
    }
    assert.equal(figures.questions.comment.answered, 1);
    assert.equal(JSON.stringify(figures).includes('souriant'), false, 'free text never in results');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('the accès aux droits survey with the keyboard alone: two steps, back keeps the answers, a hidden question is not sent', async () => {
    const { context, page, problems, posted } = await open('/acces-aux-droits.html');
    const survey = page.locator('voix-survey');
    await survey.getByRole('radio', { name: 'Oui' }).waitFor();
    await tabTo(page, 'Oui');
    await page.keyboard.press('Space');
    await tabTo(page, 'Trop compliqué');
    await page.keyboard.press('Space');
    await tabTo(page, 'Suivant');
    await page.keyboard.press('Enter');
    await survey.getByText('Étape 2 sur 2').waitFor();
    await tabTo(page, 'Pas du tout d’accord');
    for (let step = 0; step < 3; step++) await page.keyboard.press('ArrowDown');
    await tabTo(page, 'Précédent');
    await page.keyboard.press('Enter');
    await survey.getByText('Étape 1 sur 2').waitFor();
    assert.deepEqual(await checked(page, 'voix-survey'), ['yes', 'complexe'], 'back keeps the answers');

    // Changing one's mind: Non hides "Pourquoi ?", whose answer must then not be sent.
    await tabTo(page, 'Oui');
    await page.keyboard.press('ArrowDown');
    assert.equal(await survey.getByRole('group', { name: /Pourquoi/ }).count(), 0);
    await tabTo(page, 'Suivant');
    await page.keyboard.press('Enter');
    await survey.getByText('Étape 2 sur 2').waitFor();
    assert.deepEqual(await checked(page, 'voix-survey'), ['4'], 'the second step kept its answer too');
    await tabTo(page, 'Envoyer');
    await page.keyboard.press('Enter');
    await survey.getByText('Merci pour vos réponses').waitFor();

    assert.equal(posted.length, 1);
    const [envelope] = posted;
    assert.deepEqual(validate(envelope), { valid: true, errors: [] });
    assert.deepEqual(envelope.data.answers, { 'gave-up': 'no', helped: 4 });
    assert.equal(envelope.data.definition.id, 'acces-aux-droits');
    assert.match(envelope.data.definition.version, /^[0-9a-f]{8}$/);
    const figures = await results('acces-aux-droits');
    assert.deepEqual(figures.questions['gave-up'].counts, { no: 1 });
    assert.equal(figures.questions.helped.mean, 4);
    assert.equal(figures.questions.why.answered, 0, 'the hidden question: never answered');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('a broken definition: one console error naming the element and the place, and the fallback', async () => {
    const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Enquête</title>
      <script type="module" src="/cdn/voix.js"></script></head><body>
      <voix-survey endpoint="/v1/events"><script type="application/json">{"id":"x","steps":[{"title":"T","questions":[{"id":"a","kind":"slider","label":"?"}]}]}</script>
      <p>Répondez sur papier à l’accueil.</p></voix-survey></body></html>`;
    const { context, page, problems } = await open('/broken-survey.html', { html });
    // The fallback shows before the upgrade too: wait for the element to give up on its definition.
    await page.waitForFunction(() => document.querySelector('voix-survey').shadowRoot?.querySelector('slot'));
    assert.ok(await page.getByText('Répondez sur papier à l’accueil.').isVisible());
    assert.deepEqual(problems, [
      '<voix-survey> definition /steps/0/questions/0/kind: expected one of choice, choices, scale, yesno, text.',
    ]);
    await context.close();
  });

  it('users and agents rate the same subject: the dashboard shows them side by side', async () => {
    for (const [path, face] of [
      ['/accueil-mairie.html', 'Très bien'],
      ['/accueil-mairie.html', 'Très bien'],
      ['/intranet-barometre.html', 'Moyen'],
    ]) {
      const { context, page, problems } = await open(path);
      const card = page.locator('voix-rating');
      await card
        .getByRole('group', { name: /ça s’est passé|jugent-ils/ })
        .getByRole('radio', { name: face })
        .check();
      await card.getByRole('group', { name: 'Accueil', exact: true }).getByRole('radio', { name: face }).check();
      await card.getByRole('button', { name: 'Envoyer' }).click();
      await card.getByText('Merci pour votre avis').waitFor();
      assert.deepEqual(problems, []);
      await context.close();
    }
    const figures = await results('accueil-mairie');
    assert.equal(figures.audiences.user.total, 2);
    assert.equal(figures.audiences.agent.total, 1);
    assert.equal(figures.audiences.user.questions.score.mean, 3);
    assert.equal(figures.audiences.agent.questions.score.mean, 2);

    // A French team's browser: the dashboard follows Accept-Language (Playwright's default is en-US).
    const context = await browser.newContext({ locale: 'fr-FR', httpCredentials: { username: 'equipe', password: token } });
    const dashboard = await context.newPage();
    await dashboard.goto(`${base}/admin`);
    const gap = dashboard
      .locator('table', { hasText: /Agents/ })
      .filter({ hasText: /Usagers/ })
      .first();
    await gap.waitFor();
    const text = await gap.innerText();
    // Named as the users were asked, though an agent answered last (the agents' wording is the mirror's).
    assert.match(text, /De façon générale, comment ça s’est passé/);
    assert.doesNotMatch(text, /jugent-ils/);
    assert.match(text, /3/);
    assert.match(text, /2/);
    await dashboard.screenshot({ path: join(tmpdir(), 'voix-dashboard-gap.png'), fullPage: true });
    await context.close();
  });

  it('the reception tablet offline: three answers in a row, then the network back: three stored, each once', async () => {
    const before = (await results('accueil-mairie')).total;
    const { context, page, posted } = await open('/borne-accueil.html');
    const card = page.locator('voix-rating');
    await card.getByRole('radio').first().waitFor();
    await context.setOffline(true);
    for (const face of ['Très bien', 'Moyen', 'Pas bien']) {
      await card
        .getByRole('group', { name: /ça s’est passé/ })
        .getByRole('radio', { name: face })
        .check();
      await card.getByRole('button', { name: 'Envoyer' }).click();
      await card.getByText('nous enverrons votre avis dès le retour de la connexion.').waitFor();
      await card.getByRole('button', { name: 'Nouvel avis' }).click();
      await card.getByRole('button', { name: 'Envoyer' }).waitFor();
    }
    await context.setOffline(false);
    const deadline = Date.now() + 60_000;
    while ((await results('accueil-mairie')).total < before + 3 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 250));
    const figures = await results('accueil-mairie');
    assert.equal(figures.total, before + 3, 'three stored');
    const ids = new Set(posted.map((envelope) => envelope.id));
    assert.equal(ids.size, 3, 'three answers');
    let stored = 0;
    for await (const row of storage.export({ subject: 'accueil-mairie' })) stored += ids.has(row.id) ? 1 : 0;
    assert.equal(stored, 3, 'each once');
    await context.close();
  });
});
