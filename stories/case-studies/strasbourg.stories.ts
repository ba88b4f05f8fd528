import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import type { PollAnswers } from '../../src/widgets/poll/poll.js';
import '../../src/widgets/idea/idea.js';
import '../../src/widgets/petition/petition.js';
import '../../src/widgets/poll/poll.js';
import { serveResults } from '../support/endpoint.js';
import { recordPosts, theOnePosted, untilState } from '../support/form-stories.js';
import { caseStudy, copyTheCode, recipe, shadowOf } from '../support/recipe.js';

const POLL_SUBJECT = 'parc-naturel-urbain-projets';
const PETITION_SUBJECT = 'parc-naturel-urbain-petition';
const ELIGIBILITY = 'Je réside, travaille ou étudie à Strasbourg.';
/** The pact gives a petition three months: from today, as the city would set it the day it opens. */
const closes = new Date(Date.now() + 91 * 86_400_000).toISOString().slice(0, 10);

const POLL = `<!-- Sur la page du parc : les projets à prioriser, et les résultats après le vote -->
<voix-poll subject="${POLL_SUBJECT}"
  question="Quel projet voulez-vous voir en premier dans le parc\u202f?" show-results="after-vote">
  <option value="jardins">Jardins partagés</option>
  <option value="pistes-cyclables">Pistes cyclables</option>
  <option value="aires-de-jeux">Aires de jeux</option>
  <option value="berges">Berges renaturées</option>
  <option value="vergers">Vergers</option>
</voix-poll>`;

const PETITION = `<!-- Les seuils du pacte de participation : 500 signatures, une rencontre ; 2 800, un débat ; trois mois -->
<voix-petition subject="${PETITION_SUBJECT}"
  heading="Pour garder les prés de l’Ill sans voitures"
  thresholds="500:Rencontre avec l’élue ou l’élu;2800:Débat en conseil municipal" closes="${closes}"
  fields="name;postcode;email" eligibility="${ELIGIBILITY}" privacy-href="/donnees-personnelles">
  <p>Nous demandons que les prés de l’Ill restent sans voitures : des chemins pour marcher et pédaler.</p>
</voix-petition>`;

const IDEAS = `<!-- La boîte à idées du parc, avec les thèmes des ateliers -->
<voix-idea subject="parc-naturel-urbain-idees" label="Une idée pour le parc"
  categories="jardins:Jardins et vergers;berges:Berges de l’Ill;chemins:Chemins et pistes;chantiers:Chantiers bénévoles;autre:Autre idée"></voix-idea>`;

/** Before the stories: 9 votes on the park's projects, 412 signatures. */
const VOTES_BEFORE: Record<string, number> = { jardins: 2, 'pistes-cyclables': 5, 'aires-de-jeux': 2 };
const SIGNATURES_BEFORE = 412;

const posted = recordPosts();

/** The park's collector: the figures before, plus every vote and signature the endpoint received in the story. */
const collector = serveResults((subject) => {
  const answers = posted.received.filter((envelope) => envelope.subject === subject);
  const updated = answers.at(-1)?.time ?? '2026-11-26T10:00:00.000Z';
  if (subject === PETITION_SUBJECT) return { subject, total: SIGNATURES_BEFORE + answers.length, counts: {}, updated };
  const counts = { ...(subject === POLL_SUBJECT ? VOTES_BEFORE : {}) };
  for (const choice of answers.flatMap((envelope) => (envelope.data.answers as PollAnswers).choices))
    counts[choice] = (counts[choice] ?? 0) + 1;
  return { subject, total: Object.values(counts).reduce((sum, count) => sum + count, 0), counts, updated };
});

/** A text as Testing Library's matchers read it: every space, no-break or not, as one plain space. */
const spoken = (element: Element | null) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

const meta = {
  title: 'Cas d’usage/Strasbourg',
  tags: ['autodocs'],
  ...caseStudy({
    story: `À Strasbourg, habitants et associations ont co-construit le parc naturel urbain Ill-Bruche : ateliers, charte, journées de chantiers bénévoles. Le pacte pour la démocratie locale de la ville fixe les seuils d’une pétition : 500 signatures pour une rencontre avec l’élue ou l’élu, 2 800 pour un débat en conseil municipal, en trois mois. Une leçon : sur 22 pétitions en ligne, 2 seulement ont atteint le seuil, souvent faute d’être vues là où les gens lisent déjà.

Recette : sur la page même du parc, \`<voix-poll>\` pour prioriser les projets, avec les résultats en barres après le vote ; \`<voix-petition>\` avec ses deux seuils et sa date de clôture ; \`<voix-idea>\` pour les idées du parc.`,
    handlers: [posted.handler, collector.handler],
    beforeEach: () => {
      posted.forget();
      collector.forget();
    },
  }),
} satisfies Meta;

export default meta;
type Story = StoryObj;

/** Voter pour un projet, puis voir les résultats, ce vote compris, en barres qu’un lecteur d’écran lit. Sends `voix.poll.vote`. */
export const VoteSurLesProjets: Story = {
  name: 'Vote sur les projets',
  render: () => recipe({ lead: 'Quel projet d’abord ? Chacun vote, puis voit où en sont les votes.', markup: POLL }),
};

/** Test: « Vote sur les projets », clicked through (out of the sidebar and the docs). */
export const VoteSurLesProjetsClickThrough: Story = {
  ...VoteSurLesProjets,
  name: 'Vote sur les projets : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const poll = canvasElement.querySelector('voix-poll')!;
    const shadow = shadowOf(poll);
    await userEvent.click(await shadow.findByLabelText('Jardins partagés'));
    await userEvent.click(shadow.getByRole('button', { name: 'Voter' }));
    await untilState(poll, 'sent');
    await expect((await theOnePosted(posted)).data.answers).toEqual({ choices: ['jardins'] });
    const chart = await shadow.findByRole('figure', {}, { timeout: 5000 });
    await waitFor(
      () =>
        expect(within(chart).getAllByRole('listitem').map(spoken)).toEqual([
          'Jardins partagés : 3 votes, 30 %',
          'Pistes cyclables : 5 votes, 50 %',
          'Aires de jeux : 2 votes, 20 %',
          'Berges renaturées : 0 vote, 0 %',
          'Vergers : 0 vote, 0 %',
        ]),
      { timeout: 5000 },
    );
    await copyTheCode(canvasElement);
  },
};

/**
 * La pétition du parc : 412 signatures, la progression vers 500, les deux seuils et les jours
 * restants. On signe : le compte passe à 413. Sends `voix.petition.signature` with the terms.
 */
export const Petition: Story = {
  name: 'Pétition et seuils',
  render: () => recipe({ lead: 'La pétition est là où on lit le projet, avec ce que déclenche chaque seuil.', markup: PETITION }),
};

/** Test: « Pétition et seuils », clicked through (out of the sidebar and the docs). */
export const PetitionClickThrough: Story = {
  ...Petition,
  name: 'Pétition et seuils : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const petition = canvasElement.querySelector('voix-petition')!;
    const shadow = shadowOf(petition);
    const count = async () => spoken(await shadow.findByText(/ signatures?$/, { selector: 'strong' }, { timeout: 5000 }));
    await waitFor(async () => expect(await count()).toBe('412 signatures'), { timeout: 5000 });
    await expect(shadow.getByText('Encore 88 signatures pour atteindre 500 : Rencontre avec l’élue ou l’élu.')).toBeVisible();
    await expect(
      within(shadow.getByRole('list', { name: 'Les seuils et ce qu’ils déclenchent' }))
        .getAllByRole('listitem')
        .map(spoken),
    ).toEqual(['500 signatures : Rencontre avec l’élue ou l’élu', '2 800 signatures : Débat en conseil municipal']);
    const signer = { name: 'Marie Dupont', postcode: '67000', email: 'marie.dupont@example.fr' };
    await userEvent.type(shadow.getByLabelText('Nom et prénom'), signer.name);
    await userEvent.type(shadow.getByLabelText('Code postal'), signer.postcode);
    await userEvent.type(shadow.getByLabelText('Adresse électronique'), signer.email);
    await userEvent.click(shadow.getByRole('checkbox', { name: ELIGIBILITY }));
    await userEvent.click(shadow.getByRole('button', { name: 'Signer' }));
    await untilState(petition, 'sent');
    await expect(await theOnePosted(posted)).toMatchObject({
      type: 'voix.petition.signature',
      subject: PETITION_SUBJECT,
      data: {
        answers: { eligible: true, personal: signer },
        petition: { thresholds: [{ count: 500 }, { count: 2800 }], closes },
      },
    });
    await waitFor(async () => expect(await count()).toBe('413 signatures'), { timeout: 5000 });
    await copyTheCode(canvasElement);
  },
};

/** Une idée pour le parc, dans les thèmes des ateliers. Sends `voix.idea`. */
export const Idees: Story = {
  name: 'Idées pour le parc',
  render: () => recipe({ lead: 'Et pour ce que personne n’a encore proposé, une boîte à idées.', markup: IDEAS }),
};

/** Test: « Idées pour le parc », clicked through (out of the sidebar and the docs). */
export const IdeesClickThrough: Story = {
  ...Idees,
  name: 'Idées pour le parc : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const idea = canvasElement.querySelector('voix-idea')!;
    const shadow = shadowOf(idea);
    await userEvent.type(
      await shadow.findByRole('textbox', { name: 'Votre idée en quelques mots (obligatoire)' }),
      'Un chantier de plantation de saules',
    );
    await userEvent.type(
      shadow.getByRole('textbox', { name: 'Décrivez-la (obligatoire)' }),
      'Un samedi par mois, avec les écoles du quartier.',
    );
    await userEvent.click(
      within(shadow.getByRole('group', { name: 'Quel thème\u202f?' })).getByRole('radio', { name: 'Chantiers bénévoles' }),
    );
    await userEvent.click(shadow.getByRole('button', { name: 'Envoyer' }));
    await untilState(idea, 'sent');
    await expect(await theOnePosted(posted)).toMatchObject({
      type: 'voix.idea',
      subject: 'parc-naturel-urbain-idees',
      data: {
        answers: {
          title: 'Un chantier de plantation de saules',
          description: 'Un samedi par mois, avec les écoles du quartier.',
          category: 'chantiers',
        },
      },
    });
    await copyTheCode(canvasElement);
  },
};
