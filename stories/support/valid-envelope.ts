/// <reference types="vite/client" />
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

// The schemas of schemas/, read by Vite as schemas/validate.mjs reads them with node:fs (which a
// browser has not): the envelope's, then one per type. voix.definition describes questions, not answers.
const files = import.meta.glob<{ $id: string }>('../../schemas/*.schema.json', { eager: true, import: 'default' });
const schemaOf = (name: string) => Object.entries(files).find(([path]) => path.endsWith(`/${name}.schema.json`))?.[1];

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const envelopeSchema = ajv.compile(schemaOf('envelope')!);
const answersSchemas = Object.entries(files).filter(([path]) => !/\/(envelope|voix\.definition)\.schema\.json$/.test(path));
// All added first: one answers schema may refer to another (voix.rating is answered like voix.survey).
for (const [, schema] of answersSchemas) ajv.addSchema(schema);

const describe = (errors: typeof envelopeSchema.errors, prefix: string) => (errors ?? []).map((error) => `${prefix}${error.instancePath || '/'}: ${error.message}`);

/**
 * What the collector says of an envelope: valid against the envelope schema and the answers schema
 * of its type, or the places where it is not (`/data/answers/email: must match format "email"`).
 */
export function checkEnvelope(candidate: unknown): { valid: boolean; errors: string[] } {
  if (!envelopeSchema(candidate)) return { valid: false, errors: describe(envelopeSchema.errors, '') };
  const { type, data } = candidate as { type: string; data: { answers: unknown } };
  const answers = schemaOf(type) && ajv.getSchema(schemaOf(type)!.$id);
  if (!answers) return { valid: false, errors: [`type: no answers schema for "${type}"`] };
  return answers(data.answers) ? { valid: true, errors: [] } : { valid: false, errors: describe(answers.errors, '/data/answers') };
}
