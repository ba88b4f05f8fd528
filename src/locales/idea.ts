import type { Messages } from '../core/localize.js';

/** <voix-idea>'s own French, in its chunk (see fr.ts); English in en.ts. */
export const ideaFr = {
  ideaHeading: 'Proposer une idée',
  ideaTitle: 'Votre idée en quelques mots',
  ideaDescription: 'Décrivez-la',
  ideaCategory: 'Quel thème\u202f?',
  ideaCategories:
    'cadre-de-vie:Cadre de vie;mobilite:Déplacements;nature:Nature;solidarite:Solidarité;culture-sport:Culture et sport;autre:Autre',
  ideaPlace: 'Où\u202f? (un lieu, un quartier)',
  ideaEmail: 'Votre adresse électronique (facultatif)',
  ideaEmailHint: 'Pour savoir ce que devient votre idée\u00a0; jamais publiée.',
  ideaSent: 'votre idée',
  ideaBadEmail: 'Adresse à corriger, par exemple nom@exemple.fr.',
};

// Its keys in VoixStrings (en.ts must have them too), through an alias: the .d.ts would drop the
// import of Messages if only the augmentation used it.
type IdeaStrings = Messages<typeof ideaFr>;
declare module '../core/localize.js' {
  interface VoixStrings extends IdeaStrings {}
}
