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
  [role] {
    outline: none;
  }
  .title {
    font-weight: 700;
    color: var(--voix-color-success, #17693a);
  }
  [role='alert'] .title {
    color: var(--voix-color-error, #b3261e);
  }
  [role] p {
    margin: 0 0 0.5rem;
  }
`;
