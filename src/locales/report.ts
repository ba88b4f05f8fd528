import type { Messages } from '../core/localize.js';

/** <voix-report>'s own French, in its chunk (see fr.ts); English in en.ts. */
export const reportFr = {
  reportTitle: 'Signaler une difficulté',
  reportSent: 'votre signalement',
  reportCategory: 'De quoi s’agit-il\u202f?',
  reportCategories:
    'accueil:L’accueil;delais:Les délais;demarche-en-ligne:Une démarche en ligne;horaires:Les horaires;information:L’information;acces:L’accès aux lieux;autre:Autre chose',
  reportWhere: 'Où\u202f? (un service, un lieu, une page)',
  reportWhat: 'Que s’est-il passé\u202f?',
  reportOften: 'Est-ce arrivé souvent\u202f?',
  reportOftenOptions: 'premiere-fois:C’est la première fois;parfois:Parfois;souvent:Souvent;toujours:À chaque fois',
};

// Its keys in VoixStrings (en.ts must have them too), through an alias: the .d.ts would drop the
// import of Messages if only the augmentation used it.
type ReportStrings = Messages<typeof reportFr>;
declare module '../core/localize.js' {
  interface VoixStrings extends ReportStrings {}
}
