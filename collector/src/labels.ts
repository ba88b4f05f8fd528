// How the dashboard names what answers hold: a type, a subject, a question, a score, an option,
// in the words people read (the widgets' own catalogues, French or English, the registry's labels, what the
// collectivité declared, the labels a definition was asked with), instead of ids. A value with no
// known label reads as it was sent.
import { parseList } from '../../dist/core/settings.js';
import type { Message } from '../../dist/core/localize.js';
import { formFr } from '../../dist/engine/fr.js';
import { answerKind } from '../../dist/engine/kinds.js';
import { eventType } from '../../dist/event-types.js';
import { en } from '../../dist/locales/en.js';
import { ideaFr } from '../../dist/locales/idea.js';
import { reportFr } from '../../dist/locales/report.js';
import type { DeclaredSubject } from './subjects.js';

/** The dashboard's languages: French by default, English when the team asks for it. */
export type Language = 'fr' | 'en';

/** `value:Label` items (a catalogue's list, a declared poll's options) as a lookup; no prototype, since values come from people. */
export const labelsOf = (list: Parameters<typeof parseList>[0]): Record<string, string> =>
  Object.assign(Object.create(null), Object.fromEntries(parseList(list).map(({ value, label }) => [value, String(label)])));

/** A catalogue's message as one string, and as its plural forms (the English catalogue types each as a Message). */
const one = (message: Message) => (typeof message === 'string' ? message : message.other);
const forms = (message: Message) =>
  typeof message === 'string' ? { one: message, other: message } : { one: message.one ?? message.other, other: message.other };

/** What the dashboard reads in a language's catalogues: the categories residents chose from, and the words of scores. */
function wordsOf(words: Record<'report' | 'idea' | 'yes' | 'no' | 'formSmileys' | 'formAgree' | 'formStars' | 'formNps', Message>) {
  return {
    reportCategories: labelsOf(one(words.report)),
    ideaCategories: labelsOf(one(words.idea)),
    yesNo: { yes: one(words.yes), no: one(words.no) } as Record<string, string>,
    scales: { smileys: one(words.formSmileys).split(';'), agree: one(words.formAgree).split(';') } as Record<string, string[]>,
    stars: forms(words.formStars),
    nps: one(words.formNps),
  };
}

/** The widgets' own words, French and English: the dashboard names categories and scores as residents read them. */
const WORDS: Record<Language, ReturnType<typeof wordsOf>> = {
  fr: wordsOf({ ...formFr, report: reportFr.reportCategories, idea: ideaFr.ideaCategories, yes: 'Oui', no: 'Non' }),
  en: wordsOf({ ...en, report: en.reportCategories, idea: en.ideaCategories }),
};

/** The categories residents chose from, as the report's and the idea box's catalogues name them in `language`. */
export const reportCategories = (language: Language = 'fr') => WORDS[language].reportCategories;
export const ideaCategories = (language: Language = 'fr') => WORDS[language].ideaCategories;

/** « Sondage » (or "Poll") for voix.poll.vote; an unknown type as sent. */
export const typeLabel = (type: string, language: Language = 'fr') => eventType(type)?.label[language] ?? type;

/** How each kind of question reads in a caption (the answer-kind registry's label), an unknown kind as sent. */
export const kindLabel = (kind: string, language: Language = 'fr') => answerKind(kind)?.label[language] ?? kind;

/**
 * An answer's value as the person chose it: a score in its scale's words (« Très bien », « D’accord »,
 * « 4 étoiles sur 5 », « 8 sur 10 », or their English), yes / no as Oui / Non; anything else as sent.
 */
export function valueLabel(kind: string, value: string, language: Language = 'fr'): string {
  const words = WORDS[language];
  if (kind === 'yesno') return Object.hasOwn(words.yesNo, value) ? words.yesNo[value] : value;
  const score = Number(value);
  if (!Number.isInteger(score)) return value;
  if (Object.hasOwn(words.scales, kind)) return words.scales[kind][score - (answerKind(kind)?.min ?? 1)] ?? value;
  if (kind === 'stars') return (score > 1 ? words.stars.other : words.stars.one).replace('{count}', value);
  if (kind === 'nps') return words.nps.replace('{count}', value);
  return value;
}

/** A declared subject's title (a poll's question, a petition's heading), when it has one. */
export const declaredTitle = (declared: DeclaredSubject | undefined) =>
  declared?.type === 'voix.poll.vote' ? declared.terms.question : declared?.terms.heading;

/** A declared poll's option labels by value. */
export const declaredOptions = (declared: DeclaredSubject | undefined) =>
  declared?.type === 'voix.poll.vote' ? labelsOf(declared.terms.options) : undefined;
