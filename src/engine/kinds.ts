/**
 * What each kind of answer to a definition is, declared once: the kind an answer carries in
 * `data.definition.questions` (a question's kind, a scale question by its scale's name), the shape
 * of the answer, a scale's scores, and how the collector's dashboard names it. Read by the
 * collector (dist/engine/kinds.js: answer checks, means, dashboard) and by scripts/generate.mjs
 * (the kind lists of schemas/envelope.schema.json and docs/openapi.yaml). The engine's own code
 * renders each kind and does not import this table: a page pays for no data it does not use.
 */
export interface AnswerKindSpec {
  /**
   * The answer's shape: `score` a whole number within `min`..`max`; `list` option values; `yesno`
   * `yes` or `no`; `text` a string (an option value, or free text).
   */
  readonly answer: 'score' | 'list' | 'yesno' | 'text';
  readonly min?: number;
  readonly max?: number;
  /** Free text: results give how many answered, never what they wrote. */
  readonly freeText?: true;
  /** How the collector's dashboard names the kind, in each of its languages. */
  readonly label: { readonly fr: string; readonly en: string };
}

export const ANSWER_KINDS = {
  choice: { answer: 'text', label: { fr: 'choix unique', en: 'single choice' } },
  choices: { answer: 'list', label: { fr: 'choix multiples', en: 'multiple choice' } },
  yesno: { answer: 'yesno', label: { fr: 'oui / non', en: 'yes / no' } },
  text: { answer: 'text', freeText: true, label: { fr: 'texte libre', en: 'free text' } },
  smileys: { answer: 'score', min: 1, max: 3, label: { fr: 'smileys, de 1 à 3', en: 'smileys, 1 to 3' } },
  stars: { answer: 'score', min: 1, max: 5, label: { fr: 'étoiles, de 1 à 5', en: 'stars, 1 to 5' } },
  nps: { answer: 'score', min: 0, max: 10, label: { fr: 'recommandation, de 0 à 10', en: 'recommendation, 0 to 10' } },
  agree: { answer: 'score', min: 1, max: 5, label: { fr: 'accord, de 1 à 5', en: 'agreement, 1 to 5' } },
} as const satisfies Record<string, AnswerKindSpec>;

export type AnswerKind = keyof typeof ANSWER_KINDS;

/** The scales: the kinds answered with a score (a scale question's `scale`). */
export type Scale = { [Kind in AnswerKind]: (typeof ANSWER_KINDS)[Kind]['answer'] extends 'score' ? Kind : never }[AnswerKind];

/** The entry of a kind, or undefined for a kind it does not know (a kind comes from the network). */
export const answerKind = (kind: unknown): AnswerKindSpec | undefined =>
  typeof kind === 'string' && Object.hasOwn(ANSWER_KINDS, kind) ? (ANSWER_KINDS as Record<string, AnswerKindSpec>)[kind] : undefined;
