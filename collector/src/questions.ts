// What the collector knows of question definitions (schemas/voix.definition.schema.json): which
// types answer one (the registry's `definition`), and the bounds of each scale. Read by the
// envelope reader and the results.
import { typesWith } from '../../dist/event-types.js';

/** The types answered through a question definition: each answer's type follows its question's kind. */
export const DEFINED_TYPES: ReadonlySet<string> = new Set(typesWith('definition'));

/** Each scale's scores; an answer out of them is not one of its scores. */
export const SCALES: Record<string, { min: number; max: number }> = {
  smileys: { min: 1, max: 3 },
  stars: { min: 1, max: 5 },
  nps: { min: 0, max: 10 },
  agree: { min: 1, max: 5 },
};

export const isScale = (kind: string) => Object.hasOwn(SCALES, kind);
