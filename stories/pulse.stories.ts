import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import '../src/widgets/pulse/pulse.js';
import { ENDPOINT } from './support/endpoint.js';
import { formArgTypes, type FormArgs, formStories, recordPosts, theOnePosted, untilState, widgetIn } from './support/form-stories.js';

interface PulseArgs extends FormArgs {
  label?: string;
  question?: string;
}

const HELPS = 'Ce nouveau fonctionnement m’aide dans mon travail. (obligatoire)';

const posted = recordPosts();

const meta = {
  title: 'Widgets/voix-pulse',
  component: 'voix-pulse',
  tags: ['autodocs'],
  ...formStories<PulseArgs>('voix-pulse', posted),
  args: { endpoint: ENDPOINT, subject: 'intranet/circuit-conges' },
  argTypes: {
    ...formArgTypes,
    subject: {
      description:
        'Ce qui est testé (« intranet/circuit-conges ») ; les résultats se lisent par sujet. — What is being tried; results are read per subject.',
    },
    label: {
      description: 'Ce qui est testé, en titre ; par défaut « Votre avis sur ce que nous testons ». — What is being tried, as the title.',
    },
    question: {
      description:
        'L’affirmation à laquelle les agents adhèrent ou non ; par défaut « Ce nouveau fonctionnement m’aide dans mon travail. ». — The statement agents agree with or not.',
    },
    audience: { control: false, description: 'Toujours `agent` : un pulse est la voix des agents. — Always `agent`.' },
  },
  parameters: {
    msw: { handlers: [posted.handler] },
    docs: {
      description: {
        component:
          'Un court questionnaire anonyme pour les agents qui testent un nouveau fonctionnement : jusqu’où il les aide (échelle d’accord), ce qui les bloque, une idée. Envoyé avec `audience: "agent"` ; le collecteur de référence ne montre aucun résultat en dessous de 5 réponses. Envoie `voix.pulse`. Les histoires suivent les agents ambassadeurs de « La Transfo » (La 27e Région). — A short anonymous pulse survey for agents.',
      },
    },
  },
} satisfies Meta<PulseArgs>;

export default meta;
type Story = StoryObj<PulseArgs>;

/** L’échelle d’accord, ce qui bloque, une idée ; une fois envoyé, il part pour les agents (`audience: "agent"`). — The agree scale, what blocks, an idea; sent for agents. */
export const Default: Story = {
  name: 'Le questionnaire des agents',
};

/** Test: « Le questionnaire des agents », clicked through (out of the sidebar and the docs). */
export const DefaultClickThrough: Story = {
  ...Default,
  name: 'Le questionnaire des agents : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement, 'voix-pulse');
    const helps = await shadow.findByRole('group', { name: HELPS });
    await expect(helps).toHaveAccessibleDescription(/^Vos réponses sont anonymes/);
    await userEvent.click(within(helps).getByRole('radio', { name: 'D’accord' }));
    await userEvent.type(
      shadow.getByRole('textbox', { name: 'Qu’est-ce qui vous bloque\u202f?' }),
      'Le logiciel refuse les demi-journées.',
    );
    await userEvent.type(shadow.getByRole('textbox', { name: 'Une idée pour l’améliorer\u202f?' }), 'Un formulaire papier en secours.');
    await userEvent.click(shadow.getByRole('button', { name: 'Envoyer' }));
    await untilState(widget, 'sent');
    const envelope = await theOnePosted(posted);
    await expect(envelope).toMatchObject({ type: 'voix.pulse', subject: 'intranet/circuit-conges', data: { audience: 'agent' } });
    await expect(envelope.data.answers).toEqual({
      helps: 4,
      blocks: 'Le logiciel refuse les demi-journées.',
      idea: 'Un formulaire papier en secours.',
    });
  },
};

/** Le titre et l’affirmation de ce qui est testé : le guichet unique des ressources humaines. — Own title and statement. */
export const OwnStatement: Story = {
  name: 'Titre et affirmation propres',
  args: { label: 'Le guichet unique RH', question: 'Le guichet unique me fait gagner du temps.' },
};

/** Test: « Titre et affirmation propres », clicked through (out of the sidebar and the docs). */
export const OwnStatementClickThrough: Story = {
  ...OwnStatement,
  name: 'Titre et affirmation propres : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement, 'voix-pulse');
    await expect(await shadow.findByRole('group', { name: 'Le guichet unique RH' })).toBeVisible();
    const helps = shadow.getByRole('group', { name: 'Le guichet unique me fait gagner du temps. (obligatoire)' });
    await userEvent.click(within(helps).getByRole('radio', { name: 'Tout à fait d’accord' }));
    await userEvent.click(shadow.getByRole('button', { name: 'Envoyer' }));
    await untilState(widget, 'sent');
    await expect((await theOnePosted(posted)).data.answers).toEqual({ helps: 5 });
  },
};

/** L’échelle d’accord est obligatoire : l’erreur y est liée, le focus y va, rien n’est envoyé. — The agree scale is required. */
export const RequiredErrors: Story = {
  name: 'Réponse obligatoire manquante',
};

/** Test: « Réponse obligatoire manquante », clicked through (out of the sidebar and the docs). */
export const RequiredErrorsClickThrough: Story = {
  ...RequiredErrors,
  name: 'Réponse obligatoire manquante : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement, 'voix-pulse');
    await shadow.findByRole('group', { name: HELPS });
    await userEvent.click(shadow.getByRole('button', { name: 'Envoyer' }));
    await waitFor(() =>
      expect(shadow.getByRole('group', { name: HELPS })).toHaveAccessibleDescription(/Veuillez répondre à cette question\./),
    );
    await expect(widget.shadowRoot!.activeElement).toBe(shadow.getByRole('radio', { name: 'Pas du tout d’accord' }));
    await expect(posted.received).toEqual([]);
  },
};
