import type { PropertyDeclarations } from 'lit';
import type { Definition, Question, Scale } from '../../engine/definition.js';
import type { VoixEventType } from '../../core/envelope.js';
import type { VoixStrings } from '../../core/localize.js';
import { check, parseList, type Choice } from '../../core/settings.js';
import { formFr } from '../../engine/fr.js';
import { ratingFr } from '../../locales/rating.js';
import { FormWidget } from '../../engine/form-widget.js';
// Imported again for the .d.ts, which drops imports used only at run time: an integrator's VoixStrings then has the keys of this catalogue.
import '../../locales/rating.js';

const COMMENT_MAX = 1000;
const SCALES = /^(smileys|stars|nps)$/;

/** A criterion's id: its value made fit for a key and a CSV column ("Clarté de l'information" -> clarte-de-l-information). */
const idOf = (value: string) =>
  value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);

/**
 * A service-rating card: "De façon générale, comment ça s'est passé ?" on a scale (3 faces by
 * default, 5 stars or 0 to 10), optional criteria rated on the same scale, an optional comment.
 * `preset="jdma"` asks the State's "Je donne mon avis" questions; `audience="agent"` asks agents how
 * they think users rate the service (the agent mirror, read apart from the users' answers);
 * `definition` replaces the questions entirely. Sends `voix.rating`.
 *
 * @summary Rates a service, for its users or, as a mirror, its agents.
 * @tag voix-rating
 *
 * @cssproperty --voix-rating-star-color - The stars. Default: the accent colour.
 */
export class VoixRating extends FormWidget {
  static override properties: PropertyDeclarations = {
    scale: {},
    label: {},
    question: {},
    criteria: { converter: parseList },
    comment: { type: Boolean },
    preset: {},
  };

  /** `smileys` (3 faces, the default), `stars` (1 to 5) or `nps` (0 to 10), for the question and every criterion. */
  declare scale?: 'smileys' | 'stars' | 'nps';
  /** The service rated: the card's title ("Accueil de la mairie"). */
  declare label?: string;
  /** The general question; default "De façon générale, comment ça s'est passé ?" (for agents, the mirror's wording). */
  declare question?: string;
  /** Criteria rated on the same scale, `;`-separated, each `value:Label` or a label ("Accueil;Délai"); as a property, an array. */
  declare criteria?: ReadonlyArray<string | Choice>;
  /** Adds an optional comment. */
  declare comment?: boolean;
  /** `jdma`: the State's "Je donne mon avis" questions, sent with its values. */
  declare preset?: 'jdma';

  static override catalogue: Partial<VoixStrings> = { ...formFr, ...ratingFr };

  protected readonly eventType: VoixEventType = 'voix.rating';

  /** The jdma preset's module, once loaded. */
  #jdma?: typeof import('./jdma.js').jdma;

  protected ownQuestions(): Definition | null {
    const t = this.t;
    const title = this.label || t('ratingTitle');
    // For agents, the mirror's wording: how they think users rate the service.
    const general = this.question || t(this.audienceChecked === 'agent' ? 'ratingAgentQuestion' : 'ratingQuestion');
    const comment: Question = { id: 'comment', kind: 'text', long: true, maxlength: COMMENT_MAX, label: t('commentLabel') };
    if (check(this, 'preset', this.preset, 'jdma', (value) => (value === 'jdma' ? value : undefined))) {
      // Loaded on demand: a card without the preset does not pay for its questions.
      if (this.#jdma) return this.#jdma(title, general, comment);
      void import('./jdma.js').then(({ jdma }) => {
        this.#jdma = jdma;
        this.requestUpdate();
      });
      return null;
    }
    const scale = (check(this, 'scale', this.scale, 'smileys, stars or nps', (value) =>
      SCALES.test(value as string) ? value : undefined,
    ) ?? 'smileys') as Scale;
    const rating = (criteria: Choice[]): Definition => ({
      id: 'rating',
      steps: [
        {
          title,
          questions: [
            { id: 'score', kind: 'scale', scale, label: general, required: true },
            ...criteria.map(({ value, label }): Question => ({ id: idOf(value), kind: 'scale', scale, label })),
            ...(this.comment ? [comment] : []),
          ],
        },
      ],
    });
    const criteria = parseList(this.criteria);
    const ids = ['score', 'comment', ...criteria.map(({ value }) => idOf(value))];
    // Criteria whose ids clash (two alike, or "score") or are empty ("?!"): rated without them.
    if (ids.every((id, index) => /^[a-z0-9]/.test(id) && !/-other$|^(constructor|prototype)$/.test(id) && ids.indexOf(id) === index))
      return rating(criteria);
    this.reportBadValue(
      'criteria',
      this.getAttribute('criteria') ?? this.criteria,
      'distinct criteria, each with a letter or a digit, none called score or comment',
    );
    return rating([]);
  }
}

VoixRating.define('voix-rating');

declare global {
  interface HTMLElementTagNameMap {
    'voix-rating': VoixRating;
  }
}
