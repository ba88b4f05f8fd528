// Query strings: the schema a route gives Fastify for its parameters, and how what Fastify refuses
// reads (400 invalid_query, the messages the routes' own checks gave before Fastify made them).
import type { FastifySchemaValidationError } from 'fastify';
import { CollectorError } from './errors.js';

/** A parameter given once and not empty: a repeated one reaches the code as an array, which must never get as far as a query. */
export const SINGLE_VALUE = { type: 'string', minLength: 1 } as const;

/** The schema of a query string with these parameters; with `only`, any other is refused. */
export function queryString(properties: Record<string, object>, { only = false } = {}) {
  return { type: 'object', properties, ...(only && { propertyNames: { enum: Object.keys(properties) } }) };
}

type Fault = FastifySchemaValidationError;
const allowedValues = (fault: Fault) => fault.params.allowedValues as string[];

/** How the faults of a known parameter read, the value's own (rank 1) after those of its form. */
const PARAMETER_FAULTS: Record<string, { rank: number; message: (name: string, value: unknown, fault: Fault) => string }> = {
  type: { rank: 0, message: (name) => `${name} is given more than once: give it once.` },
  minLength: { rank: 0, message: (name) => `${name} is empty.` },
  enum: { rank: 1, message: (name, value, fault) => `${name}: "${value}" is not ${allowedValues(fault).join(' or ')}.` },
};

/**
 * A query string a route's schema refused, worded as the collector always has: the first parameter
 * in the query's order that is unknown, given more than once or empty, else the first value not
 * allowed. Ajv (with allErrors) lists every fault, in the schema's order.
 */
export function queryFault(query: Record<string, unknown>, faults: Fault[]): CollectorError | undefined {
  const worded = faults.flatMap((fault) => {
    // An unknown name: the `enum` fault of propertyNames names it (the propertyNames fault beside it adds nothing).
    const unknown = (fault as Fault & { propertyName?: string }).propertyName;
    if (unknown !== undefined) {
      return fault.keyword === 'enum'
        ? [{ name: unknown, rank: 0, message: `Unknown parameter "${unknown}": expected ${allowedValues(fault).join(', ')}.` }]
        : [];
    }
    const name = fault.instancePath.slice(1);
    const known = Object.hasOwn(PARAMETER_FAULTS, fault.keyword) ? PARAMETER_FAULTS[fault.keyword] : undefined;
    return known ? [{ name, rank: known.rank, message: known.message(name, query[name], fault) }] : [];
  });
  const order = Object.keys(query);
  const [first] = worded.sort((a, b) => a.rank - b.rank || order.indexOf(a.name) - order.indexOf(b.name));
  return first && new CollectorError(400, 'invalid_query', first.message);
}
