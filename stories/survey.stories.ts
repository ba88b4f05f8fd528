import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { http, HttpResponse } from 'msw';
import { expect, spyOn, userEvent, waitFor } from 'storybook/test';
import type { Definition } from '../src/engine/definition.js';
import { pending } from '../src/core/outbox.js';
import '../src/widgets/survey/survey.js';
import accesAuxDroits from '../schemas/examples/acces-aux-droits.json';
import { ENDPOINT } from './support/endpoint.js';
import {
  definitionScript,
  firstStateDrawn,
  formArgTypes,
  type FormArgs,
  realKeyboard,
  recordPosts,
  untilState,
  widgetIn,
} from './support/form-stories.js';
import { withPayload } from './support/with-payload.js';

type SurveyArgs = FormArgs;

/** Where the Definition by URL story's JSON is served (by Mock Service Worker). */
const DEFINITION_URL = 'https://collecte.example/definitions/acces-aux-droits.json';
/** How the widget asked for that JSON, as Mock Service Worker saw the request. */
let definitionCredentials: RequestCredentials | undefined;

/** Grenoble's mobile legal team, in the van as on paper: a survey in two steps, the second question shown only after "Oui". */
const grenoble = accesAuxDroits as Definition;

/** The same survey with a typo in it: a kind that does not exist (`plusieurs` for `choices`). */
const broken = {
  ...grenoble,
  steps: [
    { ...grenoble.steps[0], questions: [grenoble.steps[0].questions[0], { ...grenoble.steps[0].questions[1], kind: 'plusieurs' }] },
    grenoble.steps[1],
  ],
};

/** The France Services van of the bassin de Cahors: two questions on a tablet, between two visitors. */
const van: Definition = {
  id: 'bus-france-services',
  steps: [
    {
      title: 'Votre passage au bus France Services',
      questions: [
        { id: 'done', kind: 'yesno', label: 'Avez-vous pu faire votre démarche aujourd’hui\u202f?', required: true },
        {
          id: 'topic',
          kind: 'choice',
          label: 'Pour quelle démarche êtes-vous venu\u202f?',
          options:
            'caf:Allocations familiales (CAF);impots:Impôts;sante:Santé (CPAM);emploi:Emploi, retraite;papiers:Papiers d’identité, permis',
          other: true,
        },
      ],
    },
  ],
};

const posted = recordPosts();

const meta = {
  title: 'Widgets/voix-survey',
  component: 'voix-survey',
  tags: ['autodocs'],
  // What a designer sees first: the widget as a visitor finds it (the click-throughs are tests of their own).
  play: firstStateDrawn,
  decorators: [withPayload],
  beforeEach: posted.forget,
  args: { endpoint: ENDPOINT, subject: '/acces-aux-droits/equipe-mobile', inline: grenoble },
  argTypes: {
    ...formArgTypes,
    subject: { description: 'What the survey is about; default: the page path.' },
  },
  parameters: {
    // For every story, not only Definition by URL: the docs page renders them all with the handlers of none.
    msw: {
      handlers: [
        posted.handler,
        http.get(DEFINITION_URL, ({ request }) => {
          definitionCredentials = request.credentials;
          return HttpResponse.json(grenoble);
        }),
      ],
    },
    docs: {
      description: {
        component:
          'Un questionnaire fait des questions de la collectivité, écrites comme des données (docs/definitions.md) : dans l’élément, en `<script type="application/json">` (permis sous une CSP stricte), ou par une adresse `definition`. Des étapes (« Étape 1 sur 2 », Précédent / Suivant), des questions montrées selon les réponses (`showIf`), des questions obligatoires. Une définition inutilisable donne une erreur dans la console et montre le contenu de l’élément. Envoie `voix.survey`. Les histoires suivent l’équipe mobile d’accès aux droits de Grenoble. — A survey of the collectivité’s own questions, given as data (docs/definitions.md): inline in a child `<script type="application/json">` (allowed under a strict CSP), or by a `definition` URL. Steps with « Étape 1 sur 2 », Précédent / Suivant, questions shown only after some answers (`showIf`), required questions. A definition that cannot be used logs one console error naming the first bad place and shows the element’s own content (the fallback slot). Sends `voix.survey` with the definition’s id and version. The stories show the Grenoble mobile legal team asking people who gave up on their rights why.',
      },
    },
  },
  render: (args) =>
    html`<voix-survey
      endpoint=${ifDefined(args.endpoint)}
      subject=${ifDefined(args.subject)}
      definition=${ifDefined(args.definition)}
      kiosk=${ifDefined(args.kiosk)}
      audience=${ifDefined(args.audience)}
      placement=${ifDefined(args.placement)}
      sample=${ifDefined(args.sample)}
      ?once=${args.once}
      lang=${ifDefined(args.lang)}
      >${args.inline && !args.definition ? definitionScript(args.inline) : nothing}
      <a href="#questionnaire-papier">Répondre au questionnaire de l’équipe mobile d’accès aux droits</a></voix-survey
    >`,
} satisfies Meta<SurveyArgs>;

export default meta;
type Story = StoryObj<SurveyArgs>;

/**
 * Les questions dans l’élément, en deux étapes ; « Pourquoi ? » n’apparaît qu’après « Oui » à
 * « Avez-vous renoncé à une démarche ? ». Son test se fait tout au clavier (Tab, Espace, flèches,
 * Entrée) : la raison cochée sous une question ensuite cachée n’est pas envoyée.
 * — The definition inline, in two steps. « Pourquoi ? » shows only after « Oui » to « Avez-vous renoncé
 * à une démarche ? ». The test goes through with the keyboard alone (Tab, Space, arrows, Enter):
 * it answers Oui, ticks a reason, changes its mind to Non, goes to step 2 and back (the answers
 * stay), then sends; the reason ticked under the now hidden question is not posted. Only a
 * test runner presses real keys: in the Storybook UI the story stops at its first step, to try by hand.
 */
export const Inline: Story = {
  name: 'Questions dans l’élément, en deux étapes',
  play: async ({ canvasElement, step }) => {
    const { widget, shadow } = widgetIn(canvasElement, 'voix-survey');
    const focused = () => widget.shadowRoot!.activeElement;
    const yes = await shadow.findByRole('radio', { name: 'Oui' });
    await expect(shadow.getByRole('group', { name: /Étape 1 sur 2/ })).toBeVisible();
    const keyboard = await realKeyboard();
    if (!keyboard) return;
    /** Tabs until `target` has focus: what lies between (a counter, a warning) is not this test's business. */
    const tabTo = async (target: Element) => {
      for (let presses = 0; presses < 12 && focused() !== target; presses++) await keyboard.tab();
      await expect(focused()).toBe(target);
    };

    await step('Step 1: Oui, a reason, then Non hides the reasons', async () => {
      await tabTo(yes);
      await keyboard.keyboard(' ');
      await expect(yes).toBeChecked();
      const complicated = await shadow.findByRole('checkbox', { name: 'Trop compliqué' });
      await keyboard.tab();
      await expect(focused()).toBe(complicated);
      await keyboard.keyboard(' ');
      await expect(complicated).toBeChecked();
      await keyboard.tab({ shift: true });
      await keyboard.keyboard('{ArrowRight}');
      await expect(shadow.getByRole('radio', { name: 'Non' })).toBeChecked();
      await waitFor(() => expect(shadow.queryByRole('group', { name: /Pourquoi/ })).toBeNull());
      await tabTo(shadow.getByRole('button', { name: 'Suivant' }));
      await keyboard.keyboard('{Enter}');
    });

    await step('Step 2: focus on its title, an agreement, a comment', async () => {
      const legend = await shadow.findByText('Étape 2 sur 2');
      await waitFor(() => expect(focused()).toBe(legend.closest('legend')));
      await keyboard.tab();
      await expect(focused()).toBe(shadow.getByRole('radio', { name: 'Pas du tout d’accord' }));
      // Arrows move and check at once, as in every native radio group.
      for (let presses = 0; presses < 3; presses++) await keyboard.keyboard('{ArrowDown}');
      await expect(shadow.getByRole('radio', { name: 'D’accord' })).toBeChecked();
      await keyboard.tab();
      await keyboard.keyboard('Une permanence plus près de chez moi, à la mairie annexe.');
    });

    await step('Précédent, then Suivant: the answers are kept', async () => {
      await tabTo(shadow.getByRole('button', { name: 'Précédent' }));
      await keyboard.keyboard('{Enter}');
      await waitFor(() => expect(shadow.getByRole('radio', { name: 'Non' })).toBeChecked());
      await tabTo(shadow.getByRole('button', { name: 'Suivant' }));
      await keyboard.keyboard('{Enter}');
      await waitFor(() => expect(shadow.getByRole('radio', { name: 'D’accord' })).toBeChecked());
      await expect(shadow.getByRole('textbox')).toHaveValue('Une permanence plus près de chez moi, à la mairie annexe.');
    });

    await step('Envoyer: what is posted', async () => {
      await tabTo(shadow.getByRole('button', { name: 'Envoyer' }));
      await keyboard.keyboard('{Enter}');
      await untilState(widget, 'sent');
      const [envelope] = posted.received;
      await expect(posted.received).toHaveLength(1);
      await expect(envelope.type).toBe('voix.survey');
      await expect(envelope.data.answers).toEqual({
        'gave-up': 'no',
        helped: 4,
        comment: 'Une permanence plus près de chez moi, à la mairie annexe.',
      });
      await expect(envelope.data.answers).not.toHaveProperty('why');
      await expect(envelope.data.definition).toMatchObject({ id: 'acces-aux-droits', version: expect.stringMatching(/^[0-9a-f]{8}$/) });
    });
  },
};

/**
 * Suivant avec une question obligatoire sans réponse : le message est lié à la question
 * (`aria-describedby`) et le focus va à sa première option, pour qu’un lecteur d’écran lise les deux.
 * — Suivant with a required question left blank: the message is tied to the question
 * (`aria-describedby`) and focus goes to its first option, so a screen reader reads both.
 */
export const RequiredError: Story = {
  name: 'Question obligatoire sans réponse',
};

/** Test: « Question obligatoire sans réponse », clicked through (out of the sidebar and the docs). */
export const RequiredErrorClickThrough: Story = {
  ...RequiredError,
  name: 'Question obligatoire sans réponse : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement, 'voix-survey');
    await userEvent.click(await shadow.findByRole('button', { name: 'Suivant' }));
    const question = shadow.getByRole('group', { name: 'Avez-vous renoncé à une démarche\u202f? (obligatoire)' });
    await expect(question).toHaveAccessibleDescription('Veuillez répondre à cette question.');
    await waitFor(() => expect(widget.shadowRoot!.activeElement).toBe(shadow.getByRole('radio', { name: 'Oui' })));
    await expect(shadow.getByRole('group', { name: /Étape 1 sur 2/ })).toBeVisible();
    await expect(widget).toHaveAttribute('state', 'idle');
  },
};

/** The collector refuses the first answer, naming « Pourquoi ? » as the collector does (`422`, `/data/answers/<id>`), then accepts. */
let refusedOnce = false;

/**
 * Refusée, puis corrigée : le collecteur refuse la réponse à « Pourquoi ? » (422 qui nomme
 * `/data/answers/why`). Le questionnaire revient à l’étape 1, la question est signalée et reçoit le
 * focus, le message dit quoi faire (sans code d’erreur) ; la réponse changée, Envoyer envoie une
 * nouvelle réponse. — Refused naming a question: back to its step, marked and focused, then fixed and sent.
 */
export const Refused: Story = {
  name: 'Refusée, puis corrigée (422)',
  beforeEach: () => {
    refusedOnce = false;
  },
  parameters: {
    msw: {
      handlers: [
        http.post(ENDPOINT, (info) => {
          if (refusedOnce) return posted.accept(info);
          refusedOnce = true;
          return HttpResponse.json(
            { error: 'invalid_envelope', message: '/data/answers/why: must NOT have more than 3 items' },
            { status: 422 },
          );
        }),
      ],
    },
  },
};

/** Test: « Refusée, puis corrigée (422) », clicked through (out of the sidebar and the docs). */
export const RefusedClickThrough: Story = {
  ...Refused,
  name: 'Refusée, puis corrigée (422) : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement, 'voix-survey');
    await userEvent.click(await shadow.findByRole('radio', { name: 'Oui' }));
    await userEvent.click(await shadow.findByRole('checkbox', { name: 'Trop long' }));
    await userEvent.click(shadow.getByRole('button', { name: 'Suivant' }));
    await userEvent.click(await shadow.findByRole('radio', { name: 'D’accord' }));
    await userEvent.click(shadow.getByRole('button', { name: 'Envoyer' }));
    await untilState(widget, 'error');
    const why = await shadow.findByRole('group', { name: 'Pourquoi\u202f?' });
    await expect(why).toHaveAccessibleDescription(/Cette réponse n’a pas été acceptée/);
    await expect(shadow.getByRole('checkbox', { name: 'Trop long' })).toBeEnabled();
    await waitFor(() => expect(widget.shadowRoot!.activeElement).toBe(shadow.getByRole('checkbox', { name: 'Trop compliqué' })));
    await expect(shadow.getByText(/Une réponse n’a pas été acceptée/)).toBeVisible();
    await expect(shadow.queryByRole('button', { name: 'Réessayer' })).toBeNull();
    await userEvent.click(shadow.getByRole('checkbox', { name: 'Trop loin' }));
    await userEvent.click(shadow.getByRole('button', { name: 'Suivant' }));
    await userEvent.click(await shadow.findByRole('button', { name: 'Envoyer' }));
    await untilState(widget, 'sent');
    await expect(posted.received.map((envelope) => envelope.data.answers)).toEqual([
      { 'gave-up': 'yes', why: ['delai', 'distance'], helped: 4 },
    ]);
  },
};

/**
 * Le même questionnaire depuis une adresse `definition`, lue sans cookie : un fichier JSON que
 * plusieurs pages (ou plusieurs communes) partagent, changé en un seul endroit.
 * — The same survey from a `definition` URL, fetched without credentials: one JSON file that
 * several pages (or several communes) share, changed in one place.
 */
export const DefinitionByUrl: Story = {
  name: 'Définition par adresse',
  args: { definition: DEFINITION_URL, inline: undefined },
  play: async ({ canvasElement }) => {
    const { shadow } = widgetIn(canvasElement, 'voix-survey');
    await expect(
      await shadow.findByRole('group', { name: 'Avez-vous renoncé à une démarche\u202f? (obligatoire)' }, { timeout: 5000 }),
    ).toBeVisible();
    await expect(shadow.getByRole('group', { name: 'Étape 1 sur 2. Vos démarches' })).toBeVisible();
    // No cookie of the page's site goes with it: the definition may be served by anyone.
    await expect(definitionCredentials).toBe('omit');
  },
};

/**
 * Une définition avec une erreur (`"kind": "plusieurs"`) : la console nomme l’élément et le premier
 * endroit fautif, et le contenu de l’élément s’affiche à la place (ici un lien vers le même
 * questionnaire). Rien d’affiché à moitié.
 * — A definition with a mistake (`"kind": "plusieurs"`): one console error names the element and
 * the first bad place as a JSON pointer, and the element's own content is shown instead, here
 * a link to the same survey elsewhere. Nothing half-rendered, nothing thrown into the page.
 */
export const DefinitionError: Story = {
  name: 'Définition erronée',
  args: { inline: broken },
  beforeEach: () => {
    const error = spyOn(console, 'error');
    return () => error.mockRestore();
  },
  play: async ({ canvasElement }) => {
    const { widget } = widgetIn(canvasElement, 'voix-survey');
    const fallback = canvasElement.querySelector('a')!;
    // Slotted, hence shown: the light DOM link is in the page all along, but not rendered until then.
    await waitFor(() => expect(fallback.assignedSlot).not.toBeNull());
    await expect(fallback).toBeVisible();
    await expect(fallback).toHaveAccessibleName('Répondre au questionnaire de l’équipe mobile d’accès aux droits');
    await expect(console.error).toHaveBeenCalledTimes(1);
    await expect(console.error).toHaveBeenCalledWith(
      expect.stringMatching(/^<voix-survey> definition \/steps\/0\/questions\/1\/kind: expected one of /),
    );
    await expect(widget.shadowRoot!.querySelector('form')).toBeNull();
  },
};

/**
 * Sur une tablette du bus France Services (`kiosk="20"`) : après le merci, « Nouvel avis » vide les
 * réponses pour la personne suivante, ou le questionnaire se vide seul après 20 s.
 * — On a tablet in the France Services van (`kiosk="20"`): after the thanks, « Nouvel avis »
 * clears the answers for the next visitor at once, or the survey clears itself after 20 s.
 * Answers given while the van has no network are kept and sent once it is back.
 */
export const Kiosk: Story = {
  name: 'Borne du bus France Services (kiosk)',
  args: { kiosk: '20', inline: van, subject: '/france-services/bus' },
};

/** Test: « Borne du bus France Services (kiosk) », clicked through (out of the sidebar and the docs). */
export const KioskClickThrough: Story = {
  ...Kiosk,
  name: 'Borne du bus France Services (kiosk) : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement, 'voix-survey');
    await userEvent.click(await shadow.findByRole('radio', { name: 'Oui' }));
    await userEvent.click(shadow.getByRole('radio', { name: 'Allocations familiales (CAF)' }));
    await userEvent.click(shadow.getByRole('button', { name: 'Envoyer' }));
    await untilState(widget, 'sent');
    await expect(posted.received.map((envelope) => envelope.data.answers)).toEqual([{ done: 'yes', topic: 'caf' }]);
    await userEvent.click(shadow.getByRole('button', { name: 'Nouvel avis' }));
    await untilState(widget, 'idle');
    const yes = shadow.getByRole('radio', { name: 'Oui' });
    await expect(yes).not.toBeChecked();
    await expect(shadow.getByRole('radio', { name: 'Allocations familiales (CAF)' })).not.toBeChecked();
    // Focus stays in the survey, on its first control, ready for the next visitor.
    await expect(widget.shadowRoot!.activeElement).toBe(yes);
  },
};

/** Whether the van has network, in the Kiosk offline story. */
let vanOnline = false;

/**
 * Le bus entre deux villages, sans réseau : chaque réponse est gardée sur la tablette et la personne
 * suivante peut répondre aussitôt ; au retour du réseau, les réponses partent, chacune une fois.
 * — The van between two villages, without network: each answer is kept on the tablet
 * (« Vous semblez hors ligne : nous enverrons vos réponses dès le retour de la connexion. ») and the
 * next visitor can answer at
 * once. When the network is back, the answers leave, each once.
 */
export const KioskOffline: Story = {
  name: 'Borne hors connexion',
  // Not on the docs page: its endpoint, out of reach, would be every story's there (one worker serves them all).
  tags: ['!autodocs'],
  args: { kiosk: '20', inline: van, subject: '/france-services/bus' },
  parameters: { msw: { handlers: [http.post(ENDPOINT, (info) => (vanOnline ? posted.accept(info) : HttpResponse.error()))] } },
  beforeEach: () => {
    vanOnline = false;
  },
};

/** Test: « Borne hors connexion », clicked through (out of the sidebar and the docs). */
export const KioskOfflineClickThrough: Story = {
  ...KioskOffline,
  name: 'Borne hors connexion : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement, step }) => {
    const { widget, shadow } = widgetIn(canvasElement, 'voix-survey');
    await step('Two visitors answer, offline', async () => {
      for (const answer of ['Oui', 'Non']) {
        await userEvent.click(await shadow.findByRole('radio', { name: answer }));
        await userEvent.click(shadow.getByRole('button', { name: 'Envoyer' }));
        await untilState(widget, 'queued');
        await expect(shadow.getByRole('status')).toHaveTextContent('nous enverrons vos réponses dès le retour de la connexion.');
        await userEvent.click(shadow.getByRole('button', { name: 'Nouvel avis' }));
      }
      await expect(pending().map((item) => item.envelope.data.answers)).toEqual(expect.arrayContaining([{ done: 'yes' }, { done: 'no' }]));
      await expect(posted.received).toHaveLength(0);
    });
    await step('The network is back: both delivered, each once', async () => {
      vanOnline = true;
      window.dispatchEvent(new Event('online'));
      await waitFor(() => expect(pending()).toHaveLength(0), { timeout: 5000 });
      const answers = posted.received.map((envelope) => envelope.data.answers);
      await expect(answers).toHaveLength(2);
      await expect(answers).toEqual(expect.arrayContaining([{ done: 'yes' }, { done: 'no' }]));
    });
  },
};
