import type { VoixEnvelope } from './envelope.js';

/** Fired before an answer is sent. Cancelable: the page may change `detail` or cancel and send it itself. */
export class VoixSubmitEvent extends Event {
  constructor(readonly detail: VoixEnvelope) {
    super('voix-submit', { bubbles: true, composed: true, cancelable: true });
  }
}

/** Fired when the endpoint has accepted the answer (2xx). */
export class VoixSentEvent extends Event {
  constructor(readonly detail: { envelope: VoixEnvelope; status: number }) {
    super('voix-sent', { bubbles: true, composed: true });
  }
}

/** Fired when the answer could not be sent yet and waits in the outbox for a later try. */
export class VoixQueuedEvent extends Event {
  constructor(readonly detail: { envelope: VoixEnvelope; status?: number }) {
    super('voix-queued', { bubbles: true, composed: true });
  }
}

/** Fired when the endpoint refused the answer for good (4xx other than 408 and 429). */
export class VoixErrorEvent extends Event {
  constructor(readonly detail: { envelope: VoixEnvelope; status?: number; message: string }) {
    super('voix-error', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'voix-submit': VoixSubmitEvent;
    'voix-sent': VoixSentEvent;
    'voix-queued': VoixQueuedEvent;
    'voix-error': VoixErrorEvent;
  }
}
