import { css, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { checkDate, longDay } from '../../core/dates.js';
import type { VoixEventType } from '../../core/envelope.js';
import { ResultsController } from '../../results/results.js';
import { DeclaredTerms } from '../../results/terms.js';
import { scrubPersonalData } from '../../core/scrub.js';
import { check, checkNumber, parseList, type Choice } from '../../core/settings.js';
import { VoixWidget } from '../../core/voix-widget.js';
import { chartFr } from '../../results/chart.fr.js';
import { pollFr } from '../../locales/poll.js';
import { resultsFr } from '../../results/fr.js';
import { choiceGroup } from '../../parts/choice-group.js';
import { resultsChart, resultsChartStyles } from '../../results/chart.js';
import { statusRegion } from '../../parts/status-region.js';
import { baseStyles } from '../../styles/tokens.js';
// Imported again for the .d.ts, which drops imports used only at run time: an integrator's VoixStrings then has the keys of these catalogues.
import '../../locales/poll.js';
import '../../results/chart.fr.js';
import '../../results/fr.js';

/** What <voix-poll> sends in data.answers (schemas/voix.poll.vote.schema.json). */
export interface PollAnswers {
  choices: string[];
  other?: string;
}

type ShowResults = 'after-vote' | 'after-close' | 'always' | 'never';
const SHOW = /^(after-vote|after-close|always|never)$/;
const OTHER_MAX = 500;
/**
 * A participation poll: a question, options given as child `<option value="…">Label</option>`
 * elements (or the `options` property), one answer or several (`multiple`, `max`), "Autre" with
 * a text (`other`), open between `opens` and `closes`, then the results as an accessible chart.
 *
 * @summary A poll, with its results.
 * @tag voix-poll
 *
 * @slot - Fallback shown when JavaScript does not run or there is no endpoint (the `<option>` children are the poll's data, not its fallback).
 *
 * @csspart choices - The fieldset of options (also a `field`; its `legend` is the question).
 * @csspart results - The results chart (a figure).
 * @csspart results-status - Where loading and errors of the results are told.
 *
 * @cssproperty --voix-results-bar-color - The bars of the results. Default: the accent colour.
 */
export class VoixPoll extends VoixWidget {
  static override properties: PropertyDeclarations = {
    question: {},
    options: { attribute: false },
    multiple: { type: Boolean },
    max: {},
    other: { type: Boolean },
    opens: {},
    closes: {},
    showResults: { attribute: 'show-results' },
    results: {},
    refresh: {},
    chosen: { state: true },
    text: { state: true },
    problem: { state: true },
  };

  static override styles = [
    baseStyles,
    resultsChartStyles,
    css`
      .note {
        margin: 0.5rem 0 0;
      }
      /* « Précisez »: as far from Voter as the options are. */
      #other {
        margin-bottom: 0.5rem;
      }
    `,
  ];
  static override catalogue = { ...resultsFr, ...chartFr, ...pollFr };

  /** The question asked. */
  declare question?: string;
  /** The options, as an array of `value:Label` texts or `{ value, label }`; default: the child `<option>` elements. */
  declare options?: ReadonlyArray<string | Choice>;
  /** Several answers (checkboxes) instead of one. */
  declare multiple?: boolean;
  /** With `multiple`, how many answers at most. */
  declare max?: number | string;
  /** Adds "Autre", with a text to say which (scrubbed of personal data). */
  declare other?: boolean;
  /** When the vote opens (ISO 8601); before, the poll says when. */
  declare opens?: string;
  /** When the vote closes (ISO 8601); after, the poll shows its results, if allowed. */
  declare closes?: string;
  /** `after-vote` (default), `after-close`, `always` or `never`. */
  declare showResults?: ShowResults;
  /** URL of the results, `{subject}` replaced; default: the nearest <voix-config>'s. */
  declare results?: string;
  /** Seconds between two reads of the results while they are shown (at least 10); default: read once. */
  declare refresh?: number | string;

  protected readonly eventType: VoixEventType = 'voix.poll.vote';
  protected override readonly showsAnswered = true;
  declare private chosen?: string[];
  declare private text?: string;
  /** What is wrong with the answer: nothing chosen, or one too many. */
  declare private problem?: string;
  /** Refused because the vote had closed meanwhile (the collector's `closed`). */
  declare private closedMeanwhile?: boolean;
  #clock?: ReturnType<typeof setTimeout>;
  #saying?: ReturnType<typeof setTimeout>;
  // Worked out in willUpdate, before the results controller reads whether to read.
  #opens?: number;
  #closes?: number;
  #before = false;
  #closed = false;
  #show: ShowResults = 'after-vote';
  #voted = false;
  #shows = false;
  // A declared subject's terms (the collector's) are the poll's: a page may give only its subject.
  readonly #terms = new DeclaredTerms(
    this,
    () => ({ endpoint: this.endpoint ?? this.config.endpoint, subject: this.resolvedSubject, type: this.eventType }),
    ({ question, options, multiple, max, other, opens, closes }) =>
      Object.assign(this, { question: this.question ?? question, options, multiple, max, other, opens, closes }),
  );
  readonly #tally = new ResultsController(this, () => ({
    url: this.#shows ? (this.results ?? this.config.results) : undefined,
    subject: this.resolvedSubject,
    values: this.#choices().map((choice) => choice.value),
    multiple: this.multiple,
    refresh: checkNumber(this, 'refresh', this.refresh, 10, 86_400),
  }));

  /** The options: the property, else the child <option> elements; and "Autre" with `other`. */
  #choices(): Choice[] {
    // As the browser reads an <option>: its value, else its text (a value may hold any character).
    const given =
      this.options ??
      [...this.querySelectorAll<HTMLOptionElement>(':scope > option')].map((option) => ({
        value: option.value,
        label: option.textContent!.trim(),
      }));
    return [...parseList(given), ...(this.other ? [{ value: 'other', label: this.i18n.t('pollOther') }] : [])];
  }

  protected override resetAnswers(): void {
    super.resetAnswers();
    this.chosen = this.text = this.problem = undefined;
  }

  // A framework may add the <option> children after the element is in the page: read them then.
  readonly #children = new MutationObserver(() => this.requestUpdate());

  constructor() {
    super();
    // Refused for terms the page did not know (the collectivité changed them meanwhile): they are
    // read again, so that the poll shows them (closed, other options) and the vote can be made on them.
    // (A 422 is how the collector refuses a vote its terms do not allow: closed, an unknown option…)
    this.addEventListener('voix-error', ({ detail }) => {
      this.closedMeanwhile = detail.error?.error === 'closed';
      if (detail.status === 422) this.#terms.reread();
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#children.observe(this, { childList: true, subtree: true, characterData: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#children.disconnect();
    clearTimeout(this.#clock);
  }

  #vote(event: Event): void {
    event.preventDefault();
    const chosen = this.chosen ?? [];
    if (!chosen.length) {
      this.#say(this.i18n.t('pollRequired'));
      this.renderRoot.querySelector('input')?.focus();
      return;
    }
    // A refusal said before (one past max) is over: the vote goes.
    this.#say();
    const other = chosen.includes('other') && scrubPersonalData(this.text?.trim() ?? '');
    this.#tally.addLocal(chosen);
    void this.answer((other ? { choices: chosen, other } : { choices: chosen }) satisfies PollAnswers);
  }

  /**
   * Says what is wrong with the answer, or nothing: the alert is emptied at once and filled a moment
   * later, so that the same refusal twice is said twice (a live region speaks on a change; setting
   * the text it already holds is none, and a change undone within one frame is not seen).
   */
  #say(problem?: string): void {
    clearTimeout(this.#saying);
    this.problem = undefined;
    if (problem) this.#saying = setTimeout(() => (this.problem = problem), 100);
  }

  #change(selected: string[], max?: number): void {
    // One past `max`: refused with a message, the box just ticked unticked.
    if (max && selected.length > max) {
      for (const input of this.renderRoot.querySelectorAll<HTMLInputElement>(':checked'))
        input.checked = this.chosen!.includes(input.value);
      return this.#say(this.i18n.t('pollTooMany', { count: max }));
    }
    this.chosen = selected;
    this.#say();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const now = Date.now();
    const opens = (this.#opens = checkDate(this, 'opens', this.opens));
    const closes = (this.#closes = checkDate(this, 'closes', this.closes));
    this.#before = opens !== undefined && now < opens;
    const closed = (this.#closed = closes !== undefined && now >= closes);
    const show = (this.#show = (check(this, 'show-results', this.showResults, 'after-vote, after-close, always or never', (value) =>
      SHOW.test(value as string) ? value : undefined,
    ) ?? 'after-vote') as ShowResults);
    this.#voted = this.answeredBefore || /sent|queued/.test(this.state);
    this.#shows = show === 'always' || (show !== 'never' && (closed || (show === 'after-vote' && this.#voted)));
  }

  protected renderWidget(): TemplateResult {
    const choices = this.#choices();
    const question = this.question?.trim();
    // Waiting for the collector's terms: the space kept, nothing said yet.
    if (this.#terms.reading) return html``;
    if (!question || choices.length < 2) {
      if (question) this.reportBadValue('options', choices.length, 'at least two <option> children or options');
      else this.reportBadValue('question', '', 'the question asked');
      return html`<slot></slot>`;
    }
    const closes = this.#closes;
    const voted = this.#voted;
    // Neither before `opens` nor after `closes`.
    const open = !this.#before && !this.#closed;
    const max = this.multiple ? checkNumber(this, 'max', this.max, 1, 50) : undefined;
    // The form's fieldset disables it while sending; as a group it would have no name around the question's (role none).
    const note = (key: keyof typeof pollFr, values?: Record<string, string | number>) =>
      html`<p class="note">${this.i18n.t(key, values)}</p>`;
    return html`<div part="base" class="card" lang=${this.i18n.lang} dir=${this.i18n.dir}>
      ${voted || !open ? html`<p class="question"><strong>${question}</strong></p>` : nothing}
      ${
        this.#before
          ? note('pollOpens', { date: longDay(this.i18n.lang, this.#opens!) })
          : this.#closed
            ? note('pollClosed')
            : this.answeredBefore
              ? note('pollAlready')
              : voted
                ? nothing
                : html`<form @submit=${(event: Event) => this.#vote(event)}>
                  <fieldset role="none" ?disabled=${this.state === 'sending'}>
                    ${choiceGroup({
                      name: 'choices',
                      legend: question,
                      multiple: !!this.multiple,
                      choices,
                      selected: this.chosen ?? [],
                      onChange: (selected) => this.#change(selected, max),
                      describedby: this.problem ? 'problem' : undefined,
                    })}
                    ${max ? note('pollMax', { count: max }) : nothing}
                    ${
                      this.chosen?.includes('other')
                        ? html`<label for="other" part="label">${this.i18n.t('pollOtherLabel')}</label>
                          <input type="text" part="input" id="other" maxlength=${OTHER_MAX} .value=${this.text ?? ''} @input=${({ target }: InputEvent) => (this.text = (target as HTMLInputElement).value)} />`
                        : nothing
                    }
                    <div class="actions"><button type="submit" part="button" class="primary">${this.i18n.t('pollVote')}</button></div>
                  </fieldset>
                </form>`
      }
      ${open && closes !== undefined ? note('pollCloses', { date: longDay(this.i18n.lang, closes, true) }) : nothing}
      <p class="error" part="error" role="alert" id="problem">${this.problem ?? nothing}</p>
      ${statusRegion(this.submitter, this.i18n, {
        what: this.i18n.t('pollWhat'),
        final: this.closedMeanwhile && this.state === 'error' ? this.i18n.t('pollClosedMeanwhile') : undefined,
        next: this.nextPerson,
      })}
      ${this.#shows ? resultsChart(this.#tally, choices, this.i18n, /sent|queued/.test(this.state)) : voted && this.#show === 'after-close' ? note('pollResultsLater') : nothing}
    </div>`;
  }

  protected override updated(changed: PropertyValues): void {
    // The vote is in while the results were already shown (`always`): read the figures with it.
    // (Shown only from now on, the controller reads them anyway, its URL being new.)
    const sent = this.state === 'sent' && this.getAttribute('state') !== 'sent' && this.#show === 'always';
    super.updated(changed);
    // After this update, not in it: a change here would make Lit render twice.
    if (sent) void this.updateComplete.then(() => this.#tally.refresh());
    // Opening or closing while the page is open: render again then (timers run 24 days at most).
    clearTimeout(this.#clock);
    // (An unset time gives NaN, never > 0; with neither ahead, `wait` is undefined and no timer is set.)
    const wait = [this.#opens, this.#closes].map((time) => time! - Date.now()).find((ms) => ms > 0);
    if (wait! < 2 ** 31) this.#clock = setTimeout(() => this.requestUpdate(), wait);
  }
}

VoixPoll.define('voix-poll');

declare global {
  interface HTMLElementTagNameMap {
    'voix-poll': VoixPoll;
  }
}
