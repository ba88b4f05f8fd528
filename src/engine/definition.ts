import { parseList } from '../core/settings.js';
import type { Scale } from './kinds.js';

/** Text people read: one string, or one per language (`{ "fr": "…", "en": "…" }`). */
export type Text = string | { readonly [lang: string]: string };
export type { Scale };
export interface OptionItem {
  value: string;
  label: Text;
}
/** `value:Label` items: one `;`-separated string as in list attributes, or an array of items. */
export type Options = string | ReadonlyArray<string | OptionItem>;
/** Shows a question only when an earlier one was answered with one of `in`: data, never evaluated. */
export interface ShowIf {
  question: string;
  in: string[];
}

interface QuestionBase {
  /** The question's key in `answers`. */
  id: string;
  label: Text;
  hint?: Text;
  required?: boolean;
  showIf?: ShowIf;
}
export type Question = QuestionBase &
  (
    | { kind: 'choice'; options: Options; other?: boolean }
    | { kind: 'choices'; options: Options; other?: boolean; max?: number }
    | { kind: 'scale'; scale: Scale }
    | { kind: 'yesno' }
    | { kind: 'text'; long?: boolean; maxlength?: number }
  );
export interface Step {
  title: Text;
  questions: Question[];
}
/** Questions as data (schemas/voix.definition.schema.json; docs/definitions.md). */
export interface Definition {
  id: string;
  steps: Step[];
}
/** Where a definition first goes wrong: a JSON pointer, and what is expected there. */
export interface DefinitionError {
  pointer: string;
  expected: string;
}

/** The options as `{ value, label }`, read like list attributes (`value:Label`, `;`-separated). */
// parseList passes item objects through untouched, so a per-language label survives.
export const optionsOf = parseList as (options: Options) => OptionItem[];

/** The text in `lang` (its primary subtag), else in French, else in the first language given. */
export function textIn(text: Text, lang = 'fr'): string {
  if (typeof text === 'string') return text;
  const own = (key: string) => (Object.hasOwn(text, key) ? text[key] : undefined);
  return own(lang.toLowerCase().split('-')[0]) ?? own('fr') ?? Object.values(text)[0] ?? '';
}

/**
 * What an envelope says of the definition answered (`data.definition`): its id, a version, each
 * question's kind (a scale by its name), so that a collector reads a 4 as a score and a text as a
 * text, whichever version it was, and each question's label as it was asked (in `lang`), so that
 * the team reads « Accueil » where the answers say `accueil`. The version (FNV-1a) covers what
 * answers are made of (ids, kinds, scales, option values, conditions, limits), not the wording: a
 * translation or a rewording keeps it, so the same questions answered in French and in English
 * count together.
 */
export function describeDefinition(
  definition: Definition,
  lang?: string,
): { id: string; version: string; questions: Record<string, string>; labels: Record<string, string> } {
  let hash = 0x811c9dc5;
  const shape = JSON.stringify(definition, (key, value) =>
    /^(title|label|hint)$/.test(key) ? undefined : key === 'options' ? optionsOf(value).map((option) => option.value) : value,
  );
  for (const char of shape) hash = Math.imul(hash ^ char.codePointAt(0)!, 0x1000193);
  const questions: Record<string, string> = {};
  const labels: Record<string, string> = {};
  for (const step of definition.steps)
    for (const question of step.questions) {
      questions[question.id] = question.kind === 'scale' ? question.scale : question.kind;
      labels[question.id] = textIn(question.label, lang);
    }
  return { id: definition.id, version: (hash >>> 0).toString(16).padStart(8, '0'), questions, labels };
}
