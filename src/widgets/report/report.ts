import type { PropertyDeclarations } from 'lit';
import type { Definition } from '../../engine/definition.js';
import type { VoixEventType } from '../../core/envelope.js';
import type { VoixStrings } from '../../core/localize.js';
import { parseList, type Choice } from '../../core/settings.js';
import { formFr } from '../../engine/fr.js';
import { reportFr } from '../../locales/report.js';
import { FormWidget } from '../../engine/form-widget.js';
// Imported again for the .d.ts, which drops imports used only at run time: an integrator's VoixStrings then has the keys of this catalogue.
import '../../locales/report.js';

const WHAT_MAX = 2000;

/**
 * Report an irritant: what it is about (a category from a list the collectivité sets: accueil,
 * délais, démarche en ligne, horaires, information, accès, autre), where, what happened (required)
 * and how often. A preset of the form engine: `definition` replaces its questions. Sends `voix.report`.
 *
 * @summary Reports an irritant: category, where, what happened, how often.
 * @tag voix-report
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
            {
              id: 'category',
              kind: 'choice',
              label: t('reportCategory'),
              options: categories.length ? categories : t('reportCategories'),
              required: true,
            },
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
