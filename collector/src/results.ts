import { DEFINED_TYPES, isScale } from './questions.js';
import type { AnswerForResults } from './storage/storage.js';

/** One question of a definition: how many answered it and how the answers split. */
export interface QuestionResults {
  /** The question's kind in the latest answer's definition (choice, choices, yesno, text, or a scale). */
  kind: string;
  answered: number;
  /** Per option value, score, yes / no; empty for a free text, whose words are never given out. */
  counts: Record<string, number>;
  /** A scale's mean score, to 2 decimals. */
  mean?: number;
}

export interface AudienceResults {
  total: number;
  questions: Record<string, QuestionResults>;
}

/**
 * What polls, petitions and the dashboard show: per subject, how many answers and how they split.
 * `counts` keys are the values sent (option values, yes / no, scores), so they stay stable when
 * the wording or the language changes. Subjects answered through a question definition
 * (voix.rating, voix.survey) also get results per question, for everyone and per audience.
 */
export interface Results {
  subject: string;
  total: number;
  counts: Record<string, number>;
  updated: string | null;
  questions?: Record<string, QuestionResults>;
  audiences?: { user: AudienceResults; agent: AudienceResults };
}

type Count = (answers: Record<string, unknown>, add: (key: string) => void) => void;

const byType: Record<string, Count> = {
  'voix.feedback': (answers, add) => add(answers.useful ? 'yes' : 'no'),
  'voix.poll.vote': (answers, add) => (answers.choices as string[]).forEach(add),
  'voix.rating': (answers, add) => answers.score !== undefined && add(String(answers.score)),
};

// Keys are what people sent (an option may be called "constructor"): no prototype to meet.
const emptyRecord = <T>() => Object.create(null) as Record<string, T>;

export function aggregate(subject: string, rows: AnswerForResults[], updated: string | null): Results {
  const counts = emptyRecord<number>();
  const add = (key: string) => (counts[key] = (counts[key] ?? 0) + 1);
  for (const { type, answers } of rows) byType[type]?.(answers, add);
  const results: Results = { subject, total: rows.length, counts, updated };
  if (!rows.some((row) => DEFINED_TYPES.has(row.type))) return results;
  const user = rows.filter((row) => row.audience !== 'agent');
  const agent = rows.filter((row) => row.audience === 'agent');
  return {
    ...results,
    questions: perQuestion(rows),
    audiences: { user: { total: user.length, questions: perQuestion(user) }, agent: { total: agent.length, questions: perQuestion(agent) } },
  };
}

/**
 * Each answer is read with the kind its own definition gave (a question that was a free text and
 * became a choice never has its old texts counted as options); the latest kind names the question.
 * Answers without a definition, and `<id>-other` texts (no question of their own), count nowhere.
 */
function perQuestion(rows: AnswerForResults[]): Record<string, QuestionResults> {
  const questions = emptyRecord<QuestionResults & { sum: number; scores: number }>();
  for (const { type, answers, definition } of rows) {
    if (!DEFINED_TYPES.has(type) || !definition) continue;
    for (const [id, kind] of Object.entries(definition.questions)) {
      const question = (questions[id] ??= { kind, answered: 0, counts: emptyRecord<number>(), sum: 0, scores: 0 });
      question.kind = kind;
      if (!Object.hasOwn(answers, id)) continue;
      const answer = answers[id];
      question.answered++;
      if (kind === 'text') continue;
      if (typeof answer === 'number') {
        question.sum += answer;
        question.scores++;
      }
      for (const value of Array.isArray(answer) ? answer : [answer]) question.counts[String(value)] = (question.counts[String(value)] ?? 0) + 1;
    }
  }
  const results = emptyRecord<QuestionResults>();
  for (const [id, { kind, answered, counts, sum, scores }] of Object.entries(questions)) {
    results[id] = { kind, answered, counts: kind === 'text' ? emptyRecord<number>() : counts };
    if (isScale(kind) && scores) results[id].mean = Math.round((100 * sum) / scores) / 100;
  }
  return results;
}
