/** Validates a Voix envelope: the envelope schema, then the answers schema named after its type. */
export function createEnvelopeValidator(options?: { coerceTypes?: boolean }): (candidate: unknown) => {
  valid: boolean;
  errors: string[];
};
