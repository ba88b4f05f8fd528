import type { Definition } from '../../core/definition.js';
import type { VoixEventType } from '../../core/envelope.js';
import { FormWidget } from '../../parts/form-widget.js';

/**
 * A survey of your own questions: a definition (docs/definitions.md) given in a child
 * `<script type="application/json">` (works under a strict Content-Security-Policy) or by a
 * `definition` URL. Steps, Précédent / Suivant, conditional questions (`showIf`), required
 * questions; then thanks. Sends `voix.survey` with the definition's id and version.
 *
 * @summary A survey rendered from a question definition.
 * @tag voix-survey
 *
 * @slot - Fallback shown when JavaScript does not run, when there is no endpoint, and when the definition cannot be used (a link to the same survey elsewhere, say).
 *
 * @csspart base - The card around the widget.
 * @csspart form - The form of the current step.
 * @csspart legend - The step's legend (its title, and "Étape 2 sur 3").
 * @csspart button - Every button (Précédent, Suivant, Envoyer, Réessayer, Nouvel avis).
 * @csspart textarea - A long text's textarea.
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
 * @cssproperty --voix-color-error - The error message. Default #b3261e.
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
