import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import '../src/widgets/report/report.js';
import { ENDPOINT } from './support/endpoint.js';
import { formArgTypes, type FormArgs, formStories, recordPosts, theOnePosted, untilState, widgetIn } from './support/form-stories.js';

interface ReportArgs extends FormArgs {
  label?: string;
  categories?: string;
}

const CATEGORY = 'De quoi s’agit-il\u202f? (obligatoire)';
const WHAT = 'Que s’est-il passé\u202f? (obligatoire)';

const posted = recordPosts();

type Shadow = ReturnType<typeof within>;
const choose = (shadow: Shadow, question: string, option: string) =>
  userEvent.click(within(shadow.getByRole('group', { name: question })).getByRole('radio', { name: option }));

const meta = {
  title: 'Widgets/voix-report',
  component: 'voix-report',
  tags: ['autodocs'],
  ...formStories<ReportArgs>('voix-report', posted),
  args: { endpoint: ENDPOINT, subject: 'france-services/irritants' },
  argTypes: {
    ...formArgTypes,
    subject: {
      description:
        'Le service ou le lieu concerné ; par défaut le chemin de la page. — What the reports are about; default: the page path.',
    },
    label: { description: 'Titre de la carte ; par défaut « Signaler une difficulté ». — The card’s title.' },
    categories: {
      description:
        'Les catégories proposées, séparées par `;`, chacune `valeur:Libellé` ; par défaut accueil, délais, démarche en ligne, horaires, information, accès, autre. — The categories offered, `;`-separated `value:Label` items.',
    },
  },
  parameters: {
    msw: { handlers: [posted.handler] },
    docs: {
      description: {
        component:
          'Signaler un irritant : de quoi il s’agit (une catégorie), où, ce qui s’est passé (obligatoire) et à quelle fréquence. Le texte libre est nettoyé des données personnelles. Envoie `voix.report`. Les histoires suivent la démarche « Carte blanche » du bassin de Cahors, qui a listé les irritants des usagers. — Report an irritant: category, where, what happened, how often.',
      },
    },
  },
} satisfies Meta<ReportArgs>;

export default meta;
type Story = StoryObj<ReportArgs>;

/** Les catégories par défaut ; une fois envoyé, un numéro de téléphone glissé dans le récit en est retiré. — The default categories; a phone number in the story is removed. */
export const Default: Story = {
  name: 'Signaler une difficulté',
};

/** Test: « Signaler une difficulté », clicked through (out of the sidebar and the docs). */
export const DefaultClickThrough: Story = {
  ...Default,
  name: 'Signaler une difficulté : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement, 'voix-report');
    await expect(await shadow.findByRole('group', { name: 'Signaler une difficulté' })).toBeVisible();
    const categories = within(shadow.getByRole('group', { name: CATEGORY })).getAllByRole('radio') as HTMLInputElement[];
    await expect(categories.map((radio) => radio.value)).toEqual([
      'accueil',
      'delais',
      'demarche-en-ligne',
      'horaires',
      'information',
      'acces',
      'autre',
    ]);
    await choose(shadow, CATEGORY, 'Les horaires');
    await userEvent.type(shadow.getByRole('textbox', { name: 'Où\u202f? (un service, un lieu, une page)' }), 'Mairie de Catus');
    await userEvent.type(
      shadow.getByRole('textbox', { name: WHAT }),
      'Fermé le samedi, je travaille en semaine. Mon numéro : 06 12 34 56 78.',
    );
    await choose(shadow, 'Est-ce arrivé souvent\u202f?', 'Souvent');
    await userEvent.click(shadow.getByRole('button', { name: 'Envoyer' }));
    await untilState(widget, 'sent');
    const envelope = await theOnePosted(posted);
    await expect(envelope.type).toBe('voix.report');
    await expect(envelope.data.answers).toEqual({
      category: 'horaires',
      where: 'Mairie de Catus',
      what: 'Fermé le samedi, je travaille en semaine. Mon numéro : [téléphone retiré].',
      often: 'souvent',
    });
  },
};

/** Les catégories et le titre de la collectivité : le bus France Services. — The collectivité’s own categories and title. */
export const OwnCategories: Story = {
  name: 'Catégories propres (bus France Services)',
  args: {
    label: 'Le bus France Services',
    categories: 'arret:L’arrêt du bus;horaires:Les horaires de passage;attente:L’attente;autre:Autre chose',
  },
};

/** Test: « Catégories propres (bus France Services) », clicked through (out of the sidebar and the docs). */
export const OwnCategoriesClickThrough: Story = {
  ...OwnCategories,
  name: 'Catégories propres (bus France Services) : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement, 'voix-report');
    await expect(await shadow.findByRole('group', { name: 'Le bus France Services' })).toBeVisible();
    await choose(shadow, CATEGORY, 'L’attente');
    await userEvent.type(shadow.getByRole('textbox', { name: WHAT }), 'Une heure debout sous la pluie.');
    await userEvent.click(shadow.getByRole('button', { name: 'Envoyer' }));
    await untilState(widget, 'sent');
    await expect((await theOnePosted(posted)).data.answers).toEqual({ category: 'attente', what: 'Une heure debout sous la pluie.' });
  },
};

/**
 * La catégorie et le récit sont obligatoires : envoyer sans rien les signale tous les deux, met le
 * focus sur la catégorie et les résume en tête (« 2 questions demandent une réponse. », une alerte),
 * chacune un bouton qui y mène. Rien n’est envoyé. — Required category and story: both marked at
 * once, focus on the first, and a summary whose buttons lead to each.
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
    const { widget, shadow } = widgetIn(canvasElement, 'voix-report');
    const send = () => userEvent.click(shadow.getByRole('button', { name: 'Envoyer' }));
    await shadow.findByRole('group', { name: CATEGORY });
    await send();
    await waitFor(() =>
      expect(shadow.getByRole('group', { name: CATEGORY })).toHaveAccessibleDescription(/Veuillez répondre à cette question\./),
    );
    const what = shadow.getByRole('textbox', { name: WHAT });
    await expect(what).toHaveAttribute('aria-invalid', 'true');
    await expect(what).toHaveAccessibleDescription(/Veuillez répondre à cette question\./);
    await expect(widget.shadowRoot!.activeElement).toBe(shadow.getByRole('radio', { name: 'L’accueil' }));
    await expect(shadow.getByText('2 questions demandent une réponse.').closest('[role=alert]')).not.toBeNull();
    await userEvent.click(shadow.getByRole('button', { name: 'Que s’est-il passé\u202f?' }));
    await expect(widget.shadowRoot!.activeElement).toBe(what);
    await choose(shadow, CATEGORY, 'L’accueil');
    await send();
    await waitFor(() => expect(shadow.getByText('Une question demande une réponse.')).toBeVisible());
    await expect(widget.shadowRoot!.activeElement).toBe(what);
    await expect(posted.received).toEqual([]);
  },
};
