import type { Messages } from '../core/localize.js';

/**
 * The form engine's own French (question-form.ts), in the chunk of the widgets built on it (see
 * locales/fr.ts); English in locales/en.ts. `strings` on <voix-config> or the element replace it
 * like any text.
 */
export const formFr = {
  /** What a survey sends, as the messages of locales/fr.ts name it (each widget on the engine has its `<type>Sent`). */
  surveySent: 'vos réponses',
  formStep: 'Étape {step} sur {count}',
  formPrevious: 'Précédent',
  formNext: 'Suivant',
  formOther: 'Autre',
  formOtherLabel: 'Précisez',
  formRequired: '(obligatoire)',
  formRequiredError: 'Veuillez répondre à cette question.',
  /** Above the step's questions, then each question left blank (a button to go to it). */
  formSummary: { one: 'Une question demande une réponse.', other: '{count} questions demandent une réponse.' },
  /** The endpoint refused the answer to one question (`/data/answers/<id>`): the alert, then the question's own error. */
  formRefused: 'Une réponse n’a pas été acceptée\u00a0: corrigez-la, puis envoyez de nouveau.',
  formRefusedError: 'Cette réponse n’a pas été acceptée\u00a0: modifiez-la.',
  formMax: { one: 'Une réponse au plus.', other: '{count} réponses au plus.' },
  /** A scale's labels from its lowest score up, `;`-separated. */
  formSmileys: 'Pas bien;Moyen;Très bien',
  formAgree: 'Pas du tout d’accord;Pas d’accord;Ni d’accord ni pas d’accord;D’accord;Tout à fait d’accord',
  formStars: { one: '{count} étoile sur 5', other: '{count} étoiles sur 5' },
  formNps: '{count} sur 10',
};

// Its keys in VoixStrings (en.ts must have them too), through an alias: the .d.ts would drop the
// import of Messages if only the augmentation used it.
type FormStrings = Messages<typeof formFr>;
declare module '../core/localize.js' {
  interface VoixStrings extends FormStrings {}
}
