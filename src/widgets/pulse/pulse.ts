import type { PropertyDeclarations } from 'lit';
import type { Definition } from '../../core/definition.js';
import type { VoixEventType } from '../../core/envelope.js';
import type { VoixStrings } from '../../core/localize.js';
import { formFr } from '../../locales/form.js';
import { pulseFr } from '../../locales/pulse.js';
import { FormWidget } from '../../parts/form-widget.js';

const TEXT_MAX = 1000;

/**
 * A pulse survey for agents, anonymous and short: how far a process being tried helps them (an
 * `agree` scale), what blocks them, one idea. Sent with `audience: "agent"`; the reference
 * collector shows no results for a subject with fewer than five answers. A preset of the form
 * engine: `definition` replaces its questions. Sends `voix.pulse`.
 *
 * @summary A short anonymous pulse survey for agents.
 * @tag voix-pulse
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
            { id: 'helps', kind: 'scale', scale: 'agree', label: this.question || t('pulseHelps'), hint: t('pulseAnonymous'), required: true },
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
