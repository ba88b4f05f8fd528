import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import '../src/widgets/idea/idea.js';
import { ENDPOINT } from './support/endpoint.js';
import { formArgTypes, type FormArgs, formStories, recordPosts, theOnePosted, untilState, widgetIn } from './support/form-stories.js';

interface IdeaArgs extends FormArgs {
  label?: string;
  categories?: string;
}

const TITLE = 'Votre idée en quelques mots (obligatoire)';
const DESCRIPTION = 'Décrivez-la (obligatoire)';
const THEME = 'Quel thème\u202f?';

const posted = recordPosts();

type Shadow = ReturnType<typeof within>;

/** Writes the idea, its description and, if given, its place. */
async function describeIdea(shadow: Shadow, idea: { title?: string; description?: string; place?: string }) {
  if (idea.title) await userEvent.type(shadow.getByRole('textbox', { name: TITLE }), idea.title);
  if (idea.description) await userEvent.type(shadow.getByRole('textbox', { name: DESCRIPTION }), idea.description);
  if (idea.place) await userEvent.type(shadow.getByRole('textbox', { name: 'Où\u202f? (un lieu, un quartier)' }), idea.place);
}

const meta = {
  title: 'Widgets/voix-idea',
  component: 'voix-idea',
  tags: ['autodocs'],
  ...formStories<IdeaArgs>('voix-idea', posted),
  args: { endpoint: ENDPOINT, subject: 'parc-naturel-urbain-idees' },
  argTypes: {
    ...formArgTypes,
    subject: {
      description:
        'Ce sur quoi portent les idées (« parc-naturel-urbain-idees ») ; par défaut le chemin de la page. — What the ideas are about; default: the page path.',
    },
    label: { description: 'Titre de la boîte à idées ; par défaut « Proposer une idée ». — The card’s title.' },
    categories: {
      description:
        'Les thèmes proposés, séparés par `;`, chacun `valeur:Libellé` ; par défaut cadre de vie, déplacements, nature, solidarité, culture et sport, autre. — The themes offered, `;`-separated `value:Label` items.',
    },
  },
  parameters: {
    msw: { handlers: [posted.handler] },
    docs: {
      description: {
        component:
          'Une boîte à idées : l’idée en quelques mots, sa description, un thème, un lieu ou un quartier, et une adresse électronique facultative pour savoir ce que devient l’idée. L’adresse part à part des réponses (`personal`), jamais publiée ; les textes libres sont nettoyés des données personnelles. Envoie `voix.idea`. Les histoires suivent le parc naturel urbain de Strasbourg. — An idea box; the optional e-mail is sent apart, as personal data.',
      },
    },
  },
} satisfies Meta<IdeaArgs>;

export default meta;
type Story = StoryObj<IdeaArgs>;

/**
 * La boîte à idées. Une fois envoyée, l’adresse électronique part sous `personal`, à part des
 * réponses ; celle glissée dans la description en est retirée. — Once sent, the address goes under `personal`.
 */
export const Default: Story = {
  name: 'Proposer une idée',
};

/** Test: « Proposer une idée », clicked through (out of the sidebar and the docs). */
export const DefaultClickThrough: Story = {
  ...Default,
  name: 'Proposer une idée : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement, 'voix-idea');
    await expect(await shadow.findByRole('group', { name: 'Proposer une idée' })).toBeVisible();
    await describeIdea(shadow, {
      title: 'Un verger partagé',
      description: 'Des arbres fruitiers le long du chemin des Prés. Écrivez-moi : lea@example.fr',
      place: 'Les Prés de l’Ill',
    });
    await userEvent.click(within(shadow.getByRole('group', { name: THEME })).getByRole('radio', { name: 'Nature' }));
    await userEvent.type(shadow.getByRole('textbox', { name: 'Votre adresse électronique (facultatif)' }), 'lea.martin@example.fr');
    await userEvent.click(shadow.getByRole('button', { name: 'Envoyer' }));
    await untilState(widget, 'sent');
    const envelope = await theOnePosted(posted);
    await expect(envelope).toMatchObject({ type: 'voix.idea', subject: 'parc-naturel-urbain-idees' });
    await expect(envelope.data.answers).toEqual({
      title: 'Un verger partagé',
      description: 'Des arbres fruitiers le long du chemin des Prés. Écrivez-moi : [e-mail retiré]',
      category: 'nature',
      place: 'Les Prés de l’Ill',
      personal: { email: 'lea.martin@example.fr' },
    });
  },
};

/** Le titre et les thèmes de la collectivité : ici, les projets du parc. — The collectivité’s own title and themes. */
export const OwnThemes: Story = {
  name: 'Titre et thèmes propres',
  args: {
    label: 'Une idée pour le parc',
    categories: 'jardins:Jardins partagés;berges:Berges et rivière;jeux:Jeux et sport;autre:Autre idée',
  },
};

/** Test: « Titre et thèmes propres », clicked through (out of the sidebar and the docs). */
export const OwnThemesClickThrough: Story = {
  ...OwnThemes,
  name: 'Titre et thèmes propres : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement, 'voix-idea');
    await expect(await shadow.findByRole('group', { name: 'Une idée pour le parc' })).toBeVisible();
    const themes = within(shadow.getByRole('group', { name: THEME })).getAllByRole('radio') as HTMLInputElement[];
    await expect(themes.map((radio) => radio.value)).toEqual(['jardins', 'berges', 'jeux', 'autre']);
    await describeIdea(shadow, { title: 'Des nichoirs', description: 'Des nichoirs à mésanges dans les saules.' });
    await userEvent.click(within(shadow.getByRole('group', { name: THEME })).getByRole('radio', { name: 'Berges et rivière' }));
    await userEvent.click(shadow.getByRole('button', { name: 'Envoyer' }));
    await untilState(widget, 'sent');
    // Without an address, nothing personal is sent.
    await expect((await theOnePosted(posted)).data.answers).toEqual({
      title: 'Des nichoirs',
      description: 'Des nichoirs à mésanges dans les saules.',
      category: 'berges',
    });
  },
};

/**
 * Les champs obligatoires : envoyer sans rien dire signale l’idée, puis sans description la
 * description ; chaque erreur est liée à son champ, le focus y va, et rien n’est envoyé. Une adresse
 * mal formée est signalée de même. — Required fields and a malformed address: told, focused, nothing sent.
 */
export const RequiredErrors: Story = {
  name: 'Champs obligatoires',
};

/** Test: « Champs obligatoires », clicked through (out of the sidebar and the docs). */
export const RequiredErrorsClickThrough: Story = {
  ...RequiredErrors,
  name: 'Champs obligatoires : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement, 'voix-idea');
    const send = () => userEvent.click(shadow.getByRole('button', { name: 'Envoyer' }));
    const title = await shadow.findByRole('textbox', { name: TITLE });
    await send();
    await waitFor(() => expect(title).toHaveAttribute('aria-invalid', 'true'));
    await expect(title).toHaveAccessibleDescription(/Veuillez répondre à cette question\./);
    await expect(widget.shadowRoot!.activeElement).toBe(title);

    await describeIdea(shadow, { title: 'Des bancs' });
    await send();
    const description = shadow.getByRole('textbox', { name: DESCRIPTION });
    await waitFor(() => expect(description).toHaveAttribute('aria-invalid', 'true'));
    await expect(widget.shadowRoot!.activeElement).toBe(description);

    await describeIdea(shadow, { description: 'Plus de bancs à l’ombre.' });
    const email = shadow.getByRole('textbox', { name: 'Votre adresse électronique (facultatif)' });
    await userEvent.type(email, 'lea.martin@');
    await send();
    await waitFor(() => expect(email).toHaveAccessibleDescription(/Adresse à corriger, par exemple nom@exemple\.fr\./));
    await expect(widget.shadowRoot!.activeElement).toBe(email);
    await expect(posted.received).toEqual([]);
  },
};
