import type { PropertyDeclarations } from 'lit';
import type { Definition } from '../../core/definition.js';
import type { VoixEventType } from '../../core/envelope.js';
import type { VoixStrings } from '../../core/localize.js';
import { parseList, type Choice } from '../../core/settings.js';
import { formFr } from '../../locales/form.js';
import { reportFr } from '../../locales/report.js';
import { FormWidget } from '../../parts/form-widget.js';

const WHAT_MAX = 2000;

/**
 * Report an irritant: what it is about (a category from a list the collectivité sets: accueil,
 * délais, démarche en ligne, horaires, information, accès, autre), where, what happened (required)
 * and how often. A preset of the form engine: `definition` replaces its questions. Sends `voix.report`.
 *
 * @summary Reports an irritant: category, where, what happened, how often.
 * @tag voix-report
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
 * @event voix-sent - The endpoint accepted the answer. `detail`: `{ envelope, status }`.
 * @event voix-queued - The answer is kept in the outbox and will be sent when the network or the endpoint is back. `detail`: `{ envelope, status? }`.
 * @event voix-error - The endpoint refused the answer for good (4xx). `detail`: `{ envelope, status, message }`.
 */
export class VoixReport extends FormWidget {
  static override properties: PropertyDeclarations = {
    label: {},
    categories: { converter: parseList },
  };

  /** The card's title; default « Signaler une difficulté ». */
  declare label?: string;
  /** The categories offered, `;`-separated `value:Label` items (as a property, an array); default: accueil, délais, démarche en ligne, horaires, information, accès, autre. */
  declare categories?: ReadonlyArray<string | Choice>;

  static override catalogue: Partial<VoixStrings> = { ...formFr, ...reportFr };

  protected readonly eventType: VoixEventType = 'voix.report';

  protected ownQuestions(): Definition {
    const t = this.t;
    const categories = parseList(this.categories);
    return {
      id: 'report',
      steps: [
        {
          title: this.label || t('reportTitle'),
          questions: [
            { id: 'category', kind: 'choice', label: t('reportCategory'), options: categories.length ? categories : t('reportCategories'), required: true },
            { id: 'where', kind: 'text', label: t('reportWhere') },
            { id: 'what', kind: 'text', long: true, maxlength: WHAT_MAX, label: t('reportWhat'), required: true },
            { id: 'often', kind: 'choice', label: t('reportOften'), options: t('reportOftenOptions') },
          ],
        },
      ],
    };
  }
}

VoixReport.define('voix-report');

declare global {
  interface HTMLElementTagNameMap {
    'voix-report': VoixReport;
  }
}
