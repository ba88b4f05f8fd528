import { createHash } from 'node:crypto';
// The very schemas and scrubber the widgets use (the library is built before the collector).
import { createEnvelopeValidator } from '../../schemas/validate.mjs';
import { scrubPersonalData } from '../../dist/core/scrub.js';
import { CollectorError } from './errors.js';
import type { EventRow } from './storage/storage.js';

const validateJson = createEnvelopeValidator();
const validateForm = createEnvelopeValidator({ coerceTypes: true });

export const TYPES = [
  'voix.feedback',
  'voix.rating',
  'voix.poll.vote',
  'voix.petition.signature',
  'voix.idea',
  'voix.report',
  'voix.pulse',
  'voix.survey',
];

interface Envelope {
  id: string;
  type: string;
  subject: string;
  source: string;
  time: string;
  data: { site: string; placement?: string; locale: string; widget: { name: string; version: string }; answers: Record<string, unknown> };
}

/**
 * Checks a received envelope and turns it into the row to store: validated against schemas/,
 * free text scrubbed of personal data again, a petition's personal fields set apart.
 */
export function readEnvelope(body: unknown, { form, idempotencyKey }: { form: boolean; idempotencyKey?: string }) {
  const envelope = (form ? unflatten(body as Record<string, string>) : body) as Envelope;
  if (!envelope || typeof envelope !== 'object' || Array.isArray(envelope)) {
    throw new CollectorError(422, 'invalid_envelope', 'The body must be a CloudEvents envelope (a JSON object).');
  }
  if (typeof envelope.type === 'string' && !TYPES.includes(envelope.type)) {
    throw new CollectorError(422, 'unknown_type', `type: "${envelope.type}" is not a Voix type (${TYPES.join(', ')}).`);
  }
  // The hash covers the envelope as sent, before coercion or scrubbing: a retry sends the same.
  const hash = createHash('sha256').update(JSON.stringify(envelope)).digest('hex');
  const { valid, errors } = (form ? validateForm : validateJson)(envelope);
  if (!valid) throw new CollectorError(422, 'invalid_envelope', errors.slice(0, 5).join('; '));
  if (idempotencyKey !== undefined && idempotencyKey !== envelope.id) {
    throw new CollectorError(422, 'idempotency_key_mismatch', `Idempotency-Key "${idempotencyKey}" is not the envelope id "${envelope.id}".`);
  }
  const { personal, ...answers } = envelope.data.answers as { personal?: Record<string, unknown> };
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
    receivedAt: new Date().toISOString(),
    answers: scrubStrings(answers) as Record<string, unknown>,
    hash,
  };
  return { row, personal };
}

function scrubStrings(value: unknown): unknown {
  if (typeof value === 'string') return scrubPersonalData(value);
  if (Array.isArray(value)) return value.map(scrubStrings);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubStrings(item)]));
  return value;
}

/** The most items a form array may hold (the schemas allow at most 50). */
const MAX_INDEX = 50;

/**
 * `data[answers][reasons][0]=x` (the widgets' form transport) back into nested objects and
 * arrays. Names are checked strictly: word characters only (so no `__proto__`, no `toString`
 * reached through a prototype), array indexes below 50, a name never both text and a group.
 */
export function unflatten(fields: Record<string, string | string[]>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  const invalid = (name: string) => new CollectorError(422, 'invalid_form', `Form field "${name.slice(0, 100)}" is not a field of the envelope.`);
  for (const [name, raw] of Object.entries(fields ?? {})) {
    const path = name.replace(/\]/g, '').split('[');
    if (!path.every((key) => /^[\w-]{1,64}$/.test(key) && !(/^\d+$/.test(key) && Number(key) >= MAX_INDEX))) throw invalid(name);
    let node: Record<string, unknown> = root;
    path.forEach((key, index) => {
      const own = Object.hasOwn(node, key) ? node[key] : undefined;
      if (index === path.length - 1) {
        if (own !== undefined) throw invalid(name);
        node[key] = Array.isArray(raw) ? raw[raw.length - 1] : raw;
        return;
      }
      if (own !== undefined && (typeof own !== 'object' || own === null)) throw invalid(name);
      node = (own ?? (node[key] = /^\d+$/.test(path[index + 1]) ? [] : {})) as Record<string, unknown>;
    });
  }
  return root;
}
