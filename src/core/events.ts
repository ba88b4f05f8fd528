import type { VoixEnvelope } from './envelope.js';
import type { Refusal } from './transport.js';

/** Every Voix event: bubbling, composed (it crosses shadow roots), with a typed `detail`. */
export class VoixEvent<Detail> extends Event {
  constructor(
    type: keyof VoixEventDetails,
    readonly detail: Detail,
    cancelable = false,
  ) {
    super(type, { bubbles: true, composed: true, cancelable });
  }
}

export interface VoixEventDetails {
  /** Before an answer is sent; cancelable: the page may change the envelope, or cancel and send it itself. */
  'voix-submit': VoixEnvelope;
  /** The endpoint accepted the answer (2xx). */
  'voix-sent': { envelope: VoixEnvelope; status: number };
  /** The answer waits in the outbox for a later try (network error, 408, 429, 5xx). */
  'voix-queued': { envelope: VoixEnvelope; status?: number };
  /** The endpoint refused the answer for good (other 4xx); `error`: the refusal's body, when the endpoint sent one (the collector's `{ error, message }`). */
  'voix-error': { envelope: VoixEnvelope; status: number; message: string; error?: Refusal };
}

export type VoixSubmitEvent = VoixEvent<VoixEventDetails['voix-submit']>;
export type VoixSentEvent = VoixEvent<VoixEventDetails['voix-sent']>;
export type VoixQueuedEvent = VoixEvent<VoixEventDetails['voix-queued']>;
export type VoixErrorEvent = VoixEvent<VoixEventDetails['voix-error']>;

declare global {
  interface GlobalEventHandlersEventMap {
    'voix-submit': VoixSubmitEvent;
    'voix-sent': VoixSentEvent;
    'voix-queued': VoixQueuedEvent;
    'voix-error': VoixErrorEvent;
  }
}
