/** Validates a Voix envelope against the schemas given: the envelope schema, then the answers schema named after its type. */
export function envelopeValidator(
  envelopeSchema: object,
  answersSchemas: Map<string, { $id: string }>,
  options?: { coerceTypes?: boolean },
): (candidate: unknown) => { valid: boolean; errors: string[] };
