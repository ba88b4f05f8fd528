import type { Definition } from '../../engine/definition.js';
import type { VoixEventType } from '../../core/envelope.js';
import { FormWidget } from '../../engine/form-widget.js';

/**
 * A survey of your own questions: a definition (docs/definitions.md) given in a child
 * `<script type="application/json">` (works under a strict Content-Security-Policy) or by a
 * `definition` URL. Steps, Précédent / Suivant, conditional questions (`showIf`), required
 * questions; then thanks. Sends `voix.survey` with the definition's id and version.
 *
 * @summary A survey rendered from a question definition.
 * @tag voix-survey
 */
export class VoixSurvey extends FormWidget {
  protected readonly eventType: VoixEventType = 'voix.survey';

  /** A survey has no questions of its own: without a definition it shows its fallback. */
  protected ownQuestions(): Definition | undefined {
    return undefined;
  }
}

VoixSurvey.define('voix-survey');

declare global {
  interface HTMLElementTagNameMap {
    'voix-survey': VoixSurvey;
  }
}
