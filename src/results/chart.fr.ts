import type { Messages } from '../core/localize.js';

/**
 * The results chart's French (chart.ts), in the chunk of the widgets that draw it (see
 * locales/fr.ts); English in locales/en.ts. Counts arrive formatted ("1 234"): a plural form is
 * then chosen from the number, see resultsChart().
 */
export const chartFr = {
  resultsTitle: 'Résultats',
  /** Said once the figures arrive after a vote. */
  resultsShown: 'Les résultats du vote sont affichés.',
  /** One bar's text, as a screen reader reads it: "Parc : 3 votes, 30 %". */
  resultsOption: { one: '{label}\u00a0: {count} vote, {share}', other: '{label}\u00a0: {count} votes, {share}' },
  /** The options the widget does not list, counted together. */
  resultsOthers: 'Autres réponses',
  resultsTotal: { one: '{count} participation', other: '{count} participations' },
  /** `{time}` becomes a <time> element. */
  resultsUpdated: 'Mis à jour le {time}',
};

// Its keys in VoixStrings (en.ts must have them too), through an alias: the .d.ts would drop the
// import of Messages if only the augmentation used it.
type ChartStrings = Messages<typeof chartFr>;
declare module '../core/localize.js' {
  interface VoixStrings extends ChartStrings {}
}
