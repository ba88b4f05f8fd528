// The registries (src/event-types.ts, src/engine/kinds.ts) hold together: what an entry names
// exists, and the collector reads each type and kind the way the entry says.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ANSWER_KINDS } from '../../dist/engine/kinds.js';
import { EVENT_TYPES, eventType, eventTypes, typesWith, type EventTypeSpec } from '../../dist/event-types.js';
import { answersSchemas } from '../../schemas/validate.mjs';
import { readEnvelope } from '../src/envelope.js';
import { countValues } from '../src/results.js';

const spec = (type: string) => eventType(type) as EventTypeSpec;
/** The answers a type's schema names (a type answered like a survey names none: any question id). */
const named = (type: string) => Object.keys((answersSchemas().get(type)?.properties as object | undefined) ?? {});

/** A valid envelope of this type, with these data fields over a minimal `data`. */
const envelopeOf = (type: string, data: Record<string, unknown>) => ({
  specversion: '1.0',
  id: '3f0c8f5e-8a9b-4c3d-9e1f-2a3b4c5d6e7f',
  source: 'https://www.ville.fr/',
  type,
  subject: '/',
  time: '2026-12-06T10:00:00Z',
  datacontenttype: 'application/json',
  data: { site: 'ville', locale: 'fr', widget: { name: eventType(type)?.widget, version: '0.1.0' }, ...data },
});

describe('the event-type registry', () => {
  it('gives every type a schema file, and no schema file is left without a type', () => {
    assert.deepEqual([...answersSchemas().keys()].sort(), [...eventTypes].sort());
  });

  it('names only answers its schema has, or any answer for a type on a definition', () => {
    for (const type of eventTypes) {
      const { counts, quoted = [], otherText, definition } = spec(type);
      if (definition) continue;
      for (const field of [counts, ...quoted, otherText].filter((field) => field !== undefined)) {
        assert.ok(named(type).includes(field!), `${type}: "${field}" is not an answer of its schema (${named(type).join(', ')})`);
      }
    }
  });

  it('gives each type one dashboard view and a widget named voix-*', () => {
    for (const type of eventTypes) {
      assert.match(spec(type).widget, /^voix-[a-z]+(-[a-z]+)*$/, type);
      assert.ok(['counts', 'questions', 'poll', 'petition', 'categorised', 'pulse'].includes(spec(type).dashboard), type);
    }
  });

  it('knows nothing of what is not a type: Object’s own names, other values', () => {
    for (const notAType of ['toString', '__proto__', 'constructor', '', 42, null, {}, ['voix.feedback']])
      assert.equal(eventType(notAType), undefined);
  });

  it('is what the collector counts by: a boolean as yes / no, a list item by item, a score as text', () => {
    const counted = (type: string, answers: Record<string, unknown>) => {
      const values: string[] = [];
      countValues(type, answers, (value) => values.push(value));
      return values;
    };
    assert.deepEqual(counted('voix.feedback', { useful: false, reasons: ['a'] }), ['no']);
    assert.deepEqual(counted('voix.poll.vote', { choices: ['parc', 'ecole'], other: 'x' }), ['parc', 'ecole']);
    assert.deepEqual(counted('voix.rating', { score: 3 }), ['3']);
    assert.deepEqual(counted('voix.rating', { comment: 'sans note' }), []);
    assert.deepEqual(counted('voix.survey', { q: 'x' }), [], 'no `counts` in its entry: nothing in counts');
    assert.deepEqual(counted('voix.unknown', { useful: true }), []);
  });

  it('refuses petition terms on every type but the signature ones, naming them', () => {
    assert.deepEqual(typesWith('signature'), ['voix.petition.signature']);
    const envelope = envelopeOf('voix.feedback', { petition: { closes: '2027-01-01' }, answers: { useful: true } });
    assert.throws(() => readEnvelope(envelope, { form: false }), {
      statusCode: 422,
      message: /only a voix\.petition\.signature carries petition terms, not a voix\.feedback/,
    });
  });

  it('keeps its personal fields out of answers: an idea’s address, a signer’s name', () => {
    for (const type of typesWith('personal')) {
      assert.ok(
        !named(type)
          .filter((field) => field !== 'personal')
          .some((field) => Object.hasOwn(EVENT_TYPES[type as keyof typeof EVENT_TYPES].personal ?? {}, field)),
      );
      assert.ok(named(type).includes('personal'), `${type}: its schema has answers.personal`);
    }
  });
});

describe('the answer-kind registry', () => {
  it('bounds each scale, and only scales', () => {
    for (const [kind, { answer, ...rest }] of Object.entries(ANSWER_KINDS)) {
      const bounds = 'min' in rest ? [rest.min, rest.max] : undefined;
      assert.equal(answer === 'score', bounds !== undefined, kind);
      if (bounds) assert.ok(Number.isInteger(bounds[0]) && Number.isInteger(bounds[1]) && bounds[0] < bounds[1], kind);
    }
  });

  it('is what the collector checks answers by', () => {
    const answered = (kind: string, answer: unknown) => {
      const envelope = envelopeOf('voix.survey', {
        definition: { id: 'd', version: '0000abcd', questions: { q: kind } },
        answers: { q: answer },
      });
      try {
        readEnvelope(envelope, { form: false });
        return true;
      } catch {
        return false;
      }
    };
    for (const [kind, spec] of Object.entries(ANSWER_KINDS)) {
      if ('min' in spec) {
        assert.ok(answered(kind, spec.min) && answered(kind, spec.max), `${kind}: its first and last scores`);
        assert.ok(!answered(kind, spec.max + 1) && !answered(kind, spec.min - 1), `${kind}: outside its scores`);
      }
      if (spec.answer === 'list') assert.ok(answered(kind, ['a']) && !answered(kind, 'a'), kind);
      if (spec.answer === 'yesno') assert.ok(answered(kind, 'yes') && !answered(kind, 'maybe'), kind);
      if (spec.answer === 'text') assert.ok(answered(kind, 'a') && !answered(kind, ['a']), kind);
    }
  });
});
