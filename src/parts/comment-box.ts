import { html, nothing, type TemplateResult } from 'lit';
import type { LocalizeController } from '../core/localize.js';

export interface CommentBoxOptions {
  id: string;
  label: string;
  value: string;
  maxlength: number;
  i18n: LocalizeController;
  onInput: (value: string) => void;
}

/** Characters left at which the count is spoken; at every keystroke it would drown what is typed. */
const SPOKEN_AT = [100, 50, 20, 10, 0];

/** The id of the widget's one warning against personal data, which describes each of its free texts. */
export const WARNING_ID = 'warning';

/**
 * The warning against personal data (free text is also scrubbed before sending) and the link to
 * the privacy notice: once per widget, after its fields and before its buttons. Said before every
 * free text, it was heard three times in the idea box, and its link came first in Tab order.
 */
export const privacyNotice = (i18n: LocalizeController, privacyHref?: string): TemplateResult =>
  html`<p class="hint" part="hint"><span id=${WARNING_ID}>${i18n.t('commentWarning')}</span> ${privacyHref ? html`<a href=${privacyHref}>${i18n.t('privacyLink')}</a>` : nothing}</p>`;

/**
 * A labelled textarea, described by the warning of privacyNotice(), with a character counter
 * that is shown at every keystroke and spoken, by a hidden live region, only when the text reaches 100, 50, 20, 10 and 0 characters left.
 */
export function commentBox(options: CommentBoxOptions): TemplateResult {
  const { id, label, value, maxlength, i18n, onInput } = options;
  const remaining = (text: string) => i18n.t('commentRemaining', { count: maxlength - text.length });
  return html`<div class="comment" part="field comment">
    <label for=${id} part="label">${label}</label>
    <textarea
      id=${id}
      part="textarea"
      rows="3"
      maxlength=${maxlength}
      aria-describedby=${WARNING_ID}
      .value=${value}
      @input=${({ target }: InputEvent) => {
        const text = (target as HTMLTextAreaElement).value;
        // Set at a threshold only, and kept until the next: it is spoken once, and in full.
        if (SPOKEN_AT.includes(maxlength - text.length)) (target as Element).parentElement!.lastElementChild!.textContent = remaining(text);
        onInput(text);
      }}
    ></textarea>
    <p class="hint" part="hint">${remaining(value)}</p>
    <p aria-live="polite"></p>
  </div>`;
}
