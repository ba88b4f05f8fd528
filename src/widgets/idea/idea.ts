import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { Definition } from '../../core/definition.js';
import type { VoixEventType } from '../../core/envelope.js';
import type { VoixStrings } from '../../core/localize.js';
import { parseList, type Choice } from '../../core/settings.js';
import { formFr } from '../../locales/form.js';
import { ideaFr } from '../../locales/idea.js';
import { FormWidget } from '../../parts/form-widget.js';

const DESCRIPTION_MAX = 3000;

/**
 * An idea box: the idea in a few words, its description, a theme from a list the collectivité
 * sets, an optional place or neighbourhood, and an optional e-mail address to be told what became
 * of it. The address is sent apart from the answers (`personal`), never scrubbed nor published; the
 * free texts are scrubbed of personal data. A preset of the form engine: `definition` replaces its
 * questions (the e-mail field stays). Sends `voix.idea`.
 *
 * @summary An idea box: title, description, theme, place, and an optional e-mail kept apart.
 * @tag voix-idea
 *
 * @slot - Fallback shown when JavaScript does not run, when there is no endpoint, and when a given definition cannot be used.
 *
 * @csspart base - The card around the widget.
 * @csspart form - The form.
 * @csspart legend - The step's title.
 * @csspart button - Every button (Envoyer, Réessayer, Nouvel avis).
 * @csspart comment - A long text's box; `textarea` is its textarea.
 * @csspart status - The role="status" region (sending, sent, queued).
 * @csspart error - The role="alert" region (refused); the retry button (`button retry`) follows it.
 * @csspart retry - The Réessayer button after a refusal.
 * @csspart next - "Nouvel avis" in kiosk mode.
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
 * @event voix-submit - Before sending; cancelable. `detail` is the envelope: change it, or cancel and send it yourself.
 * @event voix-sent - The endpoint accepted the idea. `detail`: `{ envelope, status }`.
 * @event voix-queued - The idea is kept in the outbox and will be sent when the network or the endpoint is back. `detail`: `{ envelope, status? }`.
 * @event voix-error - The endpoint refused the idea for good (4xx). `detail`: `{ envelope, status, message }`.
 */
export class VoixIdea extends FormWidget {
  static override properties: PropertyDeclarations = {
    label: {},
    categories: { converter: parseList },
    badEmail: { state: true },
  };

  /** The card's title; default « Proposer une idée ». */
  declare label?: string;
  /** The themes offered, `;`-separated `value:Label` items (as a property, an array); default: cadre de vie, déplacements, nature, solidarité, culture et sport, autre. */
  declare categories?: ReadonlyArray<string | Choice>;
  declare private badEmail?: boolean;

  static override catalogue: Partial<VoixStrings> = { ...formFr, ...ideaFr };

  protected readonly eventType: VoixEventType = 'voix.idea';

  protected ownQuestions(): Definition {
    const t = this.t;
    const categories = parseList(this.categories);
    return {
      id: 'idea',
      steps: [
        {
          title: this.label || t('ideaHeading'),
          questions: [
            { id: 'title', kind: 'text', label: t('ideaTitle'), required: true },
            { id: 'description', kind: 'text', long: true, maxlength: DESCRIPTION_MAX, label: t('ideaDescription'), required: true },
            { id: 'category', kind: 'choice', label: t('ideaCategory'), options: categories.length ? categories : t('ideaCategories') },
            { id: 'place', kind: 'text', label: t('ideaPlace') },
          ],
        },
      ],
    };
  }

  /** The address goes apart from the answers, as given: it is the person's to give, and the collector keeps it apart. */
  protected override send(answers: object): void {
    // The field is read, not bound: the form, and the field with it, is drawn anew for the next person.
    const field = this.renderRoot.querySelector<HTMLInputElement>('#email')!;
    const email = field.value.trim();
    if ((this.badEmail = !field.validity.valid)) return void this.updateComplete.then(() => field.focus());
    super.send(email ? { ...answers, personal: { email } } : answers);
  }

  protected override extraFields(): TemplateResult {
    const t = this.t;
    return html`<div class="question">
      <label for="email">${t('ideaEmail')}</label>
      <p class="hint" id="email-hint">${t('ideaEmailHint')}</p>
      ${this.badEmail ? html`<p class="error" id="email-error">${t('ideaBadEmail')}</p>` : nothing}
      <input
        type="email"
        id="email"
        autocomplete="email"
        pattern=".+@.+\\..+"
        maxlength="254"
        aria-describedby="email-hint ${this.badEmail ? 'email-error' : ''}"
        aria-invalid=${this.badEmail ? 'true' : nothing}
      />
    </div>`;
  }
}

VoixIdea.define('voix-idea');

declare global {
  interface HTMLElementTagNameMap {
    'voix-idea': VoixIdea;
  }
}
