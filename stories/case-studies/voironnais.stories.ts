import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, render } from 'lit';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import '../../src/widgets/rating/rating.js';
import { RESULTS, serveResults } from '../support/endpoint.js';
import { recordPosts, untilState } from '../support/form-stories.js';
import { caseStudy, copyTheCode, recipe, shadowOf } from '../support/recipe.js';

const SUBJECT = 'accueil-mairie';
const CRITERIA = 'accueil:L’accueil;delai:Le délai;clarte:La clarté de l’information';
const QUESTIONS: Array<[id: string, label: string]> = [
  ['score', 'Note générale'],
  ['accueil', 'L’accueil'],
  ['delai', 'Le délai'],
  ['clarte', 'La clarté de l’information'],
];

const USERS_CARD = `<!-- Sur le site, à la page de l’accueil de la mairie, où mène le QR code affiché au guichet -->
<voix-rating subject="${SUBJECT}" placement="accueil-qr-code"
  label="Accueil de la mairie" criteria="${CRITERIA}" comment></voix-rating>`;

const AGENTS_CARD = `<!-- Sur l’intranet : la même carte, le même sujet, pour les agents -->
<voix-rating subject="${SUBJECT}" placement="intranet" audience="agent"
  label="Accueil de la mairie" criteria="${CRITERIA}"></voix-rating>`;

type Counts = Record<string, Record<string, number>>;
/** The barometer before the stories: 40 users and 12 agents, on the 3 faces (1 Pas bien, 3 Très bien). */
const BEFORE: Record<'user' | 'agent', { total: number; counts: Counts }> = {
  user: {
    total: 40,
    counts: {
      score: { 1: 4, 2: 10, 3: 26 },
      accueil: { 1: 2, 2: 8, 3: 30 },
      delai: { 1: 10, 2: 18, 3: 12 },
      clarte: { 1: 6, 2: 14, 3: 20 },
    },
  },
  agent: {
    total: 12,
    counts: { score: { 1: 3, 2: 7, 3: 2 }, accueil: { 1: 1, 2: 5, 3: 6 }, delai: { 1: 5, 2: 6, 3: 1 }, clarte: { 1: 2, 2: 6, 3: 4 } },
  },
};

const posted = recordPosts();

/**
 * The collector's results for the subject, users' and agents' apart (docs/openapi.yaml,
 * `audiences`): the barometer before, plus every rating the endpoint received in the story.
 */
const collector = serveResults((subject) => {
  const audiences = Object.fromEntries(
    (['user', 'agent'] as const).map((audience) => {
      const ratings = posted.received.filter((envelope) => envelope.subject === subject && (envelope.data.audience ?? 'user') === audience);
      const counts: Counts = structuredClone(subject === SUBJECT ? BEFORE[audience].counts : {});
      for (const answers of ratings.map((envelope) => envelope.data.answers as Record<string, unknown>)) {
        for (const [id, score] of Object.entries(answers))
          if (typeof score === 'number') (counts[id] ??= {})[score] = (counts[id][score] ?? 0) + 1;
      }
      const questions = Object.fromEntries(
        Object.entries(counts).map(([id, byScore]) => {
          const answered = Object.values(byScore).reduce((sum, count) => sum + count, 0);
          const mean = Object.entries(byScore).reduce((sum, [score, count]) => sum + Number(score) * count, 0) / answered;
          return [id, { kind: 'smileys', answered, counts: byScore, mean: Math.round(mean * 100) / 100 }];
        }),
      );
      return [audience, { total: (subject === SUBJECT ? BEFORE[audience].total : 0) + ratings.length, questions }];
    }),
  );
  return { subject, total: audiences.user.total + audiences.agent.total, counts: {}, updated: '2026-11-26T10:00:00.000Z', audiences };
});

interface QuestionMean {
  mean?: number;
}
interface AudienceResults {
  total: number;
  questions: Record<string, QuestionMean>;
}

const decimal = new Intl.NumberFormat('fr', { maximumFractionDigits: 2 });
const signed = new Intl.NumberFormat('fr', { maximumFractionDigits: 2, signDisplay: 'exceptZero' });

/**
 * The perception gap as the barometer reads it: each question's mean for users and for agents,
 * and the difference. Read from the collector's results, again after each answer sent.
 */
function perceptionGap() {
  const table = document.createElement('div');
  const load = async () => {
    const response = await fetch(RESULTS.replace('{subject}', SUBJECT), { credentials: 'omit' });
    const { audiences } = (await response.json()) as { audiences: Record<'user' | 'agent', AudienceResults> };
    const mean = (audience: 'user' | 'agent', id: string) => audiences[audience].questions[id]?.mean ?? 0;
    render(
      html`<table style="border-collapse: collapse; margin-block-start: 1rem">
        <caption style="text-align: start; font-weight: 700">
          L’écart de perception : moyennes sur 3 (1 Pas bien, 3 Très bien), ${audiences.user.total} usagers et ${audiences.agent.total} agents
        </caption>
        <thead>
          <tr>
            <th scope="col" style="text-align: start">Question</th>
            <th scope="col">Usagers</th>
            <th scope="col">Agents</th>
            <th scope="col">Écart</th>
          </tr>
        </thead>
        <tbody>
          ${QUESTIONS.map(
            ([id, label]) =>
              html`<tr>
                <th scope="row" style="text-align: start; font-weight: 400; padding-inline-end: 1rem">${label}</th>
                <td style="text-align: end; padding-inline: 0.4rem">${decimal.format(mean('user', id))}</td>
                <td style="text-align: end; padding-inline: 0.4rem">${decimal.format(mean('agent', id))}</td>
                <td style="text-align: end; padding-inline: 0.4rem">${signed.format(Math.round((mean('agent', id) - mean('user', id)) * 100) / 100)}</td>
              </tr>`,
          )}
        </tbody>
      </table>`,
      table,
    );
  };
  void load();
  return { table, load };
}

/** The table as read, one row of text per question. */
const gapRows = (canvasElement: HTMLElement) =>
  within(canvasElement)
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent!.trim()));

type Shadow = ReturnType<typeof within>;
const choose = (shadow: Shadow, question: string | RegExp, option: string) =>
  userEvent.click(within(shadow.getByRole('group', { name: question })).getByRole('radio', { name: option }));

/** Rates the general question and the three criteria with `faces`, then sends and waits for the 201. */
async function rate(card: HTMLElement, general: RegExp, faces: [string, string, string, string]) {
  const shadow = shadowOf(card);
  await choose(shadow, general, faces[0]);
  await choose(shadow, 'L’accueil', faces[1]);
  await choose(shadow, 'Le délai', faces[2]);
  await choose(shadow, 'La clarté de l’information', faces[3]);
  await userEvent.click(shadow.getByRole('button', { name: 'Envoyer' }));
  await untilState(card, 'sent');
}

const cards = (canvasElement: HTMLElement) => [...canvasElement.querySelectorAll('voix-rating')];

const meta = {
  title: 'Cas d’usage/Pays Voironnais',
  tags: ['autodocs'],
  ...caseStudy({
    story: `Le Pays Voironnais a voulu savoir comment ses services publics locaux étaient perçus, et pas seulement par les usagers : il a bâti un baromètre de satisfaction qui interroge aussi l’administration elle-même. Les usagers notent l’accueil de la mairie (un QR code au guichet mène à la carte) ; les agents répondent, sur l’intranet, à la même carte tournée vers eux : « Selon vous, comment les usagers jugent-ils ce service ? ». Mises côte à côte, les deux moyennes montrent l’écart de perception, un point de départ pour en parler ensemble.

Recette : \`<voix-rating>\` avec des critères pour les usagers, la même carte avec \`audience="agent"\` et le même \`subject\` pour les agents ; le collecteur rend leurs résultats à part (\`audiences\`).`,
    handlers: [posted.handler, collector.handler],
    beforeEach: () => {
      posted.forget();
      collector.forget();
    },
  }),
} satisfies Meta;

export default meta;
type Story = StoryObj;

/** La carte des usagers : la note générale, trois critères et un commentaire facultatif. Sent with `audience: "user"`. */
export const Usagers: Story = {
  name: 'La carte des usagers',
  render: () =>
    recipe({
      lead: 'Au guichet, une affiche et son QR code : « Donnez votre avis sur notre accueil ». Le QR code mène à cette carte.',
      markup: USERS_CARD,
    }),
};

/** Test: « La carte des usagers », clicked through (out of the sidebar and the docs). */
export const UsagersClickThrough: Story = {
  ...Usagers,
  name: 'La carte des usagers : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const [card] = cards(canvasElement);
    await shadowOf(card).findByRole('group', { name: 'Accueil de la mairie' });
    await rate(card, /^De façon générale/, ['Très bien', 'Très bien', 'Moyen', 'Pas bien']);
    await expect(posted.invalid).toEqual([]);
    await expect(
      posted.received.map(({ type, subject, data }) => ({
        type,
        subject,
        audience: data.audience,
        placement: data.placement,
        answers: data.answers,
      })),
    ).toEqual([
      {
        type: 'voix.rating',
        subject: SUBJECT,
        audience: 'user',
        placement: 'accueil-qr-code',
        answers: { score: 3, accueil: 3, delai: 2, clarte: 1 },
      },
    ]);
    await expect(await copyTheCode(canvasElement)).toContain(
      'criteria="accueil:L’accueil;delai:Le délai;clarte:La clarté de l’information"',
    );
  },
};

/** La carte des agents : la même, tournée vers eux (« Selon vous, comment les usagers jugent-ils ce service ? »). Sent with `audience: "agent"`. */
export const Agents: Story = {
  name: 'La carte des agents',
  render: () =>
    recipe({
      lead: 'Sur l’intranet, les agents de l’accueil répondent à la même carte, du point de vue des usagers.',
      markup: AGENTS_CARD,
    }),
};

/** Test: « La carte des agents », clicked through (out of the sidebar and the docs). */
export const AgentsClickThrough: Story = {
  ...Agents,
  name: 'La carte des agents : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const [card] = cards(canvasElement);
    await shadowOf(card).findByRole('group', { name: /^Selon vous, comment les usagers jugent-ils ce service/ });
    await rate(card, /^Selon vous/, ['Moyen', 'Très bien', 'Pas bien', 'Moyen']);
    await expect(posted.invalid).toEqual([]);
    await expect(
      posted.received.map(({ type, subject, data }) => ({ type, subject, audience: data.audience, answers: data.answers })),
    ).toEqual([{ type: 'voix.rating', subject: SUBJECT, audience: 'agent', answers: { score: 2, accueil: 3, delai: 1, clarte: 2 } }]);
    await copyTheCode(canvasElement);
  },
};

/**
 * Les deux cartes côte à côte, et l’écart de perception lu dans les résultats du collecteur :
 * les agents jugent leur service plus sévèrement que les usagers. Chaque réponse envoyée compte
 * aussitôt dans le tableau.
 */
export const EcartDePerception: Story = {
  name: 'Écart de perception',
  render: () => {
    const gap = perceptionGap();
    return html`<div @voix-sent=${() => gap.load()}>
      ${recipe({
        lead: 'Les usagers à gauche, les agents à droite, sur le même service ; en dessous, ce que le collecteur en tire.',
        markup: `${USERS_CARD}\n\n${AGENTS_CARD}`,
        columns: true,
        aside: html`${gap.table}`,
      })}
    </div>`;
  },
};

/** Test: « Écart de perception », clicked through (out of the sidebar and the docs). */
export const EcartDePerceptionClickThrough: Story = {
  ...EcartDePerception,
  name: 'Écart de perception : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(gapRows(canvasElement)).toHaveLength(4), { timeout: 5000 });
    await expect(gapRows(canvasElement)).toEqual([
      ['Note générale', '2,55', '1,92', '-0,63'],
      ['L’accueil', '2,7', '2,42', '-0,28'],
      ['Le délai', '2,05', '1,67', '-0,38'],
      ['La clarté de l’information', '2,35', '2,17', '-0,18'],
    ]);
    const [users, agents] = cards(canvasElement);
    await shadowOf(users).findByRole('group', { name: 'Accueil de la mairie' });
    await rate(users, /^De façon générale/, ['Très bien', 'Très bien', 'Très bien', 'Très bien']);
    await rate(agents, /^Selon vous/, ['Pas bien', 'Pas bien', 'Pas bien', 'Pas bien']);
    await expect(posted.invalid).toEqual([]);
    await expect(posted.received.map((envelope) => envelope.data.audience)).toEqual(['user', 'agent']);
    // 41 users and 13 agents now: (102 + 3) / 41 and (23 + 1) / 13.
    await waitFor(() => expect(gapRows(canvasElement)[0]).toEqual(['Note générale', '2,56', '1,85', '-0,71']), { timeout: 5000 });
    await expect(within(canvasElement).getByText(/41 usagers et 13 agents/)).toBeVisible();
    await copyTheCode(canvasElement);
  },
};
