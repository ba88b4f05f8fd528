import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { VoixEventType } from '../../core/envelope.js';
import { scrubPersonalData } from '../../core/scrub.js';
import { parseList, type Choice } from '../../core/settings.js';
import { VoixWidget } from '../../core/voix-widget.js';
import { feedbackFr } from '../../locales/feedback.js';
import { choiceGroup } from '../../parts/choice-group.js';
import { commentBox, privacyNotice } from '../../parts/comment-box.js';
import { statusRegion } from '../../parts/status-region.js';
import { baseStyles } from '../../styles/tokens.js';
import { feedbackStyles } from './feedback.styles.js';
// Imported again for the .d.ts, which drops imports used only at run time: an integrator's VoixStrings then has the keys of this catalogue.
import '../../locales/feedback.js';

/** What <voix-feedback> sends in data.answers (schemas/voix.feedback.schema.json). */
export interface FeedbackAnswers {
  useful: boolean;
  reasons?: string[];
  comment?: string;
}

const COMMENT_MAX = 1000;

/**
 * "Cette page vous a-t-elle été utile ?" Oui / Non. On Non: reasons and an optional comment;
 * on Oui: thanks, or first an optional comment when `comment` is set.
 *
 * @summary Asks whether the page was useful, and why not.
 * @tag voix-feedback
 *
 * @csspart question - The fieldset with the question and the Oui / Non buttons (also a `field`).
 * @csspart choices - The fieldset of reasons (also a `field`).
 * @csspart comment - The comment box, with its label and counter (also a `field`).
 *
 * @cssproperty --voix-feedback-min-height - Space reserved before and after upgrade. Default 7.5rem.
 */
export class VoixFeedback extends VoixWidget {
  static override properties: PropertyDeclarations = {
    question: {},
    reasons: { converter: parseList },
    comment: { type: Boolean },
    useful: { state: true },
    chosen: { state: true },
    text: { state: true },
  };

  static override styles = [baseStyles, feedbackStyles];
  static override catalogue = feedbackFr;

  /** The question; default "Cette page vous a-t-elle été utile ?". */
  declare question?: string;
  /** Reasons offered after Non, `;`-separated, each `value:Label` or a label; as a property, an array. */
  declare reasons?: ReadonlyArray<string | Choice>;
  /** Also offers an optional comment after Oui. */
  declare comment?: boolean;

  protected readonly eventType: VoixEventType = 'voix.feedback';
  declare private useful?: boolean;
  declare private chosen?: string[];
  declare private text?: string;

  protected override resetAnswers(): void {
    super.resetAnswers();
    this.useful = this.chosen = this.text = undefined;
  }

  #choose(useful: boolean): void {
    // The Oui / Non buttons are replaced by the next step, or disabled while sending: VoixWidget
    // moves focus to the first field of the next step, or to the status message.
    this.useful = useful;
    if (useful && !this.comment) void this.#send();
  }

  #send(): Promise<void> {
    const answers: FeedbackAnswers = { useful: !!this.useful };
    if (this.chosen?.length) answers.reasons = this.chosen;
    const comment = scrubPersonalData(this.text?.trim() ?? '');
    if (comment) answers.comment = comment;
    return this.answer(answers);
  }

  protected renderWidget(): TemplateResult {
    const state = this.state;
    // While sending, the answers stay on screen, disabled; after a refusal they are usable again, to change and send, or Recommencer.
    const locked = state === 'sending';
    return html`<div part="base" class="card" lang=${this.i18n.lang} dir=${this.i18n.dir}>
      ${/sent|queued/.test(state) ? nothing : this.useful === undefined || (this.useful && !this.comment) ? this.#renderQuestion(locked) : this.#renderDetails(locked)}
      ${statusRegion(this.submitter, this.i18n, { detail: this.i18n.t('feedbackSentDetail'), next: this.nextPerson })}
    </div>`;
  }

  #renderQuestion(locked: boolean) {
    return html`<fieldset part="field question" ?disabled=${locked}>
      <legend part="legend">${this.question || this.i18n.t('feedbackQuestion')}</legend>
      <div class="actions">
        <button type="button" part="button" @click=${() => this.#choose(true)}>${this.i18n.t('yes')}</button>
        <button type="button" part="button" @click=${() => this.#choose(false)}>${this.i18n.t('no')}</button>
      </div>
    </fieldset>`;
  }

  #renderDetails(locked: boolean) {
    const reasons = parseList(this.reasons?.length ? this.reasons : this.i18n.t('feedbackReasons'));
    // The fieldset disables the form while sending; around the reasons' own group it would be a group without a name (role none).
    return html`<form
      @submit=${(event: Event) => {
        event.preventDefault();
        void this.#send();
      }}
    >
      <fieldset role=${this.useful ? nothing : 'none'} ?disabled=${locked}>
        ${
          this.useful
            ? html`<legend>${this.i18n.t('feedbackMore')}</legend>`
            : choiceGroup({
                name: 'reasons',
                legend: this.i18n.t('feedbackReasonsLegend'),
                multiple: true,
                choices: reasons,
                selected: this.chosen ?? [],
                onChange: (chosen) => (this.chosen = chosen),
              })
        }
        ${commentBox({
          id: 'comment',
          label: this.i18n.t('commentLabel'),
          value: this.text ?? '',
          maxlength: COMMENT_MAX,
          i18n: this.i18n,
          onInput: (text) => (this.text = text),
        })}
        ${privacyNotice(this.i18n, this.config.privacyHref)}
        <div class="actions">
          <button type="submit" part="button" class="primary">${this.i18n.t('submit')}</button>
        </div>
      </fieldset>
    </form>`;
  }
}

VoixFeedback.define('voix-feedback');

declare global {
  interface HTMLElementTagNameMap {
    'voix-feedback': VoixFeedback;
  }
}
