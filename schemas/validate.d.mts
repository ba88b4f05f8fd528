/** Validates a Voix envelope: the envelope schema, then the answers schema named after its type. */
export function createEnvelopeValidator(options?: { coerceTypes?: boolean }): (candidate: unknown) => {
  valid: boolean;
  errors: string[];
};

/** The answers schema of each envelope type, keyed by type (`voix.feedback`); not the definition schema. */
export function answersSchemas(): Map<string, { properties?: Record<string, unknown> }>;
