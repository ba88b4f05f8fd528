import type { Messages } from '../core/localize.js';

/**
 * What a widget that reads results says while they load or when they fail (the poll's chart, the
 * petition's count), in the results chunk the poll and the petition share (see locales/fr.ts);
 * English in locales/en.ts. The chart's own text is in chart.fr.ts, in the chunk of the widgets
 * that draw it.
 */
export const resultsFr = {
  resultsLoading: 'Chargement des résultats…',
  resultsError: 'Les résultats ne sont pas disponibles pour le moment.',
};

// Its keys in VoixStrings (en.ts must have them too), through an alias: the .d.ts would drop the
// import of Messages if only the augmentation used it.
type ResultsStrings = Messages<typeof resultsFr>;
declare module '../core/localize.js' {
  interface VoixStrings extends ResultsStrings {}
}
