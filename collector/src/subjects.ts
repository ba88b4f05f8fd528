// Declared subjects: a poll's options and choice, a petition's thresholds, closing date and
// fields are the collectivité's decisions. Declared on the collector (VOIX_SUBJECTS, or
// PUT /v1/subjects/{subject} with the admin token), they are checked against their type's terms
// in the registry (schemas/subject.schema.json, generated), and every answer on the subject must
// fit them. Undeclared subjects keep the open mode: what the page sends.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { CollectorError } from './errors.js';
import type { EventRow } from './storage/storage.js';

// ajv-formats is CommonJS: its function is the default export's `default` under Node's ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

export interface PollTerms {
  question?: string;
  options: Array<{ value: string; label: string }>;
  multiple?: boolean;
  max?: number;
  other?: boolean;
  opens?: string;
  closes?: string;
}

export interface PetitionDeclaredTerms {
  heading?: string;
  thresholds?: Array<{ count: number; label: string }>;
  closes?: string;
  fields?: Array<'name' | 'postcode' | 'email'>;
}

/** What is declared for a subject: its type and its terms. */
export type Declaration = { type: 'voix.poll.vote'; terms: PollTerms } | { type: 'voix.petition.signature'; terms: PetitionDeclaredTerms };

/** A declared subject as stored and served: its declaration, and when it was last declared. */
export type DeclaredSubject = Declaration & { subject: string; updated: string };

const schema = JSON.parse(readFileSync(new URL('../../schemas/subject.schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020({ allErrors: false, strict: true });
addFormats(ajv);
const validate = ajv.compile(schema);

/** Subjects are what widgets send: the envelope's limits. */
// eslint-disable-next-line no-control-regex -- control characters are what a subject may not hold.
const SUBJECT = /^[^\u0000-\u001f]{1,512}$/;

/**
 * A declaration checked: the schema, then what it cannot say (distinct option values, `max` within
 * the options and only with `multiple`, `opens` before `closes`, thresholds increasing); else a
 * message naming the first place at fault as a JSON pointer.
 */
export function checkDeclaration(value: unknown): { declaration: Declaration } | { error: string } {
  if (!validate(value)) {
    // The schema's if/then reports the branch's own fault first; the `if` failure that follows says nothing more.
    const fault = validate.errors!.find((error) => error.keyword !== 'if') ?? validate.errors![0];
    return { error: `${fault.instancePath || '/'}: ${fault.message}` };
  }
  const declaration = value as Declaration;
  const fault = declaration.type === 'voix.poll.vote' ? pollFault(declaration.terms) : petitionFault(declaration.terms);
  return fault ? { error: fault } : { declaration };
}

function pollFault({ options, multiple, max, opens, closes }: PollTerms): string | undefined {
  const twice = options.findIndex((option, index) => options.findIndex((other) => other.value === option.value) < index);
  if (twice >= 0) return `/terms/options/${twice}/value: "${options[twice].value}" is the value of an earlier option.`;
  if (max !== undefined && !multiple) return '/terms/max: only with multiple: true.';
  if (max !== undefined && max > options.length) return `/terms/max: at most the number of options (${options.length}).`;
  return datesFault(opens, closes);
}

function petitionFault({ thresholds = [], closes }: PetitionDeclaredTerms): string | undefined {
  const index = thresholds.findIndex((threshold, at) => at > 0 && threshold.count <= thresholds[at - 1].count);
  if (index > 0) return `/terms/thresholds/${index}/count: must be more than the threshold before it (${thresholds[index - 1].count}).`;
  return datesFault(undefined, closes);
}

function datesFault(opens?: string, closes?: string): string | undefined {
  if (opens && closes && startOf(opens) >= endOf(closes)) return '/terms/closes: must come after opens.';
  return undefined;
}

/** `VOIX_SUBJECTS`: a JSON or YAML file (by its extension) mapping each subject to its declaration; one message naming what is wrong. */
export function readSubjectsFile(path: string): Array<Declaration & { subject: string }> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`VOIX_SUBJECTS: cannot read ${path}: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
  let parsed: unknown;
  try {
    // YAML's core schema: a day stays the text it is written as (the default schema would make it a Date).
    parsed = /\.ya?ml$/i.test(path) ? yaml.load(text, { schema: yaml.CORE_SCHEMA }) : JSON.parse(text);
  } catch (error) {
    const format = /\.ya?ml$/i.test(path) ? 'YAML' : 'JSON';
    throw new Error(`VOIX_SUBJECTS: ${path} is not valid ${format}: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`VOIX_SUBJECTS: ${path} must map each subject to { type, terms }.`);
  }
  return Object.entries(parsed).map(([subject, value]) => {
    if (!SUBJECT.test(subject))
      throw new Error(`VOIX_SUBJECTS: ${path}: "${subject.slice(0, 80)}" is not a subject (1 to 512 characters, no control character).`);
    const checked = checkDeclaration(value);
    if ('error' in checked) throw new Error(`VOIX_SUBJECTS: ${path}, subject "${subject}": ${checked.error}`);
    return { subject, ...checked.declaration };
  });
}

/** A subject in a URL path: what may be declared (the envelope's own limits). */
export const isSubject = (subject: string) => SUBJECT.test(subject);

// ---- Answers on a declared subject ----

/** The day, in Paris, of an instant: the collector's calendar (a day alone opens and closes in it). */
export const parisDay = (time: number | Date) => new Date(time).toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
/** A day alone (`2027-03-31`), not an instant. */
export const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);
/** When a day or an instant starts (a day: compared as Paris days). */
const startOf = (value: string) => (isDay(value) ? value : parisDay(Date.parse(value)));
const endOf = (value: string) => (isDay(value) ? `${value}~` : parisDay(Date.parse(value)));

/** Whether `now` is before `opens` (not yet open) or after `closes` (closed). */
export function isClosed({ closes }: { closes?: string }, now: Date): boolean {
  if (!closes) return false;
  return isDay(closes) ? parisDay(now.getTime()) > closes : now.getTime() >= Date.parse(closes);
}
/**
 * When `closes` closes, as an instant (ISO 8601, UTC): the first at which isClosed holds. A day
 * alone closes at its end in Paris (midnight there: 22:00 or 23:00 UTC); the purge compares it.
 */
export function closingInstant(closes: string): string {
  if (!isDay(closes)) return new Date(Date.parse(closes)).toISOString();
  const hour = [22, 23].map((hour) => Date.parse(`${closes}T${hour}:00:00Z`)).find((time) => parisDay(time) > closes)!;
  return new Date(hour).toISOString();
}
const notYetOpen = ({ opens }: { opens?: string }, now: Date) =>
  !!opens && (isDay(opens) ? parisDay(now.getTime()) < opens : now.getTime() < Date.parse(opens));

const refuse = (code: string, message: string) => new CollectorError(422, code, message);

/**
 * Refuses an answer that does not fit its subject's declaration: another type, before it opens or
 * after it closes, a poll's unknown option, too many choices or an « Autre » it does not offer, a
 * petition's missing field. A petition's terms sent by the page are dropped: the declaration's count.
 */
export function checkAnswer(row: EventRow, personal: Record<string, unknown> | undefined, declared: DeclaredSubject, now: Date): EventRow {
  if (row.type !== declared.type) {
    throw refuse('wrong_type', `subject: "${row.subject}" is declared for ${declared.type} answers, not ${row.type}.`);
  }
  if (notYetOpen(declared.terms as { opens?: string }, now))
    throw refuse('not_open', `subject: "${row.subject}" opens on ${(declared.terms as PollTerms).opens}.`);
  if (isClosed(declared.terms, now)) throw refuse('closed', `subject: "${row.subject}" closed on ${declared.terms.closes}.`);
  if (declared.type === 'voix.poll.vote') checkVote(row.answers, declared.terms);
  else checkSignature(personal, declared.terms);
  const { petitionTerms: _sent, ...kept } = row;
  return kept;
}

function checkVote(answers: Record<string, unknown>, { options, multiple, max, other }: PollTerms): void {
  const choices = answers.choices as string[];
  const most = multiple ? (max ?? options.length) : 1;
  if (choices.length > most) throw refuse('too_many_choices', `/data/answers/choices: at most ${most} (the poll's terms).`);
  const known = new Set([...options.map((option) => option.value), ...(other ? ['other'] : [])]);
  const unknown = choices.find((choice) => !known.has(choice));
  if (unknown !== undefined)
    throw refuse('unknown_option', `/data/answers/choices: "${unknown.slice(0, 200)}" is not an option of this poll.`);
  if (answers.other !== undefined && !other) throw refuse('unknown_option', '/data/answers/other: this poll has no « Autre » option.');
}

function checkSignature(personal: Record<string, unknown> | undefined, { fields = [] }: PetitionDeclaredTerms): void {
  const missing = fields.find((field) => typeof personal?.[field] !== 'string' || !(personal[field] as string).trim());
  if (missing) throw refuse('missing_field', `/data/answers/personal/${missing}: this petition asks every signer for it.`);
}
