import { http, HttpResponse, type JsonBodyType } from 'msw';
import { expect, waitFor, within } from 'storybook/test';
import type { VoixEnvelope } from '../../src/core/envelope.js';
import { ENDPOINT } from './endpoint.js';
import { checkEnvelope } from './valid-envelope.js';
import { withPayload } from './with-payload.js';

/** A widget of a story and its shadow root, where play functions look, click and press keys. */
export function widgetIn<Tag extends keyof HTMLElementTagNameMap & `voix-${string}`>(canvasElement: HTMLElement, tag: Tag) {
  const widget = canvasElement.querySelector(tag)!;
  return { widget, shadow: within(widget.shadowRoot as unknown as HTMLElement) };
}

/** Waits for the `state` attribute; the first request through Mock Service Worker can be slow. */
export const untilState = (widget: HTMLElement, state: string) =>
  waitFor(() => expect(widget).toHaveAttribute('state', state), { timeout: 5000 });

/**
 * The play of a story as a designer opens it: nothing clicked, it waits until every widget in the
 * story has drawn its first state (or hidden itself), so that axe checks what a visitor first sees.
 * The click-throughs are stories of their own, tests out of the sidebar and the docs.
 */
export async function firstStateDrawn({ canvasElement }: { canvasElement: HTMLElement }) {
  const widgets = [...canvasElement.querySelectorAll('*')].filter((element) => element.localName.startsWith('voix-') && 'state' in element);
  await waitFor(
    () => {
      for (const widget of widgets) {
        expect(widget).toHaveAttribute('state');
        if (widget.getAttribute('state') !== 'hidden') expect(widget.shadowRoot!.childElementCount).toBeGreaterThan(0);
      }
    },
    { timeout: 5000 },
  );
}

/** How the endpoint answers a post: its status, and the JSON body made from the envelope received, if any. */
export interface PostAnswer {
  status: number;
  body?: (envelope: VoixEnvelope) => JsonBodyType;
}

/**
 * The endpoint as Mock Service Worker plays it, keeping what it received: it answers 201, or
 * `answer` (a petition's collector: 202 pending an e-mail, 409 already signed), and `received`
 * lists the envelopes actually posted (the request body, not what the widget announced).
 * Like the collector, it checks each envelope against schemas/ first and answers an invalid one
 * `422 invalid_envelope`, listed with its errors in `invalid`.
 * `forget` empties the lists, as the story's `beforeEach`, so a re-rendered story starts afresh.
 * `accept` is the handler's resolver, for a handler that accepts only at times.
 */
export function recordPosts(answer: PostAnswer = { status: 201 }) {
  const received: VoixEnvelope[] = [];
  const invalid: Array<{ envelope: VoixEnvelope; errors: string[] }> = [];
  const accept = async ({ request }: { request: Request }) => {
    const envelope = (await request.json()) as VoixEnvelope;
    received.push(envelope);
    const { valid, errors } = checkEnvelope(envelope);
    if (!valid) {
      invalid.push({ envelope, errors });
      return HttpResponse.json({ error: 'invalid_envelope', message: errors.slice(0, 5).join('; ') }, { status: 422 });
    }
    const { status, body } = answer;
    return body ? HttpResponse.json(body(envelope), { status }) : new HttpResponse(null, { status });
  };
  const forget = () => {
    received.splice(0);
    invalid.splice(0);
  };
  return { received, invalid, accept, forget, handler: http.post(ENDPOINT, accept) };
}

/**
 * Real key presses, from Playwright through Vitest's browser mode, when the story runs as a test.
 * Testing Library's userEvent cannot stand in: its Tab and arrow keys look for the next control
 * in the document only, never inside a shadow root. In the Storybook UI there is no such driver
 * (importing vitest/browser throws there): undefined, and the play function stops where keys begin.
 */
export async function realKeyboard() {
  try {
    return (await import('vitest/browser')).userEvent;
  } catch {
    return undefined;
  }
}

/** A definition given inline, as integrators write it: a child `<script type="application/json">`. */
export const definitionScript = (definition: unknown) =>
  Object.assign(document.createElement('script'), { type: 'application/json', text: JSON.stringify(definition, null, 2) });

/** The controls every widget on the form engine shares (their attributes come from FormWidget and VoixWidget). */
export const formArgTypes = {
  endpoint: {
    description:
      'Adresse où les réponses sont envoyées ; par défaut celle du `<voix-config>` le plus proche. — URL the answers are posted to.',
  },
  definition: {
    description:
      'Adresse d’une définition de questions (JSON, lue sans cookie) qui remplace celles du widget ; format : docs/definitions.md. — URL of a question definition; it replaces the widget’s questions.',
  },
  inline: {
    name: '<script type="application/json">',
    control: false,
    description:
      'Une définition donnée dans l’élément (permise sous une CSP stricte), lue quand il n’y a pas d’adresse `definition`. — A definition given inline, inside the element.',
    table: { category: 'content' },
  },
  kiosk: {
    description:
      'Mode borne : secondes après une réponse avant que le widget se vide pour la personne suivante (tablette à l’accueil, bus de services) ; `sample` et `once` ne s’appliquent pas. — Kiosk: seconds before resetting for the next person.',
  },
  audience: {
    description:
      '`agent` quand des agents répondent (une page de l’intranet) : envoyé avec `audience: "agent"`, lu à part des réponses des usagers. — `agent` when agents answer.',
  },
  placement: {
    description: 'Quel widget sur quelle page, envoyé avec chaque réponse (« fiche-etat-civil-bas »). — Which widget on which page.',
  },
  sample: {
    control: { type: 'number', min: 0, max: 1, step: 0.1 },
    description:
      'Part des visiteurs qui voient le widget, de 0 à 1 (1 par défaut), tirée une fois par appareil. — Share of visitors who see the widget.',
  },
  once: {
    description: 'Cache le widget sur cet appareil une fois qu’il a répondu. — Hides the widget on this device once answered.',
  },
  lang: {
    control: 'inline-radio',
    options: ['fr', 'en'],
    description:
      'Langue des textes du widget ; par défaut celle du `<voix-config>`, puis de la page ; une définition peut donner ses textes par langue. — Language of the widget’s text.',
  },
} as const;

/** The attributes of formArgTypes that the stories' args may set. */
export interface FormArgs {
  endpoint?: string;
  subject?: string;
  definition?: string;
  /** The child `<script type="application/json">`'s definition, when it is given inline. */
  inline?: unknown;
  kiosk?: string;
  audience?: string;
  placement?: string;
  sample?: number;
  once?: boolean;
  lang?: string;
}

/**
 * A widget on the form engine with the story's args as its attributes, as a page writes it
 * (`true` an empty attribute, `false` and empty values left out), and `inline` as its child
 * definition: one render for the presets, whose attributes differ only by name.
 */
export function formWidget<Args extends FormArgs>(tag: `voix-${string}`, args: Args): HTMLElement {
  const widget = document.createElement(tag);
  for (const [name, value] of Object.entries(args)) {
    if (name === 'inline' || value === undefined || value === false || value === '') continue;
    widget.setAttribute(name, value === true ? '' : String(value));
  }
  if (args.inline) widget.append(definitionScript(args.inline));
  return widget;
}

/**
 * What the stories of a widget on the form engine share beyond their title: the first state on
 * opening, what it posts folded under the story, the endpoint's record emptied before each story,
 * and the story's args as the element's attributes.
 */
export function formStories<Args extends FormArgs>(tag: `voix-${string}`, posted: ReturnType<typeof recordPosts>) {
  return {
    play: firstStateDrawn,
    decorators: [withPayload],
    beforeEach: posted.forget,
    render: (args: Args) => formWidget(tag, args),
  };
}

/** The one envelope the endpoint received, after checking it was valid against schemas/ (else the widget would show the 422). */
export async function theOnePosted(posted: ReturnType<typeof recordPosts>) {
  await expect(posted.invalid).toEqual([]);
  await expect(posted.received).toHaveLength(1);
  return posted.received[0];
}
