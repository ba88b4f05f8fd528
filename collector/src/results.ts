/**
 * What polls, petitions and the dashboard show: per subject, how many answers and how they split.
 * `counts` keys are the values sent (option values, yes / no, scores), so they stay stable when
 * the wording or the language changes.
 */
export interface Results {
  subject: string;
  total: number;
  counts: Record<string, number>;
  updated: string | null;
}

type Count = (answers: Record<string, unknown>, add: (key: string) => void) => void;

const byType: Record<string, Count> = {
  'voix.feedback': (answers, add) => add(answers.useful ? 'yes' : 'no'),
  'voix.poll.vote': (answers, add) => (answers.choices as string[]).forEach(add),
  'voix.rating': (answers, add) => answers.score !== undefined && add(String(answers.score)),
};

export function aggregate(
  subject: string,
  rows: Array<{ type: string; answers: Record<string, unknown> }>,
  updated: string | null,
): Results {
  // Keys are what people sent (an option may be called "constructor"): no prototype to meet.
  const counts: Record<string, number> = Object.create(null);
  const add = (key: string) => (counts[key] = (counts[key] ?? 0) + 1);
  for (const { type, answers } of rows) byType[type]?.(answers, add);
  return { subject, total: rows.length, counts, updated };
}
