import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import '../src/core/config.js';
import { pending } from '../src/core/outbox.js';
import '../src/widgets/feedback/feedback.js';
import { answerWith, ENDPOINT, neverAnswer } from './support/endpoint.js';
import { firstStateDrawn } from './support/form-stories.js';
import { withPayload } from './support/with-payload.js';

interface FeedbackArgs {
  endpoint?: string;
  subject?: string;
  question?: string;
  reasons?: string;
  comment?: boolean;
}

/** The widget of a story and its shadow root, where play functions look and click. */
function widgetIn(canvasElement: HTMLElement) {
  const widget = canvasElement.querySelector('voix-feedback')!;
  return { widget, shadow: within(widget.shadowRoot as unknown as HTMLElement) };
}

/** Waits for the `state` attribute; the first request through Mock Service Worker can be slow. */
const untilState = (widget: HTMLElement, state: string) => waitFor(() => expect(widget).toHaveAttribute('state', state), { timeout: 5000 });

const meta = {
  title: 'Widgets/voix-feedback',
  component: 'voix-feedback',
  tags: ['autodocs'],
  // What a designer sees first: the widget as a visitor finds it (the click-throughs are tests of their own).
  play: firstStateDrawn,
  decorators: [withPayload],
  args: { endpoint: ENDPOINT, subject: '/demarches/etat-civil' },
  parameters: { msw: { handlers: [answerWith(201)] } },
  render: (args) =>
    html`<voix-feedback
      endpoint=${ifDefined(args.endpoint)}
      subject=${ifDefined(args.subject)}
      question=${ifDefined(args.question)}
      reasons=${ifDefined(args.reasons)}
      ?comment=${args.comment}
    ></voix-feedback>`,
} satisfies Meta<FeedbackArgs>;

export default meta;
type Story = StoryObj<FeedbackArgs>;

/** Au repos : la question et les boutons Oui / Non. — Idle: the question and its two buttons. */
export const Idle: Story = {
  name: 'Au repos',
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement);
    await untilState(widget, 'idle');
    await expect(shadow.getByRole('group', { name: 'Cette page vous a-t-elle été utile\u202f?' })).toBeVisible();
    await expect(shadow.getByRole('button', { name: 'Oui' })).toBeEnabled();
    await expect(shadow.getByRole('button', { name: 'Non' })).toBeEnabled();
  },
};

/**
 * Après « Non » : les raisons, un commentaire facultatif et Envoyer ; le focus va à la première raison.
 * — After "Non": reasons, an optional comment and Envoyer; focus moves to the first reason.
 */
export const Reasons: Story = {
  name: 'Les raisons (après « Non »)',
};

/** Test: « Les raisons (après « Non ») », clicked through (out of the sidebar and the docs). */
export const ReasonsClickThrough: Story = {
  ...Reasons,
  name: 'Les raisons (après « Non ») : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement);
    await userEvent.click(shadow.getByRole('button', { name: 'Non' }));
    await expect(await shadow.findByRole('group', { name: 'Qu’est-ce qui n’allait pas\u202f?' })).toBeVisible();
    const first = shadow.getByRole('checkbox', { name: 'L’information est incomplète' });
    await waitFor(() => expect(widget.shadowRoot!.activeElement).toBe(first));
    await expect(shadow.getByRole('textbox', { name: 'Votre commentaire (facultatif)' })).toBeVisible();
    await expect(shadow.getByRole('button', { name: 'Envoyer' })).toBeEnabled();
  },
};

/**
 * Après « Oui », avec l’attribut `comment` : un commentaire facultatif avant l’envoi.
 * — After "Oui", with the `comment` attribute: an optional comment before sending.
 */
export const CommentAfterYes: Story = {
  name: 'Un commentaire après « Oui »',
  args: { comment: true },
};

/** Test: « Un commentaire après « Oui » », clicked through (out of the sidebar and the docs). */
export const CommentAfterYesClickThrough: Story = {
  ...CommentAfterYes,
  name: 'Un commentaire après « Oui » : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement);
    await userEvent.click(shadow.getByRole('button', { name: 'Oui' }));
    const comment = await shadow.findByRole('textbox', { name: 'Votre commentaire (facultatif)' });
    await waitFor(() => expect(widget.shadowRoot!.activeElement).toBe(comment));
    // The thanks name the group the comment box is in: they are read as focus enters it.
    await expect(shadow.getByRole('group', { name: 'Merci\u202f! Souhaitez-vous préciser votre avis\u202f?' })).toContainElement(comment);
    await expect(shadow.queryByRole('checkbox')).toBeNull();
  },
};

/**
 * Envoi en cours : le point de collecte ne répond pas encore, les boutons sont désactivés et le
 * focus reste sur le message d’état. — Sending: the endpoint has not answered yet; the buttons are
 * disabled and focus stays on the status message.
 */
export const Sending: Story = {
  name: 'Envoi en cours (le service tarde à répondre)',
  parameters: { msw: { handlers: [neverAnswer()] } },
};

/** Test: « Envoi en cours (le service tarde à répondre) », clicked through (out of the sidebar and the docs). */
export const SendingClickThrough: Story = {
  ...Sending,
  name: 'Envoi en cours (le service tarde à répondre) : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement);
    await userEvent.click(shadow.getByRole('button', { name: 'Oui' }));
    await untilState(widget, 'sending');
    await expect(shadow.getByRole('status')).toHaveTextContent('Envoi en cours…');
    await expect(shadow.getByRole('button', { name: 'Oui' })).toBeDisabled();
    await expect(widget.shadowRoot!.activeElement).toBe(shadow.getByRole('status'));
  },
};

/**
 * Envoyé : le point de collecte a répondu 201 ; les remerciements remplacent le formulaire.
 * Le commentaire part sans l’adresse e-mail, effacée avant l’envoi.
 * — Sent: the endpoint answered 201; thanks replace the form. The e-mail address is scrubbed.
 */
export const Sent: Story = {
  name: 'Envoyé',
};

/** Test: « Envoyé », clicked through (out of the sidebar and the docs). */
export const SentClickThrough: Story = {
  ...Sent,
  name: 'Envoyé : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement);
    await userEvent.click(shadow.getByRole('button', { name: 'Non' }));
    await userEvent.click(await shadow.findByRole('checkbox', { name: 'L’information n’est pas à jour' }));
    await userEvent.type(
      shadow.getByRole('textbox', { name: 'Votre commentaire (facultatif)' }),
      'Les horaires de la mairie annexe ont changé. Écrivez-moi : jeanne@example.fr',
    );
    await userEvent.click(shadow.getByRole('button', { name: 'Envoyer' }));
    await untilState(widget, 'sent');
    await expect(shadow.getByRole('status')).toHaveTextContent(/Merci pour votre avis/);
    const payload = canvasElement.querySelector('pre')!;
    await expect(payload).toHaveTextContent('"reasons": [ "outdated" ]');
    await expect(payload).toHaveTextContent('[e-mail retiré]');
  },
};

/**
 * Gardé pour plus tard : le point de collecte répond 503 ; l’avis reste dans le navigateur et
 * repartira plus tard. Le message ne parle pas de connexion perdue : c’est le service qui ne répond
 * pas. — Queued: the endpoint answers 503; the answer is kept and sent later, and the message says
 * the service is not answering (hors ligne, it would speak of the connection).
 */
export const Queued: Story = {
  name: 'Gardé pour plus tard (le service ne répond pas)',
  parameters: { msw: { handlers: [answerWith(503)] } },
};

/** Test: « Gardé pour plus tard (le service ne répond pas) », clicked through (out of the sidebar and the docs). */
export const QueuedClickThrough: Story = {
  ...Queued,
  name: 'Gardé pour plus tard (le service ne répond pas) : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement);
    await userEvent.click(shadow.getByRole('button', { name: 'Oui' }));
    await untilState(widget, 'queued');
    await expect(shadow.getByRole('status')).toHaveTextContent(
      'Le service ne répond pas pour le moment : nous réessaierons d’envoyer votre avis',
    );
    await expect(pending().map((item) => item.envelope.data.answers)).toContainEqual({ useful: true });
  },
};

/**
 * Erreur : le point de collecte refuse l’avis (400). Le message le dit simplement (sans « erreur
 * 400 ») et reçoit le focus ; Oui et Non restent utilisables, et le bouton Recommencer suit le
 * message. — Error: the endpoint refuses the answer (400): said in plain words, the buttons usable
 * again, Recommencer after the alert.
 */
export const ErrorState: Story = {
  name: 'Erreur (l’avis est refusé)',
  parameters: { msw: { handlers: [answerWith(400)] } },
};

/** Test: « Erreur (l’avis est refusé) », clicked through (out of the sidebar and the docs). */
export const ErrorStateClickThrough: Story = {
  ...ErrorState,
  name: 'Erreur (l’avis est refusé) : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement);
    await userEvent.click(shadow.getByRole('button', { name: 'Oui' }));
    await untilState(widget, 'error');
    const alert = shadow.getByRole('alert');
    await expect(alert).toHaveTextContent(
      /^Nous n’avons pas pu enregistrer votre avis\. Le problème ne vient pas de vous\s: vous pouvez recommencer, ou revenir plus tard\.$/,
    );
    await waitFor(() => expect(widget.shadowRoot!.activeElement).toBe(alert));
    await expect(shadow.getByRole('button', { name: 'Oui' })).toBeEnabled();
    // Outside the alert, so that it is not read as part of the message.
    await expect(shadow.getByRole('button', { name: 'Recommencer' })).toBeEnabled();
    await expect(within(alert).queryByRole('button')).toBeNull();
  },
};

/**
 * Dans `<voix-config>` : le point de collecte et la langue (ici l’anglais) viennent de la
 * configuration partagée. — Inside `<voix-config>`: endpoint and language come from the shared config.
 */
export const InsideConfig: Story = {
  name: 'Dans <voix-config>, en anglais',
  args: { endpoint: undefined },
  render: (args) =>
    html`<voix-config endpoint=${ENDPOINT} lang="en">
      <voix-feedback subject=${ifDefined(args.subject)}></voix-feedback>
    </voix-config>`,
};

/** Test: « Dans <voix-config>, en anglais », clicked through (out of the sidebar and the docs). */
export const InsideConfigClickThrough: Story = {
  ...InsideConfig,
  name: 'Dans <voix-config>, en anglais : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement);
    await expect(await shadow.findByRole('group', { name: 'Was this page helpful?' })).toBeVisible();
    await userEvent.click(shadow.getByRole('button', { name: 'Yes' }));
    await untilState(widget, 'sent');
    await expect(shadow.getByRole('status')).toHaveTextContent('Thank you for your feedback!');
    await expect(canvasElement.querySelector('pre')).toHaveTextContent('"locale": "en"');
  },
};

/**
 * En arabe (`lang="ar"`) : écrit de droite à gauche, la carte porte `dir="rtl"` et se met en
 * miroir. — In Arabic: right to left, the card gets `dir="rtl"` and mirrors.
 */
export const Arabic: Story = {
  name: 'En arabe, de droite à gauche',
  args: { endpoint: undefined },
  render: (args) =>
    html`<voix-config endpoint=${ENDPOINT} lang="ar">
      <voix-feedback subject=${ifDefined(args.subject)}></voix-feedback>
    </voix-config>`,
};

/** Test: « En arabe, de droite à gauche », clicked through (out of the sidebar and the docs). */
export const ArabicClickThrough: Story = {
  ...Arabic,
  name: 'En arabe, de droite à gauche : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement);
    await expect(await shadow.findByRole('group', { name: 'هل كانت هذه الصفحة مفيدة لك؟' })).toBeVisible();
    await expect(widget.shadowRoot!.querySelector('[part=base]')).toHaveAttribute('dir', 'rtl');
    await userEvent.click(shadow.getByRole('button', { name: 'نعم' }));
    await untilState(widget, 'sent');
    await expect(shadow.getByRole('status')).toHaveTextContent('شكرًا على رأيك!');
    await expect(canvasElement.querySelector('pre')).toHaveTextContent('"locale": "ar"');
  },
};

/**
 * Raisons propres au site : `valeur:Libellé` séparés par `;`, la valeur seule est envoyée.
 * — Custom reasons: `value:Label` items separated by `;`; only the value is sent.
 */
export const CustomReasons: Story = {
  name: 'Raisons propres au site',
  args: {
    question: 'Avez-vous trouvé les horaires de la piscine ?',
    reasons: 'closed:La piscine était fermée à l’heure indiquée;missing:Il manque les horaires des vacances;other:Autre chose',
  },
};

/** Test: « Raisons propres au site », clicked through (out of the sidebar and the docs). */
export const CustomReasonsClickThrough: Story = {
  ...CustomReasons,
  name: 'Raisons propres au site : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement);
    await expect(shadow.getByRole('group', { name: 'Avez-vous trouvé les horaires de la piscine ?' })).toBeVisible();
    await userEvent.click(shadow.getByRole('button', { name: 'Non' }));
    await userEvent.click(await shadow.findByRole('checkbox', { name: 'Il manque les horaires des vacances' }));
    await expect(shadow.getAllByRole('checkbox')).toHaveLength(3);
    await userEvent.click(shadow.getByRole('button', { name: 'Envoyer' }));
    await untilState(widget, 'sent');
    await expect(canvasElement.querySelector('pre')).toHaveTextContent('"reasons": [ "missing" ]');
  },
};

/**
 * Sans point de collecte : le widget montre son contenu de repli (ici un lien vers le formulaire de
 * contact) et signale l’attribut manquant dans la console.
 * — No endpoint: the widget shows its fallback content and names the missing attribute in the console.
 */
export const Unavailable: Story = {
  name: 'Sans point de collecte',
  args: { endpoint: undefined },
  render: () => html`<voix-feedback><a href="#contact">Donnez votre avis par le formulaire de contact</a></voix-feedback>`,
  play: async ({ canvasElement }) => {
    const { widget } = widgetIn(canvasElement);
    await untilState(widget, 'unavailable');
    await expect(within(canvasElement).getByRole('link', { name: 'Donnez votre avis par le formulaire de contact' })).toBeVisible();
  },
};
