import type { Messages } from '../core/localize.js';

/** <voix-poll>'s own French, in its chunk (see fr.ts); English in en.ts. */
export const pollFr = {
  pollVote: 'Voter',
  pollWhat: 'votre vote',
  pollRequired: 'Choisissez une réponse.',
  pollOther: 'Autre',
  pollOtherLabel: 'Précisez',
  pollMax: { one: 'Une réponse au plus.', other: '{count} réponses au plus.' },
  pollTooMany: {
    one: 'Une réponse au plus : décochez-la pour en choisir une autre.',
    other: '{count} réponses au plus : décochez-en une pour en choisir une autre.',
  },
  pollOpens: 'Ce vote ouvrira le {date}.',
  pollCloses: 'Vote ouvert jusqu’au {date}.',
  pollClosed: 'Ce vote est clos.',
  /** The collector refused the vote: the poll closed while the page was open. */
  pollClosedMeanwhile: 'Ce vote vient de se clore\u00a0: votre vote n’a pas pu être compté.',
  pollAlready: 'Vous avez déjà participé à ce vote.',
  pollResultsLater: 'Les résultats seront publiés à la clôture du vote.',
};

// Its keys in VoixStrings (en.ts must have them too), through an alias: the .d.ts would drop the
// import of Messages if only the augmentation used it.
type PollStrings = Messages<typeof pollFr>;
declare module '../core/localize.js' {
  interface VoixStrings extends PollStrings {}
}
