import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, userEvent, within } from 'storybook/test';
import type { Definition } from '../src/engine/definition.js';
import '../src/widgets/rating/rating.js';
import accueilMairie from '../schemas/examples/accueil-mairie.json';
import { ENDPOINT } from './support/endpoint.js';
import {
  definitionScript,
  firstStateDrawn,
  formArgTypes,
  type FormArgs,
  recordPosts,
  untilState,
  widgetIn,
} from './support/form-stories.js';
import { withPayload } from './support/with-payload.js';

interface RatingArgs extends FormArgs {
  scale?: string;
  label?: string;
  question?: string;
  criteria?: string;
  comment?: boolean;
  preset?: string;
}

// French typography: a narrow no-break space before "?".
const GENERAL = 'De façon générale, comment ça s’est passé\u202f? (obligatoire)';

const posted = recordPosts();
/** The answers of the one envelope the endpoint received. */
const postedAnswers = async () => {
  await expect(posted.received).toHaveLength(1);
  return posted.received[0].data.answers;
};

/** Chooses the radio `option` of the question named `question` (several questions share « 4 étoiles sur 5 »). */
const choose = async (shadow: ReturnType<typeof within>, question: string | RegExp, option: string) =>
  userEvent.click(within(shadow.getByRole('group', { name: question })).getByRole('radio', { name: option }));

/** Envoyer, then waits for the endpoint's 201. */
const send = async (widget: HTMLElement, shadow: ReturnType<typeof within>) => {
  await userEvent.click(shadow.getByRole('button', { name: 'Envoyer' }));
  await untilState(widget, 'sent');
};

const meta = {
  title: 'Widgets/voix-rating',
  component: 'voix-rating',
  tags: ['autodocs'],
  // What a designer sees first: the widget as a visitor finds it (the click-throughs are tests of their own).
  play: firstStateDrawn,
  decorators: [withPayload],
  beforeEach: posted.forget,
  args: { endpoint: ENDPOINT, subject: '/services/accueil-mairie', label: 'Accueil de la mairie' },
  argTypes: {
    ...formArgTypes,
    subject: {
      description: 'The service rated, as the results group it; default: the page path. Users and agents rating the same service share it.',
    },
    scale: {
      description: '`smileys` (3 faces, the default), `stars` (1 to 5) or `nps` (0 to 10), for the question and every criterion.',
    },
    label: { description: 'The service’s name, the card’s title (« Accueil de la mairie »).' },
    question: {
      description: 'The general question; default « De façon générale, comment ça s’est passé ? » (for agents, the mirror’s wording).',
    },
    criteria: {
      description: 'Criteria rated on the same scale, `;`-separated, each a label or `value:Label` (« Accueil;Délai »).',
    },
    comment: { description: 'Adds an optional comment (e-mails and phone numbers are removed before sending).' },
    preset: { description: '`jdma`: the State’s « Je donne mon avis » questions, sent with its values.' },
    audience: {
      description: '`agent`: the agent mirror, « Selon vous, comment les usagers jugent-ils ce service ? », sent with `audience: "agent"`.',
    },
  },
  parameters: {
    msw: { handlers: [posted.handler] },
    docs: {
      description: {
        component:
          'Une carte pour noter un service public : « De façon générale, comment ça s’est passé ? » sur 3 visages, 5 étoiles ou de 0 à 10, des critères facultatifs notés sur la même échelle, un commentaire facultatif. `preset="jdma"` pose les questions « Je donne mon avis » de l’État, pour comparer avec son observatoire ; `audience="agent"` tourne la carte vers les agents ; une définition remplace entièrement les questions. Envoie `voix.rating`. Les histoires suivent le baromètre du Pays Voironnais : usagers et agents notent l’accueil d’une mairie. — A card rating a public service: « De façon générale, comment ça s’est passé ? » on 3 faces, 5 stars or 0 to 10, optional criteria rated on the same scale, an optional comment. `preset="jdma"` asks the State’s « Je donne mon avis » questions so that results compare with its observatory; `audience="agent"` turns the card into the agent mirror; a definition replaces the questions entirely. Sends `voix.rating`. The stories follow the Pays Voironnais barometer: users and agents rating the accueil of a mairie.',
      },
    },
  },
  render: (args) =>
    html`<voix-rating
      endpoint=${ifDefined(args.endpoint)}
      subject=${ifDefined(args.subject)}
      scale=${ifDefined(args.scale)}
      label=${ifDefined(args.label)}
      question=${ifDefined(args.question)}
      criteria=${ifDefined(args.criteria)}
      ?comment=${args.comment}
      preset=${ifDefined(args.preset)}
      audience=${ifDefined(args.audience)}
      definition=${ifDefined(args.definition)}
      kiosk=${ifDefined(args.kiosk)}
      placement=${ifDefined(args.placement)}
      sample=${ifDefined(args.sample)}
      ?once=${args.once}
      lang=${ifDefined(args.lang)}
      >${args.inline ? definitionScript(args.inline) : nothing}</voix-rating
    >`,
} satisfies Meta<RatingArgs>;

export default meta;
type Story = StoryObj<RatingArgs>;

/**
 * La carte par défaut : trois visages dont les mots sont affichés et lus (« Pas bien », « Moyen »,
 * « Très bien ») ; le nom du service en titre.
 * — The default card: three faces whose words are shown and read (« Pas bien », « Moyen », « Très bien
 * »); the service’s name as its title.
 */
export const Smileys: Story = {
  name: 'Visages (par défaut)',
};

/** Test: « Visages (par défaut) », clicked through (out of the sidebar and the docs). */
export const SmileysClickThrough: Story = {
  ...Smileys,
  name: 'Visages (par défaut) : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement, 'voix-rating');
    await expect(await shadow.findByRole('group', { name: 'Accueil de la mairie' })).toBeVisible();
    const general = shadow.getByRole('group', { name: GENERAL });
    await expect(
      within(general)
        .getAllByRole('radio')
        .map((radio) => (radio as HTMLInputElement).value),
    ).toEqual(['1', '2', '3']);
    await choose(shadow, GENERAL, 'Très bien');
    await send(widget, shadow);
    await expect(await postedAnswers()).toEqual({ score: 3 });
    await expect(posted.received[0]).toMatchObject({
      type: 'voix.rating',
      subject: '/services/accueil-mairie',
      data: { audience: 'user', definition: { id: 'rating' } },
    });
  },
};

/**
 * Des étoiles, et des critères notés sur la même échelle. Chaque étoile se lit « 4 étoiles sur 5 » ;
 * chaque critère part sous une clé tirée de son nom (« Clarté de l’information » →
 * `clarte-de-l-information`).
 * — Stars, with criteria rated on the same scale. Each star is read « 4 étoiles sur 5 »; each
 * criterion is sent under a key made from its name (« Clarté de l’information » → `clarte-de-l-information`).
 */
export const StarsWithCriteria: Story = {
  name: 'Étoiles et critères',
  args: { scale: 'stars', criteria: 'Accueil;Délai;Clarté de l’information' },
};

/** Test: « Étoiles et critères », clicked through (out of the sidebar and the docs). */
export const StarsWithCriteriaClickThrough: Story = {
  ...StarsWithCriteria,
  name: 'Étoiles et critères : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement, 'voix-rating');
    await choose(shadow, GENERAL, '4 étoiles sur 5');
    await choose(shadow, 'Accueil', '5 étoiles sur 5');
    await choose(shadow, 'Délai', '3 étoiles sur 5');
    await choose(shadow, 'Clarté de l’information', '1 étoile sur 5');
    await send(widget, shadow);
    await expect(await postedAnswers()).toEqual({ score: 4, accueil: 5, delai: 3, 'clarte-de-l-information': 1 });
  },
};

/**
 * De 0 à 10, comme un Net Promoter Score : onze boutons radio, chacun lu « 9 sur 10 ».
 * — From 0 to 10, as a Net Promoter Score: eleven radios, each read « 9 sur 10 ».
 */
export const Nps: Story = {
  name: 'De 0 à 10 (NPS)',
  args: { scale: 'nps', question: 'Recommanderiez-vous l’accueil de la mairie à un proche\u202f?' },
};

/** Test: « De 0 à 10 (NPS) », clicked through (out of the sidebar and the docs). */
export const NpsClickThrough: Story = {
  ...Nps,
  name: 'De 0 à 10 (NPS) : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement, 'voix-rating');
    const question = 'Recommanderiez-vous l’accueil de la mairie à un proche\u202f? (obligatoire)';
    await expect(within(shadow.getByRole('group', { name: question })).getAllByRole('radio')).toHaveLength(11);
    await choose(shadow, question, '9 sur 10');
    await send(widget, shadow);
    await expect(await postedAnswers()).toEqual({ score: 9 });
  },
};

/**
 * Avec `comment` : un commentaire libre après la note ; les données personnelles en sont retirées
 * avant l’envoi, comme le dit l’avertissement sous la zone de texte.
 * — With `comment`: a free comment after the rating. Personal data is removed before sending, as the
 * warning under the box says.
 */
export const WithComment: Story = {
  name: 'Avec un commentaire',
  args: { comment: true },
};

/** Test: « Avec un commentaire », clicked through (out of the sidebar and the docs). */
export const WithCommentClickThrough: Story = {
  ...WithComment,
  name: 'Avec un commentaire : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement, 'voix-rating');
    await choose(shadow, GENERAL, 'Moyen');
    await userEvent.type(
      await shadow.findByRole('textbox', { name: 'Votre commentaire (facultatif)' }),
      'Quarante minutes d’attente pour une carte d’identité. Rappelez-moi au 06 12 34 56 78.',
    );
    await send(widget, shadow);
    await expect(await postedAnswers()).toEqual({
      score: 2,
      comment: 'Quarante minutes d’attente pour une carte d’identité. Rappelez-moi au [téléphone retiré].',
    });
  },
};

/**
 * `preset="jdma"` : les questions du bouton « Je donne mon avis » de l’État, avec ses noms de champs
 * et ses valeurs, pour comparer les résultats avec son observatoire. « Avez-vous pu joindre
 * l’administration ? » n’est posée qu’à qui a cherché de l’aide (guichet, téléphone, e-mail ou chat).
 * — `preset="jdma"`: the questions of the State’s « Je donne mon avis » button, with its field
 * names and values, so that results compare with the State’s observatory. « Avez-vous pu joindre
 * l’administration ? » is asked only of those who sought help at a counter, by phone, e-mail or chat.
 */
export const JdmaPreset: Story = {
  name: 'Les questions « Je donne mon avis » (jdma)',
  args: { preset: 'jdma', label: 'Demande d’acte de naissance' },
};

/** Test: « Les questions « Je donne mon avis » (jdma) », clicked through (out of the sidebar and the docs). */
export const JdmaPresetClickThrough: Story = {
  ...JdmaPreset,
  name: 'Les questions « Je donne mon avis » (jdma) : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement, 'voix-rating');
    // The preset's questions are a module loaded on demand.
    await shadow.findByRole('group', { name: GENERAL }, { timeout: 5000 });
    await choose(shadow, GENERAL, 'Très bien');
    await choose(shadow, /Les informations et les explications étaient-elles claires/, '4 étoiles sur 5');
    const reached = /Avez-vous pu joindre l’administration/;
    await expect(shadow.queryByRole('group', { name: reached })).toBeNull();
    await userEvent.click(shadow.getByRole('checkbox', { name: 'Par téléphone' }));
    await choose(shadow, reached, 'Oui');
    await send(widget, shadow);
    await expect(await postedAnswers()).toEqual({
      satisfaction: 3,
      comprehension: 4,
      contact_tried: ['telephone'],
      contact_reached: 'yes',
    });
    await expect(posted.received[0].data.definition).toMatchObject({ id: 'jdma' });
  },
};

/**
 * `audience="agent"` : la même carte tournée vers les agents, pour l’intranet, avec le même `label` et
 * le même `subject` ; la question leur demande comment les usagers jugent le service. Envoyé avec
 * `audience: "agent"`, pour lire côte à côte l’avis des usagers et celui des agents (l’écart de
 * perception du baromètre du Pays Voironnais).
 * — `audience="agent"`: the agent mirror, for the intranet. The same card, the same `label` and
 * `subject`, but the question asks agents how they think users judge the service. Sent with
 * `audience: "agent"`, so the results show users’ and agents’ answers side by side: the
 * perception gap that the Pays Voironnais barometer measured (agents often judge their service
 * more severely, or more kindly, than its users do), a starting point for talking it over.
 */
export const AgentMirror: Story = {
  name: 'Le miroir des agents',
  args: { audience: 'agent' },
};

/** Test: « Le miroir des agents », clicked through (out of the sidebar and the docs). */
export const AgentMirrorClickThrough: Story = {
  ...AgentMirror,
  name: 'Le miroir des agents : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement, 'voix-rating');
    const mirror = 'Selon vous, comment les usagers jugent-ils ce service\u202f? (obligatoire)';
    await expect(await shadow.findByRole('group', { name: mirror })).toBeVisible();
    await choose(shadow, mirror, 'Moyen');
    await send(widget, shadow);
    await expect(posted.received[0]).toMatchObject({
      subject: '/services/accueil-mairie',
      data: { audience: 'agent', answers: { score: 2 } },
    });
  },
};

/**
 * `kiosk="20"`, sur une tablette à l’accueil : après le merci, « Nouvel avis » vide la carte pour la
 * personne suivante, ou elle se vide seule après 20 s. `sample` et `once` ne s’appliquent pas.
 * — `kiosk="20"`, on a tablet at the accueil: after the thanks, « Nouvel avis » clears the card for
 * the next person at once, or the card clears itself after 20 s. `sample` and `once` do not apply.
 */
export const Kiosk: Story = {
  name: 'Borne d’accueil (kiosk)',
  args: { kiosk: '20' },
};

/** Test: « Borne d’accueil (kiosk) », clicked through (out of the sidebar and the docs). */
export const KioskClickThrough: Story = {
  ...Kiosk,
  name: 'Borne d’accueil (kiosk) : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement, 'voix-rating');
    await choose(shadow, GENERAL, 'Très bien');
    await send(widget, shadow);
    await expect(shadow.getByRole('status')).toHaveTextContent('Merci pour votre avis');
    await expect(shadow.getByRole('button', { name: 'Nouvel avis' })).toBeEnabled();
    await expect(shadow.queryByRole('radio')).toBeNull();
  },
};

/**
 * Les questions de la collectivité : une définition (ici dans l’élément) remplace entièrement celles
 * de la carte, même avec `preset="jdma"`. Toujours envoyé en `voix.rating`, avec l’identifiant et la
 * version de la définition.
 * — The collectivité’s own questions: a definition (here inline) replaces the card’s questions
 * entirely, even with `preset="jdma"` set; « c’est ça ou rien » no more. Still sent as
 * `voix.rating`, with the definition’s id and version.
 */
export const OwnQuestions: Story = {
  name: 'Les questions de la collectivité',
  args: { preset: 'jdma', inline: accueilMairie as Definition },
};

/** Test: « Les questions de la collectivité », clicked through (out of the sidebar and the docs). */
export const OwnQuestionsClickThrough: Story = {
  ...OwnQuestions,
  name: 'Les questions de la collectivité : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement, 'voix-rating');
    await expect(await shadow.findByRole('group', { name: 'Votre visite' }, { timeout: 5000 })).toBeVisible();
    await expect(shadow.queryByRole('group', { name: /Avez-vous cherché de l’aide/ })).toBeNull();
    await choose(shadow, /De façon générale/, 'Très bien');
    await choose(shadow, 'Le temps d’attente', '2 étoiles sur 5');
    await choose(shadow, 'Comment êtes-vous venu\u202f?', 'Sans rendez-vous');
    await send(widget, shadow);
    await expect(await postedAnswers()).toEqual({ overall: 3, waiting: 2, channel: 'spontane' });
    await expect(posted.received[0]).toMatchObject({ type: 'voix.rating', data: { definition: { id: 'accueil-mairie' } } });
  },
};
