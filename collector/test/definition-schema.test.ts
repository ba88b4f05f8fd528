// schemas/voix.definition.schema.json (ajv 2020, strict, as schemas/validate.mjs compiles schemas)
// against the in-browser checker of src/engine/check-definition.ts: the same examples accepted, the same
// mistakes refused at the same place, and a property that both agree on generated definitions,
// the checker refusing beyond the schema only what breaks a rule the schema cannot state.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { createEnvelopeValidator } from '../../schemas/validate.mjs';
import { checkDefinition } from '../../src/engine/check-definition.js';
import { parseList } from '../../src/core/settings.js';
import { badDefinitions, exampleFiles, semanticMistakes, validDefinitions } from '../../test/support/definition-cases.js';
import { csvLines } from '../src/export.js';

const schemas = new URL('../../schemas/', import.meta.url);
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(
  JSON.parse(readFileSync(new URL('voix.definition.schema.json', schemas), 'utf8')),
);
const examples = exampleFiles.map((file) => JSON.parse(readFileSync(new URL(`examples/${file}`, schemas), 'utf8')) as unknown);

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
/** The places ajv names, as the checker names them: a missing or unknown property is its own place. */
const schemaPointers = (errors: ErrorObject[] | null | undefined) =>
  new Set(
    (errors ?? []).map(({ instancePath, keyword, params }) =>
      keyword === 'required'
        ? `${instancePath}/${escape(params.missingProperty)}`
        : keyword === 'additionalProperties'
          ? `${instancePath}/${escape(params.additionalProperty)}`
          : instancePath,
    ),
  );
const checkerPointer = (definition: unknown) => {
  const result = checkDefinition(definition);
  return 'error' in result ? result.error.pointer : undefined;
};

/** A generated definition, of any shape. */
type Loose = Record<string, any>;
/**
 * The rules beyond the schema, written again here from the schema's description, independently of
 * the checker: every place in `definition` that breaks one.
 */
function semanticPointers(definition: Loose): Set<string> {
  const found = new Set<string>();
  const earlier = new Map<string, Loose>();
  const valuesOf = (question: Loose): string[] | null =>
    question.kind === 'yesno'
      ? ['yes', 'no']
      : question.kind === 'scale'
        ? null
        : question.options === undefined
          ? []
          : parseList(question.options).map((option) => option.value);
  try {
    definition.steps.forEach((step: Loose, s: number) =>
      step.questions.forEach((question: Loose, q: number) => {
        const path = `/steps/${s}/questions/${q}`;
        if (question.options !== undefined) {
          const values = parseList(question.options).map((option) => option.value);
          const dropped = Array.isArray(question.options) && values.length < question.options.length;
          if (dropped || !values.length || values.length > 50 || new Set(values).size < values.length) found.add(`${path}/options`);
          if (question.other === true && values.includes('other')) found.add(`${path}/options`);
        }
        if (question.showIf) {
          const target = earlier.get(question.showIf.question);
          const values = target && valuesOf(target);
          if (!target || values?.length === 0) found.add(`${path}/showIf/question`);
          else if (values)
            question.showIf.in.forEach((value: string, index: number) => values.includes(value) || found.add(`${path}/showIf/in/${index}`));
        }
        if (earlier.has(question.id)) found.add(`${path}/id`);
        else earlier.set(question.id, question);
      }),
    );
  } catch {
    // a shape the schema refuses anyway
  }
  return found;
}

describe('schemas/voix.definition.schema.json', () => {
  for (const [index, example] of examples.entries()) {
    it(`accepts schemas/examples/${exampleFiles[index]}`, () => assert.ok(validate(example), JSON.stringify(validate.errors)));
  }
  for (const [name, definition] of validDefinitions) {
    it(`accepts ${name}`, () => assert.ok(validate(definition), JSON.stringify(validate.errors)));
  }
  for (const [name, definition, pointer] of badDefinitions) {
    it(`refuses ${name}, at the checker's place ${pointer || '(root)'}`, () => {
      assert.equal(validate(definition), false);
      assert.ok(schemaPointers(validate.errors).has(pointer), `${pointer} not in ${[...schemaPointers(validate.errors)].join(' ')}`);
    });
  }
  for (const [name, definition, pointer] of semanticMistakes) {
    it(`accepts ${name}: a rule of its description, which the checker applies and this test too`, () => {
      assert.ok(validate(definition), JSON.stringify(validate.errors));
      assert.deepEqual([...semanticPointers(definition as Loose)], [pointer]);
    });
  }

  it('is no answers schema: envelopes still validate, and the CSV export has no column of it', async () => {
    const validateEnvelope = createEnvelopeValidator();
    const envelope = {
      specversion: '1.0',
      id: '6f1c1f4e-8f3c-4b7e-9a57-3c1f0e2d4b5a',
      source: '/contact',
      type: 'voix.feedback',
      subject: '/contact',
      time: '2026-11-26T10:00:00.000Z',
      datacontenttype: 'application/json',
      data: { site: 'test', locale: 'fr', widget: { name: 'voix-feedback', version: '1' }, answers: { useful: true } },
    };
    assert.deepEqual(validateEnvelope(envelope), { valid: true, errors: [] });
    const { value: header } = await csvLines((async function* () {})(), false).next();
    assert.doesNotMatch(String(header), /answers\.(steps|id)\b/);
  });
});

// ---- Agreement on generated definitions ----

const seed = Number(process.env.FUZZ_SEED ?? 20261126);
const blank = /^\s*$/u;
const someText = (maxLength: number) =>
  fc
    .oneof(fc.string({ minLength: 1, maxLength }), fc.string({ unit: 'binary', minLength: 1, maxLength }))
    .filter((text) => !blank.test(text));
const text = fc.oneof(someText(40), fc.dictionary(fc.constantFrom('fr', 'en', 'de', 'oc'), someText(40), { minKeys: 1, maxKeys: 4 }));
const optionValue = fc.constantFrom('a', 'b', 'c', 'rdv', 'délai', 'x.y');
const options = fc.oneof(
  fc.uniqueArray(optionValue, { minLength: 1, maxLength: 6 }).map((values) => values.map((value) => `${value}:Libellé ${value}`).join(';')),
  fc.uniqueArray(optionValue, { minLength: 1, maxLength: 6 }).chain((values) =>
    fc.tuple(
      ...values.map((value) =>
        fc.oneof(
          fc.constant(`${value}:Libellé`),
          text.map((label) => ({ value, label })),
        ),
      ),
    ),
  ),
);
const base = { label: text, hint: text, required: fc.boolean() };
const question = fc.oneof(
  fc.record({ kind: fc.constant('choice'), options, other: fc.boolean(), ...base }, { requiredKeys: ['kind', 'label', 'options'] }),
  fc.record(
    { kind: fc.constant('choices'), options, other: fc.boolean(), max: fc.integer({ min: 1, max: 50 }), ...base },
    { requiredKeys: ['kind', 'label', 'options'] },
  ),
  fc.record(
    { kind: fc.constant('scale'), scale: fc.constantFrom('smileys', 'stars', 'nps', 'agree'), ...base },
    { requiredKeys: ['kind', 'label', 'scale'] },
  ),
  fc.record({ kind: fc.constant('yesno'), ...base }, { requiredKeys: ['kind', 'label'] }),
  fc.record(
    { kind: fc.constant('text'), long: fc.boolean(), maxlength: fc.integer({ min: 1, max: 5000 }), ...base },
    { requiredKeys: ['kind', 'label'] },
  ),
);

/** Valid definitions: distinct ids, and showIf only on an earlier question with values it gives. */
const validDefinition = fc
  .record({
    id: fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,63}$/).filter((id) => id !== 'constructor' && id !== 'prototype'),
    steps: fc.array(
      fc.record({ title: text, questions: fc.array(fc.tuple(question, fc.nat(), fc.boolean()), { minLength: 1, maxLength: 5 }) }),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .map(({ id, steps }) => {
    const earlier: Loose[] = [];
    return {
      id,
      steps: steps.map(({ title, questions }) => ({
        title,
        questions: questions.map(([question, pick, conditional]) => {
          const made: Loose = { id: `q${earlier.length}`, ...question };
          const targets = earlier.filter((candidate) => candidate.kind !== 'text');
          if (conditional && targets.length) {
            const target = targets[pick % targets.length];
            const values =
              target.kind === 'yesno'
                ? ['yes', 'no']
                : target.kind === 'scale'
                  ? ['4', '5']
                  : parseList(target.options).map((option) => option.value);
            made.showIf = { question: target.id, in: values.slice(0, 1 + (pick % values.length)) };
          }
          earlier.push(made);
          return made;
        }),
      })),
    };
  });

const manyOptions = (count: number) => Array.from({ length: count }, (_, index) => `o${index}`).join(';');
/** Values that break a rule, or happen to keep one. */
const nasty = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    '',
    ' ',
    '__proto__',
    'constructor',
    'Q1',
    'q0',
    'q1',
    'q2',
    'a'.repeat(501),
    manyOptions(50),
    manyOptions(51),
    '🙂'.repeat(500),
    '🙂'.repeat(501),
    0,
    1,
    50,
    51,
    5000,
    5001,
    1.5,
    true,
    null,
    [],
    {},
  ),
  fc.constantFrom(
    'choice',
    'choices',
    'scale',
    'yesno',
    'text',
    'smileys',
    'nps',
    'yes',
    'no',
    'a',
    'a:A;a:B',
    'b:',
    ['b:'],
    { fr: '' },
    { 'fr-FR': 'x' },
    Object.fromEntries(['fr', 'en', 'de', 'es', 'it', 'oc', 'br', 'eu', 'ca', 'co', 'nl'].map((lang) => [lang, lang])),
    { question: 'q0', in: ['yes'] },
  ),
);
const QUESTION_KEYS = ['id', 'kind', 'label', 'hint', 'required', 'showIf', 'options', 'other', 'max', 'scale', 'long', 'maxlength'];
const questionKeys = fc.constantFrom(...QUESTION_KEYS);
const keys = fc.constantFrom(...QUESTION_KEYS, 'title', 'questions', 'steps', 'in', 'question', 'value', 'extra', '__proto__', 'a/b~');
/** A value that fits the key: adding it tests that a property belongs to this kind of object. */
const fitting: Record<string, unknown> = {
  other: true,
  max: 3,
  long: true,
  maxlength: 100,
  scale: 'stars',
  options: 'a;b',
  hint: 'Aide',
  required: false,
  in: ['yes'],
};
const mutation = fc.record({
  pick: fc.nat(),
  op: fc.constantFrom('replace', 'delete', 'add', 'repeat', 'question'),
  key: keys,
  questionKey: questionKeys,
  value: nasty,
  fits: fc.boolean(),
  count: fc.constantFrom(2, 11, 21, 51),
});

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;
/**
 * Applies each mutation to a copy: replaces or deletes a value, adds a property to any object or
 * to a question (the kind-dependent rules live there), or repeats an array's first item.
 */
function mutate(definition: unknown, mutations: Mutation[]): unknown {
  const copy = structuredClone(definition);
  for (const { pick, op, key: anyKey, questionKey, value: any, fits, count } of mutations) {
    const key = op === 'question' ? questionKey : anyKey;
    const value = fits && key in fitting ? fitting[key] : any;
    const places: Array<[Loose, string]> = [];
    const walk = (node: unknown) => {
      if (typeof node !== 'object' || node === null) return;
      for (const name of Object.keys(node)) {
        places.push([node as Loose, name]);
        walk((node as Loose)[name]);
      }
    };
    walk(copy);
    const objects = [
      copy as Loose,
      ...places.map(([parent, name]) => parent[name]).filter((node) => typeof node === 'object' && node !== null),
    ];
    const [parent, name] = places[pick % places.length] ?? [];
    if (op === 'replace' && parent) parent[name!] = structuredClone(value);
    else if (op === 'delete' && parent) Array.isArray(parent) ? parent.splice(Number(name), 1) : delete parent[name!];
    else if (op === 'add' || op === 'question') {
      const questions =
        (copy as Loose).steps
          ?.flatMap?.((step: Loose) => step?.questions ?? [])
          .filter((node: unknown) => typeof node === 'object' && node) ?? [];
      const candidates = op === 'question' && questions.length ? questions : objects;
      const target = candidates[pick % candidates.length];
      if (!Array.isArray(target))
        Object.defineProperty(target, key, { value: structuredClone(value), enumerable: true, writable: true, configurable: true });
    } else {
      const arrays = objects.filter(Array.isArray);
      const target = arrays[pick % arrays.length];
      if (target?.length) target.push(...Array.from({ length: count }, () => structuredClone(target[0])));
    }
  }
  return copy;
}

/** Checker and schema agree; the checker refuses beyond the schema exactly the semantic mistakes. */
function agree(definition: unknown) {
  const schemaValid = validate(definition);
  const pointer = checkerPointer(definition);
  const semantic = semanticPointers(definition as Loose);
  if (schemaValid && !semantic.size) return assert.equal(pointer, undefined, 'the checker refused what nothing refuses');
  assert.notEqual(
    pointer,
    undefined,
    schemaValid ? `the checker missed ${[...semantic]}` : `the checker missed ${JSON.stringify(validate.errors)}`,
  );
  const places = schemaValid ? semantic : new Set([...schemaPointers(validate.errors), ...semantic]);
  assert.ok(places.has(pointer!), `checker: ${pointer}; expected one of ${[...places].join(' ')}`);
}

describe('checkDefinition() and the JSON Schema agree', () => {
  it('on valid definitions: both accept', () =>
    fc.assert(
      fc.property(validDefinition, (definition) => {
        assert.ok(validate(definition), JSON.stringify(validate.errors));
        assert.equal(checkerPointer(definition), undefined);
      }),
      { numRuns: 500, seed },
    ));

  it('on mutated definitions: the same verdict and place, but for the rules only the checker knows', () =>
    fc.assert(
      fc.property(validDefinition, fc.array(mutation, { minLength: 1, maxLength: 3 }), (definition, mutations) =>
        agree(mutate(definition, mutations)),
      ),
      { numRuns: 3000, seed },
    ));

  it('on the examples, mutated', () =>
    fc.assert(
      fc.property(fc.constantFrom(...examples), fc.array(mutation, { minLength: 1, maxLength: 2 }), (example, mutations) =>
        agree(mutate(example, mutations)),
      ),
      { numRuns: 1000, seed },
    ));
});
