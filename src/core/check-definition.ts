// Moved to engine/check-definition.ts. Kept until collector/test/definition-schema.test.ts, which
// imports it from here and is not changed on this branch, imports it from there; then delete.
export { checkDefinition } from '../engine/check-definition.js';
