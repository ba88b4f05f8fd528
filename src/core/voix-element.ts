import { LitElement, type PropertyDeclarations } from 'lit';

// Type-only, so nothing at run time: every element's .d.ts then reaches events.d.ts, whose global
// event map types `addEventListener('voix-sent', (e) => e.detail…)` whichever entry is imported.
export type { VoixEventDetails } from './events.js';

/**
 * The base of every Voix element: a guarded define, a reactive `lang`, and one named console
 * error per bad attribute value (a bad value never throws into the host page).
 */
export class VoixElement extends LitElement {
  static override properties: PropertyDeclarations = {
    lang: {},
  };

  /** Registers the element unless that tag is already defined (loading Voix twice is harmless). */
  static define(tag: string): void {
    if (!customElements.get(tag)) customElements.define(tag, this);
  }

  /** Language of this element's text (`fr`, `en`, `es`, `de`, `ar`, or one added by registerLocale()); inherited from `<voix-config>` and the page when unset. */
  declare lang: string;

  /**
   * Logs `<tag> attribute name="value": expected …` once per element and attribute.
   * The caller then uses a safe fallback.
   */
  reportBadValue(attribute: string, value: unknown, expected: string): void {
    this.report(`attribute ${attribute}="${value}"`, expected);
  }

  /** Logs `<tag> what: expected …` once per element and message (a bad definition, say). */
  report(what: string, expected: string): void {
    const message = `<${this.localName}> ${what}: expected ${expected}.`;
    if (!this.#reported.has(message)) console.error(message);
    this.#reported.add(message);
  }

  #reported = new Set<string>();
}
