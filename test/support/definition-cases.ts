// Definitions that the in-browser checker (test/definition.test.ts) and the JSON Schema
// (collector/test/definition-schema.test.ts) must both accept, and mistakes that both must refuse,
// with the place and the words the checker gives.

/** Files of schemas/examples/, valid, which between them use every kind and every scale. */
export const exampleFiles = ['acces-aux-droits.json', 'accueil-mairie.json'];

type Json = unknown;
const survey = (...questions: Json[]) => ({ id: 'test', steps: [{ title: 'Étape', questions }] });
const yesno = { id: 'gave-up', kind: 'yesno', label: 'Avez-vous renoncé ?' };
const choice = (more: object = {}) => ({ id: 'why', kind: 'choice', label: 'Pourquoi ?', options: 'a:Un;b:Deux', ...more });
const question = (more: object) => ({ id: 'q', kind: 'yesno', label: 'Question', ...more });

export const validDefinitions: Array<[name: string, definition: Json]> = [
  ['one text question', survey({ id: 'avis', kind: 'text', label: 'Votre avis' })],
  [
    'options as an array of strings and of { value, label }',
    survey(choice({ options: ['a:Un', { value: 'b', label: { fr: 'Deux', en: 'Two' } }] })),
  ],
  ['choices with max and other', survey(choice({ kind: 'choices', max: 2, other: true }))],
  [
    'a showIf on an earlier step',
    {
      id: 't',
      steps: [
        { title: 'Un', questions: [yesno] },
        { title: 'Deux', questions: [choice({ showIf: { question: 'gave-up', in: ['yes'] } })] },
      ],
    },
  ],
  [
    'a showIf on option values and on a scale',
    survey(
      choice(),
      { ...yesno, showIf: { question: 'why', in: ['b', 'a'] } },
      { id: 'note', kind: 'scale', scale: 'nps', label: 'Note' },
      question({ showIf: { question: 'note', in: ['9', '10'] } }),
    ),
  ],
  [
    'limits reached',
    {
      id: 'x'.repeat(64),
      steps: Array.from({ length: 20 }, (_, step) => ({
        title: 'é'.repeat(500),
        questions: Array.from({ length: step ? 1 : 50 }, (_, index) => question({ id: `q${step}-${index}` })),
      })),
    },
  ],
  ['a definition id ending in -other (only question ids are answer keys)', { ...survey(yesno), id: 'enquete-other' }],
  ['an option valued other when the question has no Autre', survey(choice({ options: 'other:Autre chose;b:Deux' }))],
  ['an emoji counted as one character', survey(question({ label: '🙂'.repeat(500) }))],
];

/** [what is wrong, definition, the pointer, words of the expected text]. */
export const badDefinitions: Array<[name: string, definition: Json, pointer: string, expected: string]> = [
  ['not an object', [], '', 'an object'],
  ['no steps', { id: 'test' }, '/steps', '1 to 20 steps'],
  ['21 steps', { id: 'test', steps: Array.from({ length: 21 }, () => survey(yesno).steps[0]) }, '/steps', '1 to 20 steps'],
  ['an unknown property', { ...survey(yesno), version: 2 }, '/version', 'no such property'],
  ['an id that would be __proto__', { ...survey(yesno), id: '__proto__' }, '/id', 'an id matching'],
  [
    'a question id ending in -other, the key of an "Autre" text',
    survey(choice({ other: true }), question({ id: 'why-other' })),
    '/steps/0/questions/1/id',
    'an id matching',
  ],
  [
    'a showIf naming an id ending in -other',
    survey(yesno, question({ showIf: { question: 'gave-up-other', in: ['yes'] } })),
    '/steps/0/questions/1/showIf/question',
    'an id matching',
  ],
  ['a question id "constructor"', survey(question({ id: 'constructor' })), '/steps/0/questions/0/id', 'an id matching'],
  [
    'an unknown kind',
    survey(yesno, choice(), question({ id: 'r', kind: 'slider' })),
    '/steps/0/questions/2/kind',
    'one of choice, choices, scale, yesno, text',
  ],
  ['no kind', survey(question({ kind: undefined })), '/steps/0/questions/0/kind', 'one of choice'],
  ['no label', survey(question({ label: undefined })), '/steps/0/questions/0/label', 'a text'],
  ['a blank label', survey(question({ label: '  ' })), '/steps/0/questions/0/label', 'a text of 1 to 500 characters'],
  ['a label too long', survey(question({ label: 'a'.repeat(501) })), '/steps/0/questions/0/label', 'a text of 1 to 500 characters'],
  ['an empty translation', survey(question({ hint: { fr: 'Aide', en: '' } })), '/steps/0/questions/0/hint/en', 'a text of 1 to 500'],
  ['a language with a region', survey(question({ label: { 'fr-FR': 'Question' } })), '/steps/0/questions/0/label/fr-FR', 'a language code'],
  ['a step without a title', { id: 't', steps: [{ questions: [yesno] }] }, '/steps/0/title', 'a text'],
  [
    '51 questions',
    survey(...Array.from({ length: 51 }, (_, index) => question({ id: `q${index}` }))),
    '/steps/0/questions',
    '1 to 50 questions',
  ],
  ['a choice without options', survey(choice({ options: undefined })), '/steps/0/questions/0/options', 'options'],
  ['options on a yesno', survey({ ...yesno, options: 'a;b' }), '/steps/0/questions/0/options', 'a yesno question has no options'],
  ['max on a choice', survey(choice({ max: 2 })), '/steps/0/questions/0/max', 'a choice question has no max'],
  ['max 0', survey(choice({ kind: 'choices', max: 0 })), '/steps/0/questions/0/max', 'a whole number from 1 to 50'],
  ['maxlength 2.5', survey(question({ kind: 'text', maxlength: 2.5 })), '/steps/0/questions/0/maxlength', 'a whole number from 1 to 5000'],
  ['a scale without scale', survey(question({ kind: 'scale' })), '/steps/0/questions/0/scale', 'one of smileys, stars, nps, agree'],
  ['an unknown scale', survey(question({ kind: 'scale', scale: 'emoji' })), '/steps/0/questions/0/scale', 'one of smileys'],
  [
    'long on a scale',
    survey(question({ kind: 'scale', scale: 'stars', long: true })),
    '/steps/0/questions/0/long',
    'a scale question has no long',
  ],
  ['required as text', survey(question({ required: 'yes' })), '/steps/0/questions/0/required', 'true or false'],
  ['an option without label', survey(choice({ options: [{ value: 'a' }] })), '/steps/0/questions/0/options/0/label', 'a text'],
  [
    'an option with a color',
    survey(choice({ options: [{ value: 'a', label: 'A', color: 'red' }] })),
    '/steps/0/questions/0/options/0/color',
    'no such property',
  ],
  ['a showIf without in', survey(yesno, question({ showIf: { question: 'gave-up' } })), '/steps/0/questions/1/showIf/in', '1 to 50 values'],
  [
    'a showIf with the same value twice',
    survey(yesno, question({ showIf: { question: 'gave-up', in: ['yes', 'yes'] } })),
    '/steps/0/questions/1/showIf/in',
    'distinct values',
  ],
];

/** Mistakes only the checker sees: the JSON Schema accepts these, and must. */
export const semanticMistakes: Array<[name: string, definition: Json, pointer: string, expected: string]> = [
  [
    'an id used twice, on two steps',
    {
      id: 't',
      steps: [
        { title: 'Un', questions: [yesno] },
        { title: 'Deux', questions: [{ ...yesno }] },
      ],
    },
    '/steps/1/questions/0/id',
    'an id not used by an earlier question',
  ],
  [
    'a showIf on a later question',
    survey(question({ showIf: { question: 'gave-up', in: ['yes'] } }), yesno),
    '/steps/0/questions/0/showIf/question',
    'the id of an earlier',
  ],
  [
    'a showIf on itself',
    survey({ ...yesno, showIf: { question: 'gave-up', in: ['yes'] } }),
    '/steps/0/questions/0/showIf/question',
    'the id of an earlier',
  ],
  [
    'a showIf on a text question',
    survey({ id: 'avis', kind: 'text', label: 'Avis' }, question({ showIf: { question: 'avis', in: ['oui'] } })),
    '/steps/0/questions/1/showIf/question',
    'choice, choices, scale or yesno',
  ],
  [
    'a showIf value a yesno never gives',
    survey(yesno, question({ showIf: { question: 'gave-up', in: ['oui'] } })),
    '/steps/0/questions/1/showIf/in/0',
    'one of yes, no',
  ],
  [
    'a showIf value that is no option',
    survey(choice(), question({ showIf: { question: 'why', in: ['a', 'c'] } })),
    '/steps/0/questions/1/showIf/in/1',
    'one of a, b',
  ],
  ['two options with one value', survey(choice({ options: 'a:Un;a:Deux' })), '/steps/0/questions/0/options', 'distinct values'],
  [
    '51 options in one text',
    survey(choice({ options: Array.from({ length: 51 }, (_, index) => `o${index}`).join(';') })),
    '/steps/0/questions/0/options',
    '1 to 50 options',
  ],
  [
    'an option valued other beside Autre',
    survey(choice({ options: 'other:Autre chose;b:Deux', other: true })),
    '/steps/0/questions/0/options',
    'no option valued "other"',
  ],
  ['an option that reads as nothing', survey(choice({ options: ['a:Un', 'b:'] })), '/steps/0/questions/0/options', '1 to 50 options'],
];
