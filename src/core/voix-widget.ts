import { ContextConsumer } from '@lit/context';
import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { hasAnswered, inSample, rememberAnswered } from './audience.js';
import { voixConfigContext, type VoixConfigValue } from './config-context.js';
import { createEnvelope, type VoixEventType } from './envelope.js';
import { LocalizeController, type VoixStrings } from './localize.js';
import { checkEndpoint, checkLang, checkNumber, checkText } from './settings.js';
import { SubmitController, type SubmitState } from './submit-controller.js';
import { fetchSend, type VoixSend, type VoixTarget } from './transport.js';
import { VoixElement } from './voix-element.js';

/** What the widget shows: the answer's state, or `hidden` (sample, once), or `unavailable` (no endpoint). */
export type WidgetState = SubmitState | 'hidden' | 'unavailable';

/**
 * The base of every submitting widget: the attributes they all understand, settings resolved
 * as defaults < nearest <voix-config> < own attributes, and the SubmitController and text.
 */
export abstract class VoixWidget extends VoixElement {
  static override properties: PropertyDeclarations = {
    endpoint: { type: String },
    subject: { type: String },
    placement: { type: String },
    sample: { type: Number },
    once: { type: Boolean },
    kiosk: { type: Number },
    strings: { attribute: false },
  };

  /** URL to POST answers to; default: the nearest <voix-config>'s. */
  declare endpoint?: string;
  /** What is rated or voted on; default: the page path. */
  declare subject?: string;
  /** Which button on which page, sent with each answer. */
  declare placement?: string;
  /** Share of visitors who see the widget, from 0 to 1 (default 1), drawn once per device. */
  declare sample?: number;
  /** Hides the widget on this device once it has been answered. */
  declare once: boolean;
  /** Seconds after an answer before the widget resets for the next person (reception desk, van). */
  declare kiosk?: number;
  /** Text overrides for this element, keyed like the locale catalogues. */
  declare strings?: Partial<VoixStrings>;

  /** The CloudEvents type this widget sends. */
  protected abstract readonly eventType: VoixEventType;
  protected config: VoixConfigValue = {};
  protected readonly submitter = new SubmitController(this);
  protected readonly i18n = new LocalizeController(this);
  #consumer: ContextConsumer<typeof voixConfigContext, this>;
  #endpointUrl?: string;
  #subjectText = '';
  #placementText?: string;
  #shown?: boolean;
  #kioskTimer?: ReturnType<typeof setTimeout>;
  #shownState?: WidgetState;

  constructor() {
    super();
    this.once = false;
    this.#consumer = new ContextConsumer(this, {
      context: voixConfigContext,
      subscribe: true,
      callback: (value) => {
        this.config = value;
        this.requestUpdate();
      },
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Inside a <voix-config> whose code has not loaded yet: ask again once it is defined.
    if (this.closest('voix-config:not(:defined)')) {
      void customElements.whenDefined('voix-config').then(() => {
        this.#consumer.hostDisconnected();
        this.#consumer.hostConnected();
      });
    }
  }

  get state(): WidgetState {
    if (this.#shown === false) return 'hidden';
    if (!this.#endpointUrl && !this.config.send) return 'unavailable';
    return this.submitter.state;
  }

  delivery(): { target?: VoixTarget; send: VoixSend } {
    const send = this.config.send ?? fetchSend;
    const endpoint = this.#endpointUrl ?? '';
    const target = endpoint || this.config.send ? { endpoint, transport: this.config.transport ?? 'json' } : undefined;
    return { target, send };
  }

  ownLang(): string | undefined {
    return checkLang(this, this.lang);
  }

  stringOverrides() {
    return { lang: this.config.lang, strings: [this.config.strings, this.strings] };
  }

  /** Builds the envelope for these answers and hands it to the SubmitController. */
  protected answer(answers: object): Promise<void> {
    return this.submitter.submit(
      createEnvelope({
        type: this.eventType,
        widget: this.localName,
        subject: this.#subjectText,
        site: this.config.site ?? location.hostname,
        placement: this.#placementText,
        locale: this.i18n.lang,
        answers,
      }),
    );
  }

  /** The widget itself, once it is shown, has an endpoint and has its text. */
  protected abstract renderWidget(): unknown;

  protected override render() {
    const state = this.state;
    if (state === 'unavailable') return html`<slot></slot>`;
    return state === 'hidden' || !this.i18n.ready ? nothing : this.renderWidget();
  }

  /** Back to a blank widget for the next person (kiosk mode). */
  protected resetAnswers(): void {
    this.submitter.reset();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.#endpointUrl = checkEndpoint(this, 'endpoint', this.endpoint) ?? this.config.endpoint;
    this.#subjectText = checkText(this, 'subject', this.subject, 512) ?? location.pathname;
    this.#placementText = checkText(this, 'placement', this.placement, 255) ?? this.config.placement;
    const kiosk = checkNumber(this, 'kiosk', this.kiosk, 0, 86_400) ?? 0;
    if (this.#shown === undefined) {
      const share = checkNumber(this, 'sample', this.sample, 0, 1) ?? 1;
      const key = `${this.localName}:${this.#subjectText}`;
      this.#shown = inSample(share, key) && !(this.once && !kiosk && hasAnswered(key));
    }
    const state = this.state;
    if (state !== this.#shownState && (state === 'sent' || state === 'queued')) {
      if (this.once) rememberAnswered(`${this.localName}:${this.#subjectText}`);
      clearTimeout(this.#kioskTimer);
      if (kiosk) this.#kioskTimer = setTimeout(() => this.resetAnswers(), kiosk * 1000);
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const state = this.state;
    if (state === this.#shownState) return;
    const previous = this.#shownState;
    this.#shownState = state;
    this.setAttribute('state', state);
    if (state === 'unavailable') {
      // A <voix-config> around may still be upgrading: say so only if it stays without an endpoint.
      setTimeout(() => {
        if (this.state !== 'unavailable') return;
        this.reportBadValue('endpoint', this.endpoint ?? '', 'an endpoint, on this element or on a <voix-config> around it');
      });
    }
    // The controls the person used have gone: keep their focus on the message that replaced them.
    if (previous && ['sent', 'queued', 'error'].includes(state)) {
      this.renderRoot.querySelector<HTMLElement>('[data-focus-after-submit]')?.focus();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#kioskTimer);
  }
}
