/** <voix-rating>'s own French, in its chunk (see fr.ts); English in en.ts. */
export const ratingFr = {
  ratingTitle: 'Votre avis',
  ratingQuestion: 'De façon générale, comment ça s’est passé\u202f?',
  ratingAgentQuestion: 'Selon vous, comment les usagers jugent-ils ce service\u202f?',
};
