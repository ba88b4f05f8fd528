// Agents' anonymity (issue 9): an agents' pulse (voix.pulse, the registry's `anonymous` types)
// gives nothing out until enough agents answered that no answer can be told apart, and never a
// detail finer than the day. The one place of the rule: results, the dashboard and the exports all ask it.
import { typesWith } from '../../dist/event-types.js';
import type { CounterRows, Results } from './results.js';
import type { ExportRow, Storage } from './storage/storage.js';

/** The types whose results are withheld under the threshold (the registry's `anonymous`). */
export const ANONYMOUS_TYPES: readonly string[] = typesWith('anonymous');
export const isAnonymous = (type: string) => ANONYMOUS_TYPES.includes(type);

/** How many pulse answers each site read holds (every audience). */
function pulseAnswersBySite({ totals }: Pick<CounterRows, 'totals'>): number[] {
  const bySite = new Map<string, number>();
  for (const row of totals) if (isAnonymous(row.type)) bySite.set(row.site, (bySite.get(row.site) ?? 0) + row.answers);
  return [...bySite.values()];
}

/** Whether the counters read hold pulse answers: their results are then dated to the day only. */
export const hasPulse = ({ totals }: Pick<CounterRows, 'totals'>) => totals.some((row) => isAnonymous(row.type));

/**
 * Whether a subject's results must be withheld: one of the sites read has pulse answers, fewer
 * than `minimum`. Read together, sites are withheld while any one is under it: the sites at the
 * threshold are given out alone, and all of them minus those would be the site under it.
 */
export function isWithheld(counters: Pick<CounterRows, 'totals'>, minimum: number): boolean {
  return pulseAnswersBySite(counters).some((answers) => answers > 0 && answers < minimum);
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

/** Each subject and site's (groupKey) anonymous answers, of every anonymous type, from the counters. */
async function anonymousGroups(storage: Pick<Storage, 'totalsOf'>): Promise<Map<string, number>> {
  const answers = new Map<string, number>();
  for (const type of ANONYMOUS_TYPES) {
    for (const group of await storage.totalsOf(type))
      answers.set(groupKey(group.subject, group.site), (answers.get(groupKey(group.subject, group.site)) ?? 0) + group.answers);
  }
  return answers;
}

/**
 * The subjects and sites (groupKey) whose anonymous answers, of every anonymous type, reach
 * `minimum`: the only ones an export may give pulse rows of.
 */
export async function shownGroups(storage: Pick<Storage, 'totalsOf'>, minimum: number): Promise<Set<string>> {
  const answers = await anonymousGroups(storage);
  return new Set([...answers].filter(([, count]) => count >= minimum).map(([group]) => group));
}

/** The subjects withheld when read on every site: one of their sites has anonymous answers, fewer than `minimum` (isWithheld). */
export async function withheldSubjects(storage: Pick<Storage, 'totalsOf'>, minimum: number): Promise<Set<string>> {
  const groups = [...(await anonymousGroups(storage))].filter(([, count]) => count > 0 && count < minimum);
  return new Set(groups.map(([group]) => group.slice(0, group.indexOf('\u0000'))));
}

/** How many anonymous answers there are in all, and in the groups under `minimum`. */
function withheldOf(groups: Map<string, number>, minimum: number) {
  const counts = [...groups.values()];
  const sum = (values: number[]) => values.reduce((total, count) => total + count, 0);
  return { all: sum(counts), withheld: sum(counts.filter((count) => count < minimum)) };
}

/**
 * How many answers the collector holds, as /healthz and the dashboard give it out: every answer but
 * those of a subject and site under the threshold, so that the figure never moves with one. The
 * count is read between two reads of the anonymous counters, which only grow: when a pulse answer
 * arrived meanwhile, it is read again (a few times at most), so that the count holds exactly the
 * answers the subtraction knows of.
 */
export async function shownCount(storage: Pick<Storage, 'totalsOf' | 'count'>, minimum: number): Promise<number> {
  let before = withheldOf(await anonymousGroups(storage), minimum);
  for (let attempt = 1; ; attempt++) {
    const count = await storage.count();
    const after = withheldOf(await anonymousGroups(storage), minimum);
    if (after.all === before.all || attempt === 5) return count - after.withheld;
    before = after;
  }
}

/** The day (UTC) of an ISO 8601 instant: the finest time a pulse answer is exported with. */
export const dayOf = (instant: string) => new Date(instant).toISOString().slice(0, 10);

// NUL never reaches the store (envelope.ts): a separator no subject or site holds.
export const groupKey = (subject: string, site: string) => `${subject}\u0000${site}`;

/** The start of the day (UTC) of `since`: the storage is asked from there, so that pulse answers are selected by whole days. */
export const sinceDay = (since: string) => `${dayOf(since)}T00:00:00.000Z`;

/**
 * Export rows under the rule: a pulse answer is left out unless its subject has at least the
 * threshold of pulse answers on its site (`shown`: those groups, read before the first row, so
 * that a group reaching it during the export stays out); the others go without their placement,
 * their times cut to the day, and after every other row, ordered by subject, site and id: in
 * arrival order between other answers, their neighbours' times would date them. The rows come
 * from the start of `since`'s day (sinceDay); other types are kept from `since` itself.
 */
export async function* anonymousRows(
  rows: AsyncIterable<ExportRow>,
  shown: ReadonlySet<string>,
  since?: string,
): AsyncGenerator<ExportRow> {
  const pulses: ExportRow[] = [];
  for await (const row of rows) {
    if (!isAnonymous(row.type)) {
      if (!since || row.receivedAt >= since) yield row;
    } else if (shown.has(groupKey(row.subject, row.site))) {
      pulses.push({ ...row, placement: null, time: dayOf(row.time), receivedAt: dayOf(row.receivedAt) });
    }
  }
  const order = (row: ExportRow) => `${groupKey(row.subject, row.site)}\u0000${row.id}`;
  yield* pulses.sort((a, b) => (order(a) < order(b) ? -1 : 1));
}
