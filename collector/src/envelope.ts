import { createHash } from 'node:crypto';
// The very schemas and scrubber the widgets use (the library is built before the collector).
import { createEnvelopeValidator } from '../../schemas/validate.mjs';
import { scrubPersonalData } from '../../dist/core/scrub.js';
import { CollectorError } from './errors.js';
import { answerKind } from '../../dist/engine/kinds.js';
import { eventType, eventTypes, typesWith } from '../../dist/event-types.js';
import { DEFINED_TYPES, isScale } from './questions.js';
import type { AnsweredDefinition, EventRow, PetitionTerms } from './storage/storage.js';

const validateJson = createEnvelopeValidator();
const validateForm = createEnvelopeValidator({ coerceTypes: true });

interface Envelope {
  id: string;
  type: string;
  subject: string;
  source: string;
  time: string;
  data: {
    site: string;
    placement?: string;
    locale: string;
    widget: { name: string; version: string };
    audience?: 'user' | 'agent';
    definition?: AnsweredDefinition;
    petition?: PetitionTerms;
    answers: Record<string, unknown>;
  };
}

/**
 * Checks a received envelope and turns it into the row to store: validated against schemas/,
 * free text scrubbed of personal data again, a petition's personal fields set apart.
 */
export function readEnvelope(body: unknown, { form, idempotencyKey }: { form: boolean; idempotencyKey?: string }) {
  const envelope = (form ? unflatten(body as Record<string, string>) : body) as Envelope;
  refuseTooDeep(envelope);
  if (!envelope || typeof envelope !== 'object' || Array.isArray(envelope)) {
    throw new CollectorError(422, 'invalid_envelope', 'The body must be a CloudEvents envelope (a JSON object).');
  }
  if (typeof envelope.type === 'string' && !eventType(envelope.type)) {
    throw new CollectorError(422, 'unknown_type', `type: "${envelope.type}" is not a Voix type (${eventTypes.join(', ')}).`);
  }
  // The hash covers the envelope as sent, before coercion or scrubbing: a retry sends the same.
  const hash = createHash('sha256').update(JSON.stringify(envelope)).digest('hex');
  // A form sends every value as text. Coercing it through the schemas' anyOf would turn a score
  // "4" into ["4"]; answers to a definition take their type from their question's kind instead,
  // so that a form and a JSON body give the same row.
  const defined = DEFINED_TYPES.has(envelope.type);
  if (form && defined) scoresAsNumbers(envelope);
  refusePetitionTermsElsewhere(envelope);
  const { valid, errors } = (form && !defined ? validateForm : validateJson)(envelope);
  if (!valid) throw new CollectorError(422, 'invalid_envelope', errors.slice(0, 5).join('; '));
  refuseThresholdsOutOfOrder(envelope.data.petition);
  if (defined) refuseAnswersUnlikeTheirKind(envelope);
  if (idempotencyKey !== undefined && idempotencyKey !== envelope.id) {
    throw new CollectorError(
      422,
      'idempotency_key_mismatch',
      `Idempotency-Key "${idempotencyKey}" is not the envelope id "${envelope.id}".`,
    );
  }
  refuseUnstorableIdentifiers(envelope);
  const { personal, ...answers } = envelope.data.answers as { personal?: Record<string, unknown> };
  const receivedAt = new Date().toISOString();
  const row: EventRow = {
    id: envelope.id,
    type: envelope.type,
    subject: envelope.subject,
    site: envelope.data.site,
    placement: envelope.data.placement ?? null,
    locale: envelope.data.locale,
    widget: envelope.data.widget.name,
    widgetVersion: envelope.data.widget.version,
    source: envelope.source,
    time: envelope.time,
    receivedAt,
    answers: mapText(answers, (text) => scrubPersonalData(storableText(text))) as Record<string, unknown>,
    audience: envelope.data.audience ?? null,
    definition: definitionOf(envelope.data.definition),
    hash,
    ...(envelope.data.petition && { petitionTerms: termsOf(envelope.data.petition, receivedAt) }),
  };
  return { row, personal: personal && (mapText(personal, storableText) as Record<string, unknown>) };
}

/** data.definition as plain objects (a form's groups have no prototype), and only its fields; labels cleaned like any text kept. */
const definitionOf = (definition: AnsweredDefinition | undefined): AnsweredDefinition | null =>
  definition
    ? {
        id: definition.id,
        version: definition.version,
        questions: { ...definition.questions },
        ...(definition.labels && { labels: mapText({ ...definition.labels }, storableText) as Record<string, string> }),
      }
    : null;

/**
 * data.petition on a type that is not a signature: named before the schemas answer, whose own
 * refusal ("boolean schema is false") does not say why.
 */
function refusePetitionTermsElsewhere(envelope: Envelope): void {
  if (
    eventType(envelope.type)?.signature ||
    !envelope.data ||
    typeof envelope.data !== 'object' ||
    !Object.hasOwn(envelope.data, 'petition')
  )
    return;
  throw new CollectorError(
    422,
    'invalid_envelope',
    `/data/petition: only a ${typesWith('signature').join(' or ')} carries petition terms, not a ${envelope.type}.`,
  );
}

/** Thresholds in strictly increasing order: the next one to reach is then the first not reached. */
function refuseThresholdsOutOfOrder(terms: PetitionTerms | undefined): void {
  const counts = terms?.thresholds?.map((threshold) => threshold.count) ?? [];
  const index = counts.findIndex((count, at) => at > 0 && count <= counts[at - 1]);
  if (index > 0) {
    throw new CollectorError(
      422,
      'invalid_envelope',
      `/data/petition/thresholds/${index}/count: must be more than the threshold before it (${counts[index - 1]}).`,
    );
  }
}

/** A petition runs months, not years: a later closing date is not kept (terms come from any browser, and would hold back the purge of personal data). */
const CLOSES_AT_MOST_MS = 2 * 366 * 86_400_000;

/** data.petition as plain objects with only its fields (a form's groups have no prototype), and a closing date within two years. */
const termsOf = ({ thresholds, closes }: PetitionTerms, receivedAt: string): PetitionTerms => ({
  ...(thresholds && { thresholds: thresholds.map(({ count, label }) => ({ count, label: storableText(label) })) }),
  ...(closes !== undefined && Date.parse(closes) - Date.parse(receivedAt) <= CLOSES_AT_MOST_MS && { closes }),
});

/** In a form body (all text), the answers to scale questions as the integers they stand for. */
function scoresAsNumbers(envelope: Envelope): void {
  const { answers, definition } = (envelope?.data ?? {}) as Partial<Envelope['data']>;
  const questions = definition?.questions;
  if (!answers || typeof answers !== 'object' || !questions || typeof questions !== 'object') return;
  for (const [id, kind] of Object.entries(questions)) {
    const answer = Object.hasOwn(answers, id) ? answers[id] : undefined;
    if (typeof kind === 'string' && isScale(kind) && typeof answer === 'string' && /^\d{1,2}$/.test(answer)) answers[id] = Number(answer);
  }
}

/**
 * The schemas check each answer's shape, not that it fits its question: the answer-kind registry
 * (src/engine/kinds.ts) says what each kind's answer is, a score a whole number within its scale,
 * a list of values, yes or no, a text (also for a kind it does not know). Results count by kind,
 * so an answer of another type would be counted wrongly (a text counted as an option).
 */
const fitsKind = (answer: unknown, kind: string): boolean => {
  const spec = answerKind(kind);
  switch (spec?.answer) {
    case 'score':
      return Number.isInteger(answer) && (answer as number) >= spec.min! && (answer as number) <= spec.max!;
    case 'list':
      return Array.isArray(answer);
    case 'yesno':
      return answer === 'yes' || answer === 'no';
    default:
      return typeof answer === 'string';
  }
};

function refuseAnswersUnlikeTheirKind({ data: { answers, definition } }: Envelope): void {
  if (!definition) return;
  for (const [id, kind] of Object.entries(definition.questions)) {
    if (!Object.hasOwn(answers, id)) continue;
    const fits = fitsKind(answers[id], kind);
    if (!fits) {
      throw new CollectorError(
        422,
        'invalid_envelope',
        `/data/answers/${id}: must be an answer to a question of kind ${kind} (data.definition.questions).`,
      );
    }
  }
}

/**
 * Deeper than any envelope the schemas describe (answers sit at depth 3, their lists at 4).
 * Checked without recursion before anything recursive (hashing, validation, scrubbing) meets
 * the body: 5,000 nested arrays would overflow the stack and answer 500.
 */
const MAX_DEPTH = 32;

function refuseTooDeep(body: unknown): void {
  const pending: Array<[unknown, number]> = [[body, 1]];
  while (pending.length) {
    const [value, depth] = pending.pop()!;
    if (!value || typeof value !== 'object') continue;
    if (depth > MAX_DEPTH) throw new CollectorError(422, 'too_deep', `The body is nested more than ${MAX_DEPTH} levels deep.`);
    for (const item of Object.values(value)) pending.push([item, depth + 1]);
  }
}

// PostgreSQL's text and jsonb refuse NUL and lone UTF-16 surrogates (SQLite keeps them), and a
// 500 makes widgets retry for days. Both stores must treat such text alike, so the envelope is
// read the same way whatever the store: free text (answers) is cleaned, so that no answer is lost;
// identifiers are refused, since silently changing a subject or a site would file the answer
// elsewhere. The hash covers the body as received, so a retry of the same body is still a replay.
// eslint-disable-next-line no-control-regex -- NUL is the very character PostgreSQL refuses.
const NUL = /\u0000/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Drops NUL, then replaces lone surrogates by U+FFFD (as a UTF-8 encoder would). */
const storableText = (text: string) => text.replace(NUL, '').replace(LONE_SURROGATE, '\uFFFD');

function refuseUnstorableIdentifiers(envelope: Envelope): void {
  const { data } = envelope;
  const identifiers = {
    id: envelope.id,
    source: envelope.source,
    subject: envelope.subject,
    'data.site': data.site,
    'data.placement': data.placement,
    'data.locale': data.locale,
    'data.widget.name': data.widget.name,
    'data.widget.version': data.widget.version,
  };
  for (const [field, text] of Object.entries(identifiers)) {
    if (typeof text === 'string' && storableText(text) !== text) {
      throw new CollectorError(422, 'invalid_text', `${field}: NUL characters and lone UTF-16 surrogates cannot be stored.`);
    }
  }
}

/** Applies `edit` to every string in answers, and makes their keys storable. */
function mapText(value: unknown, edit: (text: string) => string): unknown {
  if (typeof value === 'string') return edit(value);
  if (Array.isArray(value)) return value.map((item) => mapText(item, edit));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [storableText(key), mapText(item, edit)]));
  }
  return value;
}

/** The most items a form array may hold (the schemas allow at most 50). */
const MAX_INDEX = 50;

/** The longest field name part: an answer key (a question id of 64 characters, then `-other`). */
const MAX_NAME = 70;

/** Names that reach or replace a prototype (`\w` matches `__proto__`): never an envelope field. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Groups whose fields are named, never numbered, even when a name is a number: the envelope,
 * data, and the maps keyed by question id (data.answers, data.definition.questions), where a
 * question may be called "1". Only below them (an answer's list) do numbers index a list.
 */
const isNamedGroup = (path: string[]) => path.length < 3 || (path[0] === 'data' && path[1] === 'definition');

/**
 * `data[answers][reasons][0]=x` (the widgets' form transport) back into nested objects and
 * arrays. Names are checked strictly: word characters only, no prototype key, array indexes
 * below 50, a name never both text and a group, a list's items numbered. Groups have no
 * prototype either, so nothing inherited can be reached or replaced.
 */
export function unflatten(fields: Record<string, string | string[]>): Record<string, unknown> {
  const root: Record<string, unknown> = Object.create(null);
  const invalid = (name: string) =>
    new CollectorError(422, 'invalid_form', `Form field "${name.slice(0, 100)}" is not a field of the envelope.`);
  const isIndex = (key: string) => /^\d+$/.test(key);
  for (const [name, raw] of Object.entries(fields ?? {})) {
    const path = name.replace(/\]/g, '').split('[');
    const prototypeKey = path.find((key) => PROTOTYPE_KEYS.has(key));
    if (prototypeKey)
      throw new CollectorError(422, 'invalid_form', `Form field "${name.slice(0, 100)}": "${prototypeKey}" is not a field name.`);
    if (!path.every((key) => key.length <= MAX_NAME && /^[\w-]+$/.test(key))) throw invalid(name);
    let node: Record<string, unknown> = root;
    path.forEach((key, index) => {
      if (Array.isArray(node) && !(isIndex(key) && Number(key) < MAX_INDEX)) throw invalid(name);
      const own = Object.hasOwn(node, key) ? node[key] : undefined;
      if (index === path.length - 1) {
        if (own !== undefined) throw invalid(name);
        node[key] = Array.isArray(raw) ? raw[raw.length - 1] : raw;
        return;
      }
      if (own !== undefined && (typeof own !== 'object' || own === null)) throw invalid(name);
      const list = isIndex(path[index + 1]) && !isNamedGroup(path.slice(0, index + 1));
      node = (own ?? (node[key] = list ? [] : Object.create(null))) as Record<string, unknown>;
    });
  }
  return root;
}
