// Open mode's bounds (issue 16): an undeclared subject takes answers from anyone, so what one
// client sends must not grow its results without limit. 60 made-up surveys on a poll's subject
// once made its results 9.8 MB and 8.6 s per read. Each subject (all its sites together, since
// results without `site` merge them) holds at most so many counter rows of each kind; past the
// bound, a value is counted under OTHER_VALUES instead of a key of its own, and a question is not
// counted at all. The rows a read meets, and the JSON it gives, stay bounded (under 64 KB: see
// bounds.test.ts's worst case). The counters (results.ts's CounterBatch) and the reference recount
// (test/recount.ts) apply the same budget in the order answers are stored.

/**
 * The key under which values past the bounds are counted, once per answer (so that no count passes
 * the total). Any text can be an option's value, so this one is reserved by counting it here too:
 * a value sent as `…autres` is one of the values not told apart.
 */
export const OTHER_VALUES = '…autres';

export const BOUNDS = {
  /** `counts` keys: a poll has at most 50 options. */
  values: 50,
  /** Questions, per site and audience. */
  questions: 50,
  /** Question values, all questions together… */
  questionValues: 150,
  /** …and per question (a definition's question has at most 50 options). */
  valuesPerQuestion: 50,
  /** A value longer than this in JSON (UTF-8 bytes, quotes included) is never a key. */
  valueBytes: 80,
} as const;

// NUL never reaches the store (envelope.ts drops or refuses it): a separator no part holds.
const keyOf = (...parts: string[]) => parts.join('\u0000');

/** A subject's counter rows that have a key of their own (not OTHER_VALUES), as the store holds them. */
export interface StoredKeys {
  values: Array<{ site: string; value: string }>;
  questions: Array<{ site: string; audience: string; question: string }>;
  questionValues: Array<{ site: string; audience: string; question: string; value: string }>;
}

const keyable = (value: string) => value !== OTHER_VALUES && Buffer.byteLength(JSON.stringify(value)) <= BOUNDS.valueBytes;

/**
 * What is left of a subject's bounds: each call says whether a key is counted as itself (it is
 * known, or there is room left, which it then takes).
 */
export class KeyBudget {
  readonly #values: Set<string>;
  readonly #questions: Set<string>;
  readonly #questionValues: Set<string>;
  readonly #perQuestion = new Map<string, number>();

  constructor(stored: StoredKeys = { values: [], questions: [], questionValues: [] }) {
    this.#values = new Set(stored.values.map(({ site, value }) => keyOf(site, value)));
    this.#questions = new Set(stored.questions.map(({ site, audience, question }) => keyOf(site, audience, question)));
    this.#questionValues = new Set();
    for (const { site, audience, question, value } of stored.questionValues) this.#take(keyOf(site, audience, question, value), question);
  }

  value(site: string, value: string): boolean {
    return this.#fits(this.#values, keyOf(site, value), value, BOUNDS.values);
  }

  question(site: string, audience: string, question: string): boolean {
    const key = keyOf(site, audience, question);
    if (this.#questions.has(key)) return true;
    if (this.#questions.size >= BOUNDS.questions) return false;
    this.#questions.add(key);
    return true;
  }

  questionValue(site: string, audience: string, question: string, value: string): boolean {
    const key = keyOf(site, audience, question, value);
    if (this.#questionValues.has(key)) return true;
    if (!keyable(value) || (this.#perQuestion.get(question) ?? 0) >= BOUNDS.valuesPerQuestion) return false;
    if (this.#questionValues.size >= BOUNDS.questionValues) return false;
    this.#take(key, question);
    return true;
  }

  #fits(keys: Set<string>, key: string, value: string, bound: number): boolean {
    if (keys.has(key)) return true;
    if (!keyable(value) || keys.size >= bound) return false;
    keys.add(key);
    return true;
  }

  #take(key: string, question: string): void {
    this.#questionValues.add(key);
    this.#perQuestion.set(question, (this.#perQuestion.get(question) ?? 0) + 1);
  }
}

/**
 * The values of one answer as counted: those within the bounds, then OTHER_VALUES once when any
 * was not (in the order aggregate() meets them).
 */
export function boundedValues(values: string[], fits: (value: string) => boolean): string[] {
  const kept = values.filter((value) => fits(value));
  return kept.length < values.length ? [...kept, OTHER_VALUES] : kept;
}

/** A subject keeps, on each site, the type of its first answer: `types` are those it has there (none yet: any fits). */
export const typeFits = (types: readonly string[], type: string) => !types.length || types.includes(type);
