import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, spyOn, userEvent, waitFor, within } from 'storybook/test';
import type { VoixEnvelope } from '../src/core/envelope.js';
import type { PollAnswers } from '../src/widgets/poll/poll.js';
import '../src/widgets/poll/poll.js';
import { ENDPOINT, RESULTS, resultsFailWith, serveResults } from './support/endpoint.js';
import { firstStateDrawn, recordPosts, untilState, widgetIn } from './support/form-stories.js';
import { withPayload } from './support/with-payload.js';

interface PollArgs {
  endpoint?: string;
  results?: string;
  subject?: string;
  question?: string;
  options?: string[];
  multiple?: boolean;
  max?: number;
  other?: boolean;
  opens?: string;
  closes?: string;
  'show-results'?: string;
  refresh?: number;
  once?: boolean;
  kiosk?: string;
  placement?: string;
  sample?: number;
  lang?: string;
}

const SUBJECT = 'parc-naturel-urbain-projets';
// French typography: a narrow no-break space before "?".
const QUESTION = 'Quel projet voulez-vous voir en premier dans le parc\u202f?';
/** The question as text matchers see it, spaces collapsed (the name of a role keeps the narrow no-break space). */
const QUESTION_TEXT = /^Quel projet voulez-vous voir en premier dans le parc/;
const PROJECTS = [
  'jardins:Jardins partagés',
  'pistes-cyclables:Pistes cyclables',
  'aires-de-jeux:Aires de jeux',
  'berges:Berges renaturées',
  'vergers:Vergers',
];

/** The park's poll as the collector counted it before the story: 9 participations. */
const BEFORE = { total: 9, counts: { jardins: 2, 'pistes-cyclables': 5, 'aires-de-jeux': 2 }, updated: '2026-11-26T10:00:00.000Z' };

const posted = recordPosts();

/**
 * The collector's results: the 9 participations before the story, plus every vote the endpoint
 * received in it, so that a vote cast in a story shows in the figures read after it.
 */
function tally(subject: string) {
  const votes = posted.received.filter((envelope) => envelope.type === 'voix.poll.vote' && envelope.subject === subject);
  const counts: Record<string, number> = subject === SUBJECT ? { ...BEFORE.counts } : {};
  for (const choice of votes.flatMap((envelope) => (envelope.data.answers as PollAnswers).choices))
    counts[choice] = (counts[choice] ?? 0) + 1;
  const total = (subject === SUBJECT ? BEFORE.total : 0) + votes.length;
  return { subject, total, counts, updated: votes.at(-1)?.time ?? (subject === SUBJECT ? BEFORE.updated : null) };
}
const collector = serveResults(tally);

/** The bars of the chart as a screen reader reads them, one sentence each (its spaces, no-break or not, as plain spaces). */
async function bars(shadow: ReturnType<typeof within>) {
  const chart = await shadow.findByRole('figure', {}, { timeout: 5000 });
  // Its name comes from the caption, which Testing Library's name computation does not read.
  await expect(chart.querySelector('figcaption')).toHaveTextContent('Résultats');
  return within(chart)
    .getAllByRole('listitem')
    .map((bar) => bar.textContent!.replace(/\s+/g, ' ').trim());
}

/** The chart once it shows `first` as its first bar (the collector's figures may follow the voter's own count). */
async function barsOnceFirstIs(shadow: ReturnType<typeof within>, first: string) {
  await waitFor(async () => expect((await bars(shadow))[0]).toBe(first), { timeout: 5000 });
  return bars(shadow);
}

/** The park's figures after one more vote for Jardins partagés: 3 / 5 / 2 of 10. */
const AFTER_ONE_VOTE = [
  'Jardins partagés : 3 votes, 30 %',
  'Pistes cyclables : 5 votes, 50 %',
  'Aires de jeux : 2 votes, 20 %',
  'Berges renaturées : 0 vote, 0 %',
  'Vergers : 0 vote, 0 %',
];

/** Ticks each of `labels` and votes, then waits for the endpoint's 201. */
async function vote(widget: HTMLElement, shadow: ReturnType<typeof within>, ...labels: string[]) {
  for (const label of labels) await userEvent.click(shadow.getByLabelText(label));
  await userEvent.click(shadow.getByRole('button', { name: 'Voter' }));
  await untilState(widget, 'sent');
}

/** The one envelope the endpoint received. */
async function postedVote(): Promise<VoixEnvelope> {
  await expect(posted.received).toHaveLength(1);
  return posted.received[0];
}

/** The poll says `note` under its question, shown as text, and offers nothing to vote with. */
async function noteInsteadOfForm(shadow: ReturnType<typeof within>, note: string) {
  await expect(await shadow.findByText(note)).toBeVisible();
  await expect(shadow.getByText(QUESTION_TEXT)).toBeVisible();
  await expect(shadow.queryByRole('group', { name: QUESTION })).toBeNull();
  await expect(shadow.queryAllByRole(/^(radio|checkbox)$/)).toHaveLength(0);
  await expect(shadow.queryByRole('button', { name: 'Voter' })).toBeNull();
}

/** The poll's own status region for its results (the other one tells the vote's fate). */
const resultsStatus = (widget: HTMLElement) => widget.shadowRoot!.querySelector('[part="results-status"]')!;

const meta = {
  title: 'Widgets/voix-poll',
  component: 'voix-poll',
  tags: ['autodocs'],
  // What a designer sees first: the widget as a visitor finds it (the click-throughs are tests of their own).
  play: firstStateDrawn,
  decorators: [withPayload],
  beforeEach: () => {
    posted.forget();
    collector.forget();
  },
  args: { endpoint: ENDPOINT, results: RESULTS, subject: SUBJECT, question: QUESTION, options: PROJECTS },
  argTypes: {
    question: { description: 'La question posée (obligatoire). — The question asked (required).' },
    options: {
      name: '<option value="…">',
      control: 'object',
      description:
        'Les réponses proposées, en éléments enfants `<option value="jardins">Jardins partagés</option>` (ici `valeur:Libellé`), ou la propriété `options` ; deux au moins. — The options, as child `<option>` elements (here `value:Label`), or the `options` property; at least two.',
      table: { category: 'content' },
    },
    multiple: {
      description: 'Plusieurs réponses possibles (cases à cocher). — Several answers (checkboxes) instead of one.',
    },
    max: {
      control: { type: 'number', min: 1, max: 50 },
      description:
        'Avec `multiple`, le nombre de réponses au plus ; une de trop est refusée avec un message. — With `multiple`, how many answers at most; one more is refused with a message.',
    },
    other: {
      description:
        'Ajoute « Autre » et un champ « Précisez », dont les données personnelles sont retirées avant l’envoi. — Adds « Autre » with a text, scrubbed of personal data.',
    },
    opens: {
      description:
        'Ouverture du vote (ISO 8601, 2027-03-01 ou 2027-03-01T08:00) ; avant, « Ce vote ouvrira le … ». — When the vote opens; before, the poll says when.',
    },
    closes: {
      description:
        'Clôture du vote (ISO 8601) ; après, « Ce vote est clos. » et les résultats, si permis. — When the vote closes; after, closed with its results, if allowed.',
    },
    'show-results': {
      description:
        'Quand montrer les résultats : après le vote (par défaut), à la clôture, toujours ou jamais ; la clôture les montre sauf `never`. — When to show the results: after voting (default), after closing, always or never.',
    },
    results: {
      description:
        'URL des résultats, `{subject}` remplacé par le sujet, lue sans cookies avec If-None-Match ; par défaut celle du `<voix-config>`. — URL of the results, `{subject}` replaced; default: the nearest `<voix-config>`’s.',
    },
    refresh: {
      control: { type: 'number', min: 10 },
      description:
        'Secondes entre deux lectures des résultats affichés (10 au moins) ; par défaut une seule lecture. — Seconds between two reads of the results shown (at least 10); default: read once.',
    },
    endpoint: {
      description:
        'URL où les votes sont envoyés ; par défaut celle du `<voix-config>`. — URL the votes are posted to; default: the nearest `<voix-config>`’s.',
    },
    subject: {
      description:
        'Ce sur quoi porte le vote, qui regroupe ses résultats ; par défaut le chemin de la page. — What is voted on; default: the page path.',
    },
    once: {
      description:
        'Un vote par appareil : ensuite « Vous avez déjà participé à ce vote. » et les résultats, à la place du formulaire. — One vote per device: then « Vous avez déjà participé » and the results instead of the form.',
    },
    kiosk: {
      description:
        'Secondes après un vote avant que le sondage se remette à zéro pour la personne suivante (tablette d’accueil) ; `sample` et `once` ne s’appliquent pas. — Kiosk mode: seconds before the poll resets for the next person.',
    },
    placement: {
      description: 'Quel widget sur quelle page, envoyé avec chaque vote. — Which widget on which page, sent with each vote.',
    },
    sample: {
      control: { type: 'number', min: 0, max: 1, step: 0.1 },
      description:
        'Part des visiteurs qui voient le sondage, de 0 à 1 (1 par défaut), tirée une fois par appareil. — Share of visitors who see the poll, drawn once per device.',
    },
    lang: {
      control: 'inline-radio',
      options: ['fr', 'en'],
      description:
        'Langue des textes du widget ; par défaut celle du `<voix-config>`, puis de la page. — Language of the widget’s text; default: its `<voix-config>`’s, then the page’s.',
    },
  },
  parameters: {
    msw: { handlers: [posted.handler, collector.handler] },
    docs: {
      description: {
        component:
          'Un sondage de participation : une question, des réponses en `<option>`, un choix ou plusieurs (`multiple`, `max`), « Autre » à préciser, des dates d’ouverture et de clôture, puis les résultats en graphique accessible (chaque barre lue comme une phrase : « Jardins partagés : 3 votes, 30 % »), tenus à jour par le point de collecte. Le vote compte tout de suite, puis les chiffres du point de collecte le remplacent. Envoie `voix.poll.vote`. Les exemples suivent le parc naturel urbain Ill-Bruche de Strasbourg : quel projet en premier ? — A participation poll with its results as an accessible chart; sends `voix.poll.vote`. The stories follow Strasbourg’s Ill-Bruche urban nature park.',
      },
    },
  },
  render: (args) =>
    html`<voix-poll
      endpoint=${ifDefined(args.endpoint)}
      results=${ifDefined(args.results)}
      subject=${ifDefined(args.subject)}
      question=${ifDefined(args.question)}
      ?multiple=${args.multiple}
      max=${ifDefined(args.max)}
      ?other=${args.other}
      opens=${ifDefined(args.opens)}
      closes=${ifDefined(args.closes)}
      show-results=${ifDefined(args['show-results'])}
      refresh=${ifDefined(args.refresh)}
      ?once=${args.once}
      kiosk=${ifDefined(args.kiosk)}
      placement=${ifDefined(args.placement)}
      sample=${ifDefined(args.sample)}
      lang=${ifDefined(args.lang)}
      >${(args.options ?? []).map((option) => {
        const [value, ...label] = option.split(':');
        return html`<option value=${value}>${label.join(':')}</option>`;
      })}</voix-poll
    >`,
} satisfies Meta<PollArgs>;

export default meta;
type Story = StoryObj<PollArgs>;

/**
 * Ouvert, un seul choix : on choisit, on vote, puis le graphique montre les chiffres du point de
 * collecte, ce vote compris, en texte que lit un lecteur d’écran.
 * — Open, one choice: after voting, the chart shows the collector’s figures, this vote included, as text.
 */
export const Open: Story = {
  name: 'Ouvert, un seul choix',
};

/** Test: « Ouvert, un seul choix », clicked through (out of the sidebar and the docs). */
export const OpenClickThrough: Story = {
  ...Open,
  name: 'Ouvert, un seul choix : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement, 'voix-poll');
    const question = await shadow.findByRole('group', { name: QUESTION });
    await expect(within(question).getAllByRole('radio')).toHaveLength(5);
    await expect(shadow.queryByRole('figure')).toBeNull();
    await vote(widget, shadow, 'Jardins partagés');
    await expect(await postedVote()).toMatchObject({
      type: 'voix.poll.vote',
      subject: SUBJECT,
      data: { answers: { choices: ['jardins'] } },
    });
    await expect(shadow.getByText(/^Merci pour votre vote/)).toBeVisible();
    await expect(await barsOnceFirstIs(shadow, AFTER_ONE_VOTE[0])).toEqual(AFTER_ONE_VOTE);
    await expect(shadow.getByText('10 participations')).toBeVisible();
  },
};

/**
 * Plusieurs choix, deux au plus, et « Autre » : une troisième case est refusée avec un message ;
 * « Autre » demande de préciser, et le texte part sans l’adresse e-mail qu’il contenait.
 * — Multiple, at most two, and other: a third box is refused with a message; « Autre » asks « Précisez ».
 */
export const MultipleWithOther: Story = {
  name: 'Plusieurs choix, deux au plus, et « Autre »',
  args: { multiple: true, max: 2, other: true },
};

/** Test: « Plusieurs choix, deux au plus, et « Autre » », clicked through (out of the sidebar and the docs). */
export const MultipleWithOtherClickThrough: Story = {
  ...MultipleWithOther,
  name: 'Plusieurs choix, deux au plus, et « Autre » : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement, 'voix-poll');
    const question = await shadow.findByRole('group', { name: QUESTION });
    await expect(within(question).getAllByRole('checkbox')).toHaveLength(6);
    await expect(shadow.getByText('2 réponses au plus.')).toBeVisible();
    await userEvent.click(shadow.getByRole('checkbox', { name: 'Berges renaturées' }));
    await userEvent.click(shadow.getByRole('checkbox', { name: 'Vergers' }));
    await userEvent.click(shadow.getByRole('checkbox', { name: 'Jardins partagés' }));
    await expect(shadow.getByRole('checkbox', { name: 'Jardins partagés' })).not.toBeChecked();
    // Said a moment later: the alert is emptied first, so that a second refusal is said again.
    await expect(await shadow.findByText('2 réponses au plus : décochez-en une pour en choisir une autre.')).toHaveAttribute(
      'role',
      'alert',
    );

    await userEvent.click(shadow.getByRole('checkbox', { name: 'Vergers' }));
    await userEvent.click(shadow.getByRole('checkbox', { name: 'Autre' }));
    await expect(shadow.getByRole('checkbox', { name: 'Autre' })).toBeChecked();
    const other = shadow.getByRole('textbox', { name: 'Précisez' });
    await userEvent.type(other, 'Un verger partagé, écrivez-moi à marie.dupont@example.fr');
    await userEvent.click(shadow.getByRole('button', { name: 'Voter' }));
    await untilState(widget, 'sent');
    const answers = (await postedVote()).data.answers as PollAnswers;
    await expect(answers.choices).toEqual(['berges', 'other']);
    await expect(answers.other).toMatch(/^Un verger partagé, écrivez-moi à /);
    await expect(answers.other).not.toContain('marie.dupont');
  },
};

/** Where `once` keeps its mark for this poll on this device (src/core/audience.ts, voix-widget.ts). */
const ANSWERED_MARK = `voix:answered:voix-poll:${SUBJECT}`;

/**
 * Déjà voté sur cet appareil (`once`) : « Vous avez déjà participé à ce vote. » et les résultats,
 * sans formulaire. — Already voted on this device: the note and the results, no form.
 */
export const Voted: Story = {
  name: 'Déjà voté sur cet appareil',
  args: { once: true },
  beforeEach: () => {
    localStorage.setItem(ANSWERED_MARK, '1');
    return () => localStorage.removeItem(ANSWERED_MARK);
  },
  play: async ({ canvasElement }) => {
    const { shadow } = widgetIn(canvasElement, 'voix-poll');
    await noteInsteadOfForm(shadow, 'Vous avez déjà participé à ce vote.');
    await expect((await barsOnceFirstIs(shadow, 'Jardins partagés : 2 votes, 22,2 %'))[1]).toBe('Pistes cyclables : 5 votes, 55,6 %');
    await expect(shadow.getByText('9 participations')).toBeVisible();
  },
};

/**
 * Clos (`closes` passé) : « Ce vote est clos. » et les résultats, même sans avoir voté.
 * — Closed (`closes` in the past): the note and the results, voted or not.
 */
export const ClosedWithResults: Story = {
  name: 'Clos, avec les résultats',
  args: { opens: '2026-03-01', closes: '2026-05-31T18:00' },
  play: async ({ canvasElement }) => {
    const { shadow } = widgetIn(canvasElement, 'voix-poll');
    await noteInsteadOfForm(shadow, 'Ce vote est clos.');
    await expect(await bars(shadow)).toEqual([
      'Jardins partagés : 2 votes, 22,2 %',
      'Pistes cyclables : 5 votes, 55,6 %',
      'Aires de jeux : 2 votes, 22,2 %',
      'Berges renaturées : 0 vote, 0 %',
      'Vergers : 0 vote, 0 %',
    ]);
    await expect(shadow.getByText(/^Mis à jour le/)).toHaveTextContent('Mis à jour le 26 novembre 2026');
  },
};

/**
 * Pas encore ouvert (`opens` à venir) : le sondage dit quand il ouvrira, sans formulaire ni résultats.
 * — Not yet open: the poll says when it opens; no form, no results.
 */
export const NotYetOpen: Story = {
  name: 'Pas encore ouvert',
  // Noon local time: the day shown is the 1st whatever the time zone.
  args: { opens: '2099-01-01T12:00' },
  play: async ({ canvasElement }) => {
    const { shadow } = widgetIn(canvasElement, 'voix-poll');
    await noteInsteadOfForm(shadow, 'Ce vote ouvrira le 1er janvier 2099.');
    await expect(shadow.queryByRole('figure')).toBeNull();
    await expect(collector.reads).toHaveLength(0);
  },
};

/** The park's results with a negative count: what a broken proxy or a hand-made file might serve. */
const malformed = serveResults((subject) => ({
  subject,
  total: 9,
  counts: { jardins: -2, 'pistes-cyclables': 5 },
  updated: BEFORE.updated,
}));

/**
 * Résultats illisibles (un compte négatif) : le graphique dit « Les résultats ne sont pas
 * disponibles pour le moment. », la console nomme l’erreur une fois, et le vote marche quand même.
 * — Malformed results: the chart’s status says they are unavailable, one named console error, and voting still works.
 */
export const ResultsError: Story = {
  name: 'Résultats illisibles',
  // Not on the docs page, where one worker serves every story: this story's results would be all of theirs.
  tags: ['!autodocs'],
  args: { 'show-results': 'always' },
  parameters: { msw: { handlers: [posted.handler, malformed.handler] } },
  beforeEach: () => {
    malformed.forget();
    const error = spyOn(console, 'error');
    return () => error.mockRestore();
  },
};

/** Test: « Résultats illisibles », clicked through (out of the sidebar and the docs). */
export const ResultsErrorClickThrough: Story = {
  ...ResultsError,
  name: 'Résultats illisibles : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement, 'voix-poll');
    await waitFor(() => expect(resultsStatus(widget)).toHaveTextContent('Les résultats ne sont pas disponibles pour le moment.'), {
      timeout: 5000,
    });
    await expect(resultsStatus(widget)).toHaveAttribute('role', 'status');
    await expect(shadow.queryByRole('figure')).toBeNull();
    await expect(console.error).toHaveBeenCalledTimes(1);
    await expect(console.error).toHaveBeenCalledWith(
      '<voix-poll> results: expected a results document: counts.jardins a whole number from 0, not -2.',
    );
    await vote(widget, shadow, 'Vergers');
    await expect((await postedVote()).data.answers).toEqual({ choices: ['vergers'] });
    // Read again after the vote, still malformed: the same message, and no second console error.
    await waitFor(() => expect(malformed.reads).toHaveLength(2));
    await waitFor(() => expect(resultsStatus(widget)).toHaveTextContent('Les résultats ne sont pas disponibles pour le moment.'));
    await expect(console.error).toHaveBeenCalledTimes(1);
  },
};

/**
 * Le point de collecte ne répond pas aux lectures (503) : même message, sans erreur dans la
 * console (rien n’est mal fait côté page), et le vote marche.
 * — The results answer 503: the same message, no console error, and voting works.
 */
export const ResultsUnavailable: Story = {
  name: 'Résultats indisponibles (503)',
  tags: ['!autodocs'],
  args: { 'show-results': 'always' },
  parameters: { msw: { handlers: [posted.handler, resultsFailWith(503)] } },
  beforeEach: () => {
    const error = spyOn(console, 'error');
    return () => error.mockRestore();
  },
};

/** Test: « Résultats indisponibles (503) », clicked through (out of the sidebar and the docs). */
export const ResultsUnavailableClickThrough: Story = {
  ...ResultsUnavailable,
  name: 'Résultats indisponibles (503) : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement, 'voix-poll');
    await waitFor(() => expect(resultsStatus(widget)).toHaveTextContent('Les résultats ne sont pas disponibles pour le moment.'), {
      timeout: 5000,
    });
    await vote(widget, shadow, 'Aires de jeux');
    await expect((await postedVote()).data.answers).toEqual({ choices: ['aires-de-jeux'] });
    await expect(console.error).not.toHaveBeenCalled();
  },
};

/**
 * `show-results="always"` : les résultats avant de voter. Après le vote, le point de collecte est
 * relu avec l’ETag de la première lecture (If-None-Match) et ses chiffres comptent ce vote.
 * — Results before voting; after the vote, the collector is read again with If-None-Match, its figures with the vote.
 */
export const AlwaysShowResults: Story = {
  name: 'Résultats toujours affichés',
  args: { 'show-results': 'always' },
};

/** Test: « Résultats toujours affichés », clicked through (out of the sidebar and the docs). */
export const AlwaysShowResultsClickThrough: Story = {
  ...AlwaysShowResults,
  name: 'Résultats toujours affichés : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement, 'voix-poll');
    await expect(await barsOnceFirstIs(shadow, 'Jardins partagés : 2 votes, 22,2 %')).toHaveLength(5);
    await expect(shadow.getByRole('group', { name: QUESTION })).toBeVisible();
    await vote(widget, shadow, 'Jardins partagés');
    // The vote counts at once; then the collector's document, dated by the vote, replaces the local count.
    await waitFor(() => expect(widget.shadowRoot!.querySelector('figure time')).toHaveAttribute('datetime', posted.received[0].time), {
      timeout: 5000,
    });
    await expect(await bars(shadow)).toEqual(AFTER_ONE_VOTE);
    await expect(collector.reads).toHaveLength(2);
    const [first, second] = collector.reads;
    await expect(first).toMatchObject({ ifNoneMatch: null, status: 200 });
    // The ETag came back with the second read; the vote changed the figures, hence a new document.
    await expect(second.ifNoneMatch).toMatch(/^W\/"[0-9a-f]{8}"$/);
    await expect(second.status).toBe(200);
  },
};
