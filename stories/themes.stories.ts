import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import '../src/widgets/petition/petition.js';
import '../src/widgets/poll/poll.js';
import { ENDPOINT } from './support/endpoint.js';

/**
 * Les thèmes de `docs/theming.md`, côte à côte avec ce qu’ils imitent. Le thème se choisit aussi
 * dans la barre d’outils (« Thème ») pour toutes les histoires. — The themes of docs/theming.md,
 * beside what they imitate; the toolbar's « Thème » applies one to every story.
 */
const meta: Meta = {
  title: 'Thèmes',
  parameters: { layout: 'padded' },
};
export default meta;

type Story = StoryObj;

/** A widget's main button, once it is drawn (a petition waits for the collector's terms first). */
const mainButton = (widget: Element) =>
  waitFor(() => {
    const button = widget.shadowRoot?.querySelector('button.primary');
    if (!button) throw new Error(`${widget.localName} not drawn yet`);
    return button;
  });

/** A petition and a poll, as a page of a State service would place them. */
const voixWidgets = html`<voix-petition
    endpoint=${ENDPOINT}
    subject="theme-petition"
    heading="Rouvrir l’accueil le samedi matin"
    fields="name;email"
  ></voix-petition>
  <voix-poll endpoint=${ENDPOINT} subject="theme-sondage" question="Quel créneau vous conviendrait\u202f?"
    ><option value="samedi">Le samedi matin</option><option value="soir">Un soir par semaine</option></voix-poll
  >`;

/**
 * DSFR : à gauche des composants du DSFR (le vrai, du paquet @gouvfr/dsfr), à droite les widgets
 * Voix avec `voix-dsfr.css`. Pour les sites de l’État seulement. — Real DSFR components on the
 * left, Voix with voix-dsfr.css on the right (State sites only).
 */
export const DsfrBesideDsfr: Story = {
  name: 'DSFR, à côté de composants du DSFR',
  globals: { theme: 'dsfr' },
  render: () => html`<div style="display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 2rem">
    <form class="fr-card fr-p-3w" aria-label="Composants du DSFR">
      <h2 class="fr-h5">Composants du DSFR</h2>
      <div class="fr-input-group">
        <label class="fr-label" for="dsfr-nom">Nom et prénom</label>
        <input class="fr-input" id="dsfr-nom" type="text" autocomplete="name" />
      </div>
      <fieldset class="fr-fieldset">
        <legend class="fr-fieldset__legend">Quel créneau vous conviendrait ?</legend>
        <div class="fr-fieldset__element">
          <div class="fr-radio-group">
            <input type="radio" id="dsfr-samedi" name="dsfr-creneau" />
            <label class="fr-label" for="dsfr-samedi">Le samedi matin</label>
          </div>
        </div>
        <div class="fr-fieldset__element">
          <div class="fr-radio-group">
            <input type="radio" id="dsfr-soir" name="dsfr-creneau" />
            <label class="fr-label" for="dsfr-soir">Un soir par semaine</label>
          </div>
        </div>
      </fieldset>
      <button class="fr-btn" type="button">Envoyer</button>
    </form>
    <div>${voixWidgets}</div>
  </div>`,
  play: async ({ canvasElement }) => {
    const petition = canvasElement.querySelector('voix-petition')!;
    // The theme's look reaches the widget's insides, once drawn (after the collector's terms): square corners and blue France.
    const button = await mainButton(petition);
    await expect(getComputedStyle(button).borderRadius).toBe('0px');
    await expect(getComputedStyle(button).backgroundColor).toBe('rgb(0, 0, 145)');
  },
};

/** Une commune fictive, la Ville de Bellerive, et sa charte (docs/themes/bellerive.css). — A commune's charter. */
export const CommuneCharter: Story = {
  name: 'Charte d’une commune (Ville de Bellerive)',
  globals: { theme: 'bellerive' },
  render: () => html`<div style="max-width: 36rem">${voixWidgets}</div>`,
  play: async ({ canvasElement }) => {
    const poll = canvasElement.querySelector('voix-poll')!;
    const button = await mainButton(poll);
    await expect(getComputedStyle(button).backgroundColor).toBe('rgb(31, 106, 72)');
  },
};
