import type { Message } from '../core/localize.js';

/**
 * The form engine's own text (src/parts/question-form.ts), French then English. Kept apart from
 * fr.ts, which ships in voix.js on every page: a page without a survey-like widget does not pay
 * for it. The engine hands the catalogue of the widget's language to a LocalizeController as its
 * weakest override, so `strings` on <voix-config> or on the element can still replace any of it.
 */
const fr = {
  formStep: 'Étape {step} sur {count}',
  formPrevious: 'Précédent',
  formNext: 'Suivant',
  formOther: 'Autre',
  formOtherLabel: 'Précisez',
  formRequired: '(obligatoire)',
  formRequiredError: 'Veuillez répondre à cette question.',
  formMax: { one: 'Une réponse au plus.', other: '{count} réponses au plus.' },
  /** A scale's labels from its lowest score up, `;`-separated. */
  formSmileys: 'Pas bien;Moyen;Très bien',
  formAgree: 'Pas du tout d’accord;Pas d’accord;Ni d’accord ni pas d’accord;D’accord;Tout à fait d’accord',
  formStars: { one: '{count} étoile sur 5', other: '{count} étoiles sur 5' },
  formNps: '{count} sur 10',
};

export type FormStrings = { [Key in keyof typeof fr]: Message };

const en: FormStrings = {
  formStep: 'Step {step} of {count}',
  formPrevious: 'Previous',
  formNext: 'Next',
  formOther: 'Other',
  formOtherLabel: 'Please specify',
  formRequired: '(required)',
  formRequiredError: 'Please answer this question.',
  formMax: { one: 'One answer at most.', other: '{count} answers at most.' },
  formSmileys: 'Not good;Average;Very good',
  formAgree: 'Strongly disagree;Disagree;Neither agree nor disagree;Agree;Strongly agree',
  formStars: { one: '{count} star out of 5', other: '{count} stars out of 5' },
  formNps: '{count} out of 10',
};

/** By language, with the same languages as the core catalogues (localize.ts's supportedLanguages). */
export const formStrings: Record<string, FormStrings> = { fr, en };
