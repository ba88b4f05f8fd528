/** <voix-rating>'s own French, in its chunk (see fr.ts); English in en.ts. */
export const ratingFr = {
  ratingTitle: 'Votre avis',
  ratingQuestion: 'De façon générale, comment ça s’est passé\u202f?',
  ratingAgentQuestion: 'Selon vous, comment les usagers jugent-ils ce service\u202f?',
  jdmaComprehension: 'Les informations et les explications étaient-elles claires\u202f?',
  jdmaComprehensionHint: 'De 1 (pas claires du tout) à 5 (très claires).',
  jdmaContactTried: 'Avez-vous cherché de l’aide\u202f? Par quel moyen\u202f?',
  jdmaContactOptions:
    'guichet:Au guichet;telephone:Par téléphone;email:Par e-mail;chat:Par chat;proche:Auprès d’un proche;association:Auprès d’une association;aucune:Aucune aide',
  jdmaContactReached: 'Avez-vous pu joindre l’administration\u202f?',
};
