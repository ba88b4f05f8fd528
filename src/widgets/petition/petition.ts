import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { checkDate, longDay } from '../../core/dates.js';
import type { VoixEventType } from '../../core/envelope.js';
import { ResultsController } from '../../results/results.js';
import { DeclaredTerms } from '../../results/terms.js';
import { scrubPersonalData } from '../../core/scrub.js';
import { checkLink } from '../../core/links.js';
import { checkNumber, parseList, type Choice } from '../../core/settings.js';
import { VoixWidget } from '../../core/voix-widget.js';
import { petitionFr } from '../../locales/petition.js';
import { resultsFr } from '../../results/fr.js';
import { commentBox, WARNING_ID } from '../../parts/comment-box.js';
import { statusRegion } from '../../parts/status-region.js';
import { baseStyles } from '../../styles/tokens.js';
import { petitionStyles } from './petition.styles.js';
// Imported again for the .d.ts, which drops imports used only at run time: an integrator's VoixStrings then has the keys of these catalogues.
import '../../locales/petition.js';
import '../../results/fr.js';

/** The personal fields a collectivité may ask for (`fields`), stored apart from answers by the collector. */
export type PetitionField = 'name' | 'postcode' | 'email';

/** What <voix-petition> sends in data.answers (schemas/voix.petition.signature.schema.json). */
export interface PetitionAnswers {
  eligible: true;
  personal?: Partial<Record<PetitionField, string>>;
  comment?: string;
}

/** A threshold and what reaching it brings (« 500:Rencontre avec l’élue ou l’élu »). */
export interface Threshold {
  count: number;
  label: string;
}

type Key = keyof typeof petitionFr;
/** An e-mail address the collector takes: a dot in its domain (type=email alone takes « nom@exemple »; it checks there is one @). */
const EMAIL = '.+@.+\\..+';
/** Per field: its input's attributes, its label, and how a bad value is told. */
const FIELDS: Record<PetitionField, { type: string; autocomplete: string; label: Key; hint?: Key; bad?: Key; pattern?: string }> = {
  name: { type: 'text', autocomplete: 'name', label: 'petitionName' },
  postcode: {
    type: 'text',
    autocomplete: 'postal-code',
    label: 'petitionPostcode',
    hint: 'petitionPostcodeHint',
    bad: 'petitionBadPostcode',
    pattern: '(0[1-9]|[1-8][0-9]|9[0-8])[0-9]{3}',
  },
  // A dot in the domain, as the collector's check wants it (the browser takes « nom@exemple »).
  email: {
    type: 'email',
    autocomplete: 'email',
    label: 'petitionEmail',
    hint: 'petitionEmailHint',
    bad: 'petitionBadEmail',
    pattern: EMAIL,
  },
};
/** The closing date as the schema takes it (RFC 3339): a day alone as written, a time in UTC. Here, not in dates.ts: only the petition sends one, and dates.ts is in the poll's page too. */
const isoDate = (text: string, time: number) => (/^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? text.trim() : new Date(time).toISOString());
const COMMENT_MAX = 3000;
const DAY_MS = 86_400_000;

/** `thresholds` as counts in increasing order, or undefined when one is not a whole number above the one before. */
function readThresholds(list: string | ReadonlyArray<string | Choice>): Threshold[] | undefined {
  const thresholds = parseList(list).map(({ value, label }) => ({ count: /^\d+$/.test(value) ? Number(value) : NaN, label }));
  // What the schema takes: at most 10, each label at most 200 characters, each count above the one before.
  const valid = (threshold: Threshold, index: number) =>
    threshold.count > (thresholds[index - 1]?.count ?? 0) && threshold.count <= 1e7 && threshold.label.length <= 200;
  return thresholds.length <= 10 && thresholds.every(valid) ? thresholds : undefined;
}

/**
 * A petition: its text, its count of signatures against thresholds that each bring something
 * (a meeting with the elected official, a debate in the municipal council), the days left, and a
 * form to sign it: the fields the collectivité declares, an eligibility declaration, the privacy
 * notice. Where the collector asks signers to confirm by e-mail, the widget says so; an address
 * that already signed is told so, and counted once. The device remembers it signed.
 *
 * @summary A petition, with its thresholds and a form to sign it.
 * @tag voix-petition
 *
 * @slot - The petition's text (shown with the widget, and alone when JavaScript does not run).
 *
 * @csspart heading - The petition's title.
 * @csspart count - The number of signatures.
 * @csspart progress - The progress bar toward the next threshold.
 * @csspart thresholds - The list of thresholds.
 * @csspart form - The signing form.
 * @csspart comment - The comment box (with `comment`; also a `field`).
 *
 * @cssproperty --voix-color-accent - Buttons, links, the progress bar. Default #1d4fa8.
 * @cssproperty --voix-color-success - The thanks message and reached thresholds. Default #17693a.
 *
 * @event {VoixSentEvent} voix-sent - The endpoint accepted the signature (201: counted; 202: counted once the e-mail is confirmed). `detail`: `{ envelope, status }`.
 * @event {VoixErrorEvent} voix-error - The endpoint refused the signature for good (409: this address already signed). `detail`: `{ envelope, status, message }`.
 */
export class VoixPetition extends VoixWidget {
  static override properties: PropertyDeclarations = {
    heading: {},
    headingLevel: { attribute: 'heading-level' },
    closes: {},
    thresholds: {},
    fields: {},
    eligibility: {},
    comment: { type: Boolean },
    privacyHref: { attribute: 'privacy-href' },
    results: {},
    refresh: {},
    values: { state: true },
    problems: { state: true },
  };

  static override styles = [baseStyles, petitionStyles];
  static override catalogue = { ...resultsFr, ...petitionFr };

  /** The petition's title (not `title`, which browsers show as a tooltip over the whole card). */
  declare heading?: string;
  /** The title's level in the page's outline (2 to 6); default 2. */
  declare headingLevel?: number | string;
  /** When signing ends (ISO 8601; a day alone closes at its end). */
  declare closes?: string;
  /** `count:What it brings` items, in increasing order: `500:Rencontre avec l’élue ou l’élu;2800:Débat en conseil municipal`. */
  declare thresholds?: string | ReadonlyArray<string | Choice>;
  /** The personal fields asked, among `name`, `postcode` and `email` (`;`-separated); default: none. */
  declare fields?: string;
  /** The eligibility declaration to tick; default « Je réside, travaille ou étudie dans la commune concernée. ». */
  declare eligibility?: string;
  /** Adds an optional comment (scrubbed of personal data). */
  declare comment?: boolean;
  /** Link to how the signers' data is used; default: the nearest <voix-config>'s. */
  declare privacyHref?: string;
  /** URL of the results, `{subject}` replaced; default: the nearest <voix-config>'s. */
  declare results?: string;
  /** Seconds between two reads of the count (at least 10); default: read once. */
  declare refresh?: number | string;

  protected readonly eventType: VoixEventType = 'voix.petition.signature';
  protected override readonly showsAnswered = true;
  declare private values?: Partial<Record<PetitionField | 'comment' | 'eligible', string>>;
  /** The fields refused at the last try, with what to tell. */
  declare private problems?: Partial<Record<PetitionField | 'eligible', Key>>;
  #closes?: number;
  #thresholds: Threshold[] = [];
  #fields: PetitionField[] = [];
  // A declared subject's terms (the collector's) are the petition's: a page may give only its subject and its text.
  readonly #terms = new DeclaredTerms(
    this,
    () => ({ endpoint: this.endpoint ?? this.config.endpoint, subject: this.resolvedSubject, type: this.eventType }),
    ({ heading, thresholds, closes, fields }) =>
      Object.assign(this, {
        heading: this.heading ?? heading,
        thresholds: (thresholds as Threshold[] | undefined)?.map(({ count, label }) => ({ value: `${count}`, label })),
        closes,
        fields: (fields as string[] | undefined)?.join(';'),
      }),
  );
  readonly #count = new ResultsController(this, () => ({
    url: this.results ?? this.config.results,
    subject: this.resolvedSubject,
    refresh: checkNumber(this, 'refresh', this.refresh, 10, 86_400),
  }));

  constructor() {
    super();
    // The device remembers it signed: the form gives way to « Vous avez signé… » and the count.
    this.once = true;
  }

  protected override resetAnswers(): void {
    super.resetAnswers();
    this.values = this.problems = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // Just refused as already signed (the state attribute is still the one rendered before): the address is at fault, marked with
    // what the alert says (a kiosk empties the fields instead, see updated()). Focus goes to the alert, as after any refusal.
    if (this.state === 'error' && this.getAttribute('state') !== 'error' && this.submitter.status === 409 && !this.nextPerson)
      this.problems = { email: 'petitionAlready' };
    this.#closes = checkDate(this, 'closes', this.closes);
    const thresholds = this.thresholds && readThresholds(this.thresholds);
    // None given is no mistake: a petition may have no threshold (or wait for its declared ones).
    if (this.thresholds && !thresholds)
      this.reportBadValue(
        'thresholds',
        this.thresholds,
        'count:Label items in increasing order, such as 500:Rencontre avec l’élue ou l’élu;2800:Débat en conseil municipal',
      );
    this.#thresholds = thresholds || [];
    const fields = new Set(
      (this.fields ?? '')
        .split(';')
        .map((field) => field.trim())
        .filter(Boolean),
    );
    // Own keys only: `constructor` or `toString` is `in` any object.
    this.#fields = [...fields].filter((field): field is PetitionField => Object.hasOwn(FIELDS, field));
    // Fewer known than given: one is not a field.
    if (this.#fields.length < fields.size) this.reportBadValue('fields', this.fields, 'name, postcode and/or email, separated by ;');
  }

  #set(field: string, value: string): void {
    this.values = { ...this.values, [field]: value };
  }

  /** Checks the fields, then sends: the personal fields as given, the comment scrubbed. */
  #sign(event: Event): void {
    event.preventDefault();
    const values = this.values ?? {};
    const problems: NonNullable<typeof this.problems> = {};
    for (const field of this.#fields) {
      const input = this.renderRoot.querySelector<HTMLInputElement>(`#${field}`)!;
      const { bad } = FIELDS[field];
      if (!values[field]?.trim()) problems[field] = 'petitionMissing';
      else if (!input.validity.valid && bad) problems[field] = bad;
    }
    if (values.eligible !== 'yes') problems.eligible = 'petitionNotEligible';
    this.problems = problems;
    const first = Object.keys(problems)[0];
    if (first) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${first}`)?.focus());
      return;
    }
    const answers: PetitionAnswers = { eligible: true };
    if (this.#fields.length) answers.personal = Object.fromEntries(this.#fields.map((field) => [field, values[field]!.trim()]));
    const comment = this.comment && scrubPersonalData(values.comment?.trim() ?? '');
    if (comment) answers.comment = comment;
    void this.answer(answers, {
      petition: {
        thresholds: this.#thresholds.length ? this.#thresholds : undefined,
        closes: this.#closes === undefined ? undefined : isoDate(this.closes!, this.#closes),
      },
    });
  }

  #input(field: PetitionField): TemplateResult {
    const { type, autocomplete, label, hint, pattern } = FIELDS[field];
    const problem = this.problems?.[field];
    const described = [hint && `${field}-hint`, problem && `${field}-error`].filter(Boolean).join(' ');
    return html`<div class="field" part="field">
      <label for=${field} part="label">${this.i18n.t(label)}</label>
      ${hint ? html`<p class="hint" part="hint" id="${field}-hint">${this.i18n.t(hint)}</p>` : nothing}
      ${problem ? html`<p class="error" part="error" id="${field}-error">${this.i18n.t(problem)}</p>` : nothing}
      <input
        part="input"
        id=${field}
        type=${type}
        autocomplete=${autocomplete}
        inputmode=${field === 'postcode' ? 'numeric' : nothing}
        pattern=${pattern ?? nothing}
        maxlength=${field === 'email' ? 254 : 200}
        required
        aria-describedby=${described || nothing}
        aria-invalid=${problem ? 'true' : nothing}
        .value=${this.values?.[field] ?? ''}
        @input=${({ target }: InputEvent) => this.#set(field, (target as HTMLInputElement).value)}
      />
    </div>`;
  }

  /** The count, the progress toward the next threshold (none once closed: nothing is missing any more), and every threshold with what it brings. */
  #progress(closed: boolean): TemplateResult {
    const { results, state } = this.#count;
    const number = new Intl.NumberFormat(this.i18n.lang);
    const count = results?.total;
    const next = this.#thresholds.find((threshold) => count !== undefined && threshold.count > count);
    const status = state === 'loading' ? this.i18n.t('resultsLoading') : state === 'error' ? this.i18n.t('resultsError') : nothing;
    return html`<div role="status">${status}</div>
      ${
        count === undefined
          ? nothing
          : html`<p class="count" part="count"><strong>${this.i18n.t('petitionCount', { count: number.format(count) })}</strong></p>
            ${
              // Named by what reaching it brings, its value read as a count (a percentage of the next threshold would say 0 % for 1 of 500).
              next
                ? closed
                  ? nothing
                  : html`<progress part="progress" max=${next.count} .value=${count} aria-label=${next.label} aria-valuetext=${this.i18n.t('petitionProgress', { count: number.format(count), threshold: number.format(next.count) })}></progress>
                  <p>${this.i18n.t('petitionNext', { count: number.format(next.count - count), threshold: number.format(next.count), label: next.label })}</p>`
                : this.#thresholds.length
                  ? html`<p>${this.i18n.t('petitionAllReached')}</p>`
                  : nothing
            }`
      }
      ${
        this.#thresholds.length
          ? html`<ul class="thresholds" part="thresholds" aria-label=${this.i18n.t('petitionThresholds')}>
            ${this.#thresholds.map(({ count: threshold, label }) => {
              const reached = count !== undefined && count >= threshold;
              const text = this.i18n.t(reached ? 'petitionReached' : 'petitionAhead', { count: number.format(threshold), label });
              return html`<li class=${reached ? 'reached' : ''}>${text}</li>`;
            })}
          </ul>`
          : nothing
      }`;
  }

  protected renderWidget(): TemplateResult {
    // Waiting for the collector's terms: the space kept, nothing said yet.
    if (this.#terms.reading) return html``;
    const state = this.state;
    const closes = this.#closes;
    const now = Date.now();
    const closed = closes !== undefined && now >= closes;
    const date = closes !== undefined && longDay(this.i18n.lang, closes, true);
    const status = this.submitter.status;
    // An address that already signed: said instead of the refusal; the form stays usable, as after any refusal, for another address (a kiosk's next person).
    const already = state === 'error' && status === 409;
    const privacyHref = checkLink(this, 'privacy-href', this.privacyHref) ?? this.config.privacyHref;
    const level = checkNumber(this, 'heading-level', this.headingLevel, 2, 6) ?? 2;
    const notEligible = this.problems?.eligible;
    const form = html`<form part="form" novalidate @submit=${(event: Event) => this.#sign(event)}>
      <fieldset ?disabled=${state === 'sending'}>
        <legend part="legend">${this.i18n.t('petitionLegend')}</legend>
        ${this.#fields.map((field) => this.#input(field))}
        ${notEligible ? html`<p class="error" part="error" id="eligible-error">${this.i18n.t(notEligible)}</p>` : nothing}
        <label class="choice" part="choice">
          <input
            type="checkbox"
            id="eligible"
            .checked=${this.values?.eligible === 'yes'}
            aria-describedby=${notEligible ? 'eligible-error' : nothing}
            aria-invalid=${notEligible ? 'true' : nothing}
            @change=${({ target }: Event) => this.#set('eligible', (target as HTMLInputElement).checked ? 'yes' : '')}
          />
          ${this.eligibility?.trim() || this.i18n.t('petitionEligibility')}
        </label>
        ${
          this.comment
            ? commentBox({
                id: 'comment',
                label: this.i18n.t('commentLabel'),
                value: this.values?.comment ?? '',
                maxlength: COMMENT_MAX,
                i18n: this.i18n,
                onInput: (value) => this.#set('comment', value),
              })
            : nothing
        }
        ${this.comment ? html`<p class="hint" part="hint" id=${WARNING_ID}>${this.i18n.t('commentWarning')}</p>` : nothing}
        ${
          this.#fields.length
            ? html`<p class="hint" part="hint">${this.i18n.t('petitionPrivacy')} ${privacyHref ? html`<a href=${privacyHref}>${this.i18n.t('petitionPrivacyLink')}</a>` : nothing}</p>`
            : nothing
        }
        <div class="actions"><button type="submit" part="button" class="primary">${this.i18n.t('petitionSign')}</button></div>
      </fieldset>
    </form>`;
    const signed = this.answeredBefore || /sent|queued/.test(state);
    return html`<div part="base" class="card" lang=${this.i18n.lang} dir=${this.i18n.dir}>
      ${this.heading?.trim() ? html`<p class="heading" part="heading" role="heading" aria-level=${level}>${this.heading.trim()}</p>` : nothing}
      <slot></slot>
      ${this.#progress(closed)}
      ${
        date
          ? html`<p>${closed ? this.i18n.t('petitionClosed', { date }) : this.i18n.t('petitionDaysLeft', { count: Math.ceil((closes! - now) / DAY_MS), date })}</p>`
          : nothing
      }
      ${this.answeredBefore ? html`<p>${this.i18n.t('petitionSignedHere')}</p>` : closed || signed ? nothing : form}
      ${statusRegion(this.submitter, this.i18n, {
        what: this.i18n.t('petitionWhat'),
        detail: this.i18n.t(status === 202 ? 'petitionPending' : 'petitionCounted'),
        final: already ? this.i18n.t('petitionAlready') : undefined,
        next: this.nextPerson,
      })}
    </div>`;
  }

  protected override updated(changed: PropertyValues): void {
    // Just counted (201; a 202 counts once the e-mail is confirmed): one more at once, then the collector's figure.
    const counted = this.state === 'sent' && this.getAttribute('state') !== 'sent' && this.submitter.status !== 202;
    // At a kiosk, refused as already signed: the next person must not find that person's name and address.
    const refusedHere =
      this.state === 'error' && this.getAttribute('state') !== 'error' && this.submitter.status === 409 && this.nextPerson;
    super.updated(changed);
    if (refusedHere) void this.updateComplete.then(() => (this.values = undefined));
    // After this update, not in it: a change here would make Lit render twice.
    if (counted) {
      void this.updateComplete.then(() => {
        this.#count.addLocal([]);
        return this.#count.refresh();
      });
    }
  }
}

VoixPetition.define('voix-petition');

declare global {
  interface HTMLElementTagNameMap {
    'voix-petition': VoixPetition;
  }
}
