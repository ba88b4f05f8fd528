import { css, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { LocalizeController } from '../../core/localize.js';
import { check, checkNumber } from '../../core/settings.js';
import { VoixElement } from '../../core/voix-element.js';
import { launcherFr } from '../../locales/launcher.js';
import { baseStyles } from '../../styles/tokens.js';
// Imported again for the .d.ts, which drops imports used only at run time: an integrator's VoixStrings then has the keys of this catalogue.
import '../../locales/launcher.js';

type Position = 'bottom-right' | 'bottom-left' | 'inline';
const POSITIONS = /^(bottom-right|bottom-left|inline)$/;
/** Seconds the thanks stay on screen before the dialog closes, by default. */
const CLOSE_AFTER = 4;
/** Room kept under what the page scrolls into view, so that the floating button never covers it (WCAG 2.4.11). */
const ROOM = '5rem';

/**
 * A « Je donne mon avis » button that opens the widget it holds in a modal dialog, without leaving
 * the page: focus goes into the dialog, Escape or « Fermer » closes it, and focus comes back to the
 * button. After the answer is sent (or kept to be sent), the widget's thanks show, then the dialog
 * closes. The button floats in a corner (`position`) without ever covering what has focus, or sits
 * in the page (`inline`). A visitor whom the widget's `sample` or `once` leaves out sees no button.
 *
 * @summary A floating « Je donne mon avis » button opening a widget in a dialog.
 * @tag voix-launcher
 *
 * @slot - The widget the dialog holds (a <voix-feedback>, <voix-rating>, <voix-survey>…).
 *
 * @csspart button - The launcher button.
 * @csspart dialog - The dialog.
 * @csspart title - The dialog's title.
 * @csspart close - The « Fermer » button.
 *
 * @cssproperty --voix-color-accent - The button. Default #1d4fa8.
 * @cssproperty --voix-color-on-accent - The button's text. Default #fff.
 * @cssproperty --voix-color-surface - The dialog's background. Default #fff.
 * @cssproperty --voix-color-focus - The focus ring. Default #0a76f6.
 * @cssproperty --voix-radius - Corner radius. Default 0.5rem.
 * @cssproperty --voix-launcher-offset - Distance from the corner of the window. Default 1rem.
 */
export class VoixLauncher extends VoixElement {
  static override properties: PropertyDeclarations = {
    label: {},
    position: { reflect: true },
    closeAfter: { attribute: 'close-after' },
    open: { type: Boolean, reflect: true },
    excluded: { state: true },
    side: { state: true },
  };

  static override styles = [
    baseStyles,
    css`
      :host {
        display: contents;
      }
      .launcher {
        position: fixed;
        bottom: var(--voix-launcher-offset, 1rem);
        right: var(--voix-launcher-offset, 1rem);
        z-index: 2147483000;
        box-shadow: 0 2px 8px rgb(0 0 0 / 0.3);
      }
      .launcher.left {
        right: auto;
        left: var(--voix-launcher-offset, 1rem);
      }
      .launcher.inline {
        position: static;
        box-shadow: none;
      }
      dialog {
        box-sizing: border-box;
        width: min(36rem, calc(100vw - 1rem));
        max-height: calc(100dvh - 1rem);
        padding: var(--voix-space, 1rem);
        border: 0;
        border-radius: var(--voix-radius, 0.5rem);
        background: var(--voix-color-surface, #fff);
        color: inherit;
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 0.5);
      }
      header {
        display: flex;
        align-items: start;
        justify-content: space-between;
        gap: 1rem;
        margin-bottom: 0.5rem;
      }
      h2 {
        font-size: 1.25em;
        margin: 0.25rem 0 0;
      }
    `,
  ];

  /** The button's text, and the dialog's title; default « Je donne mon avis ». */
  declare label?: string;
  /** `bottom-right` (default; `bottom-left` in a language written right to left, such as `ar`), `bottom-left`, or `inline` (a button where the element is). */
  declare position?: Position;
  /** Seconds the thanks stay before the dialog closes after an answer; `0` keeps it open. Default 4. */
  declare closeAfter?: number | string;
  /** Whether the dialog is open. */
  declare open: boolean;
  /** The widget held leaves this visitor out (its `sample` or `once`). */
  declare private excluded: boolean;
  /** The floating button moved to the other corner, away from what has focus. */
  declare private side?: 'left' | 'right';

  readonly #i18n = new LocalizeController(this, () => [this.lang, undefined], launcherFr);
  #timer?: ReturnType<typeof setTimeout>;
  /** Each held widget tells its state in its `state` attribute: hidden when sampling or `once` leaves the visitor out. */
  readonly #states = new MutationObserver(() => this.#readStates());
  readonly #answered = () => {
    const seconds = checkNumber(this, 'close-after', this.closeAfter, 0, 3600) ?? CLOSE_AFTER;
    clearTimeout(this.#timer);
    if (seconds) this.#timer = setTimeout(() => this.close(), seconds * 1000);
  };
  readonly #focusMoved = () => this.#keepClear();

  constructor() {
    super();
    this.open = false;
    this.excluded = true;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('voix-sent', this.#answered);
    this.addEventListener('voix-queued', this.#answered);
    this.#states.observe(this, { attributes: true, attributeFilter: ['state'], subtree: true, childList: true });
    document.addEventListener('focusin', this.#focusMoved);
    this.#readStates();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#states.disconnect();
    document.removeEventListener('focusin', this.#focusMoved);
    document.documentElement.style.removeProperty('scroll-padding-bottom');
    clearTimeout(this.#timer);
  }

  /** Opens the dialog; focus goes to its first control (« Fermer »), then Tab leads into the widget. */
  show(): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (!dialog || dialog.open) return;
    dialog.showModal();
    this.open = true;
    this.renderRoot.querySelector<HTMLElement>('.close')?.focus();
  }

  /** Closes the dialog; focus goes back to the launcher button. */
  close(): void {
    clearTimeout(this.#timer);
    this.renderRoot.querySelector('dialog')?.close();
  }

  #closed(): void {
    this.open = false;
    clearTimeout(this.#timer);
    this.renderRoot.querySelector<HTMLElement>('[part=button]')?.focus();
  }

  #position(): Position {
    return (check(this, 'position', this.position, 'bottom-right, bottom-left or inline', (value) =>
      POSITIONS.test(value as string) ? value : undefined,
    ) ?? (this.#i18n.dir === 'rtl' ? 'bottom-left' : 'bottom-right')) as Position;
  }

  /** No button while a held Voix widget has not said its state yet (no flash), nor when it leaves the visitor out. */
  #readStates(): void {
    // Anywhere inside (in a <voix-config>, a <div>); <voix-config> itself says no state.
    const widgets = [...this.querySelectorAll('*')].filter(
      (child) => child.localName.startsWith('voix-') && child.localName !== 'voix-config',
    );
    this.excluded = widgets.some((widget) => !widget.hasAttribute('state') || widget.getAttribute('state') === 'hidden');
  }

  /**
   * The floating button must not hide what has focus: the page keeps room under what it scrolls
   * into view, and if the focused element still lies under the button (at the very end of the
   * page), the button moves to the other corner.
   */
  #keepClear(): void {
    const button = this.renderRoot.querySelector<HTMLElement>('.launcher:not(.inline)');
    let focused = document.activeElement;
    while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
    // The launcher's own button, and the widget it holds, are not what it could hide.
    if (!button || !focused || this.contains(focused) || focused.getRootNode() === this.renderRoot) return;
    const under = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const at = focused.getBoundingClientRect();
    if (under(at, button.getBoundingClientRect()))
      this.side = (this.side ?? (this.#position() === 'bottom-left' ? 'left' : 'right')) === 'left' ? 'right' : 'left';
  }

  protected override updated(): void {
    // Room under what the page scrolls into view, for a floating button only.
    const root = document.documentElement.style;
    if (!this.excluded && this.#position() !== 'inline') root.setProperty('scroll-padding-bottom', ROOM);
    else root.removeProperty('scroll-padding-bottom');
  }

  protected override render(): TemplateResult {
    const label = this.label?.trim() || this.#i18n.t('launcherLabel');
    const position = this.#position();
    const side = this.side ?? (position === 'bottom-left' ? 'left' : 'right');
    return html`${
      this.excluded
        ? nothing
        : html`<button
            type="button"
            part="button"
            class="primary launcher ${position === 'inline' ? 'inline' : side}"
            dir=${this.#i18n.dir}
            aria-haspopup="dialog"
            @click=${() => this.show()}
          >
            ${label}
          </button>`
    }
      <dialog part="dialog" aria-labelledby="title" lang=${this.#i18n.lang} dir=${this.#i18n.dir} @close=${() => this.#closed()}>
        <header>
          <h2 id="title" part="title">${label}</h2>
          <button type="button" part="close" class="close" @click=${() => this.close()}>${this.#i18n.t('launcherClose')}</button>
        </header>
        <slot></slot>
      </dialog>`;
  }
}

VoixLauncher.define('voix-launcher');

declare global {
  interface HTMLElementTagNameMap {
    'voix-launcher': VoixLauncher;
  }
}
