import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { describeDefinition, type Definition } from './definition.js';
import { check, checkEndpoint } from '../core/settings.js';
import type { VoixStrings } from '../core/localize.js';
import { VoixWidget } from '../core/voix-widget.js';
import { formFr } from './fr.js';
import { baseStyles } from '../styles/tokens.js';
import { QuestionForm, questionFormStyles } from './question-form.js';
import { statusRegion } from '../parts/status-region.js';
// Imported again for the .d.ts, which drops imports used only at run time: an integrator's VoixStrings then has the keys of this catalogue.
import './fr.js';

type Audience = 'user' | 'agent';

/**
 * The base of every widget built on the form engine (<voix-survey>, <voix-rating>, the presets to
 * come): its questions are a definition, from a `definition` URL, else a child
 * `<script type="application/json">`, else the widget's own preset. A definition that cannot be
 * read or fails its checks gives one console error naming the first bad place, and the fallback
 * slot. Answers are sent with the definition's id, version and kinds, and the audience.
 *
 * What every widget on the form engine has besides VoixWidget's (custom-elements.json copies it
 * into each one's entry):
 *
 * @slot - Fallback shown when JavaScript does not run, when there is no endpoint, and when a given definition cannot be used (a link to the same form elsewhere, say).
 *
 * @csspart form - The form of the current step.
 * @csspart comment - A long text's box, with its label and counter (also a `field`).
 * @csspart question - Each question (also a `field`), as `question` names the Oui / Non question of <voix-feedback>.
 */
export abstract class FormWidget extends VoixWidget {
  static override properties: PropertyDeclarations = {
    definition: {},
    audience: {},
  };

  static override styles = [baseStyles, questionFormStyles];
  static override catalogue: Partial<VoixStrings> = formFr;

  /** URL of a question definition (JSON, fetched without credentials); it replaces the widget's questions. */
  declare definition?: string;
  /** Who answers: `user` (default), or `agent` (the agent mirror, read apart from the users' answers). */
  declare audience?: Audience;

  protected readonly form = new QuestionForm(this, {
    i18n: this.i18n,
    privacyHref: () => this.config.privacyHref,
    onSubmit: (answers) => this.send(answers),
    extra: () => this.extraFields(),
  });

  /** A text of the widget's catalogue, in its language (for a preset's questions). */
  protected readonly t = (key: keyof VoixStrings) => this.i18n.t(key);

  /** Sends the answers with the definition's id, version and kinds, and the audience; a widget may add to them first. */
  protected send(answers: object): void {
    void this.answer(answers, { audience: this.audienceChecked, definition: describeDefinition(this.form.definition!, this.i18n.lang) });
  }

  /** Fields the widget adds after its questions, on the last step (none by default). */
  protected extraFields(): unknown {
    return nothing;
  }

  /** The last refusal named a question shown (`/data/answers/<id>`): the person can fix it, it is marked. */
  #fixable?: boolean;

  constructor() {
    super();
    // The collector names the answer at fault in its message (`422 invalid_envelope`, `/data/answers/<id>: …`);
    // an « Autre » text (`<id>-other`) is its question's.
    this.addEventListener('voix-error', ({ detail }) => {
      const id = detail.error?.message?.match(/\/data\/answers\/([\w-]+)/)?.[1];
      this.#fixable = !!id && this.form.refuse(id.replace(/-other$/, ''));
    });
  }

  /** The definition given to the element (URL or script), once read; `null` when it is unusable. */
  #given?: Definition | null;
  /** Which `definition` URL (or '' for the script) #given came from, so a change reloads it. */
  #source?: string;

  /** The questions when no definition is given (a preset); undefined: none (a survey needs one); null: not loaded yet. */
  protected abstract ownQuestions(): Definition | null | undefined;

  /** `audience`, checked at each render (a bad value is named at once, not when someone answers). */
  protected audienceChecked: Audience = 'user';
  /** The child script the definition was read from, so that another one added later is read. */
  #readScript?: HTMLScriptElement | null;
  // A framework may add the child script after the element is in the page: read it then.
  readonly #children = new MutationObserver(() => {
    if (!this.#source && this.#script() !== this.#readScript) {
      this.#source = undefined;
      this.requestUpdate();
    }
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.#children.observe(this, { childList: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#children.disconnect();
  }

  protected override resetAnswers(): void {
    super.resetAnswers();
    this.form.reset();
  }

  // In update(), not willUpdate(): the text controllers have run, so a preset's text is in the
  // widget's language from the first render.
  protected override update(changed: PropertyValues): void {
    this.audienceChecked =
      check(this, 'audience', this.audience, 'user or agent', (value) =>
        /^(user|agent)$/.test(value as string) ? (value as Audience) : undefined,
      ) ?? 'user';
    const url = checkEndpoint(this, 'definition', this.definition) ?? '';
    if (url !== this.#source) {
      this.#source = url;
      this.#given = undefined;
      void this.#read(url);
    }
    // Given and still loading: nothing yet; given and unusable (a bad URL was just named): the
    // fallback; not given: the widget's own.
    if (this.definition != null && !url) this.#given = null;
    const loading = this.#given === undefined && !!(url || this.#script());
    const definition = this.#given ?? (loading ? undefined : this.ownQuestions());
    if (definition === undefined && !loading && this.#given !== null) {
      this.report('definition', 'a child <script type="application/json"> or a definition="URL" attribute');
      this.#given = null;
    }
    this.form.definition = definition ?? undefined;
    super.update(changed);
  }

  #script(): HTMLScriptElement | null {
    return this.querySelector(':scope > script[type="application/json"]');
  }

  /** Reads the definition from its URL, else from the child script (in a chunk of its own, see readDefinition). */
  async #read(url: string): Promise<void> {
    const script = (this.#readScript = this.#script());
    if (!url && !script) return;
    const { readDefinition } = await import('./definition-source.js');
    const definition = await readDefinition(this, url, script);
    if (url !== this.#source) return;
    this.#given = definition;
    this.requestUpdate();
  }

  protected renderWidget(): TemplateResult | typeof nothing {
    if (this.#given === null) return html`<slot></slot>`;
    if (!this.form.definition) return nothing;
    const state = this.state;
    return html`<div part="base" class="card" lang=${this.i18n.lang} dir=${this.i18n.dir}>
      ${/sent|queued/.test(state) ? nothing : this.form.render(state === 'sending')}
      ${statusRegion(this.submitter, this.i18n, {
        // What was sent, as the messages name it: `<type>Sent` in the widget's catalogue (voix.idea: ideaSent, « votre idée »).
        what: this.t(`${this.eventType.slice(5)}Sent` as keyof VoixStrings),
        next: this.nextPerson,
        final: this.#fixable ? this.t('formRefused') : undefined,
      })}
    </div>`;
  }
}
