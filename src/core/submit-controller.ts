import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { VoixEnvelope } from './envelope.js';
import { VoixErrorEvent, VoixQueuedEvent, VoixSentEvent, VoixSubmitEvent } from './events.js';
import * as outbox from './outbox.js';
import type { Delivery, VoixSend, VoixTarget } from './transport.js';

export type SubmitState = 'idle' | 'sending' | 'sent' | 'queued' | 'error';

export interface SubmitHost extends ReactiveControllerHost, HTMLElement {
  /** Where answers go and what sends them, resolved from attributes and <voix-config>. */
  delivery(): { target?: VoixTarget; send: VoixSend };
}

/**
 * The life of one answer: idle -> sending -> sent | queued | error. It goes through the outbox
 * first, so an answer that cannot be delivered now is kept and sent later, exactly once.
 */
export class SubmitController implements ReactiveController {
  state: SubmitState = 'idle';
  /** The HTTP status of the last refusal, for the error message. */
  status?: number;
  envelope?: VoixEnvelope;
  #unsubscribe?: () => void;

  constructor(private readonly host: SubmitHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#unsubscribe = outbox.subscribe((id, delivery) => this.#onDelivery(id, delivery));
    void outbox.flush(this.host.delivery().send);
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
  }

  /** Announces the answer (`voix-submit`, cancelable), then stores and sends it. */
  async submit(envelope: VoixEnvelope): Promise<void> {
    if (this.state === 'sending') return;
    const event = new VoixSubmitEvent(envelope);
    this.envelope = envelope;
    if (!this.host.dispatchEvent(event)) {
      // The page has taken the answer over and sends it itself.
      this.#setState('sent');
      return;
    }
    await this.#send();
  }

  /** Sends the same answer again, with the same id. */
  async retry(): Promise<void> {
    if (this.envelope && this.state === 'error') await this.#send();
  }

  reset(): void {
    this.envelope = undefined;
    this.status = undefined;
    this.#setState('idle');
  }

  async #send(): Promise<void> {
    const { target, send } = this.host.delivery();
    if (!this.envelope || !target) return;
    outbox.enqueue(this.envelope, target);
    this.#setState('sending');
    await outbox.send(this.envelope.id, send);
  }

  #onDelivery(id: string, delivery: Delivery): void {
    const envelope = this.envelope;
    if (!envelope || id !== envelope.id) return;
    this.status = delivery.status;
    if (delivery.outcome === 'sent') {
      this.#setState('sent');
      this.host.dispatchEvent(new VoixSentEvent({ envelope, status: delivery.status }));
    } else if (delivery.outcome === 'failed') {
      this.#setState('error');
      const message = `The endpoint refused the answer (HTTP ${delivery.status}).`;
      this.host.dispatchEvent(new VoixErrorEvent({ envelope, status: delivery.status, message }));
    } else if (this.state !== 'queued') {
      this.#setState('queued');
      this.host.dispatchEvent(new VoixQueuedEvent({ envelope, status: delivery.status }));
    }
  }

  #setState(state: SubmitState): void {
    this.state = state;
    this.host.requestUpdate();
  }
}
