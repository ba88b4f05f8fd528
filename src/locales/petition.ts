import type { Messages } from '../core/localize.js';

/** <voix-petition>'s own French, in its chunk (see fr.ts); English in en.ts. Counts arrive formatted ("2 800"). */
export const petitionFr = {
  petitionCount: { one: '{count} signature', other: '{count} signatures' },
  petitionNext: {
    one: 'Encore {count} signature pour atteindre {threshold}\u00a0: {label}.',
    other: 'Encore {count} signatures pour atteindre {threshold}\u00a0: {label}.',
  },
  /** The progress bar's value, as a screen reader reads it (« 1 signature sur 500 », not « 0 % »). */
  petitionProgress: { one: '{count} signature sur {threshold}', other: '{count} signatures sur {threshold}' },
  petitionThresholds: 'Les seuils et ce qu’ils déclenchent',
  petitionReached: { one: '{count} signature\u00a0: {label} (atteint)', other: '{count} signatures\u00a0: {label} (atteint)' },
  petitionAhead: { one: '{count} signature\u00a0: {label}', other: '{count} signatures\u00a0: {label}' },
  petitionAllReached: 'Tous les seuils sont atteints.',
  petitionDaysLeft: { one: 'Dernier jour pour signer (jusqu’au {date}).', other: 'Plus que {count} jours pour signer (jusqu’au {date}).' },
  petitionClosed: 'Cette pétition est close depuis le {date}.',
  petitionSign: 'Signer',
  petitionLegend: 'Signer la pétition',
  petitionEligibility: 'Je réside, travaille ou étudie dans la commune concernée.',
  petitionName: 'Nom et prénom',
  petitionPostcode: 'Code postal',
  petitionPostcodeHint: '5 chiffres, par exemple 67000.',
  petitionEmail: 'Adresse électronique',
  petitionEmailHint: 'Pour confirmer votre signature\u00a0: une seule signature par adresse.',
  petitionPrivacyLink: 'Comment vos données sont utilisées',
  petitionPrivacy: 'Ces informations servent uniquement à cette pétition\u00a0; elles ne sont jamais publiées.',
  petitionMissing: 'Veuillez remplir ce champ.',
  petitionBadPostcode: 'Ce code postal n’existe pas\u00a0: 5 chiffres, de 01000 à 98999.',
  petitionBadEmail: 'Une adresse électronique s’écrit comme nom@exemple.fr.',
  petitionNotEligible: 'Cochez cette case pour signer.',
  petitionWhat: 'votre signature',
  petitionCounted: 'Elle est comptée.',
  petitionPending:
    'Un e-mail vient de vous être envoyé\u00a0: votre signature comptera dès que vous aurez suivi son lien (valable 7 jours).',
  petitionAlready: 'Cette adresse a déjà signé cette pétition\u00a0: une signature ne compte qu’une fois.',
  petitionSignedHere: 'Vous avez signé cette pétition sur cet appareil.',
};

// Its keys in VoixStrings (en.ts must have them too), through an alias: the .d.ts would drop the
// import of Messages if only the augmentation used it.
type PetitionStrings = Messages<typeof petitionFr>;
declare module '../core/localize.js' {
  interface VoixStrings extends PetitionStrings {}
}
