import { ContextProvider } from '@lit/context';
import { css, html, type PropertyDeclarations, type TemplateResult } from 'lit';
import { requestConfig, voixConfigContext, type VoixConfigValue } from './config-context.js';
import type { VoixStrings } from './localize.js';
import { checkLink } from './links.js';
import { check, checkEndpoint, checkText } from './settings.js';
import type { TransportName, VoixSend } from './transport.js';
import { VoixElement } from './voix-element.js';

/**
 * Shares settings with every Voix widget inside it. A widget's own attributes win over these,
 * and these win over the built-in defaults. Nested configs add to the outer one.
 *
 * @summary Shared settings (endpoint, site, language, text, sender) for the widgets inside.
 * @tag voix-config
 * @slot - The widgets, and any other content of the page.
 */
export class VoixConfig extends VoixElement {
  static override properties: PropertyDeclarations = {
    endpoint: {},
    results: {},
    site: {},
    placement: {},
    privacyHref: { attribute: 'privacy-href' },
    transport: {},
    strings: { attribute: false },
    send: { attribute: false },
  };

  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** URL the widgets POST to: an http(s) URL or a path starting with `/`. */
  declare endpoint?: string;
  /** URL of the results (polls, petitions); `{subject}` is replaced by the subject. */
  declare results?: string;
  /** Name of the site sent with each answer; default: the page's host name. */
  declare site?: string;
  /** Which spot of the page the widgets are in, sent with each answer. */
  declare placement?: string;
  /** Link to the page that says how answers are used, shown under comment boxes: an http(s) URL or a path on the site. */
  declare privacyHref?: string;
  /** `json` (CloudEvents, the default) or `form` (urlencoded, for classic form handlers). */
  declare transport?: TransportName;
  /** Text overrides for every widget inside, keyed like the locale catalogues. */
  declare strings?: Partial<VoixStrings>;
  /** A custom sender replacing fetch: receives the envelope and the target, resolves to `{ status }`. */
  declare send?: VoixSend;

  #outer: VoixConfigValue = {};
  readonly #provider = new ContextProvider(this, { context: voixConfigContext, initialValue: {} });

  #stopOuter?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#stopOuter = requestConfig(this, (value) => {
      this.#outer = value;
      this.requestUpdate();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopOuter?.();
  }

  protected override willUpdate(): void {
    const own: VoixConfigValue = {
      endpoint: checkEndpoint(this, 'endpoint', this.endpoint),
      results: this.results,
      site: checkText(this, 'site', this.site, 255),
      // Checked by the widgets (core/languages.ts), which report an unknown one as this element's.
      lang: this.lang || undefined,
      placement: checkText(this, 'placement', this.placement, 255),
      privacyHref: checkLink(this, 'privacy-href', this.privacyHref),
      transport: check(this, 'transport', this.transport, '"json" or "form"', (value) =>
        value === 'json' || value === 'form' ? value : undefined,
      ),
      strings: this.strings ? { ...this.#outer.strings, ...this.strings } : undefined,
      send: typeof this.send === 'function' ? this.send : undefined,
    };
    const defined = Object.entries(own).filter(([, value]) => value !== undefined);
    this.#provider.setValue({ ...this.#outer, ...Object.fromEntries(defined) });
  }

  protected override render(): TemplateResult {
    return html`<slot></slot>`;
  }
}

VoixConfig.define('voix-config');

declare global {
  interface HTMLElementTagNameMap {
    'voix-config': VoixConfig;
  }
}
