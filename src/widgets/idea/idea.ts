import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { Definition } from '../../engine/definition.js';
import type { VoixEventType } from '../../core/envelope.js';
import type { VoixStrings } from '../../core/localize.js';
import { parseList, type Choice } from '../../core/settings.js';
import { formFr } from '../../engine/fr.js';
import { ideaFr } from '../../locales/idea.js';
import { FormWidget } from '../../engine/form-widget.js';
// Imported again for the .d.ts, which drops imports used only at run time: an integrator's VoixStrings then has the keys of this catalogue.
import '../../locales/idea.js';

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
    return html`<div class="question" part="field">
      <label for="email" part="label">${t('ideaEmail')}</label>
      <p class="hint" part="hint" id="email-hint">${t('ideaEmailHint')}</p>
      ${this.badEmail ? html`<p class="error" part="error" id="email-error">${t('ideaBadEmail')}</p>` : nothing}
      <input
        part="input"
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
