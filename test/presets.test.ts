import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/core/config.js';
import '../src/widgets/idea/idea.js';
import '../src/widgets/pulse/pulse.js';
import '../src/widgets/report/report.js';
import { endpointChannel, until } from './support/endpoint.js';
import {
  active,
  choose,
  eachTestClean,
  sendAndRead,
  inputs,
  nameOf,
  question,
  questionIds,
  shadow,
  stepLegend,
  submitForm,
  typeText,
} from './support/form-widget.js';

type Endpoint = ReturnType<typeof endpointChannel>;
type Widget = HTMLElement & { updateComplete: Promise<unknown> };

async function place(
  tag: 'voix-report' | 'voix-pulse' | 'voix-idea',
  endpoint: Endpoint,
  attributes: Record<string, string> = {},
): Promise<Widget> {
  const el = document.createElement(tag) as Widget;
  el.setAttribute('endpoint', endpoint.url);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  wrapper.append(el);
  await el.updateComplete;
  return el;
}

const hintOf = (el: Widget, id: string) => question(el, id)!.querySelector('.hint')?.textContent?.trim();

describe('<voix-report>', () => {
  const consoleErrors = eachTestClean();

  it('asks what it is about, where, what happened and how often; sends voix.report', async () => {
    const endpoint = endpointChannel();
    const el = await place('voix-report', endpoint, { subject: 'mairie' });
    expect(stepLegend(el)!.textContent!.trim()).to.equal('Signaler une difficulté');
    expect(questionIds(el)).to.deep.equal(['category', 'where', 'what', 'often']);
    expect(inputs(el, 'category').map(nameOf)).to.deep.equal([
      'L’accueil',
      'Les délais',
      'Une démarche en ligne',
      'Les horaires',
      'L’information',
      'L’accès aux lieux',
      'Autre chose',
    ]);
    await expect(el).to.be.accessible();

    await choose(el, 'category', 'delais');
    await typeText(el, 'where', 'Service urbanisme');
    await typeText(el, 'what', 'Trois semaines sans réponse, écrivez-moi à jean@example.fr');
    await choose(el, 'often', 'souvent');
    const envelope = await sendAndRead(el, endpoint);
    expect(envelope.type).to.equal('voix.report');
    expect(envelope.data.answers).to.deep.include({ category: 'delais', where: 'Service urbanisme', often: 'souvent' });
    expect(envelope.data.answers.what).to.match(/^Trois semaines sans réponse/);
    expect(envelope.data.answers.what, 'scrubbed').not.to.contain('jean@example.fr');
    expect(envelope.data.definition.questions).to.deep.equal({ category: 'choice', where: 'text', what: 'text', often: 'choice' });
    expect(consoleErrors.errors).to.deep.equal([]);
  });

  it('takes the collectivité’s own categories and title', async () => {
    const el = await place('voix-report', endpointChannel(), {
      label: 'Le bus des services',
      categories: 'arret:L’arrêt;horaires:Les horaires du bus;autre:Autre',
    });
    expect(stepLegend(el)!.textContent!.trim()).to.equal('Le bus des services');
    expect(inputs(el, 'category').map((input) => input.value)).to.deep.equal(['arret', 'horaires', 'autre']);
  });

  // Issue 16, accessibility 1: sent blank, only the first question was marked (« Que s’est-il passé ? » stayed unmarked).
  it('sent blank: marks every required question left blank, focuses the first, and sums them up in an alert whose buttons reach each one', async () => {
    const endpoint = endpointChannel();
    const el = await place('voix-report', endpoint);
    shadow(el).querySelector<HTMLButtonElement>('button[type=submit]')!.focus();
    submitForm(el);
    await el.updateComplete;
    const textarea = shadow(el).getElementById('q-what-text') as HTMLTextAreaElement;
    expect(inputs(el, 'category').every((input) => input.getAttribute('aria-invalid') === 'true')).to.be.true;
    expect(question(el, 'category')!.getAttribute('aria-describedby')).to.equal('q-category-error');
    expect(textarea.getAttribute('aria-invalid'), '« Que s’est-il passé ? » is marked too').to.equal('true');
    expect(textarea.getAttribute('aria-describedby')!.split(' ')).to.include('q-what-error');
    expect(shadow(el).getElementById('q-what-error')!.textContent).to.equal('Veuillez répondre à cette question.');
    expect(active(el) === inputs(el, 'category')[0], 'focus on the first').to.be.true;
    const summary = shadow(el).querySelector('.summary[role=alert]')!;
    expect(summary, 'a summary').to.exist;
    expect(summary.querySelector('p')!.textContent).to.equal('2 questions demandent une réponse.');
    const links = [...summary.querySelectorAll('button')];
    expect(links.map((button) => button.textContent!.trim())).to.deep.equal(['De quoi s’agit-il\u202f?', 'Que s’est-il passé\u202f?']);
    expect(
      links.every((button) => button.type === 'button'),
      'they do not submit',
    ).to.be.true;
    await expect(el).to.be.accessible();

    // Keyboard only: from the summary's second button to the textarea.
    links[1].focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(active(el) === textarea, 'focus on « Que s’est-il passé ? »').to.be.true;
    await sendKeys({ type: 'Le guichet était fermé' });
    await el.updateComplete;
    expect(textarea.hasAttribute('aria-invalid'), 'answered: no longer marked').to.be.false;
    expect(summary.querySelector('p')!.textContent, 'the summary stands as it was until the next try').to.equal(
      '2 questions demandent une réponse.',
    );
    submitForm(el);
    await el.updateComplete;
    expect(summary.querySelector('p')!.textContent).to.equal('Une question demande une réponse.');
    expect(active(el) === inputs(el, 'category')[0], 'focus on what is still blank').to.be.true;
    expect((await endpoint.received()).attempts).to.have.length(0);
    await choose(el, 'category', 'accueil');
    const { data } = await sendAndRead(el, endpoint);
    expect(data.answers).to.deep.equal({ category: 'accueil', what: 'Le guichet était fermé' });
  });
});

describe('<voix-pulse>', () => {
  const consoleErrors = eachTestClean();

  it('asks agents, anonymously, how far what is tried helps, what blocks, one idea; sends voix.pulse with audience agent', async () => {
    const endpoint = endpointChannel();
    const el = await place('voix-pulse', endpoint, { label: 'Le nouveau circuit des congés', subject: 'circuit-conges' });
    expect(stepLegend(el)!.textContent!.trim()).to.equal('Le nouveau circuit des congés');
    expect(questionIds(el)).to.deep.equal(['helps', 'blocks', 'idea']);
    expect(inputs(el, 'helps').map(nameOf)).to.deep.equal([
      'Pas du tout d’accord',
      'Pas d’accord',
      'Ni d’accord ni pas d’accord',
      'D’accord',
      'Tout à fait d’accord',
    ]);
    expect(hintOf(el, 'helps')).to.match(/^Vos réponses sont anonymes/);
    await expect(el).to.be.accessible();

    await choose(el, 'helps', '2');
    await typeText(el, 'blocks', 'Le logiciel refuse les demines-journées.');
    await typeText(el, 'idea', 'Un formulaire papier en secours.');
    const envelope = await sendAndRead(el, endpoint);
    expect(envelope.type).to.equal('voix.pulse');
    expect(envelope.data.audience).to.equal('agent');
    expect(envelope.data.answers).to.deep.equal({
      helps: 2,
      blocks: 'Le logiciel refuse les demines-journées.',
      idea: 'Un formulaire papier en secours.',
    });
    expect(consoleErrors.errors).to.deep.equal([]);
  });

  it('takes its own statement in `question`', async () => {
    const el = await place('voix-pulse', endpointChannel(), { question: 'Le guichet unique me fait gagner du temps.' });
    expect(question(el, 'helps')!.querySelector('legend')!.textContent).to.contain('Le guichet unique me fait gagner du temps.');
  });

  it('replaces its questions with a definition, and still sends voix.pulse for agents', async () => {
    const endpoint = endpointChannel();
    const el = document.createElement('voix-pulse') as Widget;
    el.setAttribute('endpoint', endpoint.url);
    const script = document.createElement('script');
    script.type = 'application/json';
    script.textContent = JSON.stringify({
      id: 'ambassadeurs',
      steps: [
        { title: 'Le test', questions: [{ id: 'clear', kind: 'yesno', label: 'Le nouveau processus est-il clair ?', required: true }] },
      ],
    });
    el.append(script);
    (await fixture<HTMLDivElement>(html`<div></div>`)).append(el);
    // The definition is checked by a module loaded on demand.
    await until(() => questionIds(el).join() === 'clear', 'the definition’s question is shown');
    await choose(el, 'clear', 'yes');
    const envelope = await sendAndRead(el, endpoint);
    expect([envelope.type, envelope.data.audience, envelope.data.definition.id]).to.deep.equal(['voix.pulse', 'agent', 'ambassadeurs']);
    expect(shadow(el).querySelector('form')).to.equal(null);
  });
});

describe('<voix-idea>', () => {
  const consoleErrors = eachTestClean();
  const email = (el: Widget) => shadow(el).querySelector<HTMLInputElement>('#email')!;

  it('asks the idea, its description, a theme and a place; the e-mail address goes apart, as given; sends voix.idea', async () => {
    const endpoint = endpointChannel();
    const el = await place('voix-idea', endpoint, { subject: 'parc-naturel-urbain-idees' });
    expect(stepLegend(el)!.textContent!.trim()).to.equal('Proposer une idée');
    expect(questionIds(el)).to.deep.equal(['title', 'description', 'category', 'place', '']);
    expect(shadow(el).querySelector('label[for=email]')!.textContent!.trim()).to.equal('Votre adresse électronique (facultatif)');
    expect(email(el).getAttribute('aria-describedby')!.trim()).to.equal('email-hint');
    await expect(el).to.be.accessible();

    await typeText(el, 'title', 'Un verger partagé');
    await typeText(el, 'description', 'Des arbres fruitiers le long du chemin des Prés. Contact : lea@example.fr');
    await choose(el, 'category', 'nature');
    await typeText(el, 'place', 'Les Prés de l’Ill');
    email(el).value = 'lea.martin@example.fr';
    email(el).dispatchEvent(new InputEvent('input'));
    const envelope = await sendAndRead(el, endpoint);
    expect(envelope.type).to.equal('voix.idea');
    expect(envelope.data.answers.personal).to.deep.equal({ email: 'lea.martin@example.fr' });
    expect(envelope.data.answers.description, 'the free text is scrubbed').not.to.contain('lea@example.fr');
    expect(envelope.data.answers).to.deep.include({ title: 'Un verger partagé', category: 'nature', place: 'Les Prés de l’Ill' });
    expect(consoleErrors.errors).to.deep.equal([]);
  });

  it('warns against personal data once, after its three free texts, with the privacy link there in Tab order', async () => {
    const config = await fixture(
      html`<voix-config endpoint=${endpointChannel().url} privacy-href="/confidentialite"><voix-idea></voix-idea></voix-config>`,
    );
    const el = config.querySelector('voix-idea') as Widget;
    await el.updateComplete;
    const root = shadow(el);
    expect(root.textContent!.split('N’indiquez pas de données personnelles').length - 1, 'the warning, said once').to.equal(1);
    expect(root.querySelectorAll('a').length, 'one privacy link').to.equal(1);
    const texts = [...root.querySelectorAll<HTMLElement>('[data-describedby] :is(input, textarea)')];
    expect(texts.map((text) => text.id)).to.deep.equal(['q-title-text', 'q-description-text', 'q-place-text']);
    for (const text of texts) expect(text.getAttribute('aria-describedby')!.split(' ')).to.include('warning');
    // Tab order is the shadow tree's order (no tabindex): fields first, the link after them, then the e-mail field and Envoyer.
    const stops = [...root.querySelectorAll<HTMLElement>('input:not([type=radio]), textarea, a, button')].map(
      (stop) => stop.id || stop.localName,
    );
    expect(stops).to.deep.equal(['q-title-text', 'q-description-text', 'q-place-text', 'a', 'email', 'button']);
    texts[0].focus();
    // Description, the theme's radio group (one Tab stop), the place, then the link.
    for (let stop = 0; stop < 4; stop++) await sendKeys({ press: 'Tab' });
    expect(active(el)!.localName, 'the link follows the last free text').to.equal('a');
    await expect(el).to.be.accessible();
  });

  it('refuses a malformed e-mail address with an error tied to it and focus on it; without one, no personal data', async () => {
    const endpoint = endpointChannel();
    const el = await place('voix-idea', endpointChannel());
    await typeText(el, 'title', 'Des bancs');
    await typeText(el, 'description', 'Plus de bancs à l’ombre.');
    email(el).value = 'lea.martin@exemple';
    email(el).dispatchEvent(new InputEvent('input'));
    submitForm(el);
    await el.updateComplete;
    await el.updateComplete;
    expect(shadow(el).getElementById('email-error')!.textContent!.trim()).to.equal('Adresse à corriger, par exemple nom@exemple.fr.');
    expect(email(el).getAttribute('aria-describedby')).to.equal('email-hint email-error');
    expect(active(el)).to.equal(email(el));
    await expect(el).to.be.accessible();

    const other = await place('voix-idea', endpoint);
    await typeText(other, 'title', 'Des bancs');
    await typeText(other, 'description', 'Plus de bancs à l’ombre.');
    const envelope = await sendAndRead(other, endpoint);
    expect(envelope.data.answers).to.deep.equal({ title: 'Des bancs', description: 'Plus de bancs à l’ombre.' });
  });
});
