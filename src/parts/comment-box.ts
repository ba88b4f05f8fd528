import { html, nothing, type TemplateResult } from 'lit';
import type { LocalizeController } from '../core/localize.js';

export interface CommentBoxOptions {
  id: string;
  label: string;
  value: string;
  maxlength: number;
  privacyHref?: string;
  i18n: LocalizeController;
  onInput: (value: string) => void;
}

/** Characters left at which the count is spoken; at every keystroke it would drown what is typed. */
const SPOKEN_AT = [100, 50, 20, 10, 0];

/**
 * A labelled textarea, described by the warning against personal data (the text is also scrubbed
 * before sending), with a character counter that is shown at every keystroke and spoken, by a
 * hidden live region, only when the text reaches 100, 50, 20, 10 and 0 characters left.
 */
export function commentBox(options: CommentBoxOptions): TemplateResult {
  const { id, label, value, maxlength, privacyHref, i18n, onInput } = options;
  const remaining = (text: string) => i18n.t('commentRemaining', { count: maxlength - text.length });
  return html`<div class="comment" part="comment">
    <label for=${id}>${label}</label>
    <p class="hint">
      <span id="${id}-warning">${i18n.t('commentWarning')}</span>
      ${privacyHref ? html`<a href=${privacyHref}>${i18n.t('privacyLink')}</a>` : nothing}
    </p>
    <textarea
      id=${id}
      part="textarea"
      rows="3"
      maxlength=${maxlength}
      aria-describedby="${id}-warning"
      .value=${value}
      @input=${({ target }: InputEvent) => {
        const text = (target as HTMLTextAreaElement).value;
        // Set at a threshold only, and kept until the next: it is spoken once, and in full.
        if (SPOKEN_AT.includes(maxlength - text.length)) (target as Element).parentElement!.lastElementChild!.textContent = remaining(text);
        onInput(text);
      }}
    ></textarea>
    <p class="hint">${remaining(value)}</p>
    <p aria-live="polite"></p>
  </div>`;
}
