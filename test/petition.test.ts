import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { VoixPetition } from '../src/widgets/petition/petition.js';
import '../src/widgets/petition/petition.js';
import { resultsChannel, spoken, until } from './support/endpoint.js';
import { active, atTime, eachTestClean, sendAndRead, shadow, submitForm, tabUntil } from './support/form-widget.js';

type Channel = ReturnType<typeof resultsChannel>;
const SUBJECT = 'parc-naturel-urbain-petition';
const THRESHOLDS = '500:Rencontre avec l’élue ou l’élu;2800:Débat en conseil municipal';

async function petition(channel: Channel, attributes: Record<string, string | boolean> = {}): Promise<VoixPetition> {
  const el = document.createElement('voix-petition');
  const all: Record<string, string | boolean> = {
    endpoint: channel.url,
    results: channel.template,
    subject: SUBJECT,
    heading: 'Pour des jardins partagés dans le parc',
    thresholds: THRESHOLDS,
    ...attributes,
  };
  for (const [name, value] of Object.entries(all)) if (value !== false) el.setAttribute(name, value === true ? '' : value);
  el.append(Object.assign(document.createElement('p'), { textContent: 'Nous demandons des jardins partagés le long de l’Ill.' }));
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  wrapper.append(el);
  await el.updateComplete;
  return el;
}

const served = (total: number) => ({ subject: SUBJECT, total, counts: {}, updated: '2026-11-26T10:00:00.000Z' });
const statusText = (el: VoixPetition) => spoken(shadow(el).querySelector('[part=status]'));
const countText = (el: VoixPetition) => spoken(shadow(el).querySelector('[part=count]'));
const thresholdItems = (el: VoixPetition) =>
  [...shadow(el).querySelectorAll('[part=thresholds] li')].map((item) => [spoken(item), item.classList.contains('reached')]);
const progress = (el: VoixPetition) => shadow(el).querySelector('progress');
const paragraphs = (el: VoixPetition) => [...shadow(el).querySelectorAll('.card > p')].map(spoken);
const field = (el: VoixPetition, id: string) => shadow(el).getElementById(id) as HTMLInputElement;
const errorOf = (el: VoixPetition, id: string) => spoken(shadow(el).getElementById(`${id}-error`));
const whenCounted = (el: VoixPetition) => until(() => countText(el) !== '', 'the count is shown');

async function fill(el: VoixPetition, values: Record<string, string>): Promise<void> {
  for (const [id, value] of Object.entries(values)) {
    const input = field(el, id);
    input.value = value;
    input.dispatchEvent(new InputEvent('input'));
  }
  await el.updateComplete;
}

async function tickEligibility(el: VoixPetition): Promise<void> {
  field(el, 'eligible').click();
  await el.updateComplete;
}

describe('<voix-petition>', () => {
  const consoleErrors = eachTestClean();

  it('shows its title, its text, the count, the progress toward the next threshold and what each threshold brings', async () => {
    const channel = resultsChannel();
    await channel.serve(served(1234));
    const el = await petition(channel);
    await whenCounted(el);
    const heading = shadow(el).querySelector('[role=heading]')!;
    expect([spoken(heading), heading.getAttribute('aria-level')]).to.deep.equal(['Pour des jardins partagés dans le parc', '2']);
    expect(el.querySelector('p')!.assignedSlot, 'the text is slotted').not.to.equal(null);
    expect(countText(el)).to.equal('1 234 signatures');
    expect([progress(el)!.max, progress(el)!.value]).to.deep.equal([2800, 1234]);
    expect(paragraphs(el)).to.include('Encore 1 566 signatures pour atteindre 2 800 : Débat en conseil municipal.');
    expect(thresholdItems(el)).to.deep.equal([
      ['500 signatures : Rencontre avec l’élue ou l’élu (atteint)', true],
      ['2 800 signatures : Débat en conseil municipal', false],
    ]);
    expect(consoleErrors.errors).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  for (const [total, next, reached] of [
    [0, 'Encore 500 signatures pour atteindre 500 : Rencontre avec l’élue ou l’élu.', [false, false]],
    [499, 'Encore 1 signature pour atteindre 500 : Rencontre avec l’élue ou l’élu.', [false, false]],
    [500, 'Encore 2 300 signatures pour atteindre 2 800 : Débat en conseil municipal.', [true, false]],
    [3100, 'Tous les seuils sont atteints.', [true, true]],
  ] as const) {
    it(`at ${total} signatures: « ${next} »`, async () => {
      const channel = resultsChannel();
      await channel.serve(served(total));
      const el = await petition(channel);
      await whenCounted(el);
      expect(paragraphs(el)).to.include(next);
      expect(thresholdItems(el).map(([, done]) => done)).to.deep.equal(reached);
      expect(progress(el) === null).to.equal(total >= 2800);
      await expect(el).to.be.accessible();
    });
  }

  it('names its progress bar by the next threshold and reads its value as a count (« 1 signature sur 500 »), not as a percentage', async () => {
    const channel = resultsChannel();
    await channel.serve(served(1));
    const el = await petition(channel);
    await whenCounted(el);
    const bar = progress(el)!;
    // Named by the sentences around it, the bar repeated them; its value was read as 1/500 = 0 %.
    expect(bar.hasAttribute('aria-labelledby'), 'not named by the sentences it sits between').to.be.false;
    expect(bar.getAttribute('aria-label')).to.equal('Rencontre avec l’élue ou l’élu');
    expect(bar.getAttribute('aria-valuetext')).to.equal('1 signature sur 500');
    const another = resultsChannel();
    await another.serve(served(1234));
    const later = await petition(another);
    await whenCounted(later);
    expect(progress(later)!.getAttribute('aria-valuetext')).to.equal('1\u202f234 signatures sur 2\u202f800');
    await expect(later).to.be.accessible();
  });

  it('once closed, says no more how many signatures are missing: neither « Encore … » nor a progress bar', async () => {
    const channel = resultsChannel();
    await channel.serve(served(120));
    await atTime('2027-03-02T00:00:01', async () => {
      const el = await petition(channel, { closes: '2027-03-01' });
      await whenCounted(el);
      expect(paragraphs(el).filter((text) => text.startsWith('Encore'))).to.deep.equal([]);
      expect(paragraphs(el)).not.to.include('Tous les seuils sont atteints.');
      expect(progress(el) === null, 'no progress bar').to.be.true;
      expect(thresholdItems(el)).to.deep.equal([
        ['500 signatures : Rencontre avec l’élue ou l’élu', false],
        ['2 800 signatures : Débat en conseil municipal', false],
      ]);
    });
  });

  it('counts the days left to the end of its closing day, then closes: no form, the count stays', async () => {
    const channel = resultsChannel();
    await channel.serve(served(42));
    await atTime('2026-12-01T10:00:00', async () => {
      const el = await petition(channel, { closes: '2027-03-01' });
      expect(paragraphs(el)).to.include('Plus que 91 jours pour signer (jusqu’au 1er mars 2027).');
    });
    await atTime('2027-03-01T23:00:00', async () => {
      const el = await petition(channel, { closes: '2027-03-01' });
      expect(paragraphs(el)).to.include('Dernier jour pour signer (jusqu’au 1er mars 2027).');
      expect(shadow(el).querySelector('form')).not.to.equal(null);
    });
    await atTime('2027-03-02T00:00:01', async () => {
      const el = await petition(channel, { closes: '2027-03-01' });
      await whenCounted(el);
      expect(paragraphs(el)).to.include('Cette pétition est close depuis le 1er mars 2027.');
      expect(shadow(el).querySelector('form')).to.equal(null);
      expect(countText(el)).to.equal('42 signatures');
      await expect(el).to.be.accessible();
    });
  });

  it('asks for the eligibility declaration: unticked, an error tied to the box and focus on it, nothing sent', async () => {
    const channel = resultsChannel();
    const el = await petition(channel, { eligibility: 'Je réside, travaille ou étudie à Strasbourg.' });
    // Chromium exposes a required box left unticked as invalid: said « invalide » before anyone tried to sign.
    expect(field(el, 'eligible').matches(':invalid'), 'not invalid at load').to.be.false;
    expect(field(el, 'eligible').getAttribute('aria-invalid')).to.equal(null);
    expect(spoken(field(el, 'eligible').parentElement)).to.equal('Je réside, travaille ou étudie à Strasbourg.');
    submitForm(el);
    await el.updateComplete;
    await el.updateComplete;
    expect(errorOf(el, 'eligible')).to.equal('Cochez cette case pour signer.');
    expect(field(el, 'eligible').getAttribute('aria-describedby')).to.equal('eligible-error');
    expect(active(el)).to.equal(field(el, 'eligible'));
    expect((await channel.received()).attempts).to.have.length(0);
    await expect(el).to.be.accessible();

    await tickEligibility(el);
    const envelope = await sendAndRead(el, channel);
    expect(envelope.type).to.equal('voix.petition.signature');
    expect(envelope.data.answers).to.deep.equal({ eligible: true });
    expect(envelope.data.petition).to.deep.equal({
      thresholds: [
        { count: 500, label: 'Rencontre avec l’élue ou l’élu' },
        { count: 2800, label: 'Débat en conseil municipal' },
      ],
    });
  });

  it('asks for the declared fields, checks them, and sends them as given with the comment scrubbed', async () => {
    const channel = resultsChannel();
    const el = await petition(channel, {
      fields: 'name;postcode;email',
      comment: true,
      'privacy-href': '/donnees-personnelles',
      closes: '2099-03-01',
    });
    expect(['name', 'postcode', 'email'].map((id) => spoken(shadow(el).querySelector(`label[for=${id}]`)))).to.deep.equal([
      'Nom et prénom',
      'Code postal',
      'Adresse électronique',
    ]);
    expect(['name', 'postcode', 'email'].map((id) => field(el, id).autocomplete)).to.deep.equal(['name', 'postal-code', 'email']);
    // Text fields keep their padding around a line of text (the base style sizes checkboxes to 24 px, not them).
    for (const id of ['name', 'postcode', 'email']) expect(field(el, id).offsetHeight, id).to.be.at.least(32);
    expect(shadow(el).querySelector('a[href="/donnees-personnelles"]')).not.to.equal(null);
    await tickEligibility(el);
    submitForm(el);
    await el.updateComplete;
    await el.updateComplete;
    expect(['name', 'postcode', 'email'].map((id) => errorOf(el, id))).to.deep.equal([
      'Veuillez remplir ce champ.',
      'Veuillez remplir ce champ.',
      'Veuillez remplir ce champ.',
    ]);
    expect(active(el)).to.equal(field(el, 'name'));
    expect(field(el, 'postcode').getAttribute('aria-describedby')).to.equal('postcode-hint postcode-error');

    await fill(el, { name: 'Marie Dupont', postcode: '6700', email: 'marie.dupont@' });
    submitForm(el);
    await el.updateComplete;
    await el.updateComplete;
    expect(['name', 'postcode', 'email'].map((id) => errorOf(el, id))).to.deep.equal([
      '',
      'Ce code postal n’existe pas : 5 chiffres, de 01000 à 98999.',
      'Une adresse électronique s’écrit comme nom@exemple.fr.',
    ]);
    expect(active(el)).to.equal(field(el, 'postcode'));
    await expect(el).to.be.accessible();

    await fill(el, { postcode: '67000', email: 'marie.dupont@exemple' });
    submitForm(el);
    await el.updateComplete;
    await el.updateComplete;
    expect(errorOf(el, 'email'), 'an address without a dot in its domain, which the collector would refuse').to.equal(
      'Une adresse électronique s’écrit comme nom@exemple.fr.',
    );

    await fill(el, { postcode: '67000', email: 'marie.dupont@example.fr' });
    const comment = shadow(el).querySelector('textarea')!;
    comment.value = 'Appelez-moi au 06 12 34 56 78';
    comment.dispatchEvent(new InputEvent('input'));
    const envelope = await sendAndRead(el, channel);
    expect(envelope.data.answers.personal).to.deep.equal({ name: 'Marie Dupont', postcode: '67000', email: 'marie.dupont@example.fr' });
    expect(envelope.data.answers.comment).not.to.contain('06 12');
    expect(envelope.data.petition.closes).to.equal('2099-03-01');
  });

  it('a counted signature (201) adds one at once and thanks; the device then remembers it signed', async () => {
    const channel = resultsChannel();
    await channel.serve(served(10));
    const el = await petition(channel);
    await whenCounted(el);
    await tickEligibility(el);
    // The read after signing fails: what is shown is the widget's own count, not the collector's.
    await channel.failWith(503);
    await channel.hold(true);
    const sent = oneEvent(el, 'voix-sent');
    submitForm(el);
    await channel.hold(false);
    await sent;
    await el.updateComplete;
    await until(() => countText(el) === '11 signatures', 'the signature counted at once');
    expect(statusText(el)).to.equal('Merci pour votre signature ! Elle est comptée.');
    expect(shadow(el).querySelector('form')).to.equal(null);
    await expect(el).to.be.accessible();
    el.remove();

    const again = await petition(channel);
    expect(paragraphs(again)).to.include('Vous avez signé cette pétition sur cet appareil.');
    expect(shadow(again).querySelector('form')).to.equal(null);
  });

  it('a signature waiting for its e-mail (202) says so and is not counted yet', async () => {
    const channel = resultsChannel();
    await channel.serve(served(10));
    await channel.script(202);
    const el = await petition(channel, { fields: 'email' });
    await whenCounted(el);
    await fill(el, { email: 'paul@example.fr' });
    await tickEligibility(el);
    await sendAndRead(el, channel);
    expect(statusText(el)).to.contain('Un e-mail vient de vous être envoyé');
    expect(countText(el)).to.equal('10 signatures');
  });

  it('an address that already signed (409) is told so, without Réessayer', async () => {
    const channel = resultsChannel();
    await channel.script(409);
    const el = await petition(channel, { fields: 'email' });
    await fill(el, { email: 'paul@example.fr' });
    await tickEligibility(el);
    const refused = oneEvent(el, 'voix-error');
    shadow(el).querySelector<HTMLButtonElement>('button[type=submit]')!.focus();
    submitForm(el);
    await refused;
    await el.updateComplete;
    expect(spoken(shadow(el).querySelector('[role=alert]'))).to.equal(
      'Cette adresse a déjà signé cette pétition : une signature ne compte qu’une fois.',
    );
    expect(shadow(el).querySelector('[part~=retry]')).to.equal(null);
    // Focus on the refusal (the rule of every widget); the address at fault marked, the message tied to it.
    expect(active(el) === shadow(el).querySelector('[role=alert]'), 'focus on the refusal').to.be.true;
    const email = field(el, 'email');
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    expect(email.getAttribute('aria-describedby')).to.equal('email-hint email-error');
    expect(errorOf(el, 'email')).to.equal('Cette adresse a déjà signé cette pétition : une signature ne compte qu’une fois.');
    await expect(el).to.be.accessible();

    // The form stays usable: another address (the next person at a kiosk) signs.
    expect(field(el, 'email').matches(':disabled')).to.be.false;
    await fill(el, { email: 'lea@example.fr' });
    const sent = oneEvent(el, 'voix-sent');
    submitForm(el);
    await sent;
    const { stored } = await channel.received();
    expect(stored.map((envelope) => envelope.data.answers.personal.email)).to.deep.equal(['lea@example.fr']);
    expect(field(el, 'email')?.getAttribute('aria-invalid') ?? null, 'no longer marked').to.equal(null);
  });

  it('at a kiosk, an address that already signed leaves nothing of that person on screen for the next one', async () => {
    const channel = resultsChannel();
    await channel.script(409);
    const el = await petition(channel, { fields: 'name;email', kiosk: '20' });
    await fill(el, { name: 'Marie Dupont', email: 'marie@example.fr' });
    await tickEligibility(el);
    const refused = oneEvent(el, 'voix-error');
    submitForm(el);
    await refused;
    await until(() => field(el, 'email').value === '', 'the fields emptied');
    expect([field(el, 'name').value, field(el, 'eligible').checked]).to.deep.equal(['', false]);
    expect(spoken(shadow(el).querySelector('[role=alert]'))).to.match(/^Cette adresse a déjà signé/);
  });

  it('is signed with the keyboard alone', async () => {
    const channel = resultsChannel();
    const el = await petition(channel, { fields: 'name' });
    await tabUntil(el, (focused) => focused === field(el, 'name'));
    await sendKeys({ type: 'Léa Martin' });
    await sendKeys({ press: 'Tab' });
    expect(active(el)).to.equal(field(el, 'eligible'));
    await sendKeys({ press: 'Space' });
    await tabUntil(el, (focused) => focused?.localName === 'button');
    const sent = oneEvent(el, 'voix-sent');
    await sendKeys({ press: 'Enter' });
    await sent;
    expect((await channel.received()).stored[0].data.answers).to.deep.equal({ eligible: true, personal: { name: 'Léa Martin' } });
  });

  it('sends its closing time as the schema wants it (a day as written, a time in UTC), so that the collector takes it', async () => {
    for (const [closes, sent] of [
      ['2099-03-31', '2099-03-31'],
      ['2099-03-31T18:00', new Date(2099, 2, 31, 18).toISOString()],
      ['2099-03-31T18:00:00+02:00', '2099-03-31T16:00:00.000Z'],
    ]) {
      const channel = resultsChannel();
      // A subject each: the device remembers it signed a petition.
      const el = await petition(channel, { closes, subject: `petition-${closes}` });
      await tickEligibility(el);
      expect((await sendAndRead(el, channel)).data.petition.closes, closes).to.equal(sent);
    }
  });

  it('refuses dates that are not ISO, or that do not exist, and more than 10 thresholds or a label over 200 characters', async () => {
    const channel = resultsChannel();
    const many = Array.from({ length: 11 }, (_, index) => `${(index + 1) * 10}:Palier ${index + 1}`).join(';');
    await petition(channel, { closes: '12/03/2027', thresholds: many });
    await petition(channel, { closes: '2027-02-30', thresholds: `500:${'x'.repeat(201)}` });
    expect(consoleErrors.errors.map((error) => error.replace(/=.*/, ''))).to.deep.equal([
      '<voix-petition> attribute closes',
      '<voix-petition> attribute thresholds',
      '<voix-petition> attribute closes',
      '<voix-petition> attribute thresholds',
    ]);
  });

  it('names a bad thresholds, fields or closes attribute in one console error each and still works', async () => {
    const channel = resultsChannel();
    await channel.serve(served(3));
    const el = await petition(channel, { thresholds: '2800:Débat;500:Rencontre', fields: 'name;phone', closes: 'bientôt' });
    await whenCounted(el);
    expect(consoleErrors.errors.map((error) => error.replace(/=.*/, ''))).to.deep.equal([
      '<voix-petition> attribute closes',
      '<voix-petition> attribute thresholds',
      '<voix-petition> attribute fields',
    ]);
    expect(shadow(el).querySelector('[part=thresholds]')).to.equal(null);
    expect(field(el, 'name')).not.to.equal(null);
    expect(countText(el)).to.equal('3 signatures');
  });

  it('takes a field named like an Object property (constructor, toString) as unknown, not as a field', async () => {
    const channel = resultsChannel();
    await channel.serve(served(3));
    const el = await petition(channel, { fields: 'name;constructor;toString' });
    await whenCounted(el);
    expect(consoleErrors.errors.map((error) => error.replace(/=.*/, ''))).to.deep.equal(['<voix-petition> attribute fields']);
    expect([...shadow(el).querySelectorAll('.field input')].map((input) => input.id)).to.deep.equal(['name']);
  });
});
