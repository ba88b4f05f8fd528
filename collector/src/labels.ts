// How the dashboard names what answers hold: a type, a subject, a question, a score, an option,
// in the words people read (the widgets' own French catalogues, the registry's labels, what the
// collectivité declared, the labels a definition was asked with), instead of ids. A value with no
// known label reads as it was sent.
import { parseList } from '../../dist/core/settings.js';
import { formFr } from '../../dist/engine/fr.js';
import { answerKind } from '../../dist/engine/kinds.js';
import { eventType } from '../../dist/event-types.js';
import { ideaFr } from '../../dist/locales/idea.js';
import { reportFr } from '../../dist/locales/report.js';
import type { DeclaredSubject } from './subjects.js';

/** `value:Label` items (a catalogue's list, a declared poll's options) as a lookup; no prototype, since values come from people. */
export const labelsOf = (list: Parameters<typeof parseList>[0]): Record<string, string> =>
  Object.assign(Object.create(null), Object.fromEntries(parseList(list).map(({ value, label }) => [value, String(label)])));

/** The categories residents chose from, as the report's and the idea box's French catalogues name them. */
export const reportCategories = labelsOf(reportFr.reportCategories);
export const ideaCategories = labelsOf(ideaFr.ideaCategories);

/** « Sondage » for voix.poll.vote; an unknown type as sent. */
export const typeLabel = (type: string) => eventType(type)?.label.fr ?? type;

/** How each kind of question reads in a caption (the answer-kind registry's label), an unknown kind as sent. */
export const kindLabel = (kind: string) => answerKind(kind)?.label.fr ?? kind;

const YES_NO: Record<string, string> = { yes: 'Oui', no: 'Non' };
const SCALE_WORDS: Record<string, string[]> = { smileys: formFr.formSmileys.split(';'), agree: formFr.formAgree.split(';') };

/**
 * An answer's value as the person chose it: a score in its scale's words (« Très bien », « D’accord »,
 * « 4 étoiles sur 5 », « 8 sur 10 »), yes / no as Oui / Non; anything else as sent.
 */
export function valueLabel(kind: string, value: string): string {
  if (kind === 'yesno') return YES_NO[value] ?? value;
  const score = Number(value);
  if (!Number.isInteger(score)) return value;
  if (Object.hasOwn(SCALE_WORDS, kind)) return SCALE_WORDS[kind][score - (answerKind(kind)?.min ?? 1)] ?? value;
  if (kind === 'stars') return (score > 1 ? formFr.formStars.other : formFr.formStars.one).replace('{count}', value);
  if (kind === 'nps') return formFr.formNps.replace('{count}', value);
  return value;
}

/** A declared subject's title (a poll's question, a petition's heading), when it has one. */
export const declaredTitle = (declared: DeclaredSubject | undefined) =>
  declared?.type === 'voix.poll.vote' ? declared.terms.question : declared?.terms.heading;

/** A declared poll's option labels by value. */
export const declaredOptions = (declared: DeclaredSubject | undefined) =>
  declared?.type === 'voix.poll.vote' ? labelsOf(declared.terms.options) : undefined;
