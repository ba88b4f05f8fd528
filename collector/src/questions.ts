// What the collector knows of question definitions (schemas/voix.definition.schema.json): which
// types answer one (the event-type registry's `definition`), and each scale's scores (the
// answer-kind registry, src/engine/kinds.ts). Read by the envelope reader, the results and the dashboard.
import { ANSWER_KINDS } from '../../dist/engine/kinds.js';
import { typesWith } from '../../dist/event-types.js';

/** The types answered through a question definition: each answer's type follows its question's kind. */
export const DEFINED_TYPES: ReadonlySet<string> = new Set(typesWith('definition'));

/** Each scale's scores; an answer out of them is not one of its scores. */
export const SCALES: Record<string, { min: number; max: number }> = Object.fromEntries(
  Object.entries(ANSWER_KINDS).flatMap(([kind, spec]) => ('min' in spec ? [[kind, { min: spec.min, max: spec.max }]] : [])),
);

export const isScale = (kind: string) => Object.hasOwn(SCALES, kind);
