/// <reference types="vite/client" />
import { envelopeValidator } from '../../schemas/envelope-validator.mjs';

// The schemas of schemas/, read by Vite where schemas/validate.mjs reads them with node:fs (which a
// browser has not); the checking itself is the collector's. voix.definition describes questions and
// subject a declared subject's terms, not answers.
const files = import.meta.glob<{ $id: string }>('../../schemas/*.schema.json', { eager: true, import: 'default' });
const typeOf = (path: string) => /\/([^/]+)\.schema\.json$/.exec(path)![1];
const answers = new Map(
  Object.entries(files)
    .filter(([path]) => !/\/(envelope|subject|voix\.definition)\.schema\.json$/.test(path))
    .map(([path, schema]) => [typeOf(path), schema]),
);

/**
 * What the collector says of an envelope: valid against the envelope schema and the answers schema
 * of its type, or the places where it is not (`/data/answers/email: must match format "email"`).
 */
export const checkEnvelope = envelopeValidator(files['../../schemas/envelope.schema.json'], answers);
