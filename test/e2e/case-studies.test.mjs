// Issue 9's demo commune, end to end: each case-study page as `npm start` serves it (shared header
// and footer, strict CSP, the script tag only), answered in Chromium as a person would, then found
// in the collector's CSV export and on its dashboard. The van's tablet answers offline; the agents'
// pulse stays hidden under five answers; the launcher is used with the keyboard alone.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { createEnvelopeValidator } from '../../schemas/validate.mjs';
import { focusedControl, startDemoCollector, tabTo } from '../../scripts/demo-collector.mjs';

const token = 'e2e-admin-token-of-24-ch';
const validate = createEnvelopeValidator();
const demo = fileURLToPath(new URL('../../demo/', import.meta.url));
const shots = '/tmp/shots';
const phone = { width: 390, height: 844 };
let running;
let browser;
let base;

before(async () => {
  running = await startDemoCollector(token);
  ({ browser, base } = running);
});

after(() => running?.close());

/** Every page of the demo commune, as a path on the site (the partials are not pages). */
const demoPages = (folder = demo) =>
  readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'partials' ? [] : demoPages(path);
    return entry.name.endsWith('.html') ? [`/${relative(demo, path)}`] : [];
  });

/** A phone's tab of its own (another person, another device), recording console errors and the envelopes it posts. */
const open = (path) => running.open(path, { viewport: phone });

/** RFC 4180: quoted cells may hold commas, doubled quotes and line breaks. */
function parseCsv(text) {
  const rows = [[]];
  let cell = '';
  let quoted = false;
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (quoted) {
      if (char === '"' && text[at + 1] === '"') cell += text[++at];
      else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') (rows.at(-1).push(cell), (cell = ''));
    else if (char === '\n') (rows.at(-1).push(cell), (cell = ''), rows.push([]));
    else if (char !== '\r') cell += char;
  }
  if (cell || rows.at(-1).length) rows.at(-1).push(cell);
  const [header, ...lines] = rows.filter((row) => row.length > 1);
  return lines.map((line) => Object.fromEntries(header.map((name, index) => [name, line[index]])));
}

/** The rows of the CSV export for one subject, read as the team reads them: with the admin token. */
async function exported(subject, { personal = false } = {}) {
  const query = new URLSearchParams({ subject, ...(personal ? { personal: 'true' } : {}) });
  const response = await fetch(`${base}/v1/export.csv?${query}`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(response.status, 200);
  return parseCsv(await response.text());
}

/** Waits until the export holds `count` rows for the subject (answers sent by a page arrive on their own time). */
async function exportedWhen(subject, count) {
  const deadline = Date.now() + 30_000;
  let rows = await exported(subject);
  while (rows.length < count && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    rows = await exported(subject);
  }
  return rows;
}

const results = async (subject) => (await fetch(`${base}/v1/results/${encodeURIComponent(subject)}?site=ville-de-demo`)).json();

/** The one envelope a page posted for a widget type, checked against its schema. */
function sentOnce(posted, type) {
  const envelopes = posted.filter((envelope) => envelope.type === type);
  assert.equal(envelopes.length, 1, `one ${type} envelope`);
  assert.deepEqual(validate(envelopes[0]), { valid: true, errors: [] });
  return envelopes[0];
}

/** The deepest focused element: the control inside the shadow roots. */

describe('the demo commune’s case studies, end to end', () => {
  it('every page is served whole: the partials in place of their markers, one header and one footer with its feedback, the partials not served alone', async () => {
    const pages = demoPages();
    assert.ok(pages.length >= 12, `${pages.length} pages`);
    for (const path of pages) {
      const response = await fetch(`${base}${path}`);
      assert.equal(response.status, 200, path);
      assert.match(response.headers.get('Content-Security-Policy'), /script-src 'self'; style-src 'self'/, path);
      const html = await response.text();
      assert.doesNotMatch(html, /<!--#include/, `${path}: a marker left`);
      assert.match(html, /<script type="module" src="\/cdn\/voix\.js"><\/script>/, `${path}: the script tag`);
      const count = (pattern) => html.match(pattern)?.length ?? 0;
      // The kiosks (borne, van) are whole-screen tablets: neither header nor footer.
      if (/class="borne"/.test(html)) continue;
      assert.equal(count(/<header class="entete/g), 1, `${path}: one header`);
      assert.equal(
        count(/<a href="[^"]+" aria-current="page">/g) <= 2,
        true,
        `${path}: the page marked at most in the menu and the footer`,
      );
      if (/class="intranet"/.test(html)) continue;
      assert.equal(count(/<footer class="pied">/g), 1, `${path}: one footer`);
      assert.equal(count(/<voix-feedback placement="pied-de-page">/g), 1, `${path}: the footer’s feedback`);
      assert.equal(count(/<a href="\/#participer"/g) >= 1, true, `${path}: the menu links to the case studies`);
    }
    const home = await (await fetch(`${base}/`)).text();
    for (const page of [
      '/signaler-une-difficulte.html',
      '/bus-des-services.html',
      '/acces-aux-droits.html',
      '/parc-naturel-urbain.html',
      '/intranet-ambassadeurs.html',
    ]) {
      assert.ok(pages.includes(page), page);
      assert.match(home, new RegExp(`<h3><a href="${page}">`), `the home page links to ${page}`);
    }
    for (const path of ['/partials/header.html', '/partials/footer.html', '//partials/footer.html', '/demarches/../partials/head.html']) {
      assert.equal((await fetch(`${base}${path}`)).status, 404, path);
    }
  });

  it('axe finds no violation on the home page nor on any case-study page, at 390 px', async () => {
    // Only so that axe's script can be injected: the pages themselves run under their CSP in the other tests.
    const context = await browser.newContext({ viewport: phone, bypassCSP: true });
    const page = await context.newPage();
    const found = [];
    for (const path of [
      '/',
      '/signaler-une-difficulte.html',
      '/bus-des-services.html',
      '/acces-aux-droits.html',
      '/parc-naturel-urbain.html',
      '/intranet-ambassadeurs.html',
      '/intranet-barometre.html',
    ]) {
      await page.goto(`${base}${path}`);
      await page.waitForFunction(() =>
        [...document.querySelectorAll('*')]
          .filter((el) => el.localName.startsWith('voix-') && el.localName !== 'voix-config')
          .every((el) => el.shadowRoot?.childElementCount),
      );
      await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
      const violations = await page.evaluate(async () =>
        (await globalThis.axe.run(document)).violations.map(
          (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
        ),
      );
      found.push(...violations.map((violation) => `${path} ${violation}`));
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), phone.width, `${path}: no horizontal scrolling`);
    }
    assert.deepEqual(found, []);
    await context.close();
  });

  it('the irritants page (Carte blanche): a report from the commune’s list, in the export with its category and texts', async () => {
    const { context, page, problems, posted } = await open('/signaler-une-difficulte.html');
    const report = page.locator('voix-report');
    await report.getByRole('radio', { name: 'Les horaires' }).check();
    await report.getByRole('textbox', { name: /^Où/ }).fill('Mairie annexe du Moulin');
    await report.getByRole('textbox', { name: /Que s’est-il passé/ }).fill('Fermée le samedi matin, le seul moment où je peux venir.');
    await report.getByRole('radio', { name: 'Souvent' }).check();
    await report.getByRole('button', { name: 'Envoyer' }).click();
    await report.getByText('Merci pour votre signalement').waitFor();
    await page.screenshot({ path: `${shots}/demo-signaler-une-difficulte.png`, fullPage: true });

    const envelope = sentOnce(posted, 'voix.report');
    const rows = await exportedWhen('irritants', 1);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].id, envelope.id);
    assert.equal(rows[0].type, 'voix.report');
    assert.equal(rows[0].site, 'ville-de-demo');
    assert.equal(rows[0]['answers.category'], 'horaires');
    assert.equal(rows[0]['answers.where'], 'Mairie annexe du Moulin');
    assert.equal(rows[0]['answers.what'], 'Fermée le samedi matin, le seul moment où je peux venir.');
    assert.equal(rows[0]['answers.often'], 'souvent');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('the service van’s tablet (bassin de Cahors): two people answer offline, the network comes back, each answer arrives once', async () => {
    const { context, page, problems, posted } = await open('/bus-des-services.html');
    const report = page.locator('voix-report');
    await report.getByRole('radio').first().waitFor();
    await context.setOffline(true);
    const people = [
      ['Faire une démarche en ligne', 'Le site des impôts me demande un code que je ne reçois pas.'],
      ['Se déplacer jusqu’aux services', 'Pas de car le mercredi pour aller à la sous-préfecture.'],
    ];
    for (const [category, what] of people) {
      await report.getByRole('radio', { name: category }).check();
      await report.getByRole('textbox', { name: /Que s’est-il passé/ }).fill(what);
      await report.getByRole('button', { name: 'Envoyer' }).click();
      await report.getByText('nous enverrons votre signalement dès le retour de la connexion.').waitFor();
      await report.getByRole('button', { name: 'Nouvel avis' }).click();
      await report.getByRole('button', { name: 'Envoyer' }).waitFor();
    }
    const waiting = () => page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('voix:outbox:')).length);
    assert.equal(await waiting(), 2, 'both kept on the tablet');
    assert.deepEqual(await exported('bus-des-services'), [], 'nothing arrived while offline');

    await context.setOffline(false);
    await page.waitForFunction(() => !Object.keys(localStorage).some((key) => key.startsWith('voix:outbox:')), null, { timeout: 30_000 });
    const rows = await exportedWhen('bus-des-services', 2);
    const ids = [...new Set(posted.map((envelope) => envelope.id))];
    assert.equal(ids.length, 2, 'two answers');
    assert.deepEqual(rows.map((row) => row.id).sort(), ids.sort(), 'each stored once');
    assert.deepEqual(rows.map((row) => row['answers.category']).sort(), ['numerique', 'transport']);
    for (const envelope of posted) assert.deepEqual(validate(envelope), { valid: true, errors: [] });
    // Offline, the browser logs each failed try; nothing else may go wrong.
    assert.deepEqual(
      problems.filter((problem) => !/ERR_INTERNET_DISCONNECTED/.test(problem)),
      [],
    );
    await context.close();
  });

  it('the accès aux droits survey (Grenoble): two steps answered, in the export question by question', async () => {
    const { context, page, problems, posted } = await open('/acces-aux-droits.html');
    const survey = page.locator('voix-survey');
    await survey.getByRole('radio', { name: 'Oui' }).check();
    await survey.getByRole('checkbox', { name: 'Tout se fait en ligne' }).check();
    await survey.getByRole('checkbox', { name: 'Trop loin' }).check();
    await survey.getByRole('button', { name: 'Suivant' }).click();
    await survey.getByRole('radio', { name: 'D’accord', exact: true }).check();
    await survey.getByRole('textbox', { name: /Que pourrions-nous faire de mieux/ }).fill('Une permanence le samedi.');
    await survey.getByRole('button', { name: 'Envoyer' }).click();
    await survey.getByText('Merci pour vos réponses').waitFor();

    const envelope = sentOnce(posted, 'voix.survey');
    const [row] = (await exportedWhen('acces-aux-droits', 1)).filter((candidate) => candidate.id === envelope.id);
    assert.ok(row, 'in the export');
    assert.equal(row['answers.gave-up'], 'yes');
    assert.equal(row['answers.why'], 'numerique ; distance');
    assert.equal(row['answers.helped'], '4');
    assert.equal(row['answers.comment'], 'Une permanence le samedi.');
    assert.match(row.definition, /^acces-aux-droits@[0-9a-f]{8}$/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('the park (Strasbourg): a vote, a signature and an idea, in the export; the idea’s address only with personal=true', async () => {
    const { context, page, problems, posted } = await open('/parc-naturel-urbain.html');
    const poll = page.locator('voix-poll');
    await poll.getByRole('checkbox', { name: 'Des jardins partagés' }).check();
    await poll.getByRole('checkbox', { name: 'Des vergers ouverts à la cueillette' }).check();
    await poll.getByRole('button', { name: 'Voter' }).click();
    await poll.getByText('Merci pour votre vote').waitFor();

    const petition = page.locator('voix-petition');
    await petition.getByRole('textbox', { name: 'Nom et prénom' }).fill('Léa Martin');
    await petition.getByRole('textbox', { name: /Code postal/ }).fill('67100');
    await petition.getByRole('textbox', { name: 'Adresse électronique' }).fill('lea.martin@example.fr');
    await petition.getByRole('checkbox').check();
    await petition.getByRole('button', { name: 'Signer' }).click();
    await petition.getByText('1 signature', { exact: true }).waitFor();

    const idea = page.locator('voix-idea');
    await idea.getByRole('textbox', { name: 'Votre idée en quelques mots' }).fill('Un passage à gué vers l’île');
    await idea.getByRole('textbox', { name: /Décrivez-la/ }).fill('Des pierres plates pour traverser le bras mort à pied en été.');
    await idea.getByRole('radio', { name: 'Berges et eau' }).check();
    await idea.getByRole('textbox', { name: /^Où/ }).fill('Bras mort du Moulin');
    await idea.getByRole('textbox', { name: /Votre adresse électronique/ }).fill('sam.durand@example.fr');
    await idea.getByRole('button', { name: 'Envoyer' }).click();
    await idea.getByText('Merci pour votre idée').waitFor();
    await page.screenshot({ path: `${shots}/demo-parc-naturel-urbain.png`, fullPage: true });

    const vote = sentOnce(posted, 'voix.poll.vote');
    const signature = sentOnce(posted, 'voix.petition.signature');
    const envelope = sentOnce(posted, 'voix.idea');
    const [voteRow] = await exportedWhen('parc-naturel-urbain-projets', 1);
    assert.equal(voteRow.id, vote.id);
    assert.equal(voteRow['answers.choices'], 'jardins ; vergers');
    const [signatureRow] = await exportedWhen('parc-naturel-urbain-petition', 1);
    assert.equal(signatureRow.id, signature.id);
    const [ideaRow] = await exportedWhen('parc-naturel-urbain-idees', 1);
    assert.equal(ideaRow.id, envelope.id);
    assert.equal(ideaRow['answers.title'], 'Un passage à gué vers l’île');
    assert.equal(ideaRow['answers.category'], 'eau');
    assert.equal(ideaRow['answers.place'], 'Bras mort du Moulin');
    assert.equal(JSON.stringify(ideaRow).includes('sam.durand'), false, 'the address kept apart');
    const [withPersonal] = await exported('parc-naturel-urbain-idees', { personal: true });
    assert.match(withPersonal.personal, /sam\.durand@example\.fr/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('the agents’ intranet (La Transfo), keyboard only: Tab to the launcher, Enter, answer, send; the dialog closes and focus is back on the launcher', async () => {
    const { context, page, problems, posted } = await open('/intranet-ambassadeurs.html');
    const launcher = page.locator('voix-launcher');
    await launcher.getByRole('button', { name: 'Ce prototype vous aide-t-il\u202f?' }).waitFor();
    await tabTo(page, 'Ce prototype vous aide-t-il\u202f?');
    await page.keyboard.press('Enter');
    await launcher.getByRole('dialog', { name: 'Ce prototype vous aide-t-il\u202f?' }).waitFor();
    assert.equal((await focusedControl(page)).text, 'Fermer', 'focus moved into the dialog');
    await tabTo(page, 'Pas bien');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await tabTo(page, 'Envoyer');
    await page.screenshot({ path: `${shots}/demo-lanceur-dialogue.png` });
    await page.keyboard.press('Enter');
    await launcher.getByText('Merci pour votre avis').waitFor();
    await page.waitForFunction(() => !document.querySelector('voix-launcher').open, null, { timeout: 15_000 });
    assert.deepEqual(
      await focusedControl(page),
      { text: 'Ce prototype vous aide-t-il\u202f?', part: 'button', host: 'voix-launcher' },
      'focus back on the launcher',
    );

    const envelope = sentOnce(posted, 'voix.rating');
    assert.equal(envelope.data.audience, 'agent');
    const [row] = await exportedWhen('prototype-demandes-intervention', 1);
    assert.equal(row.id, envelope.id);
    assert.equal(row.audience, 'agent');
    assert.equal(row['answers.score'], '3');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('the agents’ pulse: four answers show nothing (results, export, dashboard), the fifth shows them, without placement and to the day', async () => {
    const subject = 'intranet-demandes-intervention';
    const dashboard = async () => {
      const response = await fetch(`${base}/admin`, {
        headers: { Authorization: `Basic ${Buffer.from(`equipe:${token}`).toString('base64')}` },
      });
      assert.equal(response.status, 200);
      const html = await response.text();
      const at = html.indexOf(subject);
      assert.ok(at >= 0, 'the subject on the dashboard');
      return html.slice(at, at + 2000);
    };
    const ids = [];
    for (const [person, answer] of ['D’accord', 'Tout à fait d’accord', 'D’accord', 'Pas d’accord', 'D’accord'].entries()) {
      const { context, page, problems, posted } = await open('/intranet-ambassadeurs.html');
      const pulse = page.locator('voix-pulse');
      await pulse.getByRole('radio', { name: answer, exact: true }).check();
      await pulse
        .getByRole('textbox', { name: /Qu’est-ce qui vous bloque/ })
        .fill(person % 2 ? 'Le numéro de suivi n’arrive pas par courriel.' : '');
      await pulse.getByRole('textbox', { name: /Une idée pour l’améliorer/ }).fill('Prévenir quand l’intervention est planifiée.');
      await pulse.getByRole('button', { name: 'Envoyer' }).click();
      await pulse.getByText('Merci pour vos réponses').waitFor();
      const envelope = sentOnce(posted, 'voix.pulse');
      assert.equal(envelope.data.audience, 'agent');
      ids.push(envelope.id);
      assert.deepEqual(problems, []);
      await context.close();
      if (person === 3) {
        assert.deepEqual(
          await results(subject),
          { subject, total: 0, counts: {}, updated: null, withheld: true, minimum: 5 },
          'four answers: withheld',
        );
        assert.deepEqual(await exported(subject), [], 'four answers: not exported');
        assert.match(await dashboard(), /Résultats masqués/);
      }
    }
    const figures = await results(subject);
    assert.equal(figures.withheld, undefined);
    assert.equal(figures.total, 5);
    assert.deepEqual(figures.questions.helps.counts, { 2: 1, 4: 3, 5: 1 });
    const rows = await exported(subject);
    assert.deepEqual(rows.map((row) => row.id).sort(), ids.sort(), 'five answers: all exported');
    for (const row of rows) {
      assert.equal(row.placement, '', 'no placement');
      assert.match(row.time, /^\d{4}-\d{2}-\d{2}$/, 'the day only');
      assert.equal(row.audience, 'agent');
    }
    assert.doesNotMatch(await dashboard(), /Résultats masqués/);
  });

  it('the dashboard shows every case study’s subject', async () => {
    const response = await fetch(`${base}/admin`, {
      headers: { Authorization: `Basic ${Buffer.from(`equipe:${token}`).toString('base64')}` },
    });
    const html = await response.text();
    for (const subject of [
      'irritants',
      'bus-des-services',
      'acces-aux-droits',
      'parc-naturel-urbain-projets',
      'parc-naturel-urbain-petition',
      'parc-naturel-urbain-idees',
      'prototype-demandes-intervention',
      'intranet-demandes-intervention',
    ]) {
      // A declared subject's title stands above it, its id in the line under (Sondage · parc-… · …).
      assert.match(html, new RegExp(`(>|· )${subject}(<| ·)`), subject);
    }
  });
});
