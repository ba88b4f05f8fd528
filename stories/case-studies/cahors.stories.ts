import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { http, HttpResponse } from 'msw';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { pending } from '../../src/core/outbox.js';
import '../../src/widgets/rating/rating.js';
import '../../src/widgets/report/report.js';
import { ENDPOINT } from '../support/endpoint.js';
import { recordPosts, untilState } from '../support/form-stories.js';
import { caseStudy, copyTheCode, recipe, shadowOf } from '../support/recipe.js';

/** The irritants the group interviews and immersions listed, as the report's categories. */
const IRRITANTS =
  'accueil:L’accueil;delais:Les délais;demarche-en-ligne:Une démarche en ligne;horaires:Les horaires;information:L’information;acces:L’accès aux services;autre:Autre chose';

const IRRITANTS_PAGE = `<!-- Sur le site de l’agglomération, page « Vos démarches » -->
<voix-report subject="bassin-de-cahors/irritants" placement="vos-demarches"
  label="Qu’est-ce qui vous complique la vie\u202f?" categories="${IRRITANTS}"></voix-report>`;

const VAN_TABLET = `<!-- Sur la tablette du bus France Services, en borne : la carte se vide 20 s après chaque réponse -->
<voix-rating subject="bus-france-services" placement="bus-tablette"
  label="Votre passage au bus France Services" kiosk="20"></voix-rating>
<voix-report subject="bus-france-services" placement="bus-tablette"
  label="Une difficulté à nous signaler\u202f?" kiosk="20" categories="${IRRITANTS}"></voix-report>`;

const CATEGORY = 'De quoi s’agit-il\u202f? (obligatoire)';
const WHAT = 'Que s’est-il passé\u202f? (obligatoire)';

const posted = recordPosts();
/** Whether the van has network: between two villages, it has none. */
let vanOnline = true;

type Shadow = ReturnType<typeof within>;
const choose = (shadow: Shadow, question: string | RegExp, option: string) =>
  userEvent.click(within(shadow.getByRole('group', { name: question })).getByRole('radio', { name: option }));

/** Tells an irritant: its category and what happened, then Envoyer; resolves once the widget reaches `state`. */
async function report(widget: HTMLElement, category: string, what: string, state: string) {
  const shadow = shadowOf(widget);
  await choose(shadow, CATEGORY, category);
  await userEvent.type(shadow.getByRole('textbox', { name: WHAT }), what);
  await userEvent.click(shadow.getByRole('button', { name: 'Envoyer' }));
  await untilState(widget, state);
}

const meta = {
  title: 'Cas d’usage/Bassin de Cahors',
  tags: ['autodocs'],
  ...caseStudy({
    story: `Dans le bassin de Cahors (63 communes), la démarche « Carte blanche », menée depuis 2017 avec la direction interministérielle de la transformation publique, est partie de ce qui gêne les usagers : des entretiens de groupe et des immersions ont dressé la liste de leurs « irritants ». L’une des réponses : un bus de services, avec deux agents polyvalents, qui fait la tournée de 12 communes rurales.

Recette : \`<voix-report>\` avec la liste des irritants pour que chacun signale une difficulté ; dans le bus, une tablette en mode borne (\`kiosk="20"\`) avec \`<voix-rating>\` et \`<voix-report>\`, qui garde les réponses hors connexion et les envoie au retour du réseau.`,
    handlers: [http.post(ENDPOINT, (info) => (vanOnline ? posted.accept(info) : HttpResponse.error()))],
    beforeEach: () => {
      posted.forget();
      vanOnline = true;
    },
  }),
} satisfies Meta;

export default meta;
type Story = StoryObj;

/** Signaler un irritant, parmi ceux qu’a listés la démarche ; envoie `voix.report`. — Report an irritant. */
export const Irritants: Story = {
  name: 'Les irritants',
  render: () =>
    recipe({
      lead: 'Sur le site de l’agglomération, chacun peut dire ce qui lui complique la vie, dans les mots de la liste des irritants.',
      markup: IRRITANTS_PAGE,
    }),
};

/** Test: « Les irritants », clicked through (out of the sidebar and the docs). */
export const IrritantsClickThrough: Story = {
  ...Irritants,
  name: 'Les irritants : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const widget = canvasElement.querySelector('voix-report')!;
    await shadowOf(widget).findByRole('group', { name: 'Qu’est-ce qui vous complique la vie\u202f?' });
    await report(widget, 'Une démarche en ligne', 'Le site de la CAF me demande un code que je n’ai jamais reçu.', 'sent');
    await expect(posted.invalid).toEqual([]);
    await expect(
      posted.received.map(({ type, subject, data }) => ({ type, subject, placement: data.placement, answers: data.answers })),
    ).toEqual([
      {
        type: 'voix.report',
        subject: 'bassin-de-cahors/irritants',
        placement: 'vos-demarches',
        answers: { category: 'demarche-en-ligne', what: 'Le site de la CAF me demande un code que je n’ai jamais reçu.' },
      },
    ]);
    await copyTheCode(canvasElement);
  },
};

/**
 * Le bus entre deux villages, sans réseau : une visiteuse note son passage, un visiteur signale
 * une difficulté ; chaque réponse est gardée sur la tablette (« Votre avis sera envoyé dès le
 * retour de la connexion. ») et « Nouvel avis » vide la carte pour la personne suivante. Au retour
 * du réseau, les deux réponses partent, chacune une fois.
 */
export const BusFranceServices: Story = {
  name: 'Bus France Services',
  render: () =>
    recipe({
      lead: 'Dans le bus, une tablette posée sur le comptoir : on note son passage ou on signale une difficulté, même sans réseau.',
      markup: VAN_TABLET,
    }),
  beforeEach: () => {
    vanOnline = false;
  },
};

/** Test: « Bus France Services », clicked through (out of the sidebar and the docs). */
export const BusFranceServicesClickThrough: Story = {
  ...BusFranceServices,
  name: 'Bus France Services : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement, step }) => {
    const rating = canvasElement.querySelector('voix-rating')!;
    const reportCard = canvasElement.querySelector('voix-report')!;
    await step('Offline: each answer kept on the tablet, the card cleared for the next person', async () => {
      const ratingShadow = shadowOf(rating);
      await choose(ratingShadow, /^De façon générale/, 'Très bien');
      await userEvent.click(ratingShadow.getByRole('button', { name: 'Envoyer' }));
      await untilState(rating, 'queued');
      await expect(ratingShadow.getByRole('status')).toHaveTextContent('nous enverrons votre avis dès le retour de la connexion.');
      await userEvent.click(ratingShadow.getByRole('button', { name: 'Nouvel avis' }));
      await report(reportCard, 'Les horaires', 'Le bus ne passe que le mardi matin.', 'queued');
      await expect(
        pending()
          .map((item) => item.envelope.type)
          .sort(),
      ).toEqual(['voix.rating', 'voix.report']);
      await expect(posted.received).toEqual([]);
    });
    await step('The network is back: both delivered, each once, valid', async () => {
      vanOnline = true;
      window.dispatchEvent(new Event('online'));
      await waitFor(() => expect(pending()).toHaveLength(0), { timeout: 5000 });
      await expect(posted.invalid).toEqual([]);
      await expect(posted.received.map(({ type, data }) => [type, data.placement, data.answers]).sort()).toEqual([
        ['voix.rating', 'bus-tablette', { score: 3 }],
        ['voix.report', 'bus-tablette', { category: 'horaires', what: 'Le bus ne passe que le mardi matin.' }],
      ]);
    });
    await copyTheCode(canvasElement);
  },
};
