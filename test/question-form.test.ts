import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { nothing } from 'lit';
import type { Definition, Question } from '../src/engine/definition.js';
import type { VoixEnvelope, VoixEventType } from '../src/core/envelope.js';
import { VoixWidget } from '../src/core/voix-widget.js';
import { formFr } from '../src/engine/fr.js';
import { questionFormStyles, QuestionForm, type Answers } from '../src/engine/question-form.js';
import { statusRegion } from '../src/parts/status-region.js';
import { baseStyles } from '../src/styles/tokens.js';
import { clearStorage, endpointChannel, releaseHeldAnswers, until } from './support/endpoint.js';

/** A test-only widget on the engine, as <voix-survey> will be: the definition in, answer() out. */
class TestSurvey extends VoixWidget {
  static override styles = [baseStyles, questionFormStyles];
  static override catalogue = formFr;
  protected readonly eventType: VoixEventType = 'voix.survey';
  readonly form = new QuestionForm(this, {
    i18n: this.i18n,
    onSubmit: (answers) => void this.answer(answers),
  });

  set definition(definition: Definition) {
    this.form.definition = definition;
    this.requestUpdate();
  }

  protected renderWidget() {
    const state = this.state;
    return html`<div class="card" lang=${this.i18n.lang}>
      ${/sent|queued/.test(state) ? nothing : this.form.render(state !== 'idle')}
      ${statusRegion(this.submitter, this.i18n)}
    </div>`;
  }
}
TestSurvey.define('test-survey');

const shadow = (el: HTMLElement) => el.shadowRoot!;
const one = (title: string, ...questions: Question[]): Definition['steps'][number] => ({ title, questions });
const survey = (...questions: Question[]): Definition => ({ id: 'test', steps: [one('Votre avis', ...questions)] });
const grenoble = async (): Promise<Definition> =>
  (await fetch(new URL('../schemas/examples/acces-aux-droits.json', import.meta.url))).json();

async function render(definition: Definition, attributes: { lang?: string; strings?: object } = {}): Promise<TestSurvey> {
  const endpoint = endpointChannel();
  return fixture<TestSurvey>(
    html`<test-survey endpoint=${endpoint.url} lang=${attributes.lang ?? nothing} .strings=${attributes.strings} .definition=${definition}></test-survey>`,
  );
}

/** The answers the widget would send: taken from voix-submit, which is cancelled so that nothing is posted. */
async function submitted(el: TestSurvey, press: () => unknown): Promise<Answers> {
  const event = oneEvent(el, 'voix-submit');
  await press();
  const { detail } = (await event) as CustomEvent<VoixEnvelope<Answers>>;
  return detail.data.answers;
}
// Elements are compared as booleans: chai printing a failing element's shadow tree stalls the run.
// The page takes the answer over (a cancelled voix-submit), so that nothing is posted, except
// where a test says `data-post`: the local endpoint has no voix.survey schema before step 3.
document.addEventListener('voix-submit', (event) => (event.target as HTMLElement).hasAttribute('data-post') || event.preventDefault());

const question = (el: HTMLElement, id: string) => shadow(el).getElementById(`q-${id}`)!;
const inputs = (el: HTMLElement, id: string) => [...question(el, id).querySelectorAll<HTMLInputElement>('.options input')];
/** What a screen reader reads for a control: its label without what is aria-hidden. */
function nameOf(input: HTMLInputElement): string {
  const label = input.labels![0].cloneNode(true) as HTMLElement;
  label.querySelectorAll('[aria-hidden=true]').forEach((hidden) => hidden.remove());
  return label.textContent!.replace(/\s+/g, ' ').trim();
}
const buttonNamed = (el: HTMLElement, text: string) =>
  [...shadow(el).querySelectorAll('button')].find((button) => button.textContent!.trim() === text);
const active = (el: HTMLElement) => shadow(el).activeElement as HTMLElement | null;

async function tabUntil(el: HTMLElement, matches: (active: HTMLElement | null) => boolean): Promise<void> {
  for (let i = 0; i < 30 && !matches(active(el)); i++) await sendKeys({ press: 'Tab' });
  expect(matches(active(el)), 'focus reached by Tab').to.be.true;
}

const everyKind = survey(
  { id: 'service', kind: 'choice', label: 'Quel service ?', options: 'etat-civil:État civil;urbanisme:Urbanisme' },
  {
    id: 'canaux',
    kind: 'choices',
    label: 'Par quels moyens ?',
    options: ['guichet:Guichet', 'tel:Téléphone', { value: 'mail', label: { fr: 'E-mail', en: 'E-mail' } }],
    max: 2,
    other: true,
  },
  { id: 'joignable', kind: 'yesno', label: 'Avez-vous pu joindre le service ?' },
  { id: 'general', kind: 'scale', scale: 'smileys', label: 'Comment ça s’est passé ?' },
  { id: 'etoiles', kind: 'scale', scale: 'stars', label: 'Votre note' },
  { id: 'recommande', kind: 'scale', scale: 'nps', label: 'Le recommanderiez-vous ?' },
  { id: 'clair', kind: 'scale', scale: 'agree', label: 'L’information était claire.' },
  { id: 'quartier', kind: 'text', label: 'Votre quartier', hint: 'Facultatif.' },
  { id: 'idee', kind: 'text', long: true, maxlength: 300, label: 'Une idée ?', hint: 'En quelques mots.' },
);

describe('the form engine (engine/question-form.ts)', () => {
  beforeEach(clearStorage);
  afterEach(releaseHeldAnswers);

  it('renders every kind and scale as native controls in fieldsets, each with the name a screen reader reads', async () => {
    const el = await render(everyKind);
    await expect(el).to.be.accessible();
    expect(shadow(el).querySelector('[role=slider]') === null, 'no slider').to.be.true;
    const names = (id: string) => inputs(el, id).map(nameOf);
    const types = (id: string) => new Set(inputs(el, id).map((input) => input.type));
    for (const id of ['service', 'canaux', 'joignable', 'general', 'etoiles', 'recommande', 'clair']) {
      expect(question(el, id).localName, id).to.equal('fieldset');
      expect(question(el, id).querySelector('legend')!.textContent!.trim(), id).to.not.equal('');
      expect([...types(id)], id).to.deep.equal([id === 'canaux' ? 'checkbox' : 'radio']);
      for (const input of inputs(el, id)) {
        const box = input.labels![0].getBoundingClientRect();
        expect(Math.min(box.width, box.height), `${id} target`).to.be.at.least(24);
      }
    }
    expect(names('service')).to.deep.equal(['État civil', 'Urbanisme']);
    expect(names('canaux')).to.deep.equal(['Guichet', 'Téléphone', 'E-mail', 'Autre']);
    expect(names('joignable')).to.deep.equal(['Oui', 'Non']);
    expect(names('general')).to.deep.equal(['Pas bien', 'Moyen', 'Très bien']);
    expect(names('etoiles')).to.deep.equal(['1 étoile sur 5', '2 étoiles sur 5', '3 étoiles sur 5', '4 étoiles sur 5', '5 étoiles sur 5']);
    expect(names('recommande')).to.deep.equal(Array.from({ length: 11 }, (_, score) => `${score} sur 10`));
    expect(names('clair')).to.deep.equal([
      'Pas du tout d’accord',
      'Pas d’accord',
      'Ni d’accord ni pas d’accord',
      'D’accord',
      'Tout à fait d’accord',
    ]);
    expect(inputs(el, 'recommande').map((input) => input.value)).to.deep.equal(Array.from({ length: 11 }, (_, score) => `${score}`));

    const short = shadow(el).getElementById('q-quartier-text') as HTMLInputElement;
    expect(short.labels![0].textContent).to.equal('Votre quartier');
    // Its hint, then the warning against personal data that every free text has.
    expect(short.getAttribute('aria-describedby')!.split(' ')).to.deep.equal(['q-quartier-hint', 'warning']);
    const long = shadow(el).getElementById('q-idee-text') as HTMLTextAreaElement;
    expect(long.localName).to.equal('textarea');
    expect(long.maxLength).to.equal(300);
    expect(long.getAttribute('aria-describedby'), 'hint and the warning against personal data').to.equal('q-idee-hint warning');
    expect(question(el, 'idee').textContent).to.contain('Il vous reste 300 caractères.');

    // One step: no indicator, no Précédent, just Envoyer.
    expect(shadow(el).querySelector('.step-legend')!.textContent!.trim()).to.equal('Votre avis');
    expect([...shadow(el).querySelectorAll('button')].map((button) => button.textContent!.trim())).to.deep.equal(['Envoyer']);
  });

  it('sends scales as numbers, yesno as "yes" / "no", choices as a list, in English too', async () => {
    const el = await render(everyKind, { lang: 'en' });
    await until(() => !!buttonNamed(el, 'Send'), 'the English catalogue');
    expect(inputs(el, 'etoiles').map(nameOf)[3]).to.equal('4 stars out of 5');
    expect(inputs(el, 'general').map(nameOf)).to.deep.equal(['Not good', 'Average', 'Very good']);
    expect(inputs(el, 'recommande').map(nameOf)[7]).to.equal('7 out of 10');
    expect(!!buttonNamed(el, 'Send'), 'Send').to.be.true;
    await expect(el).to.be.accessible();
    for (const [id, index] of [
      ['service', 1],
      ['canaux', 0],
      ['joignable', 1],
      ['general', 2],
      ['etoiles', 3],
      ['recommande', 7],
      ['clair', 0],
    ] as const) {
      inputs(el, id)[index].click();
    }
    const answers = await submitted(el, () => buttonNamed(el, 'Send')!.click());
    expect(answers).to.deep.equal({
      service: 'urbanisme',
      canaux: ['guichet'],
      joignable: 'no',
      general: 3,
      etoiles: 4,
      recommande: 7,
      clair: 1,
    });
  });

  it('goes through two steps with the keyboard alone; Précédent keeps the answers; focus lands on each new step', async () => {
    const el = await render(await grenoble());
    const legend = shadow(el).querySelector('.step-legend')!;
    // Read as one name: « Étape 1 sur 2 Vos démarches » ran the two together; a period, read and not shown, parts them.
    expect(legend.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Étape 1 sur 2. Vos démarches');
    const shown = [...legend.querySelector('.progress')!.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE);
    expect([legend.querySelector('.progress span')?.textContent, shown.map((node) => node.textContent).join('')]).to.deep.equal([
      '.',
      'Étape 1 sur 2',
    ]);
    await tabUntil(el, (focused) => (focused as HTMLInputElement)?.name === 'q-gave-up');
    await sendKeys({ press: 'ArrowRight' }); // Non, checked by the arrow, as native radios do
    await sendKeys({ press: 'ArrowLeft' }); // back to Oui
    expect((active(el) as HTMLInputElement).value).to.equal('yes');
    await el.updateComplete;
    expect(!!question(el, 'why'), 'shown after Oui').to.be.true;
    await sendKeys({ press: 'Tab' });
    expect((active(el) as HTMLInputElement).value).to.equal('complexe');
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' }); // delai
    await tabUntil(el, (focused) => focused?.textContent?.trim() === 'Suivant');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;

    expect(active(el) === shadow(el).querySelector('.step-legend'), 'focus on the new step').to.be.true;
    expect(active(el)!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Étape 2 sur 2. L’aide reçue');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Tab' });
    expect((active(el) as HTMLInputElement).name).to.equal('q-helped');
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Tab' });
    expect(active(el)!.localName).to.equal('textarea');
    await sendKeys({ type: 'Plus de permanences. ' });
    await tabUntil(el, (focused) => focused?.textContent?.trim() === 'Précédent');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;

    expect(active(el) === shadow(el).querySelector('.step-legend'), 'focus on step 1').to.be.true;
    expect(inputs(el, 'gave-up').map((input) => input.checked)).to.deep.equal([true, false]);
    expect(
      inputs(el, 'why')
        .filter((input) => input.checked)
        .map((input) => input.value),
    ).to.deep.equal(['complexe', 'delai']);
    await tabUntil(el, (focused) => focused?.textContent?.trim() === 'Suivant');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(inputs(el, 'helped').find((input) => input.checked)!.value, 'kept').to.equal('4');
    expect((shadow(el).getElementById('q-comment-text') as HTMLTextAreaElement).value).to.equal('Plus de permanences. ');

    await tabUntil(el, (focused) => focused?.textContent?.trim() === 'Envoyer');
    const answers = await submitted(el, () => sendKeys({ press: 'Enter' }));
    expect(answers).to.deep.equal({ 'gave-up': 'yes', why: ['complexe', 'delai'], helped: 4, comment: 'Plus de permanences.' });
  });

  it('ties an error to a required question left blank, focuses it, sends nothing, and clears it once answered', async () => {
    const el = await render(await grenoble());
    let sent = false;
    el.addEventListener('voix-submit', () => (sent = true));
    buttonNamed(el, 'Suivant')!.focus();
    buttonNamed(el, 'Suivant')!.click();
    await el.updateComplete;
    const error = shadow(el).getElementById('q-gave-up-error')!;
    expect(error.textContent).to.equal('Veuillez répondre à cette question.');
    expect(question(el, 'gave-up').getAttribute('aria-describedby')).to.equal('q-gave-up-error');
    expect(inputs(el, 'gave-up').map((input) => input.getAttribute('aria-invalid'))).to.deep.equal(['true', 'true']);
    expect(active(el) === inputs(el, 'gave-up')[0], 'focus on the first blank question').to.be.true;
    expect(question(el, 'gave-up').querySelector('legend')!.textContent).to.equal('Avez-vous renoncé à une démarche\u202f? (obligatoire)');
    expect(shadow(el).querySelector('.step-legend')!.textContent).to.contain('Étape 1 sur 2');
    await expect(el).to.be.accessible();

    inputs(el, 'gave-up')[1].click();
    await el.updateComplete;
    expect(shadow(el).getElementById('q-gave-up-error') === null, 'the error is gone').to.be.true;
    expect(question(el, 'gave-up').hasAttribute('aria-describedby')).to.be.false;
    expect(inputs(el, 'gave-up')[0].hasAttribute('aria-invalid')).to.be.false;

    buttonNamed(el, 'Suivant')!.click();
    await el.updateComplete;
    buttonNamed(el, 'Envoyer')!.click();
    await el.updateComplete;
    expect(!!shadow(el).getElementById('q-helped-error'), 'the required scale on step 2').to.be.true;
    expect(active(el) === inputs(el, 'helped')[0], 'focus on the blank scale').to.be.true;
    await expect(el).to.be.accessible();
    expect(sent, 'nothing sent').to.be.false;
  });

  it('sums up the required questions left blank in English too, and only those of the step shown', async () => {
    const el = await render(
      survey(
        { id: 'a', kind: 'yesno', label: { fr: 'A ?', en: 'A?' }, required: true },
        { id: 'b', kind: 'text', label: { fr: 'B ?', en: 'B?' } },
        { id: 'c', kind: 'scale', scale: 'stars', label: { fr: 'C ?', en: 'C?' }, required: true },
      ),
      { lang: 'en' },
    );
    await until(() => !!buttonNamed(el, 'Send'), 'English loaded');
    buttonNamed(el, 'Send')!.click();
    await el.updateComplete;
    const summary = shadow(el).querySelector('.summary')!;
    expect(summary.getAttribute('role')).to.equal('alert');
    expect(summary.querySelector('p')!.textContent).to.equal('2 questions need an answer.');
    expect([...summary.querySelectorAll('button')].map((button) => button.textContent!.trim())).to.deep.equal(['A?', 'C?']);
    expect(!!shadow(el).getElementById('q-a-error') && !!shadow(el).getElementById('q-c-error'), 'both marked').to.be.true;
    expect(active(el) === inputs(el, 'a')[0], 'focus on the first').to.be.true;
    await expect(el).to.be.accessible();
  });

  it('ties the error of a required long text to its textarea, beside the warning against personal data', async () => {
    const el = await render(survey({ id: 'avis', kind: 'text', long: true, required: true, label: 'Votre avis', hint: 'En une phrase.' }));
    buttonNamed(el, 'Envoyer')!.click();
    await el.updateComplete;
    const box = shadow(el).getElementById('q-avis-text') as HTMLTextAreaElement;
    expect(box.getAttribute('aria-describedby')).to.equal('q-avis-hint q-avis-error warning');
    expect(box.getAttribute('aria-invalid')).to.equal('true');
    expect(active(el) === box, 'focus on the textarea').to.be.true;
    expect(box.labels![0].textContent).to.equal('Votre avis (obligatoire)');
    await expect(el).to.be.accessible();
    await sendKeys({ type: 'Bien' });
    await el.updateComplete;
    expect(box.getAttribute('aria-describedby')).to.equal('q-avis-hint warning');
    expect(box.hasAttribute('aria-invalid')).to.be.false;
  });

  it('ties the error of a required short text to its field, then clears it once typed in', async () => {
    const el = await render(survey({ id: 'nom', kind: 'text', required: true, label: 'Nom' }));
    const field = () => shadow(el).getElementById('q-nom-text') as HTMLInputElement;
    expect(field().getAttribute('aria-describedby')).to.equal('warning');
    expect(field().hasAttribute('aria-invalid')).to.be.false;
    buttonNamed(el, 'Envoyer')!.click();
    await el.updateComplete;
    expect(field().getAttribute('aria-describedby')).to.equal('q-nom-error warning');
    expect(field().getAttribute('aria-invalid')).to.equal('true');
    expect(active(el) === field(), 'focus on the field').to.be.true;
    await expect(el).to.be.accessible();
    await sendKeys({ type: 'x' });
    await el.updateComplete;
    expect(field().getAttribute('aria-describedby')).to.equal('warning');
    expect(field().hasAttribute('aria-invalid')).to.be.false;
  });

  it('shows a question by showIf, and never sends the answer of one hidden again', async () => {
    const el = await render(await grenoble());
    expect(question(el, 'why') === null, 'hidden at first').to.be.true;
    inputs(el, 'gave-up')[0].click();
    await el.updateComplete;
    inputs(el, 'why')[0].click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
    inputs(el, 'gave-up')[1].click();
    await el.updateComplete;
    expect(question(el, 'why') === null, 'hidden after Non').to.be.true;
    buttonNamed(el, 'Suivant')!.click();
    await el.updateComplete;
    inputs(el, 'helped')[4].click();
    const answers = await submitted(el, () => buttonNamed(el, 'Envoyer')!.click());
    expect(answers).to.deep.equal({ 'gave-up': 'no', helped: 5 });
  });

  it('compares showIf as text: a scale answered 9 shows a question `in: ["9", "10"]`, and a hidden question is not validated', async () => {
    const el = await render(
      survey(
        { id: 'note', kind: 'scale', scale: 'nps', label: 'Note' },
        { id: 'pourquoi', kind: 'text', label: 'Qu’avez-vous aimé ?', required: true, showIf: { question: 'note', in: ['9', '10'] } },
      ),
    );
    inputs(el, 'note')[8].click();
    await el.updateComplete;
    expect(question(el, 'pourquoi') === null, 'hidden at 8').to.be.true;
    let answers = await submitted(el, () => buttonNamed(el, 'Envoyer')!.click());
    expect(answers, 'the hidden required question did not stop it').to.deep.equal({ note: 8 });

    const again = await render(survey(...(el.form.definition!.steps[0].questions as Question[])));
    inputs(again, 'note')[9].click();
    await again.updateComplete;
    (shadow(again).getElementById('q-pourquoi-text') as HTMLInputElement).focus();
    await sendKeys({ type: 'L’accueil' });
    answers = await submitted(again, () => buttonNamed(again, 'Envoyer')!.click());
    expect(answers).to.deep.equal({ note: 9, pourquoi: 'L’accueil' });
  });

  it('disables further boxes once `max` are checked, and says so in the hint', async () => {
    const el = await render(everyKind);
    expect(shadow(el).getElementById('q-canaux-hint')!.textContent).to.equal('2 réponses au plus.');
    expect(question(el, 'canaux').getAttribute('aria-describedby')).to.equal('q-canaux-hint');
    inputs(el, 'canaux')[0].click();
    inputs(el, 'canaux')[2].click();
    await el.updateComplete;
    expect(inputs(el, 'canaux').map((input) => input.disabled)).to.deep.equal([false, true, false, true]);
    await expect(el).to.be.accessible();
    inputs(el, 'canaux')[0].click();
    await el.updateComplete;
    expect(inputs(el, 'canaux').some((input) => input.disabled)).to.be.false;
  });

  it('offers Autre with a text sent under <id>-other, scrubbed, and only while Autre is chosen', async () => {
    const el = await render(survey({ id: 'service', kind: 'choice', label: 'Quel service ?', options: 'a:État civil', other: true }));
    expect(shadow(el).getElementById('q-service-other') === null, 'no text before Autre').to.be.true;
    inputs(el, 'service')[1].click();
    await el.updateComplete;
    const other = shadow(el).getElementById('q-service-other') as HTMLInputElement;
    expect(other.labels![0].textContent).to.equal('Précisez');
    await expect(el).to.be.accessible();
    other.focus();
    await sendKeys({ type: ' La police municipale, écrivez à jean@example.fr ' });
    let answers = await submitted(el, () => buttonNamed(el, 'Envoyer')!.click());
    expect(answers).to.deep.equal({ service: 'other', 'service-other': 'La police municipale, écrivez à [e-mail retiré]' });

    const el2 = await render(survey({ id: 'service', kind: 'choice', label: 'Quel service ?', options: 'a:État civil', other: true }));
    inputs(el2, 'service')[1].click();
    await el2.updateComplete;
    (shadow(el2).getElementById('q-service-other') as HTMLInputElement).focus();
    await sendKeys({ type: 'Urbanisme' });
    inputs(el2, 'service')[0].click();
    answers = await submitted(el2, () => buttonNamed(el2, 'Envoyer')!.click());
    expect(answers).to.deep.equal({ service: 'a' });

    // An option whose value holds the word « other » is not Autre: the text typed for Autre goes.
    const el3 = await render(survey({ id: 'qui', kind: 'choice', label: 'Qui ?', options: 'mother:Mère;father:Père', other: true }));
    inputs(el3, 'qui')[2].click();
    await el3.updateComplete;
    (shadow(el3).getElementById('q-qui-other') as HTMLInputElement).focus();
    await sendKeys({ type: 'Tante' });
    inputs(el3, 'qui')[0].click();
    answers = await submitted(el3, () => buttonNamed(el3, 'Envoyer')!.click());
    expect(answers).to.deep.equal({ qui: 'mother' });
  });

  it('scrubs and trims free text and leaves out what is blank', async () => {
    const el = await render(
      survey({ id: 'vide', kind: 'text', label: 'Rien' }, { id: 'avis', kind: 'text', long: true, label: 'Votre avis' }),
    );
    shadow(el).getElementById('q-vide-text')!.focus();
    await sendKeys({ type: '   ' });
    shadow(el).getElementById('q-avis-text')!.focus();
    await sendKeys({ type: '  Rappelez-moi au 06 12 34 56 78, NIR 1 84 12 76 451 089 46.  ' });
    const answers = await submitted(el, () => buttonNamed(el, 'Envoyer')!.click());
    expect(answers).to.deep.equal({ avis: 'Rappelez-moi au [téléphone retiré], NIR [n° retiré].' });
  });

  it('lets `strings` replace the engine’s text', async () => {
    const el = await render(await grenoble(), { strings: { formNext: 'Continuer', formStep: 'Partie {step}/{count}' } });
    expect(!!buttonNamed(el, 'Continuer'), 'Continuer').to.be.true;
    expect(shadow(el).querySelector('.progress')!.textContent, 'with the period read after it').to.equal('Partie 1/2.');
  });

  it('posts the Grenoble answers and is disabled while sending, focus kept in the widget', async () => {
    const endpoint = endpointChannel();
    await endpoint.hold(true);
    const el = await fixture<TestSurvey>(
      html`<test-survey data-post endpoint=${endpoint.url} .definition=${await grenoble()}></test-survey>`,
    );
    inputs(el, 'gave-up')[0].click();
    await el.updateComplete;
    for (const index of [0, 4, 5]) inputs(el, 'why')[index].click();
    await el.updateComplete;
    (shadow(el).getElementById('q-why-other') as HTMLInputElement).focus();
    await sendKeys({ type: 'Pas de rendez-vous' });
    buttonNamed(el, 'Suivant')!.click();
    await el.updateComplete;
    inputs(el, 'helped')[1].click();
    shadow(el).getElementById('q-comment-text')!.focus();
    await sendKeys({ type: 'Des horaires le samedi' });
    const event = oneEvent(el, 'voix-submit');
    buttonNamed(el, 'Envoyer')!.focus();
    buttonNamed(el, 'Envoyer')!.click();
    const { detail } = (await event) as CustomEvent<VoixEnvelope<Answers>>;
    await el.updateComplete;
    expect(detail.type).to.equal('voix.survey');
    expect(detail.data.answers).to.deep.equal({
      'gave-up': 'yes',
      why: ['complexe', 'inconnu', 'other'],
      'why-other': 'Pas de rendez-vous',
      helped: 2,
      comment: 'Des horaires le samedi',
    });
    expect(el.getAttribute('state')).to.equal('sending');
    expect([...shadow(el).querySelectorAll('input, textarea, button')].every((control) => control.matches(':disabled'))).to.be.true;
    expect(active(el)?.getAttribute('role'), 'focus kept on the status message').to.equal('status');
    await expect(el).to.be.accessible();
    await endpoint.hold(false);
  });
});
