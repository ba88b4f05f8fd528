import type { PropertyDeclarations } from 'lit';
import type { Definition } from '../../engine/definition.js';
import type { VoixEventType } from '../../core/envelope.js';
import type { VoixStrings } from '../../core/localize.js';
import { formFr } from '../../engine/fr.js';
import { pulseFr } from '../../locales/pulse.js';
import { FormWidget } from '../../engine/form-widget.js';
// Imported again for the .d.ts, which drops imports used only at run time: an integrator's VoixStrings then has the keys of this catalogue.
import '../../locales/pulse.js';

const TEXT_MAX = 1000;

/**
 * A pulse survey for agents, anonymous and short: how far a process being tried helps them (an
 * `agree` scale), what blocks them, one idea. Sent with `audience: "agent"`; the reference
 * collector shows no results for a subject with fewer than five answers. A preset of the form
 * engine: `definition` replaces its questions. Sends `voix.pulse`.
 *
 * @summary A short anonymous pulse survey for agents.
 * @tag voix-pulse
 */
export class VoixPulse extends FormWidget {
  static override properties: PropertyDeclarations = {
    label: {},
    question: {},
  };

  /** What is being tried, as the card's title; default « Votre avis sur ce que nous testons ». */
  declare label?: string;
  /** The statement agents agree with or not; default « Ce nouveau fonctionnement m'aide dans mon travail. ». */
  declare question?: string;

  static override catalogue: Partial<VoixStrings> = { ...formFr, ...pulseFr };

  protected readonly eventType: VoixEventType = 'voix.pulse';

  constructor() {
    super();
    // Agents answer a pulse: their answers are read apart, under the collector's anonymity rule.
    this.audience = 'agent';
  }

  protected ownQuestions(): Definition {
    const t = this.t;
    return {
      id: 'pulse',
      steps: [
        {
          title: this.label || t('pulseTitle'),
          questions: [
            {
              id: 'helps',
              kind: 'scale',
              scale: 'agree',
              label: this.question || t('pulseHelps'),
              hint: t('pulseAnonymous'),
              required: true,
            },
            { id: 'blocks', kind: 'text', long: true, maxlength: TEXT_MAX, label: t('pulseBlocks') },
            { id: 'idea', kind: 'text', long: true, maxlength: TEXT_MAX, label: t('pulseIdea') },
          ],
        },
      ],
    };
  }
}

VoixPulse.define('voix-pulse');

declare global {
  interface HTMLElementTagNameMap {
    'voix-pulse': VoixPulse;
  }
}
