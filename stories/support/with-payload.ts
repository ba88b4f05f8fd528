import type { Decorator } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { VoixEvent, VoixEventDetails } from '../../src/core/events.js';

const outcomes: Record<string, string> = {
  'voix-submit': 'Envoi au point de collecte',
  'voix-sent': 'Reçu par le point de collecte',
  'voix-queued': 'Gardé pour un nouvel essai',
  'voix-error': 'Refusé par le point de collecte',
};

/**
 * Shows under the story what the widgets inside post: the envelope they announce with
 * `voix-submit`, then what became of it (`voix-sent`, `voix-queued`, `voix-error`) and the HTTP status.
 * Folded under « Ce qui est envoyé »: a designer sees the widget first, and opens it when curious.
 */
export const withPayload: Decorator = (story) => {
  const caption = document.createElement('p');
  const payload = document.createElement('pre');
  // Wrapped, so that a long envelope stays inside a phone-width story.
  payload.style.cssText = 'white-space: pre-wrap; overflow-wrap: anywhere; margin: 0';
  caption.textContent = 'Rien n’a encore été envoyé.';
  const show = (event: Event) => {
    const { detail } = event as VoixEvent<VoixEventDetails[keyof VoixEventDetails]>;
    const envelope = 'envelope' in detail ? detail.envelope : detail;
    const status = 'status' in detail && detail.status ? ` (HTTP ${detail.status})` : '';
    caption.textContent = `${outcomes[event.type]}${status} · ${event.type}`;
    payload.textContent = JSON.stringify(envelope, null, 2);
  };
  return html`<div @voix-submit=${show} @voix-sent=${show} @voix-queued=${show} @voix-error=${show}>${story()}</div>
    <details style="margin-block-start: 1.5rem; font: 0.875rem system-ui, sans-serif">
      <summary>Ce qui est envoyé</summary>
      <section aria-label="Données envoyées">${caption} ${payload}</section>
    </details>`;
};
