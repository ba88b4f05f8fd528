import { html, nothing } from 'lit';
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

/** Below this many characters left, the counter is announced to screen readers as it changes. */
const ANNOUNCE_BELOW = 50;

/**
 * A labelled textarea with a live character counter and the warning against personal data
 * (the text is also scrubbed before sending).
 */
export function commentBox(options: CommentBoxOptions) {
  const { id, label, value, maxlength, privacyHref, i18n, onInput } = options;
  const remaining = maxlength - value.length;
  const counter = i18n.t('commentRemaining', { count: remaining });
  return html`<div class="comment" part="comment">
    <label for=${id}>${label}</label>
    <p class="hint" id="${id}-warning">
      ${i18n.t('commentWarning')}
      ${privacyHref ? html`<a href=${privacyHref}>${i18n.t('privacyLink')}</a>` : nothing}
    </p>
    <textarea
      id=${id}
      part="textarea"
      rows="3"
      maxlength=${maxlength}
      aria-describedby="${id}-warning ${id}-counter"
      .value=${value}
      @input=${(event: InputEvent) => onInput((event.target as HTMLTextAreaElement).value)}
    ></textarea>
    <p class="hint" id="${id}-counter" aria-live=${remaining < ANNOUNCE_BELOW ? 'polite' : 'off'}>${counter}</p>
  </div>`;
}
