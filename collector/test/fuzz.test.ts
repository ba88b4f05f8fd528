// HTTP fuzz of POST /v1/events against a real collector on each storage: thousands of generated
// bodies (valid envelopes mutated, broken JSON, random bytes, odd content types, form fields
// with prototype names). Repeatable: the seed is fixed; FUZZ_SEED=<n> tries others and
// FUZZ_RUNS=<n> sets the number of JSON bodies per store (half as many form bodies).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
// The parser @fastify/formbody uses, so that the oracle reads a form as the collector does.
import { parse as parseForm } from 'fast-querystring';
import { createEnvelopeValidator } from '../../schemas/validate.mjs';
import { toFormBody } from '../../src/core/form-body.js';
import type { VoixEnvelope } from '../../src/core/envelope.js';
import { eventTypes as TYPES } from '../../dist/event-types.js';
import { unflatten } from '../src/envelope.js';
import { ALLOWED, backends, collectorOn, envelope } from './support.js';

const seed = Number(process.env.FUZZ_SEED ?? 20261126);
const jsonRuns = Number(process.env.FUZZ_RUNS ?? 2000);
const formRuns = Math.ceil(jsonRuns / 2);
/** FUZZ_DUMP=<folder>: each body that breaks the contract is written there, to replay with curl. */
const dumpFolder = process.env.FUZZ_DUMP;

/** The error codes docs/openapi.yaml lists: a client can only handle the codes it was told about. */
const openapi = readFileSync(new URL('../../docs/openapi.yaml', import.meta.url), 'utf8');
const DOCUMENTED_ERRORS = new Set(
  /examples: \[([^\]]*malformed_json[^\]]*)\]/
    .exec(openapi)![1]
    .split(',')
    .map((code) => code.trim()),
);

interface Case {
  transport: 'json' | 'form';
  body: Uint8Array<ArrayBuffer>;
  headers: Record<string, string>;
}

// ---- Bodies ----

/** A few ids shared by many bodies, so that replays and conflicts happen too. */
const id = fc.oneof(
  { arbitrary: fc.uuid(), weight: 9 },
  { arbitrary: fc.constantFrom('7f0c1a52-3e1b-4c55-9a57-0b8c4f7e2d11', '0b9e3a8e-54f2-4d2c-8f0e-6f2a1c3b9d40'), weight: 1 },
);
const baseEnvelope = fc
  .tuple(
    id,
    fc.string({ minLength: 1, maxLength: 40 }),
    fc.oneof(
      fc.record({
        type: fc.constant('voix.feedback'),
        answers: fc.record(
          { useful: fc.boolean(), reasons: fc.constant(['incomplete', 'unclear']), comment: fc.string({ unit: 'binary', maxLength: 80 }) },
          { requiredKeys: ['useful'] },
        ),
      }),
      fc.record({
        type: fc.constant('voix.poll.vote'),
        answers: fc.record({ choices: fc.constant(['velo', 'bus']), other: fc.string({ maxLength: 80 }) }, { requiredKeys: ['choices'] }),
      }),
      fc.record({ type: fc.constantFrom(...TYPES), answers: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })) }),
    ),
  )
  .map(([id, subject, { type, answers }]) => envelope({ id, subject: `/${subject}`, type, answers }) as unknown as VoixEnvelope);

/** Text that breaks storages and parsers: NUL, lone surrogates, control characters, emoji. */
const nastyText = fc.oneof(
  fc.string({
    unit: fc.constantFrom('\u0000', '\ud800', '\udfff', '\u0001', '\u001f', '\u2028', '\ufeff', '\uffff', 'é', '😀', '"', '\\', '<', '%'),
  }),
  fc.string({ unit: 'binary' }),
);
/** Strings around the 64 KB limit. */
const hugeText = fc
  .tuple(fc.integer({ min: 1_000, max: 70_000 }), fc.constantFrom('x', 'é', '😀', '\u0000'))
  .map(([length, unit]) => unit.repeat(length / unit.length));
/**
 * Nested arrays or objects, deeper than stack-bound code can walk (the test's own JSON.stringify
 * included): a placeholder that `withDeepValues` turns into the nested text after serialising.
 */
const deep = fc
  .tuple(fc.integer({ min: 100, max: 20_000 }), fc.constantFrom('array', 'object'))
  .map(([depth, kind]) => `deep:${kind}:${depth}`);
const withDeepValues = (json: string) =>
  json.replace(/"deep:(array|object):(\d+)"/g, (_, kind: string, depth: string) =>
    kind === 'array'
      ? '['.repeat(Number(depth)) + ']'.repeat(Number(depth))
      : '{"a":'.repeat(Number(depth)) + '1' + '}'.repeat(Number(depth)),
  );
/** Own keys that reach prototypes when copied carelessly (JSON.parse makes them own properties). */
const prototypeKeys = fc
  .constantFrom('{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}', '{"__proto__":[]}', '{"toString":"x"}')
  .map((text) => JSON.parse(text));
const anyValue = fc.oneof(fc.jsonValue(), nastyText, hugeText, deep, prototypeKeys, fc.constantFrom(null, true, 0, -1, 1e308, '', [], {}));

/** One step of mutation, applied at a path whose indexes are taken modulo each level's keys. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('remove' as const), path: fc.array(fc.nat(), { minLength: 1, maxLength: 5 }) }),
  fc.record({ kind: fc.constant('replace' as const), path: fc.array(fc.nat(), { maxLength: 5 }), value: anyValue }),
  fc.record({
    kind: fc.constant('add' as const),
    path: fc.array(fc.nat(), { maxLength: 4 }),
    key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra'), fc.string()),
    value: anyValue,
  }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

/** Up to three changes, none for a quarter of the bodies so that many reach the storage. */
const fewOf = <T>(change: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: fc.constant([]), weight: 1 }, { arbitrary: fc.array(change, { minLength: 1, maxLength: 3 }), weight: 3 });

function mutate(value: unknown, { kind, path, ...change }: Mutation): unknown {
  const isNode = value !== null && typeof value === 'object';
  if (!path.length || !isNode) {
    if (kind === 'replace') return (change as { value: unknown }).value;
    if (kind === 'add' && isNode)
      return Object.defineProperty({ ...value }, (change as { key: string }).key, {
        value: (change as { value: unknown }).value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return value;
  }
  const copy = (Array.isArray(value) ? [...value] : { ...value }) as Record<string, unknown>;
  const keys = Object.keys(copy);
  if (!keys.length) return value;
  const key = keys[path[0] % keys.length];
  if (kind === 'remove' && path.length === 1) delete copy[key];
  else copy[key] = mutate(copy[key], { kind, path: path.slice(1), ...change } as Mutation);
  return copy;
}

/** Text put in at a position taken modulo the text's length. */
const insertion = (inserts: string[]) =>
  fc.tuple(fc.nat(), fc.constantFrom(...inserts)).map(([at, insert]) => (text: string) => {
    const cut = at % (text.length + 1);
    return text.slice(0, cut) + insert + text.slice(cut);
  });

/** Damage done to the JSON text itself. */
const textDamage = fc.oneof(
  { arbitrary: fc.constant((text: string) => text), weight: 6 },
  fc.nat().map((at) => (text: string) => text.slice(0, at % (text.length + 1))),
  insertion(['\u0000', '{', ']', ',', '"', '\\', '\\u', '\\ud800', 'NaN', '\n']),
);

const encode = (text: string) => new TextEncoder().encode(text);
const jsonContentType = fc.oneof(
  { arbitrary: fc.constantFrom('application/cloudevents+json', 'application/json'), weight: 8 },
  {
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'application/cloudevents+json; charset=UTF-8',
      'application/json; charset=latin1',
      'APPLICATION/JSON',
      'application/cloudevents-batch+json',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'text/plain',
      'application/xml',
      '*/*',
      '',
      'application/json; charset="',
    ),
    weight: 2,
  },
  // No Content-Type header at all.
  { arbitrary: fc.constant(undefined), weight: 1 },
);
const idempotencyKey = fc.oneof(
  fc.constant('id'),
  fc.constant(undefined),
  fc.constantFrom('autre', 'f47ac10b-58cc-4372-a567-0e02b2c3d479', ''),
);
const origin = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 6 },
  { arbitrary: fc.constantFrom(ALLOWED, 'https://evil.example', 'null'), weight: 1 },
);

function headersFor(contentType: string | undefined, key: string | undefined, envelopeId: unknown, from: string | undefined) {
  const headers: Record<string, string> = {};
  if (contentType !== undefined) headers['Content-Type'] = contentType;
  if (key !== undefined) headers['Idempotency-Key'] = key === 'id' ? String(envelopeId) : key;
  if (from !== undefined) headers.Origin = from;
  return headers;
}

const jsonCase: fc.Arbitrary<Case> = fc.oneof(
  {
    weight: 9,
    arbitrary: fc
      .tuple(baseEnvelope, fewOf(mutation), textDamage, jsonContentType, idempotencyKey, origin)
      .map(([base, mutations, damage, contentType, key, from]) => ({
        transport: 'json' as const,
        body: encode(damage(withDeepValues(JSON.stringify(mutations.reduce<unknown>(mutate, base)) ?? ''))),
        headers: headersFor(contentType, key, base.id, from),
      })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.oneof(
          fc.uint8Array({ maxLength: 2_000 }),
          fc.jsonValue().map((value) => encode(JSON.stringify(value) ?? '')),
        ),
        jsonContentType,
      )
      .map(([body, contentType]) => ({
        transport: 'json' as const,
        body,
        headers: headersFor(contentType, undefined, undefined, undefined),
      })),
  },
);

// Form names: a name of the envelope without its last parts (its leaf, its list…), extended with these.
const namePart = fc.oneof(
  { arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'map', 'length'), weight: 4 },
  { arbitrary: fc.constantFrom('0', '49', '50', ''), weight: 1 },
  { arbitrary: fc.string({ maxLength: 70 }), weight: 1 },
);
const formChange = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), which: fc.nat() }),
  fc.record({
    kind: fc.constant('value' as const),
    which: fc.nat(),
    value: fc.oneof(nastyText, hugeText, fc.constantFrom('true', 'false', '1', '', 'null', '[]')),
  }),
  {
    arbitrary: fc.record({
      kind: fc.constant('graft' as const),
      which: fc.nat(),
      cut: fc.nat({ max: 4 }),
      parts: fc.array(namePart, { minLength: 1, maxLength: 3 }),
      value: fc.string(),
    }),
    weight: 6,
  },
  fc.record({ kind: fc.constant('repeat' as const), which: fc.nat(), value: fc.string() }),
  fc.record({ kind: fc.constant('random' as const), name: fc.string(), value: fc.string() }),
);
type FormChange = typeof formChange extends fc.Arbitrary<infer T> ? T : never;

function changeFields(fields: Array<[string, string]>, change: FormChange): Array<[string, string]> {
  if (change.kind === 'random') return [...fields, [change.name, change.value]];
  if (!fields.length) return fields;
  const at = change.which % fields.length;
  const [name] = fields[at];
  if (change.kind === 'drop') return fields.filter((_, index) => index !== at);
  if (change.kind === 'value') return fields.map((field, index) => (index === at ? [name, change.value] : field));
  if (change.kind === 'repeat') return [...fields, [name, change.value]];
  const path = name.replace(/\]/g, '').split('[');
  const [head, ...rest] = [...path.slice(0, Math.max(1, path.length - 1 - (change.cut % path.length))), ...change.parts];
  return [...fields, [head + rest.map((part) => `[${part}]`).join(''), change.value]];
}

/** Damage to the urlencoded text: bad escapes, encoded NUL and lone surrogates, empty pairs. */
const formDamage = fc.oneof(
  { arbitrary: fc.constant((text: string) => text), weight: 4 },
  { arbitrary: insertion(['%', '%ZZ', '%00', '%ED%A0%80', '%C3', '&&', '=', '&=&', '%5B', '%5D', '+']), weight: 1 },
);
const formContentType = fc.constantFrom(
  'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=utf-8',
  'application/x-www-form-urlencoded; charset=iso-8859-1',
);

const formCase: fc.Arbitrary<Case> = fc
  .tuple(baseEnvelope, fewOf(formChange), formDamage, formContentType, idempotencyKey, origin)
  .map(([base, changes, damage, contentType, key, from]) => ({
    transport: 'form' as const,
    body: encode(damage(new URLSearchParams(changes.reduce(changeFields, [...toFormBody(base)])).toString())),
    headers: headersFor(contentType, key, base.id, from),
  }));

// ---- The oracle: what the schemas accept ----

const validateJson = createEnvelopeValidator();
const validateForm = createEnvelopeValidator({ coerceTypes: true });
const isJson = (contentType = '') => /^application\/(cloudevents\+)?json\s*(;|$)/i.test(contentType);

/** Why a 201 for this body breaks the contract, or undefined when the schemas accept the body. */
function whyNotStorable({ transport, body, headers }: Case): string | undefined {
  const contentType = headers['Content-Type'];
  if (headers.Origin && headers.Origin !== ALLOWED) return 'origin not allowed';
  let candidate: unknown;
  try {
    const text = new TextDecoder().decode(body);
    if (transport === 'form') candidate = unflatten(parseForm(text) as Record<string, string>);
    else if (isJson(contentType)) candidate = JSON.parse(text);
    else return `content type ${contentType} is neither JSON nor a form`;
  } catch (error) {
    return `unreadable: ${(error as Error).message}`;
  }
  // Answers to a question definition are not coerced (a score takes its type from its question's
  // kind, in data.definition, which these bodies do not carry): their form text stays text.
  const coerced = transport === 'form' && !['voix.rating', 'voix.survey'].includes((candidate as { type?: unknown })?.type as string);
  const { valid, errors } = (coerced ? validateForm : validateJson)(candidate);
  if (!valid) return errors.join('; ');
  const { id } = candidate as { id: string };
  if (headers['Idempotency-Key'] !== undefined && headers['Idempotency-Key'] !== id) return 'Idempotency-Key is not the id';
  return undefined;
}

// ---- The run ----

const show = (bytes: Uint8Array) => {
  const text = new TextDecoder().decode(bytes);
  return JSON.stringify(text.length > 1000 ? `${text.slice(0, 300)}…(${text.length} chars)…${text.slice(-200)}` : text);
};

for (const backend of backends) {
  describe(`fuzz of POST /v1/events on ${backend.name}`, () => {
    const collector = collectorOn(backend);

    // Found by this fuzz: the per-subject rate limit builds its key from the body before it is checked.
    for (const [name, subject] of [
      ['an object whose toString is not a function', '{"toString":"x"}'],
      ['an array nested 5,000 deep', '['.repeat(5000) + ']'.repeat(5000)],
    ]) {
      it(`answers 4xx to a subject that is ${name}`, async () => {
        const body = JSON.stringify(envelope()).replace('"subject":"/demarches/etat-civil"', `"subject":${subject}`);
        const response = await fetch(`${collector.url}/v1/events`, {
          method: 'POST',
          body,
          headers: { 'Content-Type': 'application/json' },
        });
        const text = await response.text();
        assert.ok(response.status >= 400 && response.status < 500, `${response.status} ${text}`);
        assert.ok(DOCUMENTED_ERRORS.has(JSON.parse(text).error), text);
      });
    }

    it(`answers ${jsonRuns} JSON and ${formRuns} form bodies with no 5xx, documented errors only, 201 only for what the schemas accept`, async () => {
      const cases = [...fc.sample(jsonCase, { numRuns: jsonRuns, seed }), ...fc.sample(formCase, { numRuns: formRuns, seed: seed + 1 })];
      const counts = new Map<string, number>();
      // Contract breaks by kind, with how many and the shortest body that shows each.
      const violations = new Map<string, { count: number; size: number; example: string }>();
      const stored = new Set<string>();
      for (const [index, testCase] of cases.entries()) {
        const response = await fetch(`${collector.url}/v1/events`, { method: 'POST', body: testCase.body, headers: testCase.headers });
        const text = await response.text();
        let answer: { error?: unknown; message?: unknown; id?: string } | undefined;
        try {
          answer = JSON.parse(text);
        } catch {
          // judged below
        }
        const key = `${testCase.transport} ${response.status} ${answer?.error ?? ''}`.trim();
        counts.set(key, (counts.get(key) ?? 0) + 1);
        if (response.status === 201 && answer?.id) stored.add(answer.id);
        const refusal = response.status === 201 ? whyNotStorable(testCase) : undefined;
        const kind =
          response.status >= 500
            ? `${key}: a 5xx`
            : refusal
              ? `${testCase.transport} 201 for a body the schemas refuse`
              : response.status !== 201 && (!response.headers.get('content-type')?.startsWith('application/json') || !answer)
                ? `${testCase.transport} ${response.status} without a JSON body`
                : response.status !== 201 && (!DOCUMENTED_ERRORS.has(String(answer!.error)) || typeof answer!.message !== 'string')
                  ? `${key}: not a documented error`
                  : undefined;
        if (!kind) continue;
        if (dumpFolder) writeFileSync(join(dumpFolder, `${backend.name}-${index}.${testCase.transport}`), testCase.body);
        const seen = violations.get(kind);
        const example = `#${index} ${JSON.stringify(testCase.headers)} ${show(testCase.body)}\n      -> ${refusal ?? text.slice(0, 200)}`;
        if (!seen || testCase.body.length < seen.size)
          violations.set(kind, { count: (seen?.count ?? 0) + 1, size: testCase.body.length, example });
        else seen.count++;
      }

      console.log(`# seed ${seed} (FUZZ_SEED), ${cases.length} bodies on ${backend.name}; answers by transport, status and error:`);
      for (const [key, count] of [...counts].sort()) console.log(`#   ${key}: ${count}`);
      const health = await fetch(`${collector.url}/healthz`);
      assert.equal(health.status, 200, 'healthz after the run');
      // Every 201 was stored, once: the rows are the distinct ids answered 201.
      assert.equal((await health.json()).answers, stored.size, 'rows stored against distinct ids answered 201');
      const report = [...violations].map(([kind, { count, example }]) => `  ${kind}: ${count}, the shortest:\n    ${example}`);
      assert.equal(
        report.length,
        0,
        `answers that break the contract (seed ${seed}; FUZZ_DUMP=<folder> writes their bodies):\n${report.join('\n')}`,
      );
      // A generator change that stops reaching the storage would make the whole run vacuous.
      if (cases.length >= 300)
        assert.ok(stored.size > cases.length / 20, `only ${stored.size} bodies stored: the generators hardly reach the storage`);
    });
  });
}
