// The one validation of a Voix envelope, given its schemas: the envelope schema, then the answers
// schema named after the envelope's type. Node reads the schemas from files (validate.mjs); a
// browser (the Storybook mock endpoint) gets them from its bundler.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule.default ?? addFormatsModule;

/**
 * @param {object} envelopeSchema envelope.schema.json
 * @param {Map<string, { $id: string }>} answersSchemas each type's answers schema (`voix.feedback` -> its schema)
 * @param {{ coerceTypes?: boolean }} [options] coerceTypes: for the `form` transport, whose
 *   values arrive as text ("true", "4") and are turned into the types the schemas give.
 */
export function envelopeValidator(envelopeSchema, answersSchemas, { coerceTypes = false } = {}) {
  const ajv = new Ajv2020({ allErrors: true, strict: true, coerceTypes: coerceTypes ? 'array' : false });
  addFormats(ajv);
  const envelope = ajv.compile(envelopeSchema);
  // All added first: one answers schema may refer to another (voix.rating is answered like voix.survey).
  for (const schema of answersSchemas.values()) ajv.addSchema(schema);
  const answersByType = new Map([...answersSchemas].map(([type, schema]) => [type, ajv.getSchema(schema.$id)]));

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
