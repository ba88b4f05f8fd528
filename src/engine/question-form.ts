import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { optionsOf, textIn, type Definition, type Question } from './definition.js';
import type { LocalizeController, VoixStrings } from '../core/localize.js';
import { scrubPersonalData } from '../core/scrub.js';
import { commentBox, privacyNotice, WARNING_ID } from '../parts/comment-box.js';

/** What the engine hands back: `{ [questionId]: value }`, and `<id>-other` for an "Autre" text. */
export type Answers = Record<string, string | number | string[]>;

export interface QuestionFormOptions {
  /** The widget's text (its catalogue includes the engine's, fr.ts); its language also picks the definition's. */
  i18n: LocalizeController;
  /** The privacy notice linked after a step's free texts (<voix-config>'s `privacy-href`). */
  privacyHref?: () => string | undefined;
  /** Called with the answers when the last step is complete; the widget sends them. */
  onSubmit: (answers: Answers) => void;
  /** What the widget adds at the end of the last step, before its buttons (an idea's e-mail address, kept apart from the answers). */
  extra?: () => unknown;
}

/** One radio or checkbox; with a `picture`, the label is read but not shown, unless `shown`. */
interface Item {
  value: string;
  label: string;
  picture?: TemplateResult | string;
  shown?: boolean;
}

/** The longest short text (and "Autre" text) and long text, unless the question says. */
const SHORT_MAX = 200;
const LONG_MAX = 1000;
/** The mouths of the three faces, from Pas bien to Très bien: drawn, since emoji fonts vary. */
const MOUTHS = ['M8 16.5q4-3 8 0', 'M8 15.5h8', 'M8 14.5q4 3.5 8 0'];
const face = (mouth: string) =>
  html`<svg viewBox="0 0 24 24" width="32" height="32" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round">
    <circle cx="12" cy="12" r="10" /><path d="M9 9.5v1M15 9.5v1" stroke-width="2" /><path d=${mouth} />
  </svg>`;
const clean = (text: unknown) => (typeof text === 'string' ? scrubPersonalData(text.trim()) : '');
/** A question's first field, where focus goes to answer it. */
const fieldOf = (id: string) => `#q-${id} :is(input, textarea)`;

/**
 * The form engine: renders a checked Definition in the widget's language with native controls
 * (radios, checkboxes, text fields, each group in a fieldset with its legend), one step at a
 * time, and hands `{ [questionId]: value }` to `onSubmit`. A controller because it keeps state
 * (the step, the answers so far, the questions left blank) and moves focus after a render.
 * The widget renders `render()` inside its shadow root and adds `questionFormStyles`.
 */
export class QuestionForm implements ReactiveController {
  definition?: Definition;
  #step = 0;
  /** What was chosen or typed, by question id (and `<id>-other`), whether shown or not. */
  #values = new Map<string, string | string[]>();
  /** The questions marked, until answered or changed, with their error: required ones of this step left blank on Suivant / Envoyer, or one the endpoint refused. */
  #blank = new Map<string, 'formRequiredError' | 'formRefusedError'>();
  /** The same, as the summary lists them: as they were at the last Suivant / Envoyer (an alert changing while one types would interrupt). */
  #missing: Question[] = [];
  /** A selector to focus once rendered: the new step's legend, or the first blank question. */
  #focus?: string;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: QuestionFormOptions,
  ) {
    host.addController(this);
  }

  /** Back to the first step, with nothing answered (kiosk mode, a new definition). */
  reset(): void {
    this.#step = 0;
    this.#values.clear();
    this.#blank.clear();
    this.#missing = [];
    this.host.requestUpdate();
  }

  hostUpdated(): void {
    const root = this.host.shadowRoot!;
    // commentBox describes its textarea by the warning only; the question's hint and error, and
    // aria-invalid, are added here, which keeps commentBox, in the feedback page's budget, as it is.
    // A short text's field is described the same way: a text question's only control, in the one
    // kind of question that carries data-describedby (a widget's extra fields do not).
    for (const box of root.querySelectorAll<HTMLElement>('[data-describedby] :is(input, textarea)')) {
      const question = box.closest<HTMLElement>('[data-describedby]')!;
      box.setAttribute('aria-describedby', `${question.dataset.describedby} ${WARNING_ID}`.trim());
      if (question.querySelector('.error')) box.setAttribute('aria-invalid', 'true');
      else box.removeAttribute('aria-invalid');
    }
    const target = this.#focus && root.querySelector<HTMLElement>(this.#focus);
    this.#focus = undefined;
    if (!target) return;
    // A step's legend is focusable only while it has focus: left focusable, it would be where
    // VoixWidget's focus rule lands while sending, before the status message that speaks.
    if (target.localName === 'legend') target.tabIndex = -1;
    target.focus();
  }

  /** The answers of the questions shown: free text trimmed and scrubbed, nothing left blank. */
  answers(): Answers {
    const answers: Answers = {};
    for (const question of this.#questions()) {
      const { id, kind } = question;
      const value = kind === 'text' ? clean(this.#values.get(id)) : this.#values.get(id);
      if (!value?.length || !this.#shown(question)) continue;
      answers[id] = kind === 'scale' ? Number(value) : value;
      const other = clean(this.#values.get(`${id}-other`));
      if ('other' in question && question.other && [value].flat().includes('other') && other) answers[`${id}-other`] = other;
    }
    return answers;
  }

  #questions(): Question[] {
    return this.definition?.steps.flatMap((step) => step.questions) ?? [];
  }

  /** Shown when it has no condition, or when the question it names is shown and answered with one of `in`. */
  #shown(question: Question): boolean {
    const condition = question.showIf;
    if (!condition) return true;
    const target = this.#questions().find((candidate) => candidate.id === condition.question);
    // Compared as text, as the definition writes them: a scale's 4 is "4"; for choices, any chosen value.
    return !!target && this.#shown(target) && [this.#values.get(target.id) ?? []].flat().some((value) => condition.in.includes(value));
  }

  #set(key: string, value: string | string[]): void {
    this.#values.set(key, value);
    this.#blank.delete(key);
    this.host.requestUpdate();
  }

  #go(step: number): void {
    this.#step = step;
    this.#blank.clear();
    this.#missing = [];
    this.#focus = '.step-legend';
    this.host.requestUpdate();
  }

  #submit = (event: Event): void => {
    event.preventDefault();
    const steps = this.definition!.steps;
    const shown = steps[this.#step].questions.filter((question) => this.#shown(question));
    const last = this.#step === steps.length - 1;
    const answers = this.answers();
    // Every required question left blank (a shown question is answered when `answers` has it); or,
    // at the end with nothing answered at all and none required, the first one: an empty answer
    // tells nothing, and the endpoint would refuse it.
    let blank = shown.filter((question) => question.required && !Object.hasOwn(answers, question.id));
    if (last && !blank.length && !Object.keys(answers).length) blank = shown.slice(0, 1);
    this.#blank = new Map(blank.map((question) => [question.id, 'formRequiredError']));
    this.#missing = blank;
    if (blank.length) {
      this.#focus = fieldOf(blank[0].id);
      this.host.requestUpdate();
    } else if (!last) {
      this.#go(this.#step + 1);
    } else {
      this.options.onSubmit(answers);
    }
  };

  #t(key: keyof VoixStrings, values?: Record<string, number>): string {
    return this.options.i18n.t(key, values);
  }

  /**
   * The endpoint refused the answer to question `id`: back to its step, the question marked and
   * focused, for the person to change it and send again. False when no question shown has that id.
   */
  refuse(id: string): boolean {
    const step =
      this.definition?.steps.findIndex((step) => step.questions.some((question) => question.id === id && this.#shown(question))) ?? -1;
    if (step < 0) return false;
    this.#step = step;
    this.#missing = [];
    this.#blank = new Map([[id, 'formRefusedError']]);
    this.#focus = fieldOf(id);
    this.host.requestUpdate();
    return true;
  }

  /** The current step, disabled while `locked` (sending). */
  render(locked = false): TemplateResult {
    const steps = this.definition!.steps;
    const step = steps[this.#step];
    const last = this.#step === steps.length - 1;
    // On a line of its own, read with the title as one name: a period read and not shown (clipped in the line; out of it, Chromium reads a space before it) parts « Étape 2 sur 2. L’aide reçue ».
    const progress = steps.length > 1 && this.#t('formStep', { step: this.#step + 1, count: steps.length });
    const shown = step.questions.filter((question) => this.#shown(question));
    return html`<form part="form" novalidate @submit=${this.#submit}>
      <fieldset ?disabled=${locked}>
        <legend class="step-legend" part="legend" @blur=${({ target }: FocusEvent) => (target as Element).removeAttribute('tabindex')}>
          ${progress ? html`<span class="progress">${progress}<span>.</span></span>` : nothing}
          ${textIn(step.title, this.options.i18n.lang)}
        </legend>
        <div class="summary" role="alert">${
          this.#missing.length
            ? html`<p class="error" part="error">${this.#t('formSummary', { count: this.#missing.length })}</p>
                <ul>
                  ${this.#missing.map(
                    (question) =>
                      html`<li>
                        <button type="button" part="button" @click=${() => this.host.shadowRoot!.querySelector<HTMLElement>(fieldOf(question.id))?.focus()}>
                          ${textIn(question.label, this.options.i18n.lang)}
                        </button>
                      </li>`,
                  )}
                </ul>`
            : nothing
        }</div>
        ${shown.map((question) => this.#question(question))}
        ${shown.some((question) => question.kind === 'text') ? privacyNotice(this.options.i18n, this.options.privacyHref?.()) : nothing}
        ${last ? this.options.extra?.() : nothing}
        <div class="actions">
          ${this.#step ? html`<button type="button" part="button" @click=${() => this.#go(this.#step - 1)}>${this.#t('formPrevious')}</button>` : nothing}
          <button type="submit" part="button" class="primary">${this.#t(last ? 'submit' : 'formNext')}</button>
        </div>
      </fieldset>
    </form>`;
  }

  #question(question: Question): TemplateResult {
    const lang = this.options.i18n.lang;
    const id = `q-${question.id}`;
    const max = question.kind === 'choices' ? question.max : undefined;
    const hint = [question.hint && textIn(question.hint, lang), max && this.#t('formMax', { count: max })].filter(Boolean).join(' ');
    const blank = this.#blank.get(question.id);
    const describedby = [hint && `${id}-hint`, blank && `${id}-error`].filter(Boolean).join(' ');
    const label = `${textIn(question.label, lang)}${question.required ? ` ${this.#t('formRequired')}` : ''}`;
    const error = blank ? html`<p class="error" part="error" id="${id}-error">${this.#t(blank)}</p>` : nothing;
    const hinted = hint ? html`<p class="hint" part="hint" id="${id}-hint">${hint}</p>` : nothing;
    const help = html`${hinted}${error}`;
    const value = this.#values.get(question.id);

    if (question.kind === 'text') {
      // Its field, short or long, gets aria-describedby (hint, error, warning) and aria-invalid in
      // hostUpdated, from the data-describedby below: not in this template.
      const maxlength = question.maxlength ?? (question.long ? LONG_MAX : SHORT_MAX);
      const onInput = (text: string) => this.#set(question.id, text);
      return html`<div class="question" part="field question" id=${id} data-describedby=${describedby}>
        ${
          question.long
            ? // The error under its box: before it, it stood under the question above, and looked like that one's.
              html`${hinted}${commentBox({ id: `${id}-text`, label, value: (value as string) ?? '', maxlength, i18n: this.options.i18n, onInput })}${error}`
            : html`<label for="${id}-text" part="label">${label}</label>${help}
              <input
                type="text"
                part="input"
                id="${id}-text"
                maxlength=${maxlength}
                .value=${(value as string) ?? ''}
                @input=${({ target }: InputEvent) => onInput((target as HTMLInputElement).value)}
              />`
        }
      </div>`;
    }

    const chosen = [value ?? []].flat();
    const multiple = question.kind === 'choices';
    const full = max !== undefined && chosen.length >= max;
    const other = 'other' in question && question.other && chosen.includes('other');
    return html`<fieldset
      part="field question"
      class="question ${question.kind === 'scale' ? `scale ${question.scale}` : ''}"
      id=${id}
      aria-describedby=${describedby || nothing}
      @change=${({ currentTarget }: Event) => {
        const checked = (currentTarget as HTMLFieldSetElement).querySelectorAll<HTMLInputElement>('input:checked');
        const values = [...checked].map((input) => input.value);
        this.#set(question.id, multiple ? values : (values[0] ?? ''));
      }}
    >
      <legend part="legend">${label}</legend>
      ${help}
      <div class="options">
        ${this.#items(question).map(
          (item) => html`<label class="choice" part="choice">
            <input
              type=${multiple ? 'checkbox' : 'radio'}
              name=${id}
              .value=${item.value}
              .checked=${chosen.includes(item.value)}
              ?disabled=${full && !chosen.includes(item.value)}
              aria-invalid=${blank ? 'true' : nothing}
            />
            ${item.picture ? html`<span class="picture" aria-hidden="true">${item.picture}</span>` : nothing}
            <span class=${item.picture && !item.shown ? 'visually-hidden' : ''}>${item.label}</span>
          </label>`,
        )}
      </div>
      ${
        other
          ? html`<label for="${id}-other" part="label">${this.#t('formOtherLabel')}</label>
            <input
              type="text"
              part="input"
              id="${id}-other"
              maxlength=${SHORT_MAX}
              .value=${(this.#values.get(`${question.id}-other`) as string) ?? ''}
              @change=${(event: Event) => event.stopPropagation()}
              @input=${({ target }: InputEvent) => this.#set(`${question.id}-other`, (target as HTMLInputElement).value)}
            />`
          : nothing
      }
    </fieldset>`;
  }

  /** The radios or checkboxes of a question, with labels a screen reader reads ("4 étoiles sur 5"). */
  #items(question: Exclude<Question, { kind: 'text' }>): Item[] {
    const list = (key: 'formSmileys' | 'formAgree') => this.#t(key).split(';');
    switch (question.kind) {
      case 'yesno':
        return (['yes', 'no'] as const).map((value) => ({ value, label: this.#t(value) }));
      case 'scale': {
        // From the lowest score up (nps: 0 to 10), sent as numbers; the faces, stars and digits are drawn, the words read.
        const scale = question.scale;
        if (scale === 'smileys')
          return list('formSmileys').map((label, index) => ({ value: `${index + 1}`, label, picture: face(MOUTHS[index]), shown: true }));
        if (scale === 'agree') return list('formAgree').map((label, index) => ({ value: `${index + 1}`, label }));
        return scale === 'stars'
          ? [1, 2, 3, 4, 5].map((count) => ({ value: `${count}`, label: this.#t('formStars', { count }), picture: '★'.repeat(count) }))
          : [...Array(11).keys()].map((count) => ({ value: `${count}`, label: this.#t('formNps', { count }), picture: `${count}` }));
      }
      default: {
        const items: Item[] = optionsOf(question.options).map((option) => ({
          value: option.value,
          label: textIn(option.label, this.options.i18n.lang),
        }));
        return question.other ? [...items, { value: 'other', label: this.#t('formOther') }] : items;
      }
    }
  }
}

/** The engine's look, added by each widget that uses it after baseStyles. */
export const questionFormStyles = css`
  .question {
    margin: 1rem 0;
  }
  .question .comment {
    margin: 0;
  }
  .step-legend {
    font-size: 1.125em;
  }
  .progress {
    display: block;
    font-weight: 400;
    color: var(--voix-color-muted, #595959);
  }
  .progress span {
    clip-path: inset(50%);
  }
  .error {
    color: var(--voix-color-error, #b3261e);
    font-weight: 700;
    margin: 0 0 0.5rem;
  }
  /* The questions left blank, listed after the step's title, each a button that looks like a link. */
  .summary button {
    min-height: 1.5rem;
    padding: 0;
    border: 0;
    text-decoration: underline;
  }
  .scale:not(.agree) .options {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1rem;
  }
  .choice {
    align-items: center;
    min-height: 1.5rem;
  }
  /* Three faces side by side even at 320 px: each one's word under it. */
  .smileys .options {
    flex-wrap: nowrap;
  }
  .smileys .choice {
    flex-direction: column;
    text-align: center;
  }
  .picture {
    display: flex;
    font-size: 1.5rem;
    line-height: 1;
  }
  .stars .picture {
    color: var(--voix-rating-star-color, var(--voix-color-accent, #1d4fa8));
  }
  /* Read, not shown, where a picture stands for the words. */
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
