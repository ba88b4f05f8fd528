import type { Messages } from '../core/localize.js';

/** <voix-feedback>'s own French, in its chunk (see fr.ts); English in en.ts. */
export const feedbackFr = {
  feedbackQuestion: 'Cette page vous a-t-elle été utile\u202f?',
  feedbackReasonsLegend: 'Qu’est-ce qui n’allait pas\u202f?',
  feedbackReasons:
    'incomplete:L’information est incomplète;unclear:L’information n’est pas claire;outdated:L’information n’est pas à jour;not-found:Je n’ai pas trouvé ce que je cherchais;broken:La démarche en ligne ne fonctionne pas;other:Autre raison',
  feedbackMore: 'Merci\u202f! Souhaitez-vous préciser votre avis\u202f?',
  feedbackSentDetail: 'Il sera lu par l’équipe qui rédige cette page.',
};

// Its keys in VoixStrings (en.ts must have them too), through an alias: the .d.ts would drop the
// import of Messages if only the augmentation used it.
type FeedbackStrings = Messages<typeof feedbackFr>;
declare module '../core/localize.js' {
  interface VoixStrings extends FeedbackStrings {}
}
