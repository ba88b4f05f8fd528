import type { Definition, Question } from '../../engine/definition.js';

/**
 * The State's "Je donne mon avis" questions (`preset="jdma"`), with its field codes and values, so
 * that results compare with the observatory's: satisfaction in 3 faces, comprehension from 1 to 5,
 * the help sought, whether the administration could be reached. A module of its own, loaded only
 * by a card that asks for it; its text in both languages, as a definition's may be.
 */
export const jdma = (title: string, general: string, comment: Question): Definition => ({
  id: 'jdma',
  steps: [
    {
      title,
      questions: [
        { id: 'satisfaction', kind: 'scale', scale: 'smileys', label: general, required: true },
        {
          id: 'comprehension',
          kind: 'scale',
          scale: 'stars',
          label: {
            fr: 'Les informations et les explications étaient-elles claires\u202f?',
            en: 'Were the information and explanations clear?',
          },
          hint: { fr: 'De 1 (pas claires du tout) à 5 (très claires).', en: 'From 1 (not clear at all) to 5 (very clear).' },
        },
        {
          id: 'contact_tried',
          kind: 'choices',
          label: { fr: 'Avez-vous cherché de l’aide\u202f? Par quel moyen\u202f?', en: 'Did you look for help? How?' },
          options: [
            { value: 'guichet', label: { fr: 'Au guichet', en: 'At the counter' } },
            { value: 'telephone', label: { fr: 'Par téléphone', en: 'By phone' } },
            { value: 'email', label: { fr: 'Par e-mail', en: 'By e-mail' } },
            { value: 'chat', label: { fr: 'Par chat', en: 'By chat' } },
            { value: 'proche', label: { fr: 'Auprès d’un proche', en: 'From a relative or friend' } },
            { value: 'association', label: { fr: 'Auprès d’une association', en: 'From an association' } },
            { value: 'aucune', label: { fr: 'Aucune aide', en: 'No help' } },
          ],
        },
        {
          id: 'contact_reached',
          kind: 'yesno',
          label: { fr: 'Avez-vous pu joindre l’administration\u202f?', en: 'Could you reach the administration?' },
          showIf: { question: 'contact_tried', in: ['guichet', 'telephone', 'email', 'chat'] },
        },
        comment,
      ],
    },
  ],
});
