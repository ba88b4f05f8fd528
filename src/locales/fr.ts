/**
 * French, the default: the core's text, which ships in voix.js on every page. Each widget's own
 * French is in its chunk (locales/feedback.ts, engine/fr.ts, results/fr.ts…), and adds its keys
 * to VoixStrings (core/localize.ts), so a page pays only for the text of the widgets it has;
 * en.ts, loaded on demand, has every key.
 * French typography: a narrow no-break space before ? and !, a no-break space before :.
 */
export const fr = {
  yes: 'Oui',
  no: 'Non',
  submit: 'Envoyer',
  sending: 'Envoi en cours…',
  /** What a widget sends, in its messages below; each widget names its own (« votre vote »). */
  what: 'votre avis',
  sent: 'Merci pour {what}\u202f!',
  /** Kept to be sent later: no connection. */
  queued: 'Vous semblez hors ligne\u00a0: nous enverrons {what} dès le retour de la connexion.',
  /** Kept to be sent later: the server does not answer for now (408, 429, 5xx). */
  unavailable: 'Le service ne répond pas pour le moment\u00a0: nous réessaierons d’envoyer {what}, sans rien à refaire de votre part.',
  /** A refusal the person cannot fix ({status}, the HTTP status, is there for an override that wants it). */
  errorStatus:
    'Nous n’avons pas pu enregistrer {what}. Le problème ne vient pas de vous\u00a0: vous pouvez recommencer, ou revenir plus tard.',
  restart: 'Recommencer',
  next: 'Nouvel avis',
  commentLabel: 'Votre commentaire (facultatif)',
  commentWarning: 'N’indiquez pas de données personnelles (nom, téléphone, e\u2011mail…)\u00a0: elles seraient effacées.',
  commentRemaining: { one: 'Il vous reste {count} caractère.', other: 'Il vous reste {count} caractères.' },
  privacyLink: 'Comment vos réponses sont utilisées',
};
