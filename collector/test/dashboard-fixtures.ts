// Subjects as the dashboard page receives them, for the tests that render dashboardPage() directly
// (admin.test.ts in French, dashboard-english.test.ts in English): results recounted from answers.
import { aggregate } from './recount.js';

/** When each fixture subject was last answered: 26 November 2026, 11:00 in Paris. */
export const updated = '2026-11-26T10:00:00.000Z';

/** A subject of `type` answered once per row of answers (no audience, no definition). */
export const subject = (name: string, type: string, rows: Array<Record<string, unknown>>) => ({
  subject: name,
  type,
  total: rows.length,
  updated,
  results: aggregate(
    name,
    rows.map((answers) => ({ type, answers, audience: null, definition: null })),
    updated,
  ),
});

/** Two thresholds, the first reached by 620 signatures. */
const thresholds = [
  { count: 500, label: 'Rencontre avec l’élue ou l’élu' },
  { count: 2800, label: 'Débat en conseil municipal' },
];

/** A petition with 620 signatures counted, 12 pending and two thresholds, unless `figures` says otherwise. */
export const petition = (name: string, figures: Record<string, unknown>) => {
  const summary = subject(name, 'voix.petition.signature', []);
  return { ...summary, results: { ...summary.results, petition: { signatures: 620, pending: 12, thresholds, ...figures } } };
};
