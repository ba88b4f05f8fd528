import { css, html, nothing } from 'lit';
import type { LocalizeController } from '../core/localize.js';
import type { SubmitController } from '../core/submit-controller.js';

/**
 * Where the answer's fate is told: success and waiting in role="status", refusal in role="alert"
 * with a retry button. Both regions are always in the page, so that a change is announced.
 */
export function statusRegion(submitter: SubmitController, i18n: LocalizeController, sentDetail: string) {
  const { state, status } = submitter;
  const polite =
    state === 'sent'
      ? html`<p class="title">${i18n.t('sent')}</p>
          <p>${sentDetail}</p>`
      : state === 'queued'
        ? html`<p class="title">${i18n.t('queued')}</p>`
        : state === 'sending'
          ? html`<p>${i18n.t('sending')}</p>`
          : nothing;
  const alert =
    state === 'error'
      ? html`<p class="title">${status ? i18n.t('errorStatus', { status }) : i18n.t('error')}</p>
          <button type="button" part="button retry" @click=${() => submitter.retry()}>${i18n.t('retry')}</button>`
      : nothing;
  return html`<div part="status" class="status" role="status" tabindex="-1" ?data-focus-after-submit=${state !== 'error'}>${polite}</div>
    <div part="error" class="error" role="alert" tabindex="-1" ?data-focus-after-submit=${state === 'error'}>${alert}</div>`;
}

export const statusRegionStyles = css`
  .status:focus,
  .error:focus {
    outline: none;
  }
  .status .title {
    font-weight: 700;
    color: var(--_success);
  }
  .error:not(:has(p)) {
    border: 0;
  }
  .error {
    border-inline-start: 4px solid var(--_error);
    padding-inline-start: 0.75rem;
  }
  .error .title {
    font-weight: 700;
    color: var(--_error);
  }
  .status p,
  .error p {
    margin: 0 0 0.5rem;
  }
`;
