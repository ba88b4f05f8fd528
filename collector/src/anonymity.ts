// Agents' anonymity (issue 9): an agents' pulse (voix.pulse) gives nothing out until enough
// agents answered that no answer can be told apart, and never a detail finer than the day.
// The one place of the rule: results, the dashboard and the exports all ask it.
import type { CounterRows, Results } from './results.js';
import type { ExportRow } from './storage/storage.js';

export const PULSE = 'voix.pulse';

/** How many pulse answers the counters read hold (every audience, the sites read). */
const pulseAnswers = ({ totals }: Pick<CounterRows, 'totals'>) => totals.reduce((sum, row) => sum + (row.type === PULSE ? row.answers : 0), 0);

/** Whether a subject's results must be withheld: it has pulse answers, fewer than `minimum`. */
export function isWithheld(counters: Pick<CounterRows, 'totals'>, minimum: number): boolean {
  const answers = pulseAnswers(counters);
  return answers > 0 && answers < minimum;
}

/**
 * What is given out instead of a withheld subject's results: nothing counted, nothing dated
 * (an `updated` or a total would tell when each agent answered), and why.
 */
export const withheldResults = (subject: string, minimum: number): Results => ({
  subject,
  total: 0,
  counts: Object.create(null),
  updated: null,
  withheld: true,
  minimum,
});

/** The day (UTC) of an ISO 8601 instant: the finest time a pulse answer is exported with. */
export const dayOf = (instant: string) => new Date(instant).toISOString().slice(0, 10);

// NUL never reaches the store (envelope.ts): a separator no subject or site holds.
export const groupKey = (subject: string, site: string) => `${subject}\u0000${site}`;

/**
 * Export rows under the rule: a pulse answer is left out unless its subject has at least the
 * threshold of pulse answers on its site (`shown`: those groups, read before the first row, so
 * that a group reaching it during the export stays out); the others go without their placement,
 * their times cut to the day. Other types pass unchanged.
 */
export async function* anonymousRows(rows: AsyncIterable<ExportRow>, shown: ReadonlySet<string>): AsyncGenerator<ExportRow> {
  for await (const row of rows) {
    if (row.type !== PULSE) yield row;
    else if (shown.has(groupKey(row.subject, row.site))) yield { ...row, placement: null, time: dayOf(row.time), receivedAt: dayOf(row.receivedAt) };
  }
}
