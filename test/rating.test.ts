import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { VoixRating } from '../src/widgets/rating/rating.js';
import '../src/widgets/rating/rating.js';
import { endpointChannel, until } from './support/endpoint.js';
import {
  active,
  buttonNamed,
  checkedValues,
  choose,
  eachTestClean,
  holdTimersOf,
  inputs,
  nameOf,
  queueThenDeliver,
  question,
  sendWhileHeld,
  questionIds,
  shadow,
  statusText,
  stepLegend,
  submitForm,
  typeText,
} from './support/form-widget.js';

const legendOf = (el: HTMLElement, id: string) =>
  question(el, id)!
    .querySelector('legend')!
    .textContent!.replace(/[ \n\t]+/g, ' ')
    .trim();

async function rating(
  endpoint: ReturnType<typeof endpointChannel>,
  attributes: Record<string, string | boolean> = {},
): Promise<VoixRating> {
  const el = document.createElement('voix-rating');
  el.setAttribute('endpoint', endpoint.url);
  for (const [name, value] of Object.entries(attributes)) if (value !== false) el.setAttribute(name, value === true ? '' : value);
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  wrapper.append(el);
  await el.updateComplete;
  // The jdma preset's questions are a module loaded on demand.
  if (attributes.preset) await until(() => !!shadow(el).querySelector('form'), 'the card is drawn');
  return el;
}

/** Submits and returns what the local endpoint stored (validated against schemas/), with the attempt. */
async function posted(el: VoixRating, endpoint: ReturnType<typeof endpointChannel>) {
  const sent = oneEvent(el, 'voix-sent');
  submitForm(el);
  await sent;
  const { attempts, stored } = await endpoint.received();
  expect(attempts).to.have.length(1);
  expect(attempts[0].valid, attempts[0].errors?.join('\n')).to.be.true;
  expect(stored).to.have.length(1);
  return stored[0];
}

describe('<voix-rating>', () => {
  const consoleErrors = eachTestClean();

  it('rates on 3 faces by default, read as words, and passes axe blank', async () => {
    const el = await rating(endpointChannel());
    await expect(el).to.be.accessible();
    expect(inputs(el, 'score').map((input) => input.type)).to.deep.equal(['radio', 'radio', 'radio']);
    expect(inputs(el, 'score').map(nameOf)).to.deep.equal(['Pas bien', 'Moyen', 'Très bien']);
    expect(legendOf(el, 'score')).to.equal('De façon générale, comment ça s’est passé\u202f? (obligatoire)');
    expect(question(el, 'score')!.getAttribute('role'), 'a radio group, not a slider').to.equal(null);
    expect(consoleErrors.errors).to.deep.equal([]);
  });

  it('rates on 5 stars read "4 étoiles sur 5", or from 0 to 10', async () => {
    const stars = await rating(endpointChannel(), { scale: 'stars' });
    expect(inputs(stars, 'score').map(nameOf)).to.deep.equal([
      '1 étoile sur 5',
      '2 étoiles sur 5',
      '3 étoiles sur 5',
      '4 étoiles sur 5',
      '5 étoiles sur 5',
    ]);
    expect(inputs(stars, 'score').every((input) => input.type === 'radio')).to.be.true;
    await expect(stars).to.be.accessible();
    const nps = await rating(endpointChannel(), { scale: 'nps' });
    expect(inputs(nps, 'score').map((input) => input.value)).to.deep.equal(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(nameOf(inputs(nps, 'score')[7])).to.equal('7 sur 10');
    await expect(nps).to.be.accessible();
  });

  it('gives every option a target of at least 24 by 24 px, on each scale', async () => {
    for (const scale of ['smileys', 'stars', 'nps']) {
      const el = await rating(endpointChannel(), { scale });
      const small = inputs(el, 'score')
        .map((input) => input.closest('label')!.getBoundingClientRect())
        .filter(({ width, height }) => width < 24 || height < 24)
        .map(({ width, height }) => `${width}x${height}`);
      expect(small, `${scale}: targets under 24 px`).to.deep.equal([]);
    }
  });

  it('makes each criterion an id fit for a key, rated on the same scale, with the label as title and the question overridden', async () => {
    const el = await rating(endpointChannel(), {
      scale: 'stars',
      criteria: "Accueil;Délai;Clarté de l'information",
      label: 'Accueil de la mairie',
      question: 'Comment jugez-vous notre accueil ?',
      comment: true,
    });
    expect(questionIds(el)).to.deep.equal(['score', 'accueil', 'delai', 'clarte-de-l-information', 'comment']);
    expect(stepLegend(el)!.textContent!.trim()).to.equal('Accueil de la mairie');
    expect(legendOf(el, 'score')).to.equal('Comment jugez-vous notre accueil ? (obligatoire)');
    expect(legendOf(el, 'clarte-de-l-information')).to.equal("Clarté de l'information");
    expect(inputs(el, 'delai').map(nameOf)[3]).to.equal('4 étoiles sur 5');
    expect(question(el, 'comment')!.querySelector('textarea'), 'the comment is a textarea').to.exist;
    await expect(el).to.be.accessible();
    expect(consoleErrors.errors).to.deep.equal([]);
  });

  it('delivers stars with criteria Accueil;Délai rated 4, 5, 3 and a comment as one voix.rating valid against its schema', async () => {
    const endpoint = endpointChannel();
    const el = await rating(endpoint, { scale: 'stars', criteria: 'Accueil;Délai', comment: true, subject: 'accueil-mairie' });
    await choose(el, 'score', '4');
    await choose(el, 'accueil', '5');
    await choose(el, 'delai', '3');
    await typeText(el, 'comment', 'Très bon accueil, appelez-moi au 06 12 34 56 78.');
    const envelope = await posted(el, endpoint);
    expect(envelope).to.include({ type: 'voix.rating', subject: 'accueil-mairie' });
    expect(envelope.data.answers).to.deep.equal({
      score: 4,
      accueil: 5,
      delai: 3,
      comment: 'Très bon accueil, appelez-moi au [téléphone retiré].',
    });
    expect(envelope.data.audience).to.equal('user');
    expect(envelope.data.definition).to.include({ id: 'rating' });
    expect(envelope.data.definition.version).to.match(/^[0-9a-f]{8}$/);
    expect(envelope.data.definition.questions).to.deep.equal({ score: 'stars', accueil: 'stars', delai: 'stars', comment: 'text' });
    // The labels asked, for the team's dashboard (issue 16, wording 9): « Accueil », not `accueil`.
    expect(envelope.data.definition.labels).to.deep.equal({
      score: 'De façon générale, comment ça s’est passé\u202f?',
      accueil: 'Accueil',
      delai: 'Délai',
      comment: 'Votre commentaire (facultatif)',
    });
    expect(envelope.data.widget.name).to.equal('voix-rating');
    await el.updateComplete;
    expect(statusText(el)).to.contain('Merci pour votre avis');
    await expect(el).to.be.accessible();
  });

  // Found by this suite: the version hashed the wording, so the same card sent another version in English.
  it('sends the same definition version whatever the page’s language', async () => {
    const versions: string[] = [];
    for (const lang of ['fr', 'en']) {
      const endpoint = endpointChannel();
      const el = await rating(endpoint, { lang, scale: 'stars', criteria: 'Accueil', comment: true });
      await until(() => !!question(el, 'comment') && el.shadowRoot!.querySelector('.card')!.getAttribute('lang') === lang, `${lang} text`);
      await choose(el, 'score', '4');
      versions.push((await posted(el, endpoint)).data.definition.version);
    }
    expect(versions[1], 'the same questions, the same version').to.equal(versions[0]);
  });

  it('preset="jdma" asks the State’s questions and sends its values; contact_reached only when shown', async () => {
    const endpoint = endpointChannel();
    const el = await rating(endpoint, { preset: 'jdma', label: 'Démarche en ligne' });
    expect(questionIds(el)).to.deep.equal(['satisfaction', 'comprehension', 'contact_tried', 'comment']);
    expect(inputs(el, 'satisfaction').map((input) => input.value)).to.deep.equal(['1', '2', '3']);
    expect(inputs(el, 'comprehension').map((input) => input.value)).to.deep.equal(['1', '2', '3', '4', '5']);
    expect(inputs(el, 'contact_tried').map((input) => input.value)).to.deep.equal([
      'guichet',
      'telephone',
      'email',
      'chat',
      'proche',
      'association',
      'aucune',
    ]);
    await expect(el).to.be.accessible();

    await choose(el, 'satisfaction', '3');
    await choose(el, 'comprehension', '4');
    await choose(el, 'contact_tried', 'telephone');
    expect(questionIds(el), 'shown once help was sought from the administration').to.include('contact_reached');
    await choose(el, 'contact_reached', 'yes');
    // Then changed: help from a relative only, so "could you reach the administration" is hidden, and not sent.
    await choose(el, 'contact_tried', 'telephone', 'proche');
    expect(questionIds(el)).not.to.include('contact_reached');
    await typeText(el, 'comment', 'Clair.');
    const envelope = await posted(el, endpoint);
    expect(envelope.data.answers).to.deep.equal({ satisfaction: 3, comprehension: 4, contact_tried: ['proche'], comment: 'Clair.' });
    expect(envelope.data.definition.id).to.equal('jdma');
    expect(envelope.data.definition.questions).to.deep.equal({
      satisfaction: 'smileys',
      comprehension: 'stars',
      contact_tried: 'choices',
      contact_reached: 'yesno',
      comment: 'text',
    });
  });

  it('preset="jdma" sends contact_reached when it is shown and answered', async () => {
    const endpoint = endpointChannel();
    const el = await rating(endpoint, { preset: 'jdma' });
    await choose(el, 'satisfaction', '1');
    await choose(el, 'contact_tried', 'guichet', 'email');
    await choose(el, 'contact_reached', 'no');
    const envelope = await posted(el, endpoint);
    expect(envelope.data.answers).to.deep.equal({ satisfaction: 1, contact_tried: ['guichet', 'email'], contact_reached: 'no' });
  });

  it('preset="jdma" with audience="agent" asks the mirror’s general question', async () => {
    const el = await rating(endpointChannel(), { preset: 'jdma', audience: 'agent' });
    expect(legendOf(el, 'satisfaction')).to.equal('Selon vous, comment les usagers jugent-ils ce service\u202f? (obligatoire)');
  });

  it('audience="agent" asks the mirror’s question and sends data.audience "agent"', async () => {
    const endpoint = endpointChannel();
    const el = await rating(endpoint, { audience: 'agent', label: 'Accueil de la mairie' });
    expect(legendOf(el, 'score')).to.equal('Selon vous, comment les usagers jugent-ils ce service\u202f? (obligatoire)');
    await expect(el).to.be.accessible();
    await choose(el, 'score', '2');
    const envelope = await posted(el, endpoint);
    expect(envelope.data.audience).to.equal('agent');
    expect(envelope.data.answers).to.deep.equal({ score: 2 });
    expect(consoleErrors.errors).to.deep.equal([]);
  });

  const badAttributes: Array<[string, Record<string, string>, string, string[]]> = [
    ['scale="x"', { scale: 'x' }, '<voix-rating> attribute scale="x": expected smileys, stars or nps.', ['score']],
    ['preset="x"', { preset: 'x' }, '<voix-rating> attribute preset="x": expected jdma.', ['score']],
    ['criteria with clashing ids', { criteria: 'Accueil;accueil' }, '<voix-rating> attribute criteria="Accueil;accueil"', ['score']],
    ['a criterion called score', { criteria: 'Score;Délai' }, '<voix-rating> attribute criteria="Score;Délai"', ['score']],
    ['audience="x"', { audience: 'x' }, '<voix-rating> attribute audience="x": expected user or agent.', ['score']],
  ];
  for (const [name, attributes, error, ids] of badAttributes) {
    it(`names ${name} in one console error and falls back to the default`, async () => {
      const endpoint = endpointChannel();
      const el = await rating(endpoint, attributes);
      expect(questionIds(el)).to.deep.equal(ids);
      expect(inputs(el, 'score').map(nameOf), 'the default scale').to.deep.equal(['Pas bien', 'Moyen', 'Très bien']);
      expect(legendOf(el, 'score')).to.equal('De façon générale, comment ça s’est passé\u202f? (obligatoire)');
      await choose(el, 'score', '3');
      const envelope = await posted(el, endpoint);
      expect(envelope.data.audience).to.equal('user');
      expect(consoleErrors.errors).to.have.length(1);
      expect(consoleErrors.errors[0]).to.contain(error);
    });
  }

  it('takes its questions from a child script too', async () => {
    const el = document.createElement('voix-rating');
    el.setAttribute('endpoint', endpointChannel().url);
    el.innerHTML = `<script type="application/json">${JSON.stringify({
      id: 'guichet',
      steps: [{ title: 'Le guichet', questions: [{ id: 'attente', kind: 'scale', scale: 'nps', label: 'L’attente', required: true }] }],
    })}</script>`;
    (await fixture<HTMLDivElement>(html`<div></div>`)).append(el);
    await until(() => question(el, 'attente') !== null, 'the definition is read');
    expect(questionIds(el)).to.deep.equal(['attente']);
    expect(consoleErrors.errors).to.deep.equal([]);
  });

  it('shows markup in label, question and criteria as text', async () => {
    const evil = '<img src=x onerror="window.pwned=1">';
    const el = await rating(endpointChannel(), { label: evil, question: evil, criteria: `attente:${evil}` });
    expect(stepLegend(el)!.textContent!.trim()).to.equal(evil);
    expect(legendOf(el, 'score')).to.equal(`${evil} (obligatoire)`);
    expect(legendOf(el, 'attente')).to.equal(evil);
    expect(shadow(el).querySelector('img')).to.equal(null);
    expect((window as { pwned?: number }).pwned).to.equal(undefined);
  });

  it('takes criteria as a JS array too', async () => {
    const el = await rating(endpointChannel(), { scale: 'stars' });
    el.criteria = ['attente:Le temps d’attente', { value: 'proprete', label: 'La propreté' }];
    await el.updateComplete;
    expect(questionIds(el)).to.deep.equal(['score', 'attente', 'proprete']);
    expect(legendOf(el, 'attente')).to.equal('Le temps d’attente');
    expect(consoleErrors.errors).to.deep.equal([]);
  });

  it('takes its questions from `definition` instead of its own', async () => {
    const endpoint = endpointChannel();
    const url = new URL('../schemas/examples/accueil-mairie.json', import.meta.url).href;
    const el = await rating(endpoint, { definition: url, scale: 'stars', criteria: 'Accueil' });
    await until(() => question(el, 'overall') !== null, 'the definition is read');
    expect(questionIds(el)).to.deep.equal(['overall', 'waiting', 'recommend', 'channel', 'best']);
    await expect(el).to.be.accessible();
    await choose(el, 'overall', '3');
    const envelope = await posted(el, endpoint);
    expect(envelope.type).to.equal('voix.rating');
    expect(envelope.data.answers).to.deep.equal({ overall: 3 });
    expect(envelope.data.definition.id).to.equal('accueil-mairie');
    // A definition's labels in the widget's language (French here), not the whole per-language object.
    expect(envelope.data.definition.labels.waiting).to.equal('Le temps d’attente');
    expect(consoleErrors.errors).to.deep.equal([]);
  });

  it('ties the required error to the score by aria-describedby and focuses it; axe passes with the error shown', async () => {
    const el = await rating(endpointChannel(), { scale: 'stars' });
    submitForm(el);
    await el.updateComplete;
    const error = shadow(el).getElementById('q-score-error')!;
    expect(error.textContent).to.equal('Veuillez répondre à cette question.');
    expect(question(el, 'score')!.getAttribute('aria-describedby')).to.equal('q-score-error');
    expect(active(el) === inputs(el, 'score')[0], 'focus on the first star').to.be.true;
    expect(el.getAttribute('state')).to.equal('idle');
    await expect(el).to.be.accessible();
  });

  it('shows sending while the endpoint answers, then sent; axe passes in both', async () => {
    const endpoint = endpointChannel();
    const el = await rating(endpoint);
    await choose(el, 'score', '2');
    await sendWhileHeld(el, endpoint, 'score', 'voix-sent');
    expect(el.getAttribute('state')).to.equal('sent');
    await expect(el).to.be.accessible();
  });
});

describe('<voix-rating> offline', () => {
  eachTestClean();

  it('queues the answer while the endpoint is unreachable, keeps it, and delivers it once the network is back', async () => {
    const endpoint = endpointChannel();
    const el = await rating(endpoint, { scale: 'stars', criteria: 'Accueil' });
    await choose(el, 'score', '5');
    await choose(el, 'accueil', '4');
    await queueThenDeliver(el, endpoint, { score: 5, accueil: 4 });
  });
});

describe('<voix-rating> kiosk', () => {
  eachTestClean();

  it('kiosk="20": thanks, then after 20 s a blank card for the next person', async () => {
    const clock = holdTimersOf(20_000);
    try {
      const endpoint = endpointChannel();
      const el = await rating(endpoint, { kiosk: '20', scale: 'stars', criteria: 'Accueil' });
      await choose(el, 'score', '4');
      await choose(el, 'accueil', '2');
      const sent = oneEvent(el, 'voix-sent');
      submitForm(el);
      await sent;
      await el.updateComplete;
      expect(statusText(el)).to.contain('Merci pour votre avis');
      expect(buttonNamed(el, 'Nouvel avis'), 'Nouvel avis offered').to.exist;
      expect(clock.waiting, 'the reset waits 20 s').to.equal(1);
      await expect(el).to.be.accessible();

      clock.elapse();
      await el.updateComplete;
      expect(el.getAttribute('state')).to.equal('idle');
      expect(inputs(el, 'score').some((input) => input.checked) || inputs(el, 'accueil').some((input) => input.checked), 'nothing checked')
        .to.be.false;
      expect(statusText(el)).to.equal('');
      await expect(el).to.be.accessible();
      // The next person's answer is theirs alone.
      await choose(el, 'score', '1');
      const next = oneEvent(el, 'voix-sent');
      submitForm(el);
      await next;
      expect((await endpoint.received()).stored.map((envelope) => envelope.data.answers)).to.deep.equal([
        { score: 4, accueil: 2 },
        { score: 1 },
      ]);
    } finally {
      clock.restore();
    }
  });

  it('"Nouvel avis" resets at once, puts focus on the first control and cancels the timer', async () => {
    const clock = holdTimersOf(20_000);
    try {
      const el = await rating(endpointChannel(), { kiosk: '20' });
      await choose(el, 'score', '3');
      const sent = oneEvent(el, 'voix-sent');
      submitForm(el);
      await sent;
      await el.updateComplete;
      const next = buttonNamed(el, 'Nouvel avis')!;
      next.focus();
      next.click();
      await el.updateComplete;
      expect(el.getAttribute('state')).to.equal('idle');
      expect(clock.waiting, 'the 20 s timer is cancelled').to.equal(0);
      expect(active(el) === inputs(el, 'score')[0], 'focus on the first control').to.be.true;
      expect(inputs(el, 'score').some((input) => input.checked)).to.be.false;
    } finally {
      clock.restore();
    }
  });

  it('after 20 s, a queued answer delivered later leaves the next person’s blank card alone', async () => {
    const clock = holdTimersOf(20_000);
    try {
      const endpoint = endpointChannel();
      await endpoint.setDown(true);
      const el = await rating(endpoint, { kiosk: '20' });
      await choose(el, 'score', '1');
      const queued = oneEvent(el, 'voix-queued');
      submitForm(el);
      await queued;
      await el.updateComplete;
      expect(buttonNamed(el, 'Nouvel avis'), 'Nouvel avis offered when queued too').to.exist;
      expect(clock.waiting).to.equal(1);
      clock.elapse();
      await el.updateComplete;
      expect(el.getAttribute('state')).to.equal('idle');
      await choose(el, 'score', '3');

      await endpoint.setDown(false);
      window.dispatchEvent(new Event('online'));
      await until(async () => (await endpoint.received()).stored.length === 1, 'the queued answer arrives');
      await el.updateComplete;
      expect(el.getAttribute('state'), 'no thanks shown to the next person').to.equal('idle');
      expect(checkedValues(el, 'score'), 'the next person’s answer kept').to.deep.equal(['3']);
    } finally {
      clock.restore();
    }
  });

  it('ignores sample="0" and once in kiosk mode', async () => {
    const endpoint = endpointChannel();
    const sampledOut = await rating(endpoint, { kiosk: '20', sample: '0' });
    expect(sampledOut.getAttribute('state')).to.equal('idle');
    const first = await rating(endpoint, { kiosk: '20', once: true, subject: 'guichet' });
    await choose(first, 'score', '3');
    const sent = oneEvent(first, 'voix-sent');
    submitForm(first);
    await sent;
    const again = await rating(endpoint, { kiosk: '20', once: true, subject: 'guichet' });
    expect(again.getAttribute('state')).to.equal('idle');
    expect(inputs(again, 'score')).to.have.length(3);
    // Without kiosk, the same attributes do hide it: the test would see it.
    const hidden = await rating(endpoint, { sample: '0' });
    expect(hidden.getAttribute('state')).to.equal('hidden');
  });
});
