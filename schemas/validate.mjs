// Validates a Voix envelope against schemas/: the envelope schema, then the answers schema
// named after the envelope's type. Shared by the tests, the local endpoint and the collector.
import { readFileSync, readdirSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule.default ?? addFormatsModule;
const folder = new URL('./', import.meta.url);

/**
 * @param {{ coerceTypes?: boolean }} [options] coerceTypes: for the `form` transport, whose
 *   values arrive as text ("true", "4") and are turned into the types the schemas give.
 */
export function createEnvelopeValidator({ coerceTypes = false } = {}) {
  const ajv = new Ajv2020({ allErrors: true, strict: true, coerceTypes: coerceTypes ? 'array' : false });
  addFormats(ajv);
  const answersByType = new Map();
  let envelope;
  // voix.definition describes questions (what <voix-survey> renders), not an envelope's answers:
  // skipped, so that no envelope type "voix.definition" ever finds an answers schema here.
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.schema.json') && name !== 'voix.definition.schema.json')) {
    const schema = JSON.parse(readFileSync(new URL(file, folder), 'utf8'));
    const validate = ajv.compile(schema);
    if (file === 'envelope.schema.json') envelope = validate;
    else answersByType.set(file.replace('.schema.json', ''), validate);
  }

  /** @returns {{ valid: boolean, errors: string[] }} */
  return function validateEnvelope(candidate) {
    if (!envelope(candidate)) return { valid: false, errors: describe(envelope.errors, '') };
    const answers = answersByType.get(candidate.type);
    if (!answers) return { valid: false, errors: [`type: no answers schema for "${candidate.type}"`] };
    if (!answers(candidate.data.answers)) {
      return { valid: false, errors: describe(answers.errors, '/data/answers') };
    }
    return { valid: true, errors: [] };
  };
}

function describe(errors, prefix) {
  return (errors ?? []).map((error) => `${prefix}${error.instancePath || '/'}: ${error.message}`);
}
