import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import '../src/widgets/feedback/feedback.js';
import '../src/widgets/launcher/launcher.js';
import '../src/widgets/rating/rating.js';
import { ENDPOINT } from './support/endpoint.js';
import { firstStateDrawn, realKeyboard, recordPosts, untilState, widgetIn } from './support/form-stories.js';
import { withPayload } from './support/with-payload.js';

interface LauncherArgs {
  label?: string;
  position?: string;
  'close-after'?: string;
  /** Which widget the dialog holds. */
  widget?: 'voix-feedback' | 'voix-rating';
}

const PROTOTYPE = 'Ce prototype vous aide-t-il\u202f?';

const posted = recordPosts();

/** The launcher's button, once its widget has said its state (no button before, so that it never flashes). */
async function launcherButton(canvasElement: HTMLElement) {
  const { widget: launcher, shadow } = widgetIn(canvasElement, 'voix-launcher');
  const button = (await shadow.findByRole(
    'button',
    { name: launcher.label ?? 'Je donne mon avis' },
    { timeout: 5000 },
  )) as HTMLButtonElement;
  return { launcher, shadow, button, dialog: launcher.shadowRoot!.querySelector('dialog')! };
}

/** The element that has focus, inside shadow roots. */
function focused(): Element | null {
  let element = document.activeElement;
  while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
  return element;
}

/**
 * Opens the dialog as a keyboard user does: focus on the button, Enter. Only a test runner presses
 * real keys (Testing Library's cannot reach into a shadow root): in the Storybook UI there is no
 * keyboard to drive, and the function answers undefined so that the story stops, to try by hand.
 */
async function openWithKeyboard(canvasElement: HTMLElement) {
  const parts = await launcherButton(canvasElement);
  const keyboard = await realKeyboard();
  if (!keyboard) return undefined;
  parts.button.focus();
  await keyboard.keyboard('{Enter}');
  await waitFor(() => expect(parts.dialog.open).toBe(true));
  await expect(
    within(parts.dialog as unknown as HTMLElement).getByRole('heading', { name: parts.button.textContent!.trim() }),
  ).toBeVisible();
  // Focus goes into the dialog, on « Fermer »; Tab leads on into the widget.
  await expect(focused()).toBe(within(parts.dialog as unknown as HTMLElement).getByRole('button', { name: 'Fermer' }));
  return { ...parts, keyboard };
}

const meta = {
  title: 'Widgets/voix-launcher',
  component: 'voix-launcher',
  tags: ['autodocs'],
  // What a designer sees first: the widget as a visitor finds it (the click-throughs are tests of their own).
  play: firstStateDrawn,
  // The page around the launcher is the story's setting, not code to paste: a decorator, which « Show code » leaves out.
  decorators: [withPayload, (story) => html`<p>Une page de la collectivité, avec son contenu.</p>${story()}`],
  beforeEach: posted.forget,
  args: { widget: 'voix-feedback' },
  argTypes: {
    label: {
      description: 'Texte du bouton et titre de la fenêtre ; par défaut « Je donne mon avis ». — The button’s text and the dialog’s title.',
    },
    position: {
      description:
        'Bouton flottant en bas à droite (par défaut) ou à gauche, ou `inline` : un bouton à sa place dans la page. Le bouton flottant change de coin plutôt que de cacher l’élément qui a le focus (WCAG 2.4.11). — Floating in a corner, or `inline` in the page.',
    },
    'close-after': {
      control: { type: 'number', min: 0, max: 3600 },
      description:
        'Secondes pendant lesquelles le remerciement reste affiché avant que la fenêtre se ferme (4 par défaut) ; `0` la laisse ouverte. — Seconds before the dialog closes after an answer.',
    },
    widget: {
      name: 'widget (slot)',
      control: 'inline-radio',
      options: ['voix-feedback', 'voix-rating'],
      description:
        'Le widget que la fenêtre contient, en élément enfant. Si son `sample` ou son `once` écarte ce visiteur, aucun bouton ne s’affiche. — The widget the dialog holds, as a child element.',
      table: { category: 'slots' },
    },
  },
  parameters: {
    msw: { handlers: [posted.handler] },
    // A floating button is fixed to its window: each story in a frame of its own, or they would pile up in one corner of the docs page.
    docs: {
      story: { inline: false, iframeHeight: 220 },
      description: {
        component:
          'Le bouton « Je donne mon avis » qui ouvre un widget dans une fenêtre modale (`<dialog>` natif), sans quitter la page : le focus entre dans la fenêtre, Échap ou « Fermer » la ferment, le focus revient au bouton ; après l’envoi, le remerciement s’affiche puis la fenêtre se ferme. — A « Je donne mon avis » button opening the widget it holds in a native modal dialog.',
      },
    },
  },
  render: (args) =>
    html`<voix-launcher label=${ifDefined(args.label)} position=${ifDefined(args.position)} close-after=${ifDefined(args['close-after'])}>
        ${
          args.widget === 'voix-rating'
            ? html`<voix-rating endpoint=${ENDPOINT} subject="intranet/prototype-conges" label="Le nouveau circuit des congés" audience="agent"></voix-rating>`
            : html`<voix-feedback endpoint=${ENDPOINT} subject="/demarches/etat-civil"></voix-feedback>`
        }
      </voix-launcher>`,
} satisfies Meta<LauncherArgs>;

export default meta;
type Story = StoryObj<LauncherArgs>;

/**
 * En bas à droite, avec `<voix-feedback>` dedans. Au clavier : le focus sur le bouton, Entrée ouvre
 * la fenêtre, Échap la ferme et le focus revient au bouton. — Bottom right; Enter opens, Escape closes, focus back.
 */
export const BottomRight: Story = {
  name: 'En bas à droite',
  play: async ({ canvasElement }) => {
    const { button } = await launcherButton(canvasElement);
    await expect(getComputedStyle(button).position).toBe('fixed');
    await expect(Math.round(innerWidth - button.getBoundingClientRect().right)).toBe(16);
    const open = await openWithKeyboard(canvasElement);
    if (!open) return;
    await open.keyboard.keyboard('{Escape}');
    await waitFor(() => expect(open.dialog.open).toBe(false));
    await expect(open.launcher.open).toBe(false);
    await expect(focused()).toBe(button);
  },
};

/**
 * En bas à gauche. Répondre « Oui » envoie l’avis ; le remerciement s’affiche, la fenêtre se ferme
 * (ici après une seconde : `close-after="1"`) et le focus revient au bouton. — Bottom left; answered, thanked, closed.
 */
export const BottomLeft: Story = {
  name: 'En bas à gauche',
  args: { position: 'bottom-left', 'close-after': '1' },
};

/** Test: « En bas à gauche », clicked through (out of the sidebar and the docs). */
export const BottomLeftClickThrough: Story = {
  ...BottomLeft,
  name: 'En bas à gauche : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const { launcher, button, dialog } = await launcherButton(canvasElement);
    await expect(Math.round(button.getBoundingClientRect().left)).toBe(16);
    await userEvent.click(button);
    await waitFor(() => expect(dialog.open).toBe(true));
    const { widget, shadow } = widgetIn(canvasElement, 'voix-feedback');
    await userEvent.click(shadow.getByRole('button', { name: 'Oui' }));
    await untilState(widget, 'sent');
    await expect(dialog.open).toBe(true);
    await expect(shadow.getByRole('status')).toHaveTextContent('Merci');
    await waitFor(() => expect(launcher.open).toBe(false), { timeout: 5000 });
    await expect(focused()).toBe(button);
    await expect(posted.received.map((envelope) => [envelope.type, envelope.data.answers])).toEqual([['voix.feedback', { useful: true }]]);
    await expect(posted.invalid).toEqual([]);
  },
};

/**
 * `position="inline"`, dans un prototype testé par les agents : « Ce prototype vous aide-t-il ? »
 * ouvre une carte `<voix-rating audience="agent">`. Au clavier : Entrée ouvre, Tab mène à la carte,
 * on note et on envoie ; la fenêtre se ferme et le focus revient au bouton. — Inline, with a rating, by keyboard.
 */
export const Inline: Story = {
  name: 'Dans la page, avec une note (inline)',
  args: { position: 'inline', label: PROTOTYPE, widget: 'voix-rating', 'close-after': '1' },
  play: async ({ canvasElement }) => {
    const { button } = await launcherButton(canvasElement);
    await expect(getComputedStyle(button).position).toBe('static');
    const open = await openWithKeyboard(canvasElement);
    if (!open) return;
    const { widget, shadow } = widgetIn(canvasElement, 'voix-rating');
    const good = shadow.getByRole('radio', { name: 'Très bien' });
    for (let presses = 0; presses < 12 && focused() !== widget.shadowRoot!.querySelector('input[type=radio]'); presses++)
      await open.keyboard.tab();
    // The smileys are one radio group: the arrow keys move from « Pas bien » to « Très bien ».
    await open.keyboard.keyboard('{ArrowRight}{ArrowRight}');
    await expect(good).toBeChecked();
    for (let presses = 0; presses < 12 && focused() !== shadow.getByRole('button', { name: 'Envoyer' }); presses++)
      await open.keyboard.tab();
    await open.keyboard.keyboard('{Enter}');
    await untilState(widget, 'sent');
    await waitFor(() => expect(open.dialog.open).toBe(false), { timeout: 5000 });
    await expect(focused()).toBe(button);
    await expect(posted.received[0]).toMatchObject({
      type: 'voix.rating',
      subject: 'intranet/prototype-conges',
      data: { audience: 'agent', answers: { score: 3 } },
    });
    await expect(posted.invalid).toEqual([]);
  },
};
