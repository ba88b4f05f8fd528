// Validates a Voix envelope against schemas/: the envelope schema, then the answers schema
// named after the envelope's type. Shared by the tests, the local endpoint and the collector.
import { readFileSync, readdirSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule.default ?? addFormatsModule;
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
export function createEnvelopeValidator({ coerceTypes = false } = {}) {
  const ajv = new Ajv2020({ allErrors: true, strict: true, coerceTypes: coerceTypes ? 'array' : false });
  addFormats(ajv);
  const envelope = ajv.compile(readSchema('envelope.schema.json'));
  // All added first: one answers schema may refer to another (voix.rating is answered like voix.survey).
  const schemas = answersSchemas();
  for (const schema of schemas.values()) ajv.addSchema(schema);
  const answersByType = new Map([...schemas].map(([type, schema]) => [type, ajv.getSchema(schema.$id)]));

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
