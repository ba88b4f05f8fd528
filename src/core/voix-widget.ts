import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { answered, inSample } from './audience.js';
import { requestConfig, type VoixConfigValue } from './config-context.js';
import { createEnvelope, type VoixEnvelope, type VoixEventType } from './envelope.js';
import { LocalizeController, type VoixStrings } from './localize.js';
import { checkEndpoint, checkNumber, checkText } from './settings.js';
import { SubmitController, type SubmitState } from './submit-controller.js';
import { VERSION } from './version.js';
import { VoixElement } from './voix-element.js';

/** What the widget shows: the answer's state, or `hidden` (sample, once), or `unavailable` (no endpoint). */
export type WidgetState = SubmitState | 'hidden' | 'unavailable';

/**
 * The base of every submitting widget: the attributes they all understand, settings resolved
 * as defaults < nearest <voix-config> < own attributes, the SubmitController and the text.
 * A widget adds its questions in renderWidget() and calls answer().
 *
 * The slot, parts, CSS properties and events below are every widget's: the manifest analyzer
 * copies them into each widget's entry of custom-elements.json (Storybook's docs read it there).
 * A widget documents only its own, and may describe one of these again where it means more there.
 *
 * @slot - Fallback shown when JavaScript does not run or there is no endpoint (a link to a contact form, say); hidden once the widget shows.
 *
 * @csspart base - The card around the widget.
 * @csspart button - Every button: the widget's own (Envoyer, Voter, Signer…), Recommencer and Nouvel avis.
 * @csspart status - The role="status" region (sending, sent, queued).
 * @csspart error - Every error message: a field's (« Veuillez répondre à cette question. ») and the role="alert" region (refused, in plain words), which the Recommencer button (`button retry`) follows.
 * @csspart field - One question or field with its label or legend, hint, error and controls (the same name in every widget; see docs/theming.md).
 * @csspart legend - The legend of a group: a question answered by choosing, the reasons, the step's title.
 * @csspart label - The label of a text field.
 * @csspart hint - A help text: under a label, a counter, the warning against personal data.
 * @csspart choice - One radio button or checkbox with its label.
 * @csspart input - A one-line text field (text, e-mail, « Précisez »).
 * @csspart textarea - A multi-line text field.
 * @csspart retry - The Recommencer button after a refusal, which gives a fresh widget (it is also a `button`; it stands where Réessayer stood).
 * @csspart next - The Nouvel avis button in kiosk mode (it is also a `button`).
 *
 * @cssproperty --voix-color-accent - Buttons, links, checked boxes. Default #1d4fa8.
 * @cssproperty --voix-color-on-accent - Text on accent-coloured buttons. Default #fff.
 * @cssproperty --voix-color-text - Text. Default #1e1e1e.
 * @cssproperty --voix-color-muted - Hints and counters. Default #595959.
 * @cssproperty --voix-color-surface - Card background. Default #fff.
 * @cssproperty --voix-color-border - Card and field borders. Default #767676.
 * @cssproperty --voix-color-success - The thanks message. Default #17693a.
 * @cssproperty --voix-color-error - Error messages. Default #b3261e.
 * @cssproperty --voix-color-focus - The focus ring. Default #0a76f6.
 * @cssproperty --voix-radius - Corner radius. Default 0.5rem.
 * @cssproperty --voix-space - Inner spacing. Default 1rem.
 * @cssproperty --voix-font - Font family. Default system-ui.
 * @cssproperty --voix-font-size - Base font size. Default 1rem.
 *
 * @event {VoixSubmitEvent} voix-submit - Before sending; cancelable. `detail` is the envelope: change it, or cancel and send it yourself.
 * @event {VoixSentEvent} voix-sent - The endpoint accepted the answer. `detail`: `{ envelope, status }`.
 * @event {VoixQueuedEvent} voix-queued - The answer is kept in the outbox and will be sent when the network or the endpoint is back. `detail`: `{ envelope, status? }`.
 * @event {VoixErrorEvent} voix-error - The endpoint refused the answer for good (4xx). `detail`: `{ envelope, status, message, error? }` (`error`: the refusal's body, `{ error, message }`, when the endpoint sent one).
 */
export abstract class VoixWidget extends VoixElement {
  static override properties: PropertyDeclarations = {
    endpoint: {},
    subject: {},
    placement: {},
    sample: {},
    once: { type: Boolean },
    kiosk: {},
    strings: { attribute: false },
  };

  /** URL to POST answers to; default: the nearest <voix-config>'s. */
  declare endpoint?: string;
  /** What is rated or voted on; default: the page path. */
  declare subject?: string;
  /** Which button on which page, sent with each answer. */
  declare placement?: string;
  /** Share of visitors who see the widget, from 0 to 1 (default 1), drawn once per device. */
  declare sample?: number | string;
  /** Hides the widget on this device once it has been answered. */
  declare once?: boolean;
  /** Seconds after an answer before the widget resets for the next person (reception desk, van). */
  declare kiosk?: number | string;
  /** Text overrides for this element, keyed like the locale catalogues. */
  declare strings?: Partial<VoixStrings>;

  /** The widget's own French text (its chunk's), under the language's catalogue and the overrides. */
  static catalogue?: Partial<VoixStrings>;

  /** The CloudEvents type this widget sends. */
  protected abstract readonly eventType: VoixEventType;
  protected config: VoixConfigValue = {};
  #endpoint?: string;
  /** The subject, as sent (checked, else the page path); results are read for it. Set before each render. */
  declare protected resolvedSubject: string;
  #placement?: string;
  /** Where sampling and `once` keep their mark for this widget and subject. */
  #answeredKey = '';
  #shown?: boolean;
  /** With `once`, answered on this device before this page (and not in kiosk mode). Set before the first render. */
  declare protected answeredBefore?: boolean;
  /** A widget answered before (`once`) stays, showing something else: a poll « Vous avez déjà participé » and its results, a petition its count. Others hide. */
  declare protected readonly showsAnswered?: boolean;
  #kiosk = 0;
  #kioskTimer?: ReturnType<typeof setTimeout>;
  #renderedState?: WidgetState;
  #stopConfig?: () => void;
  #configDefined: Promise<unknown> = Promise.resolve();
  protected readonly submitter = new SubmitController(
    this,
    () => {
      const { send, transport = 'json' } = this.config;
      return { target: this.#endpoint || send ? { endpoint: this.#endpoint ?? '', transport, custom: !!send } : undefined, send };
    },
    () => this.resetAnswers(),
  );
  protected readonly i18n = new LocalizeController(
    this,
    () => [this.lang, this.config.lang, this.config.strings, this.strings],
    (this.constructor as typeof VoixWidget).catalogue,
  );

  get state(): WidgetState {
    if (this.#shown === false) return 'hidden';
    return this.#endpoint || this.config.send ? this.submitter.state : 'unavailable';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#listenToConfig();
    // Inside a <voix-config> whose code has not loaded yet: ask again once it is defined.
    if (this.closest('voix-config:not(:defined)')) {
      this.#configDefined = customElements.whenDefined('voix-config').then(() => this.#listenToConfig());
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopConfig?.();
    clearTimeout(this.#kioskTimer);
  }

  #listenToConfig(): void {
    this.#stopConfig?.();
    this.#stopConfig = requestConfig(this, (value) => {
      this.config = value;
      this.requestUpdate();
    });
  }

  /** Builds the envelope for these answers (and `more` of `data`) and hands it to the SubmitController. */
  protected answer(answers: object, more?: Partial<VoixEnvelope['data']>): Promise<void> {
    return this.submitter.submit(
      createEnvelope(this.eventType, this.resolvedSubject, {
        site: this.config.site ?? location.hostname,
        placement: this.#placement,
        locale: this.i18n.lang,
        widget: { name: this.localName, version: VERSION },
        ...more,
        answers,
      }),
    );
  }

  /** In kiosk mode, what "Nouvel avis" does: reset for the next person now. */
  protected get nextPerson(): (() => void) | undefined {
    return this.#kiosk ? () => this.resetAnswers() : undefined;
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
    clearTimeout(this.#kioskTimer);
    this.submitter.reset();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.#endpoint = checkEndpoint(this, 'endpoint', this.endpoint) ?? this.config.endpoint;
    this.resolvedSubject = checkText(this, 'subject', this.subject, 512) ?? location.pathname.slice(0, 512);
    this.#placement = checkText(this, 'placement', this.placement, 255) ?? this.config.placement;
    this.#answeredKey = `${this.localName}:${this.resolvedSubject}`;
    this.#kiosk = checkNumber(this, 'kiosk', this.kiosk, 0, 86_400) ?? 0;
    // A kiosk serves every passer-by: neither `sample` nor `once` applies to it.
    this.answeredBefore ??= !this.#kiosk && !!this.once && answered(this.#answeredKey);
    this.#shown ??=
      !!this.#kiosk ||
      (inSample(checkNumber(this, 'sample', this.sample, 0, 1) ?? 1, this.#answeredKey) && !(this.answeredBefore && !this.showsAnswered));
  }

  protected override update(changed: PropertyValues): void {
    const focused = this.shadowRoot!.activeElement;
    super.update(changed);
    // The render disabled (sending), removed or emptied (refused, reset) what had focus: keep focus
    // in the widget, so that it does not fall to <body> and the next Tab goes on from here. Only
    // then: a person who has moved on meanwhile keeps their place. Focus goes to a refusal's alert
    // (Recommencer follows it; the fields, usable again, come before it), else to the first control
    // that can be used, else to the first message that speaks (the status region, focusable with
    // tabindex="-1"), which widgets put after their controls. (A fieldset is no control.)
    if (focused && (!focused.isConnected || focused.matches(':disabled,[tabindex]:empty'))) {
      const root = this.renderRoot;
      (
        root.querySelector<HTMLElement>('[part=error][tabindex]:not(:empty)') ??
        root.querySelector<HTMLElement>(':enabled:not(fieldset),[tabindex]:not(:empty)')
      )?.focus();
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const state = this.state;
    const previous = this.#renderedState;
    if (state === previous) return;
    this.#renderedState = state;
    this.setAttribute('state', state);
    // No endpoint at all (a bad one was already reported): complain once the <voix-config>
    // around, if any, has loaded and still gives none, if the widget is still on the page (an
    // editor redrawing its preview takes widgets out before their <voix-config> answered).
    if (state === 'unavailable' && this.endpoint == null) {
      void this.#configDefined.then(() =>
        setTimeout(
          () =>
            this.isConnected &&
            this.state === 'unavailable' &&
            this.reportBadValue('endpoint', '', 'an endpoint here or on a <voix-config>'),
        ),
      );
    }
    // Just answered (not queued -> sent later): `once` and `kiosk` take effect.
    if (/sent|queued/.test(state) && previous !== 'queued') {
      if (this.once) answered(this.#answeredKey, true);
      if (this.#kiosk) this.#kioskTimer = setTimeout(() => this.resetAnswers(), this.#kiosk * 1000);
    }
  }
}
