import type { Messages } from '../core/localize.js';

/** <voix-pulse>'s own French, in its chunk (see fr.ts); English in en.ts. */
export const pulseFr = {
  pulseTitle: 'Votre avis sur ce que nous testons',
  pulseSent: 'vos réponses',
  pulseHelps: 'Ce nouveau fonctionnement m’aide dans mon travail.',
  pulseBlocks: 'Qu’est-ce qui vous bloque\u202f?',
  pulseIdea: 'Une idée pour l’améliorer\u202f?',
  pulseAnonymous:
    'Vos réponses sont anonymes\u00a0: aucun nom n’est demandé, et les résultats ne sont montrés qu’à partir de plusieurs réponses.',
};

// Its keys in VoixStrings (en.ts must have them too), through an alias: the .d.ts would drop the
// import of Messages if only the augmentation used it.
type PulseStrings = Messages<typeof pulseFr>;
declare module '../core/localize.js' {
  interface VoixStrings extends PulseStrings {}
}
