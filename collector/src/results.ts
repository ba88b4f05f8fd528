import { eventType, typesWith } from '../../dist/event-types.js';
import { boundedValues, KeyBudget } from './bounds.js';
import { DEFINED_TYPES, isScale } from './questions.js';
import type { AnswerForResults, EventRow, PetitionState, PetitionTerms } from './storage/storage.js';

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
 * (voix.rating, voix.survey, voix.report, voix.pulse) also get results per question, for everyone
 * and per audience.
 */
export interface Results {
  subject: string;
  total: number;
  counts: Record<string, number>;
  updated: string | null;
  questions?: Record<string, QuestionResults>;
  audiences?: { user: AudienceResults; agent: AudienceResults };
  petition?: PetitionResults;
  /** An agents' pulse with fewer answers than the threshold (anonymity.ts): nothing counted, and the threshold. */
  withheld?: true;
  minimum?: number;
}

/**
 * A petition's figures: its counted signatures (confirmed, or given without an address; `total`
 * counts the same answers), those waiting for their confirmation (not expired), and the terms of
 * the latest signature received among the counted ones (data.petition), when it sent some.
 */
export interface PetitionResults extends PetitionTerms {
  signatures: number;
  pending: number;
}

const SIGNATURE_TYPES: ReadonlySet<string> = new Set(typesWith('signature'));
const isSignature = (type: string) => SIGNATURE_TYPES.has(type);

/** Whether a subject's counters may be a petition's: none yet (only pending signatures), or petition signatures. */
export const mayBePetition = ({ totals }: Pick<CounterRows, 'totals'>) => !totals.length || totals.some((row) => isSignature(row.type));

/** A petition's figures, or undefined when the subject has no petition signature, pending or counted, and no terms. */
export function petitionResults({ totals }: Pick<CounterRows, 'totals'>, { pending, terms }: PetitionState): PetitionResults | undefined {
  const signed = totals.filter((row) => isSignature(row.type));
  if (!signed.length && !pending && !terms) return undefined;
  return { signatures: versionOf({ totals: signed }).total, pending, ...terms };
}

/**
 * Adds up an answer into `counts` as the registry says: the values of its type's `counts` answer,
 * a boolean as yes / no (feedback's `useful`), a list item by item (a poll's `choices`), a score
 * as its number (a rating's `score`).
 */
export function countValues(type: string, answers: Record<string, unknown>, add: (value: string) => void): void {
  const field = eventType(type)?.counts;
  if (!field || !Object.hasOwn(answers, field)) return;
  const answer = answers[field];
  for (const value of Array.isArray(answer) ? answer : [answer]) add(typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value));
}

// Keys are what people sent (an option may be called "constructor"): no prototype to meet.
const emptyRecord = <T>() => Object.create(null) as Record<string, T>;

// ---- Counters: results kept up to date as answers arrive ----
//
// aggregate() (collector/test/recount.ts) recounts every answer; it stays the reference (tests
// compare against it). The collector keeps counters instead, added to in the transaction that stores each answer, so that
// reading results costs the same at ten answers or a million. Counters are per site; results
// without a site merge them, with the very rules the database applies (storage/counters.ts).
// `firstSeen` orders keys as aggregate() meets them: the answer's seq, then the position within it.

/** A body (64 KB at most) holds fewer items than this: a position within one answer always fits. */
const POSITIONS = 65_536;
const firstSeen = (seq: number, position: number) => seq * POSITIONS + position;

export type Audience = 'user' | 'agent';
/** Answers of one type and audience on a subject and site: how many, the last one's seq, when. */
export interface TotalCounter {
  subject: string;
  site: string;
  type: string;
  audience: Audience;
  answers: number;
  lastSeq: number;
  updated: string;
}
/** One value of `counts`. */
export interface ValueCounter {
  subject: string;
  site: string;
  value: string;
  count: number;
  firstSeen: number;
}
/** One question, for one audience; `kind` is that of the answer with the highest `kindSeq`. */
export interface QuestionCounter {
  subject: string;
  site: string;
  audience: Audience;
  question: string;
  kind: string;
  kindSeq: number;
  answered: number;
  scoreSum: number;
  scores: number;
  firstSeen: number;
}
/** One value of a question's counts, for one audience. */
export interface QuestionValueCounter {
  subject: string;
  site: string;
  audience: Audience;
  question: string;
  value: string;
  count: number;
  firstSeen: number;
}

export interface CounterRows {
  totals: TotalCounter[];
  values: ValueCounter[];
  questions: QuestionCounter[];
  questionValues: QuestionValueCounter[];
}

const earlier = (a: number, b: number) => Math.min(a, b);
/** How two counters of one key add up: the rule the database's upserts follow too. */
const merge = {
  totals: (into: TotalCounter, from: TotalCounter) => {
    into.answers += from.answers;
    into.lastSeq = Math.max(into.lastSeq, from.lastSeq);
    if (from.updated > into.updated) into.updated = from.updated;
  },
  values: (into: { count: number; firstSeen: number }, from: { count: number; firstSeen: number }) => {
    into.count += from.count;
    into.firstSeen = earlier(into.firstSeen, from.firstSeen);
  },
  questions: (into: QuestionCounter, from: QuestionCounter) => {
    if (from.kindSeq > into.kindSeq) Object.assign(into, { kind: from.kind, kindSeq: from.kindSeq });
    into.answered += from.answered;
    into.scoreSum += from.scoreSum;
    into.scores += from.scores;
    into.firstSeen = earlier(into.firstSeen, from.firstSeen);
  },
};

/** Counters merged by a key as they come: the first of each key is kept and added to. */
class Tally<T extends object> {
  readonly byKey = new Map<string, T>();
  constructor(
    private readonly key: (row: T) => string,
    private readonly add: (into: T, from: T) => void,
  ) {}

  push(row: T): void {
    const key = this.key(row);
    const known = this.byKey.get(key);
    if (known) this.add(known, row);
    else this.byKey.set(key, row);
  }

  /** One counter per key, in key order. */
  sorted(): T[] {
    return [...this.byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  }
}

function mergedBy<T extends object>(rows: T[], key: (row: T) => string, add: (into: T, from: T) => void): Iterable<T> {
  const tally = new Tally(key, add);
  // Copies: the rows read stay as they were.
  for (const row of rows) tally.push({ ...row });
  return tally.byKey.values();
}

// NUL never reaches the store (envelope.ts drops or refuses it): a separator no part holds.
const keyOf = (...parts: string[]) => parts.join('\u0000');

/** What a row needs to be counted: its answer, where it belongs, and when it arrived. */
export type CountedRow = AnswerForResults & Pick<EventRow, 'subject' | 'site' | 'receivedAt'>;

/**
 * The counters that stored answers add, merged per key (one upsert per key, however many answers
 * a batch holds). Counts as aggregate() does, answer by answer, within each subject's bounds
 * (bounds.ts): `budgetOf` gives what is left of a subject's, from the rows the store holds.
 */
export class CounterBatch {
  readonly #budgets = new Map<string, KeyBudget>();
  readonly #types = new Map<string, Set<string>>();
  constructor(private readonly budgetOf: (subject: string) => KeyBudget = () => new KeyBudget()) {}

  /** The types this batch counted on a subject and site (a store adds those it holds). */
  typesOn(subject: string, site: string): string[] {
    return [...(this.#types.get(keyOf(subject, site)) ?? [])];
  }

  private readonly totals = new Tally<TotalCounter>((row) => keyOf(row.subject, row.site, row.type, row.audience), merge.totals);
  private readonly values = new Tally<ValueCounter>((row) => keyOf(row.subject, row.site, row.value), merge.values);
  private readonly questions = new Tally<QuestionCounter>(
    (row) => keyOf(row.subject, row.site, row.audience, row.question),
    merge.questions,
  );
  private readonly questionValues = new Tally<QuestionValueCounter>(
    (row) => keyOf(row.subject, row.site, row.audience, row.question, row.value),
    merge.values,
  );

  /**
   * `questionOrder`: the definition's question ids in the order the store gives them back (JSONB
   * sorts keys), so that results list questions in the order aggregate() meets them.
   */
  add({ type, subject, site, receivedAt, answers, audience: sent, definition }: CountedRow, seq: number, questionOrder?: string[]): void {
    const audience: Audience = sent === 'agent' ? 'agent' : 'user';
    let budget = this.#budgets.get(subject);
    if (!budget) this.#budgets.set(subject, (budget = this.budgetOf(subject)));
    const types = this.#types.get(keyOf(subject, site)) ?? new Set<string>();
    this.#types.set(keyOf(subject, site), types.add(type));
    this.totals.push({ subject, site, type, audience, answers: 1, lastSeq: seq, updated: receivedAt });
    const values: string[] = [];
    countValues(type, answers, (value) => values.push(value));
    boundedValues(values, (value) => budget.value(site, value)).forEach((value, position) =>
      this.values.push({ subject, site, value, count: 1, firstSeen: firstSeen(seq, position) }),
    );
    if (!DEFINED_TYPES.has(type) || !definition) return;
    (questionOrder ?? Object.keys(definition.questions)).forEach((question, index) => {
      if (!budget.question(site, audience, question)) return;
      const kind = definition.questions[question];
      const answered = Object.hasOwn(answers, question);
      const answer = answered ? answers[question] : undefined;
      const counted = answered && kind !== 'text';
      const score = counted && typeof answer === 'number' ? answer : undefined;
      this.questions.push({
        subject,
        site,
        audience,
        question,
        kind,
        kindSeq: seq,
        answered: answered ? 1 : 0,
        scoreSum: score ?? 0,
        scores: score === undefined ? 0 : 1,
        firstSeen: firstSeen(seq, index),
      });
      if (!counted) return;
      const given = (Array.isArray(answer) ? answer : [answer]).map(String);
      boundedValues(given, (value) => budget.questionValue(site, audience, question, value)).forEach((value, item) =>
        this.questionValues.push({ subject, site, audience, question, value, count: 1, firstSeen: firstSeen(seq, item) }),
      );
    });
  }

  /** One counter per key, in key order: concurrent transactions then lock the rows they share in the same order. */
  merged(): CounterRows {
    return {
      totals: this.totals.sorted(),
      values: this.values.sorted(),
      questions: this.questions.sorted(),
      questionValues: this.questionValues.sorted(),
    };
  }
}

/** The ETag's fingerprint from the counters: how many answers, the last one's seq, and when. */
export function versionOf({ totals }: Pick<CounterRows, 'totals'>): { total: number; last: number; updated: string | null } {
  let [total, last, updated] = [0, 0, null as string | null];
  for (const row of totals) {
    total += row.answers;
    last = Math.max(last, row.lastSeq);
    if (updated === null || row.updated > updated) updated = row.updated;
  }
  return { total, last, updated };
}

/** Keys in the order aggregate() first meets them. */
const inOrderSeen = <T extends { firstSeen: number }>(rows: Iterable<T>) => [...rows].sort((a, b) => a.firstSeen - b.firstSeen);

/** What aggregate() returns for the same answers, read from a subject's counters (all its sites, or one). */
export function resultsFromCounters(subject: string, counters: CounterRows, updated = versionOf(counters).updated): Results {
  const counts = emptyRecord<number>();
  for (const { value, count } of inOrderSeen(mergedBy(counters.values, (row) => row.value, merge.values))) counts[value] = count;
  const { total } = versionOf(counters);
  const results: Results = { subject, total, counts, updated };
  if (!counters.totals.some((row) => DEFINED_TYPES.has(row.type) && row.answers > 0)) return results;
  const ofAudience = (audience: Audience) => ({
    total: versionOf({ totals: counters.totals.filter((row) => row.audience === audience) }).total,
    questions: questionsFromCounters(
      counters.questions.filter((row) => row.audience === audience),
      counters.questionValues.filter((row) => row.audience === audience),
    ),
  });
  return {
    ...results,
    questions: questionsFromCounters(counters.questions, counters.questionValues),
    audiences: { user: ofAudience('user'), agent: ofAudience('agent') },
  };
}

function questionsFromCounters(questions: QuestionCounter[], questionValues: QuestionValueCounter[]): Record<string, QuestionResults> {
  const countsOf = emptyRecord<Record<string, number>>();
  for (const { question, value, count } of inOrderSeen(mergedBy(questionValues, (row) => keyOf(row.question, row.value), merge.values))) {
    (countsOf[question] ??= emptyRecord<number>())[value] = count;
  }
  const results = emptyRecord<QuestionResults>();
  for (const { question, kind, answered, scoreSum, scores } of inOrderSeen(mergedBy(questions, (row) => row.question, merge.questions))) {
    results[question] = { kind, answered, counts: kind === 'text' ? emptyRecord<number>() : (countsOf[question] ?? emptyRecord<number>()) };
    if (isScale(kind) && scores) results[question].mean = Math.round((100 * scoreSum) / scores) / 100;
  }
  return results;
}
