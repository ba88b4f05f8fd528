import { expect } from '@open-wc/testing';
import { checkDefinition } from '../src/engine/check-definition.js';
import { optionsOf, textIn } from '../src/engine/definition.js';
import { badDefinitions, exampleFiles, semanticMistakes, validDefinitions } from './support/definition-cases.js';

const loadExample = async (file: string) => (await fetch(new URL(`../schemas/examples/${file}`, import.meta.url))).json();

describe('checkDefinition', () => {
  for (const file of exampleFiles) {
    it(`accepts schemas/examples/${file}`, async () => {
      const example: unknown = await loadExample(file);
      expect(checkDefinition(example)).to.deep.equal({ definition: example });
    });
  }

  it('the examples use every kind and every scale', async () => {
    const examples = await Promise.all(exampleFiles.map(loadExample));
    const questions = examples.flatMap((example) => example.steps.flatMap((step: { questions: unknown[] }) => step.questions));
    const used = new Set(questions.flatMap((question: { kind: string; scale?: string }) => [question.kind, question.scale]));
    for (const name of ['choice', 'choices', 'scale', 'yesno', 'text', 'smileys', 'stars', 'nps', 'agree'])
      expect(used, name).to.include(name);
  });

  for (const [name, definition] of validDefinitions) {
    it(`accepts ${name}`, () => expect(checkDefinition(definition)).to.deep.equal({ definition }));
  }

  for (const [name, definition, pointer, expected] of [...badDefinitions, ...semanticMistakes]) {
    it(`refuses ${name} at "${pointer}"`, () => {
      const result = checkDefinition(definition);
      expect(result).to.have.property('error');
      const { error } = result as { error: { pointer: string; expected: string } };
      expect(error.pointer).to.equal(pointer);
      expect(error.expected).to.include(expected);
    });
  }

  it('gives the first bad place in document order', () => {
    const question = { id: 'q', kind: 'yesno', label: 'Question' };
    const definition = {
      id: 't',
      steps: [
        { title: 'Un', questions: [question, { ...question, id: 'r', kind: 'slider' }] },
        { title: '', questions: [] },
      ],
    };
    expect(checkDefinition(definition)).to.deep.equal({
      error: { pointer: '/steps/0/questions/1/kind', expected: 'one of choice, choices, scale, yesno, text' },
    });
  });

  it('escapes ~ and / of a property name in the pointer', () => {
    expect(checkDefinition({ id: 't', steps: [], 'a/b~c': 1 })).to.have.nested.property('error.pointer', '/a~1b~0c');
  });
});

describe('textIn', () => {
  const text = { en: 'Your visit', fr: 'Votre visite', de: 'Ihr Besuch' };
  const cases: Array<[string | Record<string, string>, string | undefined, string]> = [
    ['Votre visite', 'en', 'Votre visite'],
    [text, 'en', 'Your visit'],
    [text, 'en-GB', 'Your visit'],
    [text, 'DE', 'Ihr Besuch'],
    [text, 'es', 'Votre visite'],
    [text, undefined, 'Votre visite'],
    [{ en: 'Your visit', de: 'Ihr Besuch' }, 'es', 'Your visit'],
    [text, 'constructor', 'Votre visite'],
  ];
  for (const [given, lang, expected] of cases) {
    it(`picks "${expected}" for ${lang ?? 'no language'} from ${JSON.stringify(given)}`, () =>
      expect(textIn(given, lang)).to.equal(expected));
  }
});

describe('optionsOf', () => {
  it('reads a ; list and an array alike, keeping per-language labels', () => {
    expect(optionsOf('a:Un;Deux')).to.deep.equal([
      { value: 'a', label: 'Un' },
      { value: 'Deux', label: 'Deux' },
    ]);
    expect(optionsOf(['a:Un', { value: 'b', label: { fr: 'Deux', en: 'Two' } }])).to.deep.equal([
      { value: 'a', label: 'Un' },
      { value: 'b', label: { fr: 'Deux', en: 'Two' } },
    ]);
  });
});
