import { CollectorError } from './errors.js';

/**
 * Query parameters given once and not empty, or a 400 naming the one that is not: a repeated
 * parameter reaches the code as an array, which must never get as far as a query.
 */
export function singleParameters<Name extends string>(query: unknown, names: readonly Name[], { strict }: { strict: boolean }): Partial<Record<Name, string>> {
  const given = (query ?? {}) as Record<string, unknown>;
  const refuse = (message: string) => new CollectorError(400, 'invalid_query', message);
  for (const [name, value] of Object.entries(given)) {
    if (!names.includes(name as Name)) {
      if (strict) throw refuse(`Unknown parameter "${name}": expected ${names.join(', ')}.`);
      continue;
    }
    if (typeof value !== 'string') throw refuse(`${name} is given more than once: give it once.`);
    if (!value) throw refuse(`${name} is empty.`);
  }
  return Object.fromEntries(names.filter((name) => Object.hasOwn(given, name)).map((name) => [name, given[name]])) as Partial<Record<Name, string>>;
}
