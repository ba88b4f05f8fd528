/**
 * French, the default catalogue. Every other locale has the same keys (VoixStrings).
 * French typography: a narrow no-break space before ? and !, a no-break space before :.
 */
export const fr = {
  yes: 'Oui',
  no: 'Non',
  submit: 'Envoyer',
  sending: 'Envoi en cours…',
  sent: 'Merci pour votre avis\u202f!',
  queued: 'Votre avis sera envoyé dès le retour de la connexion.',
  errorStatus: 'Votre avis n’a pas pu être envoyé (erreur {status}).',
  retry: 'Réessayer',
  next: 'Nouvel avis',
  commentLabel: 'Votre commentaire (facultatif)',
  commentWarning: 'N’indiquez pas de données personnelles (nom, téléphone, e\u2011mail…)\u00a0: elles seraient effacées.',
  commentRemaining: { one: 'Il vous reste {count} caractère.', other: 'Il vous reste {count} caractères.' },
  privacyLink: 'Comment vos réponses sont utilisées',
  feedbackQuestion: 'Cette page vous a-t-elle été utile\u202f?',
  feedbackReasonsLegend: 'Qu’est-ce qui n’allait pas\u202f?',
  feedbackReasons:
    'incomplete:L’information est incomplète;unclear:L’information n’est pas claire;outdated:L’information n’est pas à jour;not-found:Je n’ai pas trouvé ce que je cherchais;broken:La démarche en ligne ne fonctionne pas;other:Autre raison',
  feedbackMore: 'Merci\u202f! Souhaitez-vous préciser votre avis\u202f?',
  feedbackSentDetail: 'Il sera lu par l’équipe qui rédige cette page.',
};
