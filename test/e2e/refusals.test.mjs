// Issue 16's « keyboard only, with the collector refusing »: the built widgets in Chromium, the real
// collector refusing for real reasons, and a person with a keyboard alone who can always fix and
// send, or start again, and is told why in plain words.
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { focusedControl, startDemoCollector, tabTo } from '../../scripts/demo-collector.mjs';

const TOKEN = 'e2e-admin-token-of-24-ch';
let running;
let base;

before(async () => {
  running = await startDemoCollector(TOKEN);
  ({ base } = running);
});

after(async () => {
  await running?.close();
});

/** A fresh tab (another person) on a page a webmaster writes: the script tag and the element. */
const open = (path, body) =>
  running.open(path, {
    html: `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Participer</title>
    <script type="module" src="/cdn/voix.js"></script></head><body><main><h1>Participer</h1>${body}</main></body></html>`,
  });

/** The collectivité declares (or changes) a subject's terms, as its back office would. */
async function declare(subject, body) {
  const response = await fetch(`${base}/v1/subjects/${subject}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(body),
  });
  assert.equal(response.status, 200, await response.text());
}

const results = async (subject) => (await fetch(`${base}/v1/results/${encodeURIComponent(subject)}`)).json();

/** Console errors but the browser's own line for the refused request (Chromium logs every 4xx; a page cannot prevent it). */
const beyondRefusal = (problems) =>
  problems.filter((problem) => !/^Failed to load resource: the server responded with a status of (409|422)\b/.test(problem));

/** The text of a widget's alert, as a screen reader hears it. */
const alertOf = (widget) => widget.evaluate((el) => el.shadowRoot.querySelector('[part=error][tabindex]').textContent.trim());

describe('keyboard only, with the collector refusing', () => {
  it('a petition refuses an address that already signed: the address is marked, the person types another and signs', async () => {
    const page =
      '<voix-petition endpoint="/v1/events" subject="e2e-refus-petition" fields="name;email" heading="Des bancs au parc"></voix-petition>';
    const first = await open('/petition.html', page);
    const sign = async ({ page: tab }, name, email) => {
      await tabTo(tab, 'Nom et prénom');
      await tab.keyboard.type(name);
      await tabTo(tab, 'Adresse électronique');
      await tab.keyboard.type(email);
      await tabTo(tab, 'Je réside, travaille ou étudie dans la commune concernée.');
      await tab.keyboard.press('Space');
      await tabTo(tab, 'Signer');
      await tab.keyboard.press('Enter');
    };
    await sign(first, 'Léa Martin', 'lea.martin@example.fr');
    await first.page.locator('voix-petition').getByText('Merci pour votre signature').waitFor();
    await first.context.close();

    // Someone else, on another device, gives the same address by mistake.
    const second = await open('/petition.html', page);
    const petition = second.page.locator('voix-petition');
    await sign(second, 'Paul Martin', 'lea.martin@example.fr');
    await petition.getByText('Cette adresse a déjà signé cette pétition', { exact: false }).first().waitFor();
    const email = petition.getByRole('textbox', { name: 'Adresse électronique' });
    assert.equal(await email.getAttribute('aria-invalid'), 'true', 'the address is marked');
    await second.page.screenshot({ path: join(tmpdir(), 'voix-petition-deja-signee.png') });
    assert.match(await alertOf(petition), /Cette adresse a déjà signé cette pétition/);
    // The fix, by keyboard: back to the address, replace it, sign again.
    await tabTo(second.page, 'Adresse électronique', 'Shift+Tab');
    await second.page.keyboard.press('ControlOrMeta+A');
    await second.page.keyboard.type('paul.martin@example.fr');
    await tabTo(second.page, 'Signer');
    await second.page.keyboard.press('Enter');
    await petition.getByText('Merci pour votre signature').waitFor();
    assert.deepEqual(beyondRefusal(second.problems), [], 'the 409 is the widget’s business, not a console error');
    await second.context.close();
    assert.equal((await results('e2e-refus-petition')).total, 2);
  });

  it('a poll whose options changed while the page was open: the vote is refused in plain words, Recommencer shows the new options, the vote goes', async () => {
    const options = (...labels) => labels.map((label) => ({ value: label.toLowerCase(), label: `Option ${label}` }));
    await declare('e2e-refus-sondage', { type: 'voix.poll.vote', terms: { question: 'Quelle option ?', options: options('A', 'B', 'C') } });
    const { page, context, problems } = await open(
      '/sondage.html',
      '<voix-poll endpoint="/v1/events" subject="e2e-refus-sondage"></voix-poll>',
    );
    const poll = page.locator('voix-poll');
    await poll.getByRole('radio', { name: 'Option C' }).waitFor();
    // Meanwhile, the collectivité takes option C out.
    await declare('e2e-refus-sondage', { type: 'voix.poll.vote', terms: { question: 'Quelle option ?', options: options('A', 'B') } });
    await tabTo(page, 'Option A');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.equal((await focusedControl(page)).text, 'Option C');
    await tabTo(page, 'Voter');
    await page.keyboard.press('Enter');
    await poll.getByRole('button', { name: 'Recommencer' }).waitFor();
    assert.match(await alertOf(poll), /^Nous n’avons pas pu enregistrer votre vote\. Le problème ne vient pas de vous/);
    assert.doesNotMatch(await alertOf(poll), /422|erreur/i);
    assert.equal((await focusedControl(page)).host, 'voix-poll', 'focus stays in the poll');
    await tabTo(page, 'Recommencer');
    await page.keyboard.press('Enter');
    await poll.getByRole('radio', { name: 'Option B' }).waitFor();
    assert.equal(await poll.getByRole('radio', { name: 'Option C' }).count(), 0, 'the new options, read again from the collector');
    await tabTo(page, 'Option A');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, 'Voter');
    await page.keyboard.press('Enter');
    await poll.getByText('Merci pour votre vote').waitFor();
    assert.deepEqual(beyondRefusal(problems), []);
    await context.close();
    assert.deepEqual((await results('e2e-refus-sondage')).counts, { b: 1 });
  });

  it('a poll that closed while the page was open says so, and shows it closed', async () => {
    const terms = {
      question: 'Quel jour ?',
      options: [
        { value: 'lundi', label: 'Lundi' },
        { value: 'mardi', label: 'Mardi' },
      ],
    };
    await declare('e2e-refus-clos', { type: 'voix.poll.vote', terms });
    const { page, context, problems } = await open('/clos.html', '<voix-poll endpoint="/v1/events" subject="e2e-refus-clos"></voix-poll>');
    const poll = page.locator('voix-poll');
    await poll.getByRole('radio', { name: 'Mardi' }).waitFor();
    await declare('e2e-refus-clos', { type: 'voix.poll.vote', terms: { ...terms, closes: '2020-01-31' } });
    await tabTo(page, 'Lundi');
    await page.keyboard.press('Space');
    await tabTo(page, 'Voter');
    await page.keyboard.press('Enter');
    await poll.getByText('Ce vote est clos.').waitFor();
    assert.equal(await alertOf(poll), 'Ce vote vient de se clore\u00a0: votre vote n’a pas pu être compté.');
    assert.equal(await poll.getByRole('button', { name: 'Recommencer' }).count(), 0, 'starting again would change nothing');
    assert.equal(await poll.getByRole('radio').count(), 0, 'the form is gone: the poll is closed');
    await page.screenshot({ path: join(tmpdir(), 'voix-sondage-clos.png') });
    assert.deepEqual(beyondRefusal(problems), []);
    await context.close();
    assert.equal((await results('e2e-refus-clos')).total, 0);
  });
});
