// Validates a Voix envelope against the files of schemas/ (envelope-validator.mjs does the
// checking). Shared by the tests, the local endpoint and the collector.
import { readFileSync, readdirSync } from 'node:fs';
import { envelopeValidator } from './envelope-validator.mjs';

const folder = new URL('./', import.meta.url);

const readSchema = (file) => JSON.parse(readFileSync(new URL(file, folder), 'utf8'));

/**
 * The answers schema of each envelope type (`voix.feedback` -> voix.feedback.schema.json), for the
 * validator and the collector's CSV columns. voix.definition describes questions (what
 * <voix-survey> renders), not an envelope's answers: it is not one of them.
 * @returns {Map<string, { properties?: Record<string, unknown> }>}
 */
export function answersSchemas() {
  const files = readdirSync(folder).filter((name) => /^voix\..+\.schema\.json$/.test(name) && name !== 'voix.definition.schema.json');
  return new Map(files.sort().map((file) => [file.replace('.schema.json', ''), readSchema(file)]));
}

/**
 * @param {{ coerceTypes?: boolean }} [options] coerceTypes: for the `form` transport, whose
 *   values arrive as text ("true", "4") and are turned into the types the schemas give.
 */
export function createEnvelopeValidator(options = {}) {
  return envelopeValidator(readSchema('envelope.schema.json'), answersSchemas(), options);
}
