// `npm start` as a user meets it: the collector serving the demo commune, the built widgets in
// Chromium posting to it, and the answer visible in its results, its dashboard and its CSV export.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startDemoCollector } from '../../scripts/demo-collector.mjs';

const token = 'e2e-admin-token-of-24-ch';
let running;
let browser;
let base;

before(async () => {
  running = await startDemoCollector(token);
  ({ browser, base } = running);
});

after(() => running?.close());

describe('the demo commune on the collector', () => {
  it('stores an answer given on the page, and shows it in results, dashboard and CSV export', async () => {
    const page = await browser.newPage();
    const problems = [];
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${base}/demarches/etat-civil.html`);
    await page.getByRole('button', { name: 'Non' }).click();
    await page.getByRole('checkbox', { name: 'L’information n’est pas à jour' }).check();
    await page.getByRole('textbox', { name: 'Votre commentaire (facultatif)' }).fill('Les horaires du samedi ont changé.');
    await page.getByRole('button', { name: 'Envoyer' }).click();
    await page.getByText('Merci pour votre avis').waitFor();
    assert.deepEqual(problems, [], 'no CSP violation, no error');

    const results = await (await fetch(`${base}/v1/results/${encodeURIComponent('/demarches/etat-civil.html')}`)).json();
    assert.equal(results.total, 1);
    assert.deepEqual(results.counts, { no: 1 });

    const dashboard = await browser.newPage({ httpCredentials: { username: 'equipe', password: token } });
    await dashboard.goto(`${base}/admin`);
    await dashboard.getByRole('heading', { name: '/demarches/etat-civil.html' }).waitFor();
    assert.ok(await dashboard.getByText('Les horaires du samedi ont changé.').isVisible());

    const csv = await (await fetch(`${base}/v1/export.csv`, { headers: { Authorization: `Bearer ${token}` } })).text();
    assert.match(csv, /voix\.feedback,\/demarches\/etat-civil\.html,ville-de-demo,pied-de-page/);
    assert.match(csv, /Les horaires du samedi ont changé\./);
  });
});
