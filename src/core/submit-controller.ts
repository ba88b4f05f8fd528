import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { VoixEnvelope } from './envelope.js';
import { VoixEvent } from './events.js';
import * as outbox from './outbox.js';
import type { Delivery, VoixSend } from './transport.js';

export type SubmitState = 'idle' | 'sending' | 'sent' | 'queued' | 'error';

/** Where answers go, and the page's own sender if <voix-config> gives one, as the widget resolves them. */
export type DeliverySettings = () => { target?: outbox.OutboxItem['target']; send?: VoixSend };

/**
 * The life of one answer: idle -> sending -> sent | queued | error. It goes through the outbox
 * first, so an answer that cannot be delivered now is kept and sent later, exactly once.
 */
export class SubmitController implements ReactiveController {
  state: SubmitState = 'idle';
  // `declare` (here and below): no class field is emitted for these, which are undefined until
  // set anyway; the bytes count in every page.
  /** The HTTP status of the last answer from the endpoint, for the error message. */
  declare status?: number;
  declare envelope?: VoixEnvelope;
  readonly #listener = (id: string, delivery: Delivery) => this.#onDelivery(id, delivery);
  #flushed = false;

  declare private readonly host: ReactiveControllerHost & HTMLElement;
  declare private readonly settings: DeliverySettings;
  /** « Recommencer », after a refusal: the widget's own reset (a fresh form), else back to idle. */
  declare readonly restart: () => void;

  constructor(host: ReactiveControllerHost & HTMLElement, settings: DeliverySettings, restart?: () => void) {
    this.host = host;
    this.settings = settings;
    this.restart = restart ?? (() => this.reset());
    host.addController(this);
  }

  hostConnected(): void {
    outbox.listeners.add(this.#listener);
  }

  /** After the first render, settings (and a <voix-config>'s sender) are known: send what is due. */
  hostUpdated(): void {
    if (this.#flushed) return;
    this.#flushed = true;
    void outbox.flush(this.settings().send);
  }

  hostDisconnected(): void {
    outbox.listeners.delete(this.#listener);
  }

  /** Announces the answer (`voix-submit`, cancelable), then stores and sends it. */
  async submit(envelope: VoixEnvelope): Promise<void> {
    if (this.state === 'sending') return;
    this.envelope = envelope;
    // Cancelled: the page has taken the answer over and sends it itself.
    if (this.host.dispatchEvent(new VoixEvent('voix-submit', envelope, true))) await this.retry();
    else this.#set('sent');
  }

  reset(): void {
    this.envelope = this.status = undefined;
    this.#set('idle');
  }

  /** Stores and sends the answer; again, with the same id, after an error. */
  async retry(): Promise<void> {
    const { target, send } = this.settings();
    if (!this.envelope || !target) return;
    outbox.enqueue(this.envelope, target);
    this.#set('sending');
    await outbox.send(this.envelope.id, send);
  }

  #onDelivery(id: string, { outcome, status, error }: Delivery): void {
    const envelope = this.envelope;
    if (id !== envelope?.id) return;
    this.status = status;
    if (outcome === 'sent') {
      this.#set('sent', 'voix-sent', { envelope, status });
    } else if (outcome === 'failed') {
      this.#set('error', 'voix-error', { envelope, status, message: `Refused: HTTP ${status}`, error });
    } else if (this.state !== 'queued') {
      this.#set('queued', 'voix-queued', { envelope, status });
    }
  }

  #set(state: SubmitState, event?: 'voix-sent' | 'voix-error' | 'voix-queued', detail?: object): void {
    this.state = state;
    this.host.requestUpdate();
    if (event) this.host.dispatchEvent(new VoixEvent(event, detail));
  }
}
