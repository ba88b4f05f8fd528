import { optionsOf, type Definition, type DefinitionError, type Options, type Question, type Scale } from './definition.js';

/*
 * The definition checker, apart from the format (definition.ts): only <voix-survey> and a widget
 * given a `definition` load it (definition-source.ts), so a preset widget's page does not pay for it.
 */

// The same limits as the JSON Schema; the tests check that both agree.
// An id is an answer key and a CSV column: no `__proto__` (nor names the collector refuses in forms).
const ID = /^(?!(?:constructor|prototype)$)[a-z0-9][a-z0-9_-]{0,63}$/;
// A question's id, also never ending in `-other`: the engine sends an "Autre" text under `<id>-other`.
const QUESTION_ID = /^(?!(?:constructor|prototype)$)(?!.*-other$)[a-z0-9][a-z0-9_-]{0,63}$/;
const SCALES: Scale[] = ['smileys', 'stars', 'nps', 'agree'];
/** The kinds, each with the properties it has beyond the common ones; any other kind refuses them. */
const OWN: Record<string, string[]> = {
  choice: ['options', 'other'],
  choices: ['options', 'other', 'max'],
  scale: ['scale'],
  yesno: [],
  text: ['long', 'maxlength'],
};
const KINDS = Object.keys(OWN);
const OWN_NAMES = Object.values(OWN).flat();
const QUESTION_NAMES = ['id', 'kind', 'label', 'hint', 'required', 'showIf', ...OWN_NAMES];
const TEXT = 500;

/** Throws the first bad place, a plain object; checkDefinition returns it, and rethrows an Error (a bug, not a mistake in the definition). */
const fail = (pointer: string, expected: string): never => {
  throw { pointer, expected } satisfies DefinitionError;
};
type Fields = Record<string, unknown>;
const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const at = (path: string, key: string | number) => `${path}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;

function fields(value: unknown, path: string, keys: string[], expected = 'an object'): Fields {
  if (!isObject(value)) fail(path, expected);
  for (const key of Object.keys(value as Fields))
    if (!keys.includes(key)) fail(at(path, key), `no such property (here: ${keys.join(', ')})`);
  return value as Fields;
}

/** Not blank, at most `max` characters, counted in code points as JSON Schema counts them. */
function string(value: unknown, path: string, max: number): string {
  if (typeof value !== 'string' || !/\S/u.test(value) || [...value].length > max) fail(path, `a text of 1 to ${max} characters`);
  return value as string;
}

function list(value: unknown, path: string, max: number, what: string): unknown[] {
  if (!Array.isArray(value) || !value.length || value.length > max) fail(path, `an array of 1 to ${max} ${what}`);
  return value as unknown[];
}

function oneOf(value: unknown, values: string[], path: string): void {
  if (!values.includes(value as string)) fail(path, `one of ${values.join(', ')}`);
}

const distinct = (values: unknown[]) => new Set(values).size === values.length;

function text(value: unknown, path: string): void {
  if (typeof value === 'string') return void string(value, path, TEXT);
  const langs = isObject(value) ? Object.keys(value) : [];
  if (!langs.length || langs.length > 10) fail(path, `a text, or 1 to 10 texts by language ({ "fr": …, "en": … })`);
  for (const lang of langs) {
    if (!/^[a-z]{2,3}$/.test(lang)) fail(at(path, lang), 'a language code such as fr or en');
    string((value as Fields)[lang], at(path, lang), TEXT);
  }
}

function id(value: unknown, path: string, pattern = QUESTION_ID): string {
  if (typeof value !== 'string' || !pattern.test(value)) fail(path, `an id matching ${pattern.source}`);
  return value as string;
}

/** `other`: the question adds « Autre », whose value is `other`, so no option may have it. */
function options(value: unknown, path: string, other: unknown): void {
  if (typeof value === 'string') string(value, path, 10000);
  else
    list(value, path, 50, 'options, or one "value:Label;…" text').forEach((item, index) => {
      const itemPath = at(path, index);
      if (typeof item === 'string') return string(item, itemPath, TEXT);
      const option = fields(item, itemPath, ['value', 'label'], 'a "value:Label" text or { "value", "label" }');
      string(option.value, at(itemPath, 'value'), 200);
      text(option.label, at(itemPath, 'label'));
    });
  // Beyond the schema: what a `;` list or `value:` prefixes give once read.
  const values = optionsOf(value as Options).map((option) => option.value);
  const dropped = Array.isArray(value) && values.length < value.length;
  if (dropped || !values.length || values.length > 50 || !distinct(values))
    fail(path, '1 to 50 options, each with a label, with distinct values');
  if (other === true && values.includes('other')) fail(path, 'no option valued "other" with "other": true (that is the value of Autre)');
}

/** The values a question can be answered with, when showIf may name them; undefined: any. */
function valuesOf(question: Question): string[] | undefined {
  if (question.kind === 'yesno') return ['yes', 'no'];
  if ('options' in question) return optionsOf(question.options).map((option) => option.value);
  return question.kind === 'scale' ? undefined : [];
}

function showIf(value: unknown, path: string, earlier: Map<string, Question>): void {
  const condition = fields(value, path, ['question', 'in'], 'an object { "question", "in" }');
  const target = earlier.get(id(condition.question, at(path, 'question')));
  const values = list(condition.in, at(path, 'in'), 50, 'values');
  values.forEach((item, index) => string(item, at(at(path, 'in'), index), 200));
  if (!distinct(values)) fail(at(path, 'in'), 'distinct values');
  // Beyond the schema: the condition must be decidable when the question is reached.
  const possible = target && valuesOf(target);
  if (!target || possible?.length === 0) fail(at(path, 'question'), 'the id of an earlier choice, choices, scale or yesno question');
  if (possible) values.forEach((item, index) => oneOf(item, possible, at(at(path, 'in'), index)));
}

function question(value: unknown, path: string, earlier: Map<string, Question>): void {
  const item = fields(value, path, QUESTION_NAMES);
  const key = id(item.id, at(path, 'id'));
  const kind = item.kind as string;
  oneOf(kind, KINDS, at(path, 'kind'));
  for (const name of OWN_NAMES) {
    if (item[name] !== undefined && !OWN[kind].includes(name)) fail(at(path, name), `nothing: a ${kind} question has no ${name}`);
  }
  text(item.label, at(path, 'label'));
  if (item.hint !== undefined) text(item.hint, at(path, 'hint'));
  for (const flag of ['required', 'other', 'long']) {
    if (item[flag] !== undefined && typeof item[flag] !== 'boolean') fail(at(path, flag), 'true or false');
  }
  if (kind === 'choice' || kind === 'choices') options(item.options, at(path, 'options'), item.other);
  if (kind === 'scale') oneOf(item.scale, SCALES, at(path, 'scale'));
  for (const [name, max] of [
    ['max', 50],
    ['maxlength', 5000],
  ] as const) {
    const number = item[name];
    if (number !== undefined && !(Number.isInteger(number) && (number as number) >= 1 && (number as number) <= max)) {
      fail(at(path, name), `a whole number from 1 to ${max}`);
    }
  }
  if (item.showIf !== undefined) showIf(item.showIf, at(path, 'showIf'), earlier);
  // Beyond the schema: ids are keys of one answers object, whatever the step.
  if (earlier.has(key)) fail(at(path, 'id'), `an id not used by an earlier question ("${key}" is)`);
  earlier.set(key, item as unknown as Question);
}

/**
 * Checks a parsed definition (schemas/voix.definition.schema.json, plus the rules a schema cannot
 * state) and returns it, or the first bad place. Hand-written: ajv would cost ~30 KB in the page.
 */
export function checkDefinition(value: unknown): { definition: Definition } | { error: DefinitionError } {
  try {
    const definition = fields(value, '', ['id', 'steps']);
    id(definition.id, '/id', ID);
    const earlier = new Map<string, Question>();
    list(definition.steps, '/steps', 20, 'steps').forEach((step, index) => {
      const stepPath = at('/steps', index);
      const { title, questions } = fields(step, stepPath, ['title', 'questions']);
      text(title, at(stepPath, 'title'));
      list(questions, at(stepPath, 'questions'), 50, 'questions').forEach((item, position) =>
        question(item, at(at(stepPath, 'questions'), position), earlier),
      );
    });
    return { definition: value as Definition };
  } catch (error) {
    if (error instanceof Error) throw error;
    return { error: error as DefinitionError };
  }
}
