// Property-based tests (fast-check) of the code that reads what users send: the collector's
// envelope and form readers, and the library's list parser and scrubber (pure modules, so they
// run here under node rather than in Chromium). The seed is fixed so that a run is repeatable;
// FUZZ_SEED=<n> explores others. A failing property prints its seed and shrunk counter-example.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { parse as parseQuery } from 'node:querystring';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { scrubPersonalData as scrubAsTheCollectorDoes } from '../../dist/core/scrub.js';
import { toFormBody } from '../../src/core/form-body.js';
import type { VoixEnvelope } from '../../src/core/envelope.js';
import { scrubPersonalData } from '../../src/core/scrub.js';
import { parseList, type Choice } from '../../src/core/settings.js';
import { answersSchemas } from '../../schemas/validate.mjs';
import { eventTypes as TYPES } from '../../dist/event-types.js';
import { readEnvelope, unflatten } from '../src/envelope.js';
import { SCALES } from '../src/questions.js';
import { CollectorError } from '../src/errors.js';
import { envelope } from './support.js';

const seed = Number(process.env.FUZZ_SEED ?? 20261126);
const check = <T>(property: fc.IProperty<T>, numRuns = 300) => fc.assert(property, { numRuns, seed });

/** Whatever `run` throws must be a CollectorError with a 4xx status: anything else is a 500. */
function throwsOnly4xx(run: () => unknown) {
  try {
    run();
  } catch (error) {
    assertIs4xx(error);
  }
}
const assertIs4xx = (error: unknown) => {
  assert.ok(error instanceof CollectorError, `threw ${(error as Error)?.constructor?.name}: ${(error as Error)?.message}`);
  assert.ok(error.statusCode >= 400 && error.statusCode < 500, `status ${error.statusCode}`);
  return true;
};

// ---- Valid envelopes, generated from the shapes in schemas/ ----

// Any code point but NUL: PostgreSQL cannot store NUL, and what the collector does with it is tested apart.
const storableCharacter = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((character) => character !== '\u0000');
const text = (minLength: number, maxLength: number) => fc.string({ unit: storableCharacter, minLength, maxLength });
const item = text(1, 200);
const feedbackAnswers = fc.record(
  { useful: fc.boolean(), reasons: fc.uniqueArray(item, { maxLength: 20 }), comment: text(0, 3000) },
  { requiredKeys: ['useful'] },
);
const pollAnswers = fc.record(
  { choices: fc.uniqueArray(item, { minLength: 1, maxLength: 50 }), other: text(0, 500) },
  { requiredKeys: ['choices'] },
);
const answersByType = { 'voix.feedback': feedbackAnswers, 'voix.poll.vote': pollAnswers } as const;

const validEnvelope = (
  answers: fc.Arbitrary<[keyof typeof answersByType, object]> = fc.oneof(
    ...Object.entries(answersByType).map(([type, arbitrary]) => fc.tuple(fc.constant(type as keyof typeof answersByType), arbitrary)),
  ),
): fc.Arbitrary<VoixEnvelope> =>
  fc
    .record({
      typed: answers,
      id: fc.uuid(),
      source: fc.webUrl({ withQueryParameters: false, withFragments: false }),
      subject: text(1, 512),
      time: fc.date({ min: new Date('1970-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }).map((date) => date.toISOString()),
      site: text(1, 255),
      placement: fc.option(text(0, 255), { nil: undefined }),
      locale: fc.stringMatching(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/),
      name: fc.stringMatching(/^voix-[a-z-]{1,20}$/),
      version: text(0, 32),
    })
    .map(({ typed: [type, answers], id, source, subject, time, site, placement, locale, name, version }) => ({
      specversion: '1.0' as const,
      id,
      source,
      type,
      subject,
      time,
      datacontenttype: 'application/json' as const,
      data: { site, ...(placement === undefined ? {} : { placement }), locale, widget: { name, version }, answers },
    }));

/** What the collector stores of the answers: every string scrubbed, the rest as sent. */
const scrubbedAnswers = (answers: object) =>
  JSON.parse(JSON.stringify(answers), (_key, value) => (typeof value === 'string' ? scrubAsTheCollectorDoes(value) : value));

describe('readEnvelope()', () => {
  it('accepts every valid envelope and gives a row with its fields', () =>
    check(
      fc.property(validEnvelope(), (envelope) => {
        const { row, personal } = readEnvelope(structuredClone(envelope), { form: false, idempotencyKey: envelope.id });
        const { data } = envelope;
        assert.deepEqual(
          { ...row, receivedAt: undefined, hash: undefined },
          {
            id: envelope.id,
            type: envelope.type,
            subject: envelope.subject,
            site: data.site,
            placement: data.placement ?? null,
            locale: data.locale,
            widget: data.widget.name,
            widgetVersion: data.widget.version,
            source: envelope.source,
            time: envelope.time,
            receivedAt: undefined,
            answers: scrubbedAnswers(data.answers),
            audience: null,
            definition: null,
            hash: undefined,
          },
        );
        assert.equal(personal, undefined);
        assert.ok(!Number.isNaN(Date.parse(row.receivedAt)));
      }),
    ));

  it('gives the same hash for the same body, and another for another body', () =>
    check(
      fc.property(validEnvelope(), validEnvelope(), (envelope, other) => {
        const hashOf = (body: unknown) => readEnvelope(body, { form: false }).row.hash;
        const hash = hashOf(envelope);
        assert.equal(hashOf(JSON.parse(JSON.stringify(envelope))), hash);
        assert.equal(hash, createHash('sha256').update(JSON.stringify(envelope)).digest('hex'));
        if (JSON.stringify(other) !== JSON.stringify(envelope)) assert.notEqual(hashOf(other), hash);
      }),
    ));

  it('refuses an Idempotency-Key that is not the id (422 idempotency_key_mismatch)', () =>
    check(
      fc.property(validEnvelope(), fc.string(), (envelope, key) => {
        fc.pre(key !== envelope.id);
        assert.throws(() => readEnvelope(envelope, { form: false, idempotencyKey: key }), {
          statusCode: 422,
          code: 'idempotency_key_mismatch',
        });
      }),
    ));

  // Each type the collector accepts has its answers schema: without one, every answer of it would be refused.
  it('knows an answers schema for every type it accepts', () => {
    assert.deepEqual(
      TYPES.filter((type) => !answersSchemas().has(type)),
      [],
    );
  });

  // PostgreSQL stores neither NUL nor lone surrogates: the reader cleans them from answers and
  // refuses them in identifiers, the same for both stores (collector/src/envelope.ts).
  const unstorable = fc.tuple(text(0, 15), fc.constantFrom('\u0000', '\ud800', '\udfff'), text(0, 15)).map((parts) => parts.join(''));
  // eslint-disable-next-line no-control-regex -- NUL is one of the characters looked for.
  const hasUnstorable = (value: string) => /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value);

  it('stores answers cleaned of NUL and lone surrogates', () =>
    check(
      fc.property(
        validEnvelope(fc.tuple(fc.constant('voix.feedback' as const), fc.record({ useful: fc.boolean(), comment: unstorable }))),
        (envelope) => {
          const { answers } = readEnvelope(envelope, { form: false }).row;
          assert.ok(!hasUnstorable(answers.comment as string), JSON.stringify(answers.comment));
        },
      ),
    ));

  it('refuses NUL and lone surrogates in identifiers (422 invalid_text)', () =>
    check(
      fc.property(validEnvelope(), fc.constantFrom('subject', 'site', 'placement', 'version'), unstorable, (envelope, field, value) => {
        const { data } = envelope;
        if (field === 'subject') envelope.subject = value;
        else if (field === 'version') data.widget.version = value;
        else data[field] = value;
        assert.throws(() => readEnvelope(envelope, { form: false }), { statusCode: 422, code: 'invalid_text' });
      }),
    ));

  it('throws nothing but a 4xx CollectorError on any JSON value', () =>
    check(
      fc.property(fc.oneof(fc.jsonValue(), fc.object({ withNullPrototype: true, withObjectString: true })), (value) =>
        throwsOnly4xx(() => readEnvelope(value, { form: false })),
      ),
      1000,
    ));

  it('throws nothing but a 4xx CollectorError on a valid envelope with any one part replaced', () =>
    check(
      fc.property(validEnvelope(), fc.array(fc.nat()), fc.jsonValue(), (envelope, path, value) => {
        throwsOnly4xx(() => readEnvelope(replaceAt(envelope, path, value), { form: false }));
      }),
      1000,
    ));

  // The depth is the input and the value is built inside, so that a failure shrinks to the first depth that fails.
  it('throws nothing but a 4xx CollectorError on a part nested up to 10,000 deep (more than a 64 KB body holds)', () =>
    check(
      fc.property(
        validEnvelope(),
        fc.array(fc.nat()),
        fc.integer({ min: 1, max: 10_000 }),
        fc.boolean(),
        (envelope, path, depth, inArrays) => {
          throwsOnly4xx(() => readEnvelope(replaceAt(envelope, path, nested(depth, inArrays)), { form: false }));
        },
      ),
      100,
    ));
});

const nested = (depth: number, inArrays: boolean) =>
  Array.from({ length: depth }).reduce<unknown>((inner) => (inArrays ? [inner] : { a: inner }), 'x');

/** A copy of `value` with the node that `path` leads to (indexes taken modulo each level's keys) replaced. */
function replaceAt(value: unknown, path: number[], replacement: unknown): unknown {
  if (!path.length || !value || typeof value !== 'object') return replacement;
  const copy = (Array.isArray(value) ? [...value] : { ...value }) as Record<string, unknown>;
  const keys = Object.keys(copy);
  if (!keys.length) return replacement;
  const key = keys[path[0] % keys.length];
  copy[key] = replaceAt(copy[key], path.slice(1), replacement);
  return copy;
}

// ---- The form transport: toFormBody() in the widgets, unflatten() in the collector ----

/** The fields as @fastify/formbody hands them over: text, or an array of texts for a repeated name. */
const received = (body: URLSearchParams) => ({ ...parseQuery(body.toString()) }) as Record<string, string | string[]>;

describe('unflatten() against toFormBody()', () => {
  const rowsByTransport = (envelope: VoixEnvelope) => {
    const fromJson = readEnvelope(structuredClone(envelope), { form: false }).row;
    const fromForm = readEnvelope(received(toFormBody(envelope)), { form: true }).row;
    return [
      { ...fromForm, receivedAt: 0, hash: 0 },
      { ...fromJson, receivedAt: 0, hash: 0 },
    ] as const;
  };
  // A form has no way to say "an empty list"; the widgets send reasons only when some are chosen.
  const withoutEmptyList = (envelope: VoixEnvelope) =>
    !Object.values(envelope.data.answers).some((value) => Array.isArray(value) && !value.length);

  it('gives back any valid envelope: the form reader stores the same row as the JSON reader', () =>
    check(fc.property(validEnvelope().filter(withoutEmptyList), (envelope) => assert.deepEqual(...rowsByTransport(envelope)))));

  // Answers to a definition (voix.rating, voix.survey): each answer of its question's kind, digit-only
  // texts and option values included, which a form must not turn into numbers (nor a score into a list).
  const questionId = fc
    .stringMatching(/^[a-z0-9][a-z0-9_-]{0,20}$/)
    .filter((id) => !id.endsWith('-other') && !['constructor', 'prototype'].includes(id));
  const kind = fc.constantFrom('choice', 'choices', 'yesno', 'text', ...Object.keys(SCALES));
  const digitsOrText = fc.oneof(fc.stringMatching(/^\d{1,3}$/), item);
  const answerOf = (kind: string): fc.Arbitrary<unknown> =>
    Object.hasOwn(SCALES, kind)
      ? fc.integer(SCALES[kind])
      : kind === 'choices'
        ? fc.uniqueArray(digitsOrText, { minLength: 1, maxLength: 5 })
        : kind === 'yesno'
          ? fc.constantFrom('yes', 'no')
          : kind === 'text'
            ? fc.oneof(fc.stringMatching(/^\d{1,3}$/), text(1, 300))
            : digitsOrText;
  const definedEnvelope = fc
    .tuple(
      validEnvelope(),
      fc.constantFrom('voix.rating', 'voix.survey'),
      fc.dictionary(questionId, kind, { minKeys: 1, maxKeys: 6 }),
      fc.constantFrom(undefined, 'user', 'agent'),
    )
    .chain(([envelope, type, questions, audience]) =>
      fc
        .tuple(
          ...Object.entries(questions).map(([id, kind]) =>
            fc.option(answerOf(kind), { nil: undefined }).map((answer) => [id, answer] as const),
          ),
        )
        .filter((answers) => answers.some(([, answer]) => answer !== undefined))
        .map(
          (answers) =>
            ({
              ...envelope,
              type,
              data: {
                ...envelope.data,
                ...(audience ? { audience } : {}),
                definition: { id: 'questionnaire', version: '0a1b2c3d', questions },
                answers: Object.fromEntries(answers.filter(([, answer]) => answer !== undefined)),
              },
            }) as VoixEnvelope,
        ),
    );

  it('gives back any answers to a definition: a form stores the JSON body’s row, each answer of its question’s type', () =>
    check(
      fc.property(definedEnvelope, (envelope) => {
        const [fromForm, fromJson] = rowsByTransport(envelope);
        assert.deepEqual(fromForm, fromJson);
        assert.deepEqual(fromJson.answers, scrubbedAnswers(envelope.data.answers));
      }),
    ));

  it('stores an empty reasons list sent by form as no reasons (found by the round trip above)', () => {
    const [fromForm, fromJson] = rowsByTransport(envelope({ answers: { useful: false, reasons: [] } }) as VoixEnvelope);
    assert.deepEqual(fromJson.answers, { useful: false, reasons: [] });
    assert.deepEqual(fromForm.answers, { useful: false });
  });

  // Names built from the pieces that matter: brackets, indexes around the limit, prototype keys.
  const namePart = fc.oneof(
    { arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'length'), weight: 3 },
    { arbitrary: fc.constantFrom('data', 'answers', 'reasons', 'choices', 'useful', 'widget', '0', '1', '49', '50', ''), weight: 2 },
    { arbitrary: fc.string({ maxLength: 70 }), weight: 1 },
  );
  const fieldName = fc.oneof(
    fc.array(namePart, { minLength: 1, maxLength: 6 }).map(([head, ...rest]) => head + rest.map((part) => `[${part}]`).join('')),
    fc.string(),
  );
  const fields = fc.array(fc.tuple(fieldName, fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 }))), { maxLength: 12 });

  // A name of the envelope without its last parts (its leaf, its list…), then extended: `data[answers][reasons][__proto__][x]`.
  const grafts = fc.array(fc.tuple(fc.nat(), fc.nat({ max: 4 }), fc.array(namePart, { minLength: 1, maxLength: 3 }), fc.string()), {
    maxLength: 4,
  });
  const graft = (names: string[], [which, cut, parts, value]: [number, number, string[], string]): [string, string] => {
    const path = names[which % names.length].replace(/\]/g, '').split('[');
    const [head, ...rest] = [...path.slice(0, Math.max(1, path.length - 1 - (cut % path.length))), ...parts];
    return [head + rest.map((part) => `[${part}]`).join(''), value];
  };

  it('throws nothing but a 4xx CollectorError on any field names and values, and pollutes no prototype', () =>
    check(
      fc.property(fields, grafts, fc.boolean(), validEnvelope(), (pairs, grafted, onValidEnvelope, envelope) => {
        // Names grafted on a valid envelope reach deeper into the checks than random fields.
        const base = received(toFormBody(envelope));
        const added = onValidEnvelope ? grafted.map((item) => graft(Object.keys(base), item)) : pairs;
        const form = Object.assign(Object.create(null), onValidEnvelope ? base : {}, Object.fromEntries(added));
        throwsOnly4xx(() => unflatten(form));
        throwsOnly4xx(() => readEnvelope(form, { form: true }));
        assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), objectPrototypeNames);
        assert.deepEqual(Object.getOwnPropertyNames(Array.prototype).sort(), arrayPrototypeNames);
      }),
      2000,
    ));
});
describe('counter-examples found by the properties, kept', () => {
  it('answers 4xx to a valid envelope holding a value nested 5,000 deep', () => {
    assert.throws(
      () => readEnvelope(envelope({ answers: { useful: true, reasons: nested(5000, true) as string[] } }), { form: false }),
      assertIs4xx,
    );
  });

  // A name under an array that is not an index replaces the array's prototype or shadows its methods.
  for (const name of ['data[answers][reasons][__proto__][x]', 'data[answers][reasons][constructor]', 'data[answers][reasons][map]']) {
    it(`answers 4xx to ${name} on an envelope with reasons`, () => {
      const form = {
        ...received(toFormBody(envelope({ answers: { useful: false, reasons: ['incomplete'] } }) as VoixEnvelope)),
        [name]: 'x',
      };
      assert.throws(() => readEnvelope(form, { form: true }), assertIs4xx);
    });
  }
});

const objectPrototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();
const arrayPrototypeNames = Object.getOwnPropertyNames(Array.prototype).sort();

// ---- parseList(): `a;b;value:Label` ----

const listValue = fc.stringMatching(/^[\p{L}\p{N}_.-]+$/u);
/** A label as an author writes it: no `;`, something besides spaces. */
const label = fc.string({ unit: 'grapheme', minLength: 1 }).filter((text) => !text.includes(';') && text.trim() !== '');

describe('parseList()', () => {
  it('never throws and gives only non-empty values and labels', () =>
    check(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.constant(null),
          fc.constant(undefined),
          fc.array(fc.oneof(fc.string(), fc.record({ value: fc.string(), label: fc.string() }))),
        ),
        (list) => {
          for (const choice of parseList(list)) {
            assert.ok(choice.value, JSON.stringify(choice));
            assert.ok(choice.label, JSON.stringify(choice));
          }
        },
      ),
      1000,
    ));

  it('round-trips `value:Label` items, whatever the spaces around them', () =>
    check(
      fc.property(fc.array(fc.tuple(listValue, label, fc.constantFrom('', ' ', '  ')), { minLength: 1, maxLength: 8 }), (items) => {
        const list = items.map(([value, text, space]) => `${space}${value}:${text}${space}`).join(';');
        assert.deepEqual(
          parseList(list),
          items.map(([value, text]) => ({ value, label: text.trim() })),
        );
      }),
    ));

  it('keeps a label with French spacing (`Horaires : erreur`) as one label, which is also its value', () =>
    check(
      fc.property(
        label.filter((text) => !text.includes(':')),
        label,
        (before, after) => {
          const whole = `${before.trim()} : ${after.trim()}`;
          assert.deepEqual(parseList(whole), [{ value: whole, label: whole }]);
        },
      ),
    ));

  it('passes arrays of choices through as they are', () =>
    check(
      fc.property(fc.array(fc.record({ value: listValue, label })), (choices: Choice[]) => {
        const parsed = parseList(choices);
        assert.equal(parsed.length, choices.length);
        parsed.forEach((choice, index) => assert.equal(choice, choices[index]));
      }),
    ));
});

// ---- scrubPersonalData() ----

const markers = ['[e-mail retiré]', '[n° retiré]', '[téléphone retiré]'];
const countMarkers = (text: string) => markers.reduce((count, marker) => count + text.split(marker).length - 1, 0);
const longestMarker = Math.max(...markers.map((marker) => marker.length));

const digits = (count: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: count, maxLength: count }).map((list) => list.join(''));
const separator = fc.constantFrom('', ' ', '.', '-');
const email = fc
  .tuple(
    fc.stringMatching(/^[a-zA-Z0-9éèàçÉ._%+-]{1,20}$/),
    fc.array(fc.stringMatching(/^[a-z0-9éè-]{1,15}$/), { minLength: 1, maxLength: 3 }),
    fc.stringMatching(/^[a-z]{2,6}$/),
  )
  .map(([local, labels, tld]) => `${local}@${labels.join('.')}.${tld}`);
/** French numbers as people write them: 06 12 34 56 78, 06.12.34.56.78, +33 6 12 34 56 78, 0033 (0)6… */
const phone = fc.oneof(
  fc
    .tuple(fc.integer({ min: 1, max: 9 }), digits(8), separator)
    .map(([first, rest, sep]) => ['0' + first, ...rest.match(/../g)!].join(sep)),
  fc
    .tuple(fc.constantFrom('+33', '0033', '+33 (0)'), fc.integer({ min: 1, max: 9 }), digits(8), fc.constantFrom('', ' ', '.'))
    .map(([prefix, first, rest, sep]) => `${prefix}${prefix.endsWith(')') ? '' : sep}${[String(first), ...rest.match(/../g)!].join(sep)}`),
);
/** NIR: sex, year, month, department (2A/2B too), commune, order, optional key. */
const nir = fc
  .tuple(
    fc.constantFrom('1', '2'),
    digits(2),
    fc.oneof(
      fc.integer({ min: 1, max: 12 }).map((month) => String(month).padStart(2, '0')),
      fc.integer({ min: 20, max: 99 }).map(String),
    ),
    fc.oneof(digits(2), fc.constantFrom('2A', '2B')),
    digits(3),
    digits(3),
    fc.option(digits(2), { nil: '' }),
    fc.constantFrom('', ' ', '.'),
  )
  .map(([sex, year, month, department, commune, order, key, sep]) =>
    [sex, year, month, department, commune, order, key].filter(Boolean).join(sep),
  );
/** Text around the data, kept off it by a space or punctuation, as in a sentence. */
const surrounded = (data: fc.Arbitrary<string>) =>
  fc
    .tuple(fc.string(), fc.constantFrom(' ', '\n', ' (', ', '), data, fc.constantFrom(' ', '.', ') ', ', ', '\n'), fc.string())
    .map((parts) => parts);
/** Letters, spaces and punctuation only: nothing any pattern could take for personal data. */
const cleanText = fc.string({
  unit: fc.oneof(fc.stringMatching(/^\p{L}$/u), fc.constantFrom(' ', '\n', ',', ';', ':', '!', '?', "'", '«', '»', '(', ')', '-')),
});

describe('scrubPersonalData()', () => {
  const anyText = fc.oneof(
    fc.string({ unit: 'binary' }),
    surrounded(fc.oneof(email, phone, nir)).map((parts) => parts.join('')),
  );

  it('is idempotent', () =>
    check(
      fc.property(anyText, (text) => assert.equal(scrubPersonalData(scrubPersonalData(text)), scrubPersonalData(text))),
      1000,
    ));

  it('lengthens text by at most one marker per removal', () =>
    check(
      fc.property(anyText, (text) => {
        const scrubbed = scrubPersonalData(text);
        assert.ok(scrubbed.length - text.length <= (countMarkers(scrubbed) - countMarkers(text)) * longestMarker, scrubbed);
      }),
      1000,
    ));

  it('keeps a 1,000-character comment within the schema’s 3,000 even when it is all e-mail addresses and numbers', () =>
    check(
      fc.property(
        fc.array(fc.oneof(email, phone, nir, fc.constantFrom('a@b.fr', '+12345678')), { minLength: 1, maxLength: 400 }),
        fc.constantFrom(' ', ',', ';'),
        (items, sep) => {
          const comment = items.join(sep).slice(0, 1000);
          assert.ok(scrubPersonalData(comment).length <= 3000);
        },
      ),
    ));

  for (const [name, data] of [
    ['e-mail address', email],
    ['French phone number', phone],
    ['NIR', nir],
  ] as const) {
    it(`removes any ${name} from the text around it`, () =>
      check(
        fc.property(surrounded(data), ([before, opening, value, closing, after]) => {
          const scrubbed = scrubPersonalData(before + opening + value + closing + after);
          assert.ok(!scrubbed.includes(value), `${JSON.stringify(value)} left in ${JSON.stringify(scrubbed)}`);
        }),
        1000,
      ));
  }

  it('leaves text without personal data unchanged', () =>
    check(
      fc.property(cleanText, (text) => assert.equal(scrubPersonalData(text), text)),
      1000,
    ));
});
