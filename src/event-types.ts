/**
 * The registry of event types: what each type a widget sends is, declared once. Read by
 * - the library: `VoixEventType` (a type only: no byte of this file reaches a page);
 * - scripts/generate.mjs, which writes from it each schemas/<type>.schema.json, the type list of
 *   schemas/envelope.schema.json and docs/openapi.yaml, and docs/event-types.md (`npm run generate`;
 *   `npm test` fails when a generated file differs from what the registry gives);
 * - the collector (collector/dist reads dist/event-types.js): validation, results, dashboard,
 *   export and storage look a type up here instead of naming it.
 * Adding a type is an entry here, `npm run generate`, and the widget that sends it
 * (docs/contributing.md).
 */

/** A JSON Schema (2020-12), written as the generator will write it into schemas/. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/**
 * How the collector's dashboard shows a subject of this type:
 * - `counts`: the values of `counts` with bars (feedback);
 * - `questions`: per question, and users beside agents (rating, survey);
 * - `poll`: votes per option with bars, then the « Autre » texts;
 * - `petition`: signatures, thresholds, progress and deadline;
 * - `categorised`: per category with bars, the other questions, the latest texts (report, idea);
 * - `pulse`: an agents' pulse, anonymous (no count nor time finer than the day).
 */
export type DashboardView = 'counts' | 'questions' | 'poll' | 'petition' | 'categorised' | 'pulse';

export interface EventTypeSpec {
  /** The element that sends it. */
  readonly widget: `voix-${string}`;
  /** What `data.answers` holds: its title and description, then the schema (written to schemas/<type>.schema.json). */
  readonly answers: JsonSchema & { readonly title: string; readonly description: string };
  /**
   * Fields under `answers.personal`, with their schemas: what the person chose to give (a
   * signer's name, an address for a reply). The collector stores them apart from answers, never
   * scrubs, shows or counts them, and exports them only when asked for.
   */
  readonly personal?: {
    readonly description: string;
    readonly required?: readonly string[];
    readonly fields: Readonly<Record<string, JsonSchema>>;
  };
  /**
   * Answered through a question definition (the form engine): each answer is checked against its
   * question's kind (data.definition) and counted per question, per audience.
   */
  readonly definition?: true;
  /** The answer whose values `counts` adds up: a boolean as yes / no, a list item by item, a number as its digits. */
  readonly counts?: string;
  /** The free-text answers the dashboard quotes, latest first (never a withheld pulse's). */
  readonly quoted?: readonly string[];
  /** The answer holding an « Autre » option's text: how many gave one, and the latest, on the dashboard. */
  readonly otherText?: string;
  /** Results below a number of answers are withheld, so that no answer can be traced to a person (agents' pulse). */
  readonly anonymous?: true;
  /**
   * A signature: one per e-mail address per subject and site (a salted hash of the address),
   * confirmed by e-mail when the collector sends mail, its terms (`data.petition`) kept for its results.
   */
  readonly signature?: true;
  /** Answered by users and by agents about the same service (the agent mirror): the dashboard shows the gap between their means. */
  readonly mirror?: true;
  /**
   * What a collectivité may declare on the collector for a subject of this type (its terms, a JSON
   * Schema): then the collector, not the page, decides them, refuses answers that do not fit,
   * and widgets read them (`GET /v1/subjects/{subject}`). Written to schemas/voix.subject.schema.json.
   */
  readonly terms?: JsonSchema;
  readonly dashboard: DashboardView;
  /** How the dashboard names the type, in each of its languages (« Sondage », "Poll"), instead of its id. */
  readonly label: { readonly fr: string; readonly en: string };
}

/** A day (`2027-02-27`, the whole day, in Paris time on the collector) or an instant (ISO 8601 with its offset). */
const DAY_OR_INSTANT = {
  type: 'string',
  anyOf: [{ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }, { format: 'date-time' }],
} as const;

/** Answers to a definition's questions: one key per question id (voix.survey's answers schema, which the others refer to). */
const DEFINED = { $ref: 'voix.survey.schema.json' } as const;

export const EVENT_TYPES = {
  'voix.feedback': {
    widget: 'voix-feedback',
    answers: {
      title: 'Answers of <voix-feedback>',
      description:
        '"Cette page vous a-t-elle été utile ?": useful, then on a no the reasons (stable values) and an optional comment, scrubbed of personal data.',
      type: 'object',
      required: ['useful'],
      properties: {
        useful: { type: 'boolean' },
        reasons: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 200 }, maxItems: 20, uniqueItems: true },
        comment: {
          type: 'string',
          maxLength: 3000,
          description: 'At most 1,000 characters typed; scrubbing may lengthen it (an e-mail address becomes [e-mail retiré]).',
        },
      },
      additionalProperties: false,
    },
    counts: 'useful',
    label: { fr: 'Avis sur une page', en: 'Page feedback' },
    dashboard: 'counts',
  },
  'voix.rating': {
    widget: 'voix-rating',
    answers: {
      title: 'Answers of <voix-rating>',
      description:
        'A rating is answered like a survey: one key per question of its definition. The presets\' ids: `score` (the general question), one id per criterion (its value, or its label made into an id: "Clarté de l\'information" -> clarte-de-l-information), `comment`; preset="jdma": satisfaction, comprehension, contact_tried, contact_reached, comment.',
      ...DEFINED,
    },
    definition: true,
    counts: 'score',
    mirror: true,
    label: { fr: 'Note d’un service', en: 'Service rating' },
    dashboard: 'questions',
  },
  'voix.survey': {
    widget: 'voix-survey',
    answers: {
      title: 'Answers of <voix-survey> (and of every widget built on a question definition)',
      description:
        "One key per question answered, named by the question's id in the definition (data.definition in the envelope says which definition, and each question's kind): a scale's score as a number (smileys 1-3, stars 1-5, nps 0-10, agree 1-5), a choice's or a yesno's value as text, a choices question's values as a list, free text scrubbed of personal data; the text of an \"Autre\" option under \"<id>-other\". Questions not shown (showIf) or left blank are absent.",
      type: 'object',
      minProperties: 1,
      maxProperties: 2000,
      propertyNames: { pattern: '^(?!(?:constructor|prototype)$)[a-z0-9][a-z0-9_-]{0,69}$' },
      additionalProperties: {
        anyOf: [
          { type: 'integer', minimum: 0, maximum: 10 },
          { type: 'string', minLength: 1, maxLength: 15000 },
          { type: 'array', items: { type: 'string', minLength: 1, maxLength: 200 }, minItems: 1, maxItems: 50, uniqueItems: true },
        ],
      },
    },
    definition: true,
    label: { fr: 'Questionnaire', en: 'Survey' },
    dashboard: 'questions',
  },
  'voix.poll.vote': {
    widget: 'voix-poll',
    answers: {
      title: 'Answers of <voix-poll>',
      description: "The option values chosen (one, or up to the poll's max with `multiple`), and the free text of an `other` option.",
      type: 'object',
      required: ['choices'],
      properties: {
        choices: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 200 }, minItems: 1, maxItems: 50, uniqueItems: true },
        other: { type: 'string', maxLength: 500 },
      },
      additionalProperties: false,
    },
    counts: 'choices',
    otherText: 'other',
    terms: {
      type: 'object',
      required: ['options'],
      properties: {
        question: { type: 'string', minLength: 1, maxLength: 500, description: 'The question, for a page that does not ask it itself.' },
        options: {
          description: 'The options, in order: what is sent (`value`) and what is read (`label`).',
          type: 'array',
          minItems: 2,
          maxItems: 50,
          items: {
            type: 'object',
            required: ['value', 'label'],
            properties: {
              value: { type: 'string', pattern: '^[\\p{L}\\p{N}_.-]{1,200}$' },
              label: { type: 'string', minLength: 1, maxLength: 200 },
            },
            additionalProperties: false,
          },
        },
        multiple: { type: 'boolean', description: 'Several options may be chosen (at most `max`); default: one.' },
        max: { type: 'integer', minimum: 1, maximum: 50, description: 'With `multiple`: the most options one vote may hold.' },
        other: { type: 'boolean', description: 'An « Autre » option with a text (`other` in the answers).' },
        opens: { ...DAY_OR_INSTANT, description: 'Votes before it are refused (a day alone: from its start).' },
        closes: { ...DAY_OR_INSTANT, description: 'Votes after it are refused (a day alone: until its end).' },
      },
      additionalProperties: false,
    },
    label: { fr: 'Sondage', en: 'Poll' },
    dashboard: 'poll',
  },
  'voix.petition.signature': {
    widget: 'voix-petition',
    answers: {
      title: 'Answers of <voix-petition>',
      description:
        'A signature: the eligibility declaration ticked, the personal fields the collectivité declares (set apart by the collector, never in results), and an optional comment (free text, scrubbed).',
      type: 'object',
      required: ['eligible'],
      properties: {
        eligible: {
          type: 'boolean',
          const: true,
          description: 'The signer declared they live, work or study in the place the petition concerns.',
        },
        comment: { type: 'string', maxLength: 3000 },
      },
      additionalProperties: false,
    },
    personal: {
      description: 'Only the fields the collectivité declares (fields="name;postcode;email"); stored apart from answers.',
      fields: {
        name: { type: 'string', minLength: 1, maxLength: 200 },
        postcode: {
          type: 'string',
          pattern: '^(?:0[1-9]|[1-8][0-9]|9[0-8])[0-9]{3}$',
          description: 'A French postcode (five digits, 01000 to 98999).',
        },
        email: { type: 'string', format: 'email', maxLength: 254 },
      },
    },
    signature: true,
    terms: {
      type: 'object',
      properties: {
        heading: { type: 'string', minLength: 1, maxLength: 500, description: "The petition's title, for a page that does not give one." },
        thresholds: {
          description: 'What each number of signatures brings, in increasing order.',
          type: 'array',
          maxItems: 10,
          items: {
            type: 'object',
            required: ['count', 'label'],
            properties: { count: { type: 'integer', minimum: 1 }, label: { type: 'string', minLength: 1, maxLength: 200 } },
            additionalProperties: false,
          },
        },
        closes: { ...DAY_OR_INSTANT, description: "Signatures after it are refused; the retention of signers' data counts from it." },
        fields: {
          description: 'The personal fields every signature must give.',
          type: 'array',
          items: { enum: ['name', 'postcode', 'email'] },
          uniqueItems: true,
        },
      },
      additionalProperties: false,
    },
    label: { fr: 'Pétition', en: 'Petition' },
    dashboard: 'petition',
  },
  'voix.idea': {
    widget: 'voix-idea',
    answers: {
      title: 'Answers of <voix-idea>',
      description:
        "An idea is answered like a survey, one key per question of its definition (the preset's ids: `title`, `description`, `category`, `place`), plus `personal`: the e-mail address of a person who wants to be told what became of the idea, set apart by the collector like a petition's personal fields (never in answers, results or the dashboard; exported only when asked for).",
      type: 'object',
      minProperties: 1,
      maxProperties: 2000,
      propertyNames: { pattern: '^(?!(?:constructor|prototype)$)[a-z0-9][a-z0-9_-]{0,69}$' },
      additionalProperties: { $ref: 'voix.survey.schema.json#/additionalProperties' },
    },
    personal: {
      description: 'Given only when the person asked to be told what became of the idea; stored apart from answers.',
      required: ['email'],
      fields: { email: { type: 'string', format: 'email', maxLength: 254 } },
    },
    definition: true,
    quoted: ['title', 'description'],
    label: { fr: 'Boîte à idées', en: 'Idea box' },
    dashboard: 'categorised',
  },
  'voix.report': {
    widget: 'voix-report',
    answers: {
      title: 'Answers of <voix-report>',
      description:
        "Reporting an irritant is answered like a survey: one key per question of its definition. The preset's ids: `category` (a choice; by default accueil, delais, demarche-en-ligne, horaires, information, acces, autre, or the values of the `categories` attribute), `where` (short text: the place or the online procedure), `what` (long text, required: what happened), `often` (a choice: premiere-fois, parfois, souvent, toujours). A `definition` replaces these questions.",
      ...DEFINED,
    },
    definition: true,
    quoted: ['what'],
    label: { fr: 'Signalements', en: 'Reports' },
    dashboard: 'categorised',
  },
  'voix.pulse': {
    widget: 'voix-pulse',
    answers: {
      title: 'Answers of <voix-pulse>',
      description:
        'An agents\' pulse survey is answered like a survey: one key per question of its definition; its envelopes carry data.audience "agent". The preset\'s ids: `helps` (an agree scale, 1-5, required: how far the process being tried helps), `blocks` (long text: what blocks), `idea` (long text: one idea). A `definition` replaces these questions. The reference collector gives out no result, text or export row of a subject with fewer answers than its anonymity threshold (VOIX_PULSE_MIN_ANSWERS, 5 by default, never below 3).',
      ...DEFINED,
    },
    definition: true,
    quoted: ['blocks', 'idea'],
    anonymous: true,
    label: { fr: 'Baromètre des agents', en: 'Agents’ pulse' },
    dashboard: 'pulse',
  },
} as const satisfies Record<`voix.${string}`, EventTypeSpec>;

/** A type of event a widget sends (the envelope's `type`). */
export type VoixEventType = keyof typeof EVENT_TYPES;

/** Every type, in the registry's order. */
export const eventTypes = Object.keys(EVENT_TYPES) as VoixEventType[];

/**
 * The registry's entry for a type, or undefined for anything else: a type it does not know, one
 * of Object's own properties, or not a string at all (an envelope's `type` may be anything).
 */
export const eventType = (type: unknown): EventTypeSpec | undefined =>
  typeof type === 'string' && Object.hasOwn(EVENT_TYPES, type) ? (EVENT_TYPES as Record<string, EventTypeSpec>)[type] : undefined;

/** The types whose entry has `feature` (`definition`, `anonymous`, …). */
export const typesWith = (feature: keyof EventTypeSpec): VoixEventType[] =>
  eventTypes.filter((type) => EVENT_TYPES[type][feature as never] !== undefined);
