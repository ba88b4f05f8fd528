import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { VoixPoll } from '../src/widgets/poll/poll.js';
import '../src/widgets/poll/poll.js';
import { resultsChannel, spoken, until } from './support/endpoint.js';
import { active, atTime, eachTestClean, sendAndRead, shadow, statusText, submitForm, tabUntil } from './support/form-widget.js';

type Channel = ReturnType<typeof resultsChannel>;
const SUBJECT = 'parc-naturel-urbain-projets';
const OPTIONS = [
  ['jardins', 'Jardins partagés'],
  ['pistes-cyclables', 'Pistes cyclables'],
  ['aires-de-jeux', 'Aires de jeux'],
];

/** A poll on a page, its options as child <option> elements, posting to and reading from `channel`. */
async function poll(channel: Channel, attributes: Record<string, string | boolean> = {}): Promise<VoixPoll> {
  const el = document.createElement('voix-poll');
  const all: Record<string, string | boolean> = {
    endpoint: channel.url,
    results: channel.template,
    subject: SUBJECT,
    question: 'Quel projet pour le parc ?',
    ...attributes,
  };
  for (const [name, value] of Object.entries(all)) if (value !== false) el.setAttribute(name, value === true ? '' : value);
  for (const [value, label] of OPTIONS) el.append(Object.assign(document.createElement('option'), { value, textContent: label }));
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  wrapper.append(el);
  await el.updateComplete;
  return el;
}

const boxes = (el: VoixPoll) => [...shadow(el).querySelectorAll<HTMLInputElement>('.choices input')];
const legend = (el: VoixPoll) => spoken(shadow(el).querySelector('.choices legend'));
const alertText = (el: VoixPoll) => spoken(shadow(el).querySelector('.error[role=alert]'));
const notes = (el: VoixPoll) => [...shadow(el).querySelectorAll('.note')].map(spoken);
const bars = (el: VoixPoll) => [...shadow(el).querySelectorAll('figure li')].map(spoken);
const chartShown = (el: VoixPoll) => until(() => !!shadow(el).querySelector('figure li'), 'the results chart is shown');

async function tick(el: VoixPoll, ...values: string[]): Promise<void> {
  for (const box of boxes(el)) if (values.includes(box.value)) box.click();
  await el.updateComplete;
}

describe('<voix-poll>', () => {
  const consoleErrors = eachTestClean();

  it('asks its question with one radio per <option>, votes once and then shows the collector’s figures, read as text', async () => {
    const channel = resultsChannel();
    await channel.serve({
      subject: SUBJECT,
      total: 10,
      counts: { jardins: 3, 'pistes-cyclables': 5, 'aires-de-jeux': 2 },
      updated: '2026-11-26T10:00:00.000Z',
    });
    const el = await poll(channel);
    expect(legend(el)).to.equal('Quel projet pour le parc ?');
    expect(boxes(el).map((box) => [box.type, box.value, spoken(box.parentElement)])).to.deep.equal(
      OPTIONS.map(([value, label]) => ['radio', value, label]),
    );
    expect(shadow(el).querySelector('figure'), 'after-vote: no results before voting').to.equal(null);
    await expect(el).to.be.accessible();

    await tick(el, 'pistes-cyclables');
    const envelope = await sendAndRead(el, channel);
    expect(envelope.type).to.equal('voix.poll.vote');
    expect(envelope.subject).to.equal(SUBJECT);
    expect(envelope.data.answers).to.deep.equal({ choices: ['pistes-cyclables'] });
    await chartShown(el);
    await until(() => bars(el)[0] === 'Jardins partagés : 3 votes, 30 %', 'the server’s figures');
    expect(bars(el)).to.deep.equal([
      'Jardins partagés : 3 votes, 30 %',
      'Pistes cyclables : 5 votes, 50 %',
      'Aires de jeux : 2 votes, 20 %',
    ]);
    expect(statusText(el)).to.contain('Merci');
    expect(consoleErrors.errors).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('counts the voter’s choice at once, before the server’s figures come', async () => {
    const channel = resultsChannel();
    await channel.serve({ subject: SUBJECT, total: 4, counts: { jardins: 4 }, updated: '2026-11-26T10:00:00.000Z' });
    const el = await poll(channel, { 'show-results': 'always' });
    await chartShown(el);
    expect(bars(el)[0]).to.equal('Jardins partagés : 4 votes, 100 %');
    await channel.hold(true);
    await tick(el, 'aires-de-jeux');
    submitForm(el);
    await el.updateComplete;
    expect(bars(el)).to.deep.equal(['Jardins partagés : 4 votes, 80 %', 'Pistes cyclables : 0 vote, 0 %', 'Aires de jeux : 1 vote, 20 %']);
    await channel.serve({ subject: SUBJECT, total: 6, counts: { jardins: 4, 'aires-de-jeux': 2 }, updated: '2026-11-26T10:05:00.000Z' });
    await channel.hold(false);
    await until(() => bars(el)[2] === 'Aires de jeux : 2 votes, 33,3 %', 'the server’s figures replace the local count');
  });

  it('asks for a choice when none is made: an alert, focus on the first option, nothing sent', async () => {
    const channel = resultsChannel();
    const el = await poll(channel);
    submitForm(el);
    await el.updateComplete;
    // Said a moment later (emptied first, so that a second refusal is said again).
    await until(() => alertText(el) === 'Choisissez une réponse.', 'the refusal said');
    expect(active(el)).to.equal(boxes(el)[0]);
    expect((await channel.received()).attempts).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('with multiple and max, refuses a choice past max with a message and sends the ones kept', async () => {
    const channel = resultsChannel();
    const el = await poll(channel, { multiple: true, max: '2' });
    expect(boxes(el).every((box) => box.type === 'checkbox')).to.be.true;
    expect(notes(el)).to.include('2 réponses au plus.');
    await tick(el, 'jardins');
    await tick(el, 'pistes-cyclables');
    await tick(el, 'aires-de-jeux');
    expect(boxes(el).map((box) => box.checked)).to.deep.equal([true, true, false]);
    await until(() => alertText(el) === '2 réponses au plus : décochez-en une pour en choisir une autre.', 'the refusal said');
    await expect(el).to.be.accessible();
    await tick(el, 'jardins');
    await tick(el, 'aires-de-jeux');
    expect(alertText(el)).to.equal('');
    const envelope = await sendAndRead(el, channel);
    expect(envelope.data.answers).to.deep.equal({ choices: ['pistes-cyclables', 'aires-de-jeux'] });
  });

  it('says again a choice past max refused a second time: the alert is emptied, then filled (a live region speaks on a change)', async () => {
    const channel = resultsChannel();
    const el = await poll(channel, { multiple: true, max: '1' });
    const alert = shadow(el).querySelector('.error[role=alert]')!;
    const heard: string[] = [];
    new MutationObserver(() => heard.push(spoken(alert))).observe(alert, { childList: true, subtree: true, characterData: true });
    await tick(el, 'jardins');
    await tick(el, 'pistes-cyclables');
    const refusal = 'Une réponse au plus : décochez-la pour en choisir une autre.';
    await until(() => heard.at(-1) === refusal, 'the first refusal said');
    heard.length = 0;
    await tick(el, 'aires-de-jeux');
    await until(() => heard.at(-1) === refusal, 'the second refusal said again');
    expect(heard, 'emptied, then said').to.deep.equal(['', refusal]);
    expect(boxes(el).map((box) => box.checked)).to.deep.equal([true, false, false]);
    // Voting with the box kept ends the refusal: it is not left on screen under the thanks.
    await sendAndRead(el, channel);
    expect(alertText(el)).to.equal('');
  });

  it('has no unnamed group: the fieldset that disables the form while sending is no group, only the question is', async () => {
    const el = await poll(resultsChannel());
    const groups = [...shadow(el).querySelectorAll('fieldset')].filter((fieldset) => !/^(none|presentation)$/.test(fieldset.role ?? ''));
    expect(groups.map((fieldset) => spoken(fieldset.querySelector(':scope > legend')))).to.deep.equal(['Quel projet pour le parc ?']);
    await expect(el).to.be.accessible();
  });

  it('names its results figure by its caption and says when the results arrive after a vote, not when they are shown at load', async () => {
    const channel = resultsChannel();
    await channel.serve({ subject: SUBJECT, total: 10, counts: { jardins: 3 }, updated: '2026-11-26T10:00:00.000Z' });
    const resultsStatus = (el: VoixPoll) => spoken(shadow(el).querySelector('[part=results-status]'));
    const always = await poll(channel, { 'show-results': 'always' });
    await chartShown(always);
    const figure = shadow(always).querySelector('figure')!;
    const label = shadow(always).getElementById(figure.getAttribute('aria-labelledby') ?? '');
    expect(spoken(label), 'named by its caption').to.equal('Résultats');
    expect(label === figure.querySelector('figcaption'), 'its caption').to.be.true;
    expect(resultsStatus(always), 'nothing said at load').to.equal('');

    const el = await poll(channel);
    await tick(el, 'jardins');
    await sendAndRead(el, channel);
    await chartShown(el);
    await until(() => resultsStatus(el) !== '' && resultsStatus(el) !== 'Chargement des résultats…', 'the arrival said');
    expect(resultsStatus(el)).to.equal('Les résultats du vote sont affichés.');
    await expect(el).to.be.accessible();
  });

  it('with other, asks which and sends the text scrubbed of personal data', async () => {
    const channel = resultsChannel();
    const el = await poll(channel, { other: true });
    expect(boxes(el).map((box) => box.value)).to.deep.equal(['jardins', 'pistes-cyclables', 'aires-de-jeux', 'other']);
    expect(shadow(el).querySelector('#other')).to.equal(null);
    await tick(el, 'other');
    const field = shadow(el).querySelector<HTMLInputElement>('#other')!;
    expect(spoken(shadow(el).querySelector('label[for=other]'))).to.equal('Précisez');
    // The field is as tall as a text field (not sized like a box), and apart from the Voter button.
    const vote = shadow(el).querySelector('button[type=submit]')!;
    expect(field.offsetHeight).to.be.at.least(32);
    expect(vote.getBoundingClientRect().top - field.getBoundingClientRect().bottom).to.be.at.least(8);
    field.value = 'Un verger, écrivez-moi à marie.dupont@example.fr';
    field.dispatchEvent(new InputEvent('input'));
    await expect(el).to.be.accessible();
    const envelope = await sendAndRead(el, channel);
    expect(envelope.data.answers.choices).to.deep.equal(['other']);
    expect(envelope.data.answers.other).to.match(/^Un verger, écrivez-moi à /);
    expect(envelope.data.answers.other).not.to.contain('marie.dupont');
  });

  it('before opens, says when it opens and has no form; after closes, says it is closed and shows the results', async () => {
    const channel = resultsChannel();
    await channel.serve({ subject: SUBJECT, total: 2, counts: { jardins: 1, 'aires-de-jeux': 1 }, updated: '2026-11-26T10:00:00.000Z' });
    await atTime('2026-11-26T12:00:00Z', async () => {
      const early = await poll(channel, { opens: '2026-12-01', closes: '2027-03-01' });
      expect(notes(early)).to.deep.equal(['Ce vote ouvrira le 1er décembre 2026.']);
      expect(shadow(early).querySelector('form')).to.equal(null);
      await expect(early).to.be.accessible();

      const open = await poll(channel, { opens: '2026-11-01', closes: '2027-03-01' });
      expect(shadow(open).querySelector('form')).not.to.equal(null);
      expect(notes(open)).to.deep.equal(['Vote ouvert jusqu’au 1er mars 2027.']);

      const closed = await poll(channel, { opens: '2026-10-01', closes: '2026-11-01' });
      expect(notes(closed)).to.deep.equal(['Ce vote est clos.']);
      expect(shadow(closed).querySelector('form')).to.equal(null);
      await chartShown(closed);
      expect(bars(closed)[0]).to.equal('Jardins partagés : 1 vote, 50 %');
      await expect(closed).to.be.accessible();
    });
  });

  it('show-results: always shows them before voting, never never does, after-close says when they come', async () => {
    const channel = resultsChannel();
    await channel.serve({ subject: SUBJECT, total: 1, counts: { jardins: 1 }, updated: '2026-11-26T10:00:00.000Z' });
    const always = await poll(channel, { 'show-results': 'always' });
    await chartShown(always);

    const never = await poll(channel, { 'show-results': 'never' });
    await tick(never, 'jardins');
    await sendAndRead(never, channel);
    expect(shadow(never).querySelector('figure')).to.equal(null);
    expect((await channel.reads()).length, 'never reads results').to.equal(1);

    localStorage.clear();
    const later = await poll(channel, { 'show-results': 'after-close', closes: '2099-01-01' });
    await tick(later, 'jardins');
    const sent = oneEvent(later, 'voix-sent');
    submitForm(later);
    await sent;
    await later.updateComplete;
    expect(shadow(later).querySelector('figure')).to.equal(null);
    expect(notes(later)).to.include('Les résultats seront publiés à la clôture du vote.');
  });

  it('with once, a second visit says “Vous avez déjà participé” and shows the results instead of the form', async () => {
    const channel = resultsChannel();
    await channel.serve({ subject: SUBJECT, total: 1, counts: { jardins: 1 }, updated: '2026-11-26T10:00:00.000Z' });
    const first = await poll(channel, { once: true });
    await tick(first, 'jardins');
    await sendAndRead(first, channel);
    first.remove();

    const again = await poll(channel, { once: true });
    expect(notes(again)).to.deep.equal(['Vous avez déjà participé à ce vote.']);
    expect(shadow(again).querySelector('form')).to.equal(null);
    await chartShown(again);
    await expect(again).to.be.accessible();
  });

  it('shows a malformed results document safely, with one named console error', async () => {
    const channel = resultsChannel();
    await channel.serve({ subject: SUBJECT, total: 'dix', counts: { jardins: -3 } });
    const el = await poll(channel, { 'show-results': 'always' });
    await until(
      () =>
        spoken(shadow(el).querySelector('[part=results-status]')) !== '' &&
        !spoken(shadow(el).querySelector('[part=results-status]')).startsWith('Chargement'),
      'the results error',
    );
    expect(spoken(shadow(el).querySelector('[part=results-status]'))).to.equal('Les résultats ne sont pas disponibles pour le moment.');
    expect(consoleErrors.errors).to.have.length(1);
    expect(consoleErrors.errors[0]).to.match(/^<voix-poll> results/);
    expect(shadow(el).querySelector('form'), 'the poll still works').not.to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('is done with the keyboard alone: Tab to the options, arrows to choose, Tab and Enter to vote', async () => {
    const channel = resultsChannel();
    const el = await poll(channel);
    await tabUntil(el, (focused) => focused === boxes(el)[0]);
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(boxes(el)[1].checked).to.be.true;
    await tabUntil(el, (focused) => focused?.localName === 'button');
    const sent = oneEvent(el, 'voix-sent');
    await sendKeys({ press: 'Enter' });
    await sent;
    expect((await channel.received()).stored[0].data.answers).to.deep.equal({ choices: ['pistes-cyclables'] });
  });

  // Issue 16, accessibility 2: after a refusal the options stayed disabled and Réessayer sent the refused vote again.
  it('refused (400), keyboard only: said in plain words, the options usable again, and Recommencer gives a fresh poll', async () => {
    const channel = resultsChannel();
    await channel.script(400);
    const el = await poll(channel);
    await tabUntil(el, (focused) => focused === boxes(el)[0]);
    await sendKeys({ press: 'Space' });
    await tabUntil(el, (focused) => focused?.localName === 'button');
    const refused = oneEvent(el, 'voix-error');
    await sendKeys({ press: 'Enter' });
    await refused;
    await el.updateComplete;
    const alert = shadow(el).querySelector<HTMLElement>('[part=error][tabindex]')!;
    expect(spoken(alert)).to.equal(
      'Nous n’avons pas pu enregistrer votre vote. Le problème ne vient pas de vous : vous pouvez recommencer, ou revenir plus tard.',
    );
    expect(active(el) === alert, 'focus on the message').to.be.true;
    expect(
      boxes(el).every((box) => !box.disabled),
      'usable again',
    ).to.be.true;
    expect(boxes(el)[0].checked, 'the choice stays').to.be.true;
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Tab' });
    expect(active(el)?.textContent?.trim()).to.equal('Recommencer');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.getAttribute('state')).to.equal('idle');
    expect(
      boxes(el).some((box) => box.checked),
      'a fresh poll',
    ).to.be.false;
    expect(active(el) === boxes(el)[0], 'focus on its first option').to.be.true;
    await sendKeys({ press: 'ArrowDown' });
    await tabUntil(el, (focused) => focused?.localName === 'button' && focused.textContent!.trim() !== 'Recommencer');
    const sent = oneEvent(el, 'voix-sent');
    await sendKeys({ press: 'Enter' });
    await sent;
    expect((await channel.received()).stored.map((envelope) => envelope.data.answers)).to.deep.equal([{ choices: ['pistes-cyclables'] }]);
  });

  it('takes an <option> without a value by its text, and options added after it first rendered', async () => {
    const channel = resultsChannel();
    const el = document.createElement('voix-poll');
    for (const [name, value] of Object.entries({ endpoint: channel.url, subject: 'options-tardives', question: 'Quel jour ?' }))
      el.setAttribute(name, value);
    (await fixture<HTMLDivElement>(html`<div></div>`)).append(el);
    await el.updateComplete;
    expect(boxes(el)).to.have.length(0);
    for (const day of ['Samedi matin', 'Dimanche']) el.append(Object.assign(document.createElement('option'), { textContent: day }));
    await until(() => boxes(el).length === 2, 'the options added later are shown');
    expect(boxes(el).map((box) => [box.value, spoken(box.parentElement)])).to.deep.equal([
      ['Samedi matin', 'Samedi matin'],
      ['Dimanche', 'Dimanche'],
    ]);
    await tick(el, 'Samedi matin');
    expect((await sendAndRead(el, channel)).data.answers).to.deep.equal({ choices: ['Samedi matin'] });
  });

  it('ties « Choisissez une réponse » to the question', async () => {
    const el = await poll(resultsChannel());
    submitForm(el);
    await until(() => alertText(el) !== '', 'the refusal said');
    await el.updateComplete;
    const group = shadow(el).querySelector('.choices')!;
    expect(group.getAttribute('aria-describedby')).to.equal('problem');
    expect(spoken(shadow(el).getElementById('problem'))).to.equal('Choisissez une réponse.');
  });

  it('without a question or with fewer than two options: one named console error and the fallback', async () => {
    const channel = resultsChannel();
    const el = await poll(channel, { question: false });
    expect(shadow(el).querySelector('slot')).not.to.equal(null);
    expect(consoleErrors.errors).to.have.length(1);
    expect(consoleErrors.errors[0]).to.match(/^<voix-poll> attribute question=/);
  });
});
