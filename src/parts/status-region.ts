import { html, nothing, type TemplateResult } from 'lit';
import type { LocalizeController } from '../core/localize.js';
import type { SubmitController } from '../core/submit-controller.js';

export interface StatusOptions {
  /** Said after the thanks (feedback: who reads it). */
  detail?: unknown;
  /** What was sent, as its messages name it (« votre vote », « vos réponses »); « votre avis » by default. */
  what?: string;
  /** Said instead of the plain refusal, with no Recommencer: a refusal that starting again cannot change (a petition's address that already signed), or an answer to correct (the form engine). */
  final?: string;
  /** Kiosk mode: what « Nouvel avis » does. */
  next?: () => void;
}

/**
 * Where the answer's fate is told: sending, sent and queued in role="status", a refusal in
 * role="alert", in plain words (never an HTTP status), with « Recommencer » after it (inside, it
 * would be read as part of the message): sending the refused answer again would change nothing,
 * while the widget's fields stay usable to change it. Both regions are always in the page, so that
 * a change is announced, and focusable: the widget keeps focus on the one that speaks while its
 * controls are disabled or gone, and on the refusal. Each widget's messages name what it sends;
 * an answer kept for later says why: no connection (no HTTP status), or a server that does not
 * answer for now (408, 429, 5xx), which is not a lost connection.
 */
export function statusRegion(
  submitter: SubmitController,
  i18n: LocalizeController,
  { detail, what = i18n.t('what'), final, next }: StatusOptions = {},
): TemplateResult {
  const { state, status } = submitter;
  const refused = state === 'error';
  const values = { what, status: status ?? '?' };
  // Kiosk mode: after the thanks, "Nouvel avis" resets at once for the next person.
  return html`<div part="status" role="status" tabindex="-1">${
    state === 'sent'
      ? html`<strong>${i18n.t('sent', values)}</strong> ${detail}`
      : state === 'queued'
        ? html`<strong>${i18n.t(status ? 'unavailable' : 'queued', values)}</strong>`
        : state === 'sending'
          ? i18n.t('sending')
          : nothing
  }</div>
    <div part="error" role="alert" tabindex="-1">${refused ? html`<strong>${final ?? i18n.t('errorStatus', values)}</strong>` : nothing}</div>
    ${refused && !final ? html`<button type="button" part="button retry" @click=${submitter.restart}>${i18n.t('restart')}</button>` : nothing}
    ${next && /sent|queued/.test(state) ? html`<button type="button" part="button next" @click=${next}>${i18n.t('next')}</button>` : nothing}`;
}
