import type { Messages } from '../core/localize.js';

/** <voix-rating>'s own French, in its chunk (see fr.ts); English in en.ts. */
export const ratingFr = {
  ratingTitle: 'Votre avis',
  ratingSent: 'votre avis',
  ratingQuestion: 'De façon générale, comment ça s’est passé\u202f?',
  ratingAgentQuestion: 'Selon vous, comment les usagers jugent-ils ce service\u202f?',
};

// Its keys in VoixStrings (en.ts must have them too), through an alias: the .d.ts would drop the
// import of Messages if only the augmentation used it.
type RatingStrings = Messages<typeof ratingFr>;
declare module '../core/localize.js' {
  interface VoixStrings extends RatingStrings {}
}
