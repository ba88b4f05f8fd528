import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import type { VoixEnvelope } from '../src/core/envelope.js';
import '../src/widgets/petition/petition.js';
import { ENDPOINT, RESULTS, serveResults } from './support/endpoint.js';
import { firstStateDrawn, type PostAnswer, recordPosts, untilState, widgetIn } from './support/form-stories.js';
import { withPayload } from './support/with-payload.js';

interface PetitionArgs {
  heading?: string;
  'heading-level'?: number;
  text?: string;
  thresholds?: string;
  closes?: string;
  fields?: string;
  eligibility?: string;
  comment?: boolean;
  'privacy-href'?: string;
  results?: string;
  refresh?: number;
  endpoint?: string;
  subject?: string;
  kiosk?: string;
  placement?: string;
  sample?: number;
  lang?: string;
}

const SUBJECT = 'parc-naturel-urbain-petition';
const HEADING = 'Pour garder les prés de l’Ill sans voitures';
const THRESHOLDS = '500:Rencontre avec l’élue ou l’élu;2800:Débat en conseil municipal';
const ELIGIBILITY = 'Je réside, travaille ou étudie à Strasbourg.';
/** Three months from the petition's opening, far enough ahead that the stories do not change with the day they run. */
const OPEN_UNTIL = '2099-03-01';
const SIGNER = { name: 'Marie Dupont', postcode: '67000', email: 'marie.dupont@example.fr' };

type Shadow = ReturnType<typeof within>;

/**
 * The park's collector for one story: `before` signatures counted before it, plus every signature
 * the endpoint counted in it (answered 201), so that a signature shows in the count read after it.
 * `answer` is how the endpoint answers a post: with e-mail confirmation (202) or a known address
 * (409), the signature is not counted.
 */
function parkCollector(before: number, answer?: PostAnswer) {
  const posts = recordPosts(answer);
  const counted = (answer?.status ?? 201) === 201;
  const results = serveResults((subject) => {
    const signatures = counted
      ? posts.received.filter((envelope) => envelope.type === 'voix.petition.signature' && envelope.subject === subject)
      : [];
    const total = (subject === SUBJECT ? before : 0) + signatures.length;
    return { subject, total, counts: {}, updated: signatures.at(-1)?.time ?? '2026-11-26T10:00:00.000Z' };
  });
  return {
    posts,
    results,
    handlers: [posts.handler, results.handler],
    forget: () => {
      posts.forget();
      results.forget();
    },
  };
}

/** The meta's collector: 120 signatures, and every signature counted at once (no SMTP). */
const park = parkCollector(120);

/**
 * A story with its own collector. Not on the docs page: one worker serves every story there,
 * and the last story's handlers would answer for all of them.
 */
const withOwnCollector = (collector: ReturnType<typeof parkCollector>) => ({
  tags: ['!autodocs'],
  parameters: { msw: { handlers: collector.handlers } },
  beforeEach: collector.forget,
});

/** A text as Testing Library's matchers read it: every space, no-break or not, as one plain space. */
const spoken = (element: Element | null) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** The count, once the collector's figure has arrived. */
const count = async (shadow: Shadow) => spoken(await shadow.findByText(/ signatures?$/, { selector: 'strong' }, { timeout: 5000 }));

/** Each threshold as read, and whether it is marked reached. */
const thresholds = (shadow: Shadow) =>
  within(shadow.getByRole('list', { name: 'Les seuils et ce qu’ils déclenchent' }))
    .getAllByRole('listitem')
    .map((item) => [spoken(item), item.classList.contains('reached')]);

/** The progress bar toward the next threshold: that threshold, and the count it shows. */
const progress = (shadow: Shadow) => {
  const bar = shadow.getByRole('progressbar') as HTMLProgressElement;
  return { next: bar.max, count: bar.value };
};

/** Types each value over what its field held (userEvent.clear cannot: it looks for focus in the document, not in a shadow root). */
async function fill(shadow: Shadow, values: Partial<typeof SIGNER>) {
  const labels = { name: 'Nom et prénom', postcode: 'Code postal', email: 'Adresse électronique' };
  for (const [field, value] of Object.entries(values)) {
    const input = shadow.getByLabelText(labels[field as keyof typeof labels]) as HTMLInputElement;
    await userEvent.type(input, value, { initialSelectionStart: 0, initialSelectionEnd: input.value.length });
  }
}

const eligibilityBox = (shadow: Shadow) => shadow.getByRole('checkbox', { name: ELIGIBILITY });
const signButton = (shadow: Shadow) => shadow.getByRole('button', { name: 'Signer' });

/** Fills the three fields, ticks the declaration and signs; resolves once the widget reaches `state`. */
async function sign(widget: HTMLElement, shadow: Shadow, state: string) {
  await fill(shadow, SIGNER);
  await userEvent.click(eligibilityBox(shadow));
  await userEvent.click(signButton(shadow));
  await untilState(widget, state);
}

/** The one signature the endpoint received: the fields as given, the declaration, the petition's terms. */
async function postedSignature(received: VoixEnvelope[]) {
  await expect(received).toHaveLength(1);
  await expect(received[0]).toMatchObject({
    type: 'voix.petition.signature',
    subject: SUBJECT,
    data: {
      answers: { eligible: true, personal: SIGNER },
      petition: {
        thresholds: [
          { count: 500, label: 'Rencontre avec l’élue ou l’élu' },
          { count: 2800, label: 'Débat en conseil municipal' },
        ],
        closes: OPEN_UNTIL,
      },
    },
  });
}

/** The widget's role="status" region, where sending and the thanks are told. */
const status = (widget: HTMLElement) => widget.shadowRoot!.querySelector('[part="status"]');

const meta = {
  title: 'Widgets/voix-petition',
  component: 'voix-petition',
  tags: ['autodocs'],
  // What a designer sees first: the widget as a visitor finds it (the click-throughs are tests of their own).
  play: firstStateDrawn,
  decorators: [withPayload],
  beforeEach: park.forget,
  args: {
    endpoint: ENDPOINT,
    results: RESULTS,
    subject: SUBJECT,
    heading: HEADING,
    text: 'Nous, habitantes et habitants des quartiers riverains du parc naturel urbain Ill-Bruche, demandons que les prés de l’Ill restent sans voitures : ni parking, ni voie nouvelle, mais des chemins pour marcher et pédaler.',
    thresholds: THRESHOLDS,
    closes: OPEN_UNTIL,
    fields: 'name;postcode;email',
    eligibility: ELIGIBILITY,
    'privacy-href': '/donnees-personnelles',
  },
  argTypes: {
    heading: { description: 'Le titre de la pétition. — The petition’s title.' },
    'heading-level': {
      control: { type: 'number', min: 2, max: 6 },
      description:
        'Le niveau du titre dans le plan de la page, de 2 à 6 (2 par défaut). — The title’s level in the page’s outline, 2 to 6 (default 2).',
    },
    text: {
      name: '<p> (slot)',
      description:
        'Le texte de la pétition, en éléments enfants (ici un `<p>`) : affiché dans le widget, et seul quand JavaScript ne s’exécute pas. — The petition’s text, as child elements; shown alone without JavaScript.',
      table: { category: 'content' },
    },
    thresholds: {
      description:
        'Les seuils, `nombre:Ce qu’il déclenche` séparés par `;`, en ordre croissant (`500:Rencontre avec l’élue ou l’élu;2800:Débat en conseil municipal`) : le widget montre la progression vers le suivant et ceux atteints. — Thresholds, `count:What it brings`, increasing: progress toward the next, and those reached.',
    },
    closes: {
      description:
        'Fin de la signature (ISO 8601 ; un jour seul ferme à sa fin) : avant, les jours restants ; après, « Cette pétition est close depuis le … », le compte et plus de formulaire. — When signing ends; before, the days left; after, closed with its count and no form.',
    },
    fields: {
      description:
        'Les champs personnels demandés, parmi `name`, `postcode` et `email`, séparés par `;` ; envoyés tels quels, gardés à part des réponses par le point de collecte. Par défaut : aucun. — The personal fields asked (`name;postcode;email`), sent as given, kept apart by the collector; default none.',
    },
    eligibility: {
      description:
        'La déclaration à cocher pour signer ; par défaut « Je réside, travaille ou étudie dans la commune concernée. ». — The eligibility declaration to tick; default « Je réside, travaille ou étudie dans la commune concernée. ».',
    },
    comment: {
      description:
        'Ajoute un commentaire facultatif, dont les données personnelles sont retirées avant l’envoi. — Adds an optional comment, scrubbed of personal data.',
    },
    'privacy-href': {
      description:
        'Lien vers l’usage des données des signataires, montré avec les champs personnels ; par défaut celui du `<voix-config>`. — Link to how the signers’ data is used; default: the nearest `<voix-config>`’s.',
    },
    results: {
      description:
        'URL des résultats, `{subject}` remplacé par le sujet, lue sans cookies avec If-None-Match : le compte vient de son `total` ; par défaut celle du `<voix-config>`. — URL of the results (the count is their `total`); default: the nearest `<voix-config>`’s.',
    },
    refresh: {
      control: { type: 'number', min: 10 },
      description:
        'Secondes entre deux lectures du compte (10 au moins) ; par défaut une seule lecture. — Seconds between two reads of the count (at least 10); default: read once.',
    },
    endpoint: {
      description:
        'URL où les signatures sont envoyées ; par défaut celle du `<voix-config>`. — URL the signatures are posted to; default: the nearest `<voix-config>`’s.',
    },
    subject: {
      description:
        'La pétition, qui regroupe ses signatures et son compte ; par défaut le chemin de la page. — The petition its signatures and count belong to; default: the page path.',
    },
    kiosk: {
      description:
        'Secondes après une signature avant que le formulaire se remette à zéro pour la personne suivante (tablette d’accueil) ; `sample` ne s’applique pas. — Kiosk mode: seconds before the form resets for the next person.',
    },
    placement: {
      description: 'Quel widget sur quelle page, envoyé avec chaque signature. — Which widget on which page, sent with each signature.',
    },
    sample: {
      control: { type: 'number', min: 0, max: 1, step: 0.1 },
      description:
        'Part des visiteurs qui voient la pétition, de 0 à 1 (1 par défaut), tirée une fois par appareil. — Share of visitors who see the petition, drawn once per device.',
    },
    lang: {
      control: 'inline-radio',
      options: ['fr', 'en'],
      description:
        'Langue des textes du widget ; par défaut celle du `<voix-config>`, puis de la page. — Language of the widget’s text; default: its `<voix-config>`’s, then the page’s.',
    },
  },
  parameters: {
    msw: { handlers: park.handlers },
    docs: {
      description: {
        component:
          'Une pétition : son titre, son texte, le nombre de signatures face à des seuils qui déclenchent chacun quelque chose (une rencontre avec l’élue ou l’élu, un débat en conseil municipal), la progression vers le suivant, les jours restants ; pour signer, les champs que la collectivité demande, une déclaration à cocher et la notice sur les données. Quand le point de collecte demande une confirmation par e-mail, le widget le dit ; une adresse qui a déjà signé ne compte qu’une fois ; l’appareil se souvient qu’il a signé. Envoie `voix.petition.signature`. Les exemples suivent le pacte de participation de Strasbourg pour le parc naturel urbain Ill-Bruche : 500 signatures pour une rencontre, 2 800 pour un débat, trois mois pour les réunir. — A petition with its thresholds and a form to sign it; sends `voix.petition.signature`. The stories follow Strasbourg’s participation pact for the Ill-Bruche urban nature park.',
      },
    },
  },
  render: (args) =>
    html`<voix-petition
      endpoint=${ifDefined(args.endpoint)}
      results=${ifDefined(args.results)}
      subject=${ifDefined(args.subject)}
      heading=${ifDefined(args.heading)}
      heading-level=${ifDefined(args['heading-level'])}
      thresholds=${ifDefined(args.thresholds)}
      closes=${ifDefined(args.closes)}
      fields=${ifDefined(args.fields)}
      eligibility=${ifDefined(args.eligibility)}
      ?comment=${args.comment}
      privacy-href=${ifDefined(args['privacy-href'])}
      refresh=${ifDefined(args.refresh)}
      kiosk=${ifDefined(args.kiosk)}
      placement=${ifDefined(args.placement)}
      sample=${ifDefined(args.sample)}
      lang=${ifDefined(args.lang)}
      >${args.text ? html`<p>${args.text}</p>` : ''}</voix-petition
    >`,
} satisfies Meta<PetitionArgs>;

export default meta;
type Story = StoryObj<PetitionArgs>;

/**
 * Sous le premier seuil (120 signatures) : la progression vers 500 et ce qu’il reste à réunir. On
 * remplit les champs, on coche la déclaration, on signe : « Merci pour votre signature ! » et le
 * compte passe à 121, puis le point de collecte le confirme.
 * — Below the first threshold: progress toward 500; signing thanks and the count goes to 121.
 */
export const BelowFirstThreshold: Story = {
  name: 'Sous le premier seuil',
};

/** Test: « Sous le premier seuil », clicked through (out of the sidebar and the docs). */
export const BelowFirstThresholdClickThrough: Story = {
  ...BelowFirstThreshold,
  name: 'Sous le premier seuil : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement, 'voix-petition');
    await expect(await shadow.findByRole('heading', { level: 2, name: HEADING })).toBeVisible();
    await expect(widget.querySelector('p')!.assignedSlot).not.toBeNull();
    await expect(await count(shadow)).toBe('120 signatures');
    await expect(progress(shadow)).toEqual({ next: 500, count: 120 });
    await expect(shadow.getByText('Encore 380 signatures pour atteindre 500 : Rencontre avec l’élue ou l’élu.')).toBeVisible();
    await expect(thresholds(shadow)).toEqual([
      ['500 signatures : Rencontre avec l’élue ou l’élu', false],
      ['2 800 signatures : Débat en conseil municipal', false],
    ]);
    await expect(shadow.getByText(/^Plus que [\d ]+ jours pour signer \(jusqu’au 1er mars 2099\)\.$/)).toBeVisible();
    await expect(shadow.getByRole('link', { name: 'Comment vos données sont utilisées' })).toHaveAttribute('href', '/donnees-personnelles');

    await sign(widget, shadow, 'sent');
    await postedSignature(park.posts.received);
    await expect(spoken(status(widget))).toBe('Merci pour votre signature ! Elle est comptée.');
    await waitFor(() => expect(shadow.getByText('121 signatures')).toBeVisible());
    // Then the collector is read again, and its figure, with this signature, replaces the one added at once.
    await waitFor(() => expect(park.results.reads).toHaveLength(2), { timeout: 5000 });
    await expect(park.results.reads[1].status).toBe(200);
    await waitFor(() => expect(progress(shadow)).toEqual({ next: 500, count: 121 }));
    await expect(await count(shadow)).toBe('121 signatures');
    await expect(shadow.getByText('Encore 379 signatures pour atteindre 500 : Rencontre avec l’élue ou l’élu.')).toBeVisible();
    await expect(shadow.queryByRole('button', { name: 'Signer' })).toBeNull();
  },
};

const between = parkCollector(1234);

/**
 * Entre les deux seuils (1 234 signatures) : 500 est atteint, la progression va vers 2 800.
 * — Between the thresholds: 500 reached, progress toward 2,800.
 */
export const BetweenThresholds: Story = {
  name: 'Entre les deux seuils',
  ...withOwnCollector(between),
  play: async ({ canvasElement }) => {
    const { shadow } = widgetIn(canvasElement, 'voix-petition');
    await expect(await count(shadow)).toBe('1 234 signatures');
    await expect(thresholds(shadow)).toEqual([
      ['500 signatures : Rencontre avec l’élue ou l’élu (atteint)', true],
      ['2 800 signatures : Débat en conseil municipal', false],
    ]);
    await expect(progress(shadow)).toEqual({ next: 2800, count: 1234 });
    await expect(shadow.getByText('Encore 1 566 signatures pour atteindre 2 800 : Débat en conseil municipal.')).toBeVisible();
    await expect(signButton(shadow)).toBeEnabled();
  },
};

const allReached = parkCollector(3100);

/**
 * Tous les seuils atteints (3 100 signatures) : le widget le dit, sans barre de progression.
 * — All thresholds reached: said so, no progress bar.
 */
export const AllReached: Story = {
  name: 'Tous les seuils atteints',
  ...withOwnCollector(allReached),
  play: async ({ canvasElement }) => {
    const { shadow } = widgetIn(canvasElement, 'voix-petition');
    await expect(await count(shadow)).toBe('3 100 signatures');
    await expect(shadow.getByText('Tous les seuils sont atteints.')).toBeVisible();
    await expect(shadow.queryByRole('progressbar')).toBeNull();
    await expect(thresholds(shadow)).toEqual([
      ['500 signatures : Rencontre avec l’élue ou l’élu (atteint)', true],
      ['2 800 signatures : Débat en conseil municipal (atteint)', true],
    ]);
  },
};

/**
 * Close (`closes` passé, trois mois après son ouverture) : « Cette pétition est close depuis le … »,
 * le compte et les seuils, plus de formulaire.
 * — Closed: the date it closed, the count and thresholds, no form.
 */
export const Closed: Story = {
  name: 'Close',
  args: { closes: '2026-05-31' },
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement, 'voix-petition');
    await expect(await count(shadow)).toBe('120 signatures');
    await expect(shadow.getByText('Cette pétition est close depuis le 31 mai 2026.')).toBeVisible();
    await expect(shadow.queryByText(/pour signer/)).toBeNull();
    await expect(widget.shadowRoot!.querySelector('form')).toBeNull();
    await expect(shadow.queryByRole('checkbox')).toBeNull();
    await expect(shadow.queryAllByRole('textbox')).toHaveLength(0);
    await expect(shadow.queryByRole('button', { name: 'Signer' })).toBeNull();
    await expect(thresholds(shadow).map(([, reached]) => reached)).toEqual([false, false]);
  },
};

/**
 * La déclaration est obligatoire : signer sans la cocher affiche « Cochez cette case pour
 * signer. », lié à la case, et y met le focus ; puis un code postal et une adresse mal écrits sont
 * refusés, chacun avec son message. Rien n’est envoyé.
 * — The declaration is required: an error tied to the box and focus on it; then bad postcode and e-mail errors; nothing sent.
 */
export const EligibilityRequired: Story = {
  name: 'Déclaration obligatoire',
};

/** Test: « Déclaration obligatoire », clicked through (out of the sidebar and the docs). */
export const EligibilityRequiredClickThrough: Story = {
  ...EligibilityRequired,
  name: 'Déclaration obligatoire : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement, 'voix-petition');
    await fill(shadow, SIGNER);
    await userEvent.click(signButton(shadow));
    const box = eligibilityBox(shadow);
    const notEligible = await shadow.findByText('Cochez cette case pour signer.');
    await expect(box).toHaveAttribute('aria-invalid', 'true');
    await expect(box).toHaveAccessibleDescription('Cochez cette case pour signer.');
    await waitFor(() => expect(widget.shadowRoot!.activeElement).toBe(box));
    await expect(notEligible).toBeVisible();

    await userEvent.click(box);
    await fill(shadow, { postcode: '6700', email: 'marie.dupont@' });
    await userEvent.click(signButton(shadow));
    const postcode = shadow.getByLabelText('Code postal');
    const email = shadow.getByLabelText('Adresse électronique');
    await waitFor(() => expect(postcode).toHaveAttribute('aria-invalid', 'true'));
    await expect(postcode).toHaveAccessibleDescription(
      '5 chiffres, par exemple 67000. Ce code postal n’existe pas\u00a0: 5 chiffres, de 01000 à 98999.',
    );
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    await expect(shadow.getByText('Une adresse électronique s’écrit comme nom@exemple.fr.')).toBeVisible();
    await expect(shadow.getByLabelText('Nom et prénom')).not.toHaveAttribute('aria-invalid');
    await expect(shadow.queryByText('Cochez cette case pour signer.')).toBeNull();
    await waitFor(() => expect(widget.shadowRoot!.activeElement).toBe(postcode));
    await expect(park.posts.received).toHaveLength(0);
    await expect(widget).toHaveAttribute('state', 'idle');
  },
};

const pending = parkCollector(120, { status: 202, body: ({ id }) => ({ id, status: 'pending' }) });

/**
 * Le point de collecte envoie un e-mail de confirmation (202) : le widget dit que la signature
 * comptera une fois le lien suivi, et le compte ne bouge pas.
 * — Pending e-mail confirmation (202): the widget says so, and the count stays.
 */
export const PendingConfirmation: Story = {
  name: 'Confirmation par e-mail attendue (202)',
  ...withOwnCollector(pending),
};

/** Test: « Confirmation par e-mail attendue (202) », clicked through (out of the sidebar and the docs). */
export const PendingConfirmationClickThrough: Story = {
  ...PendingConfirmation,
  name: 'Confirmation par e-mail attendue (202) : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement, 'voix-petition');
    await expect(await count(shadow)).toBe('120 signatures');
    await sign(widget, shadow, 'sent');
    await postedSignature(pending.posts.received);
    await expect(spoken(status(widget))).toBe(
      'Merci pour votre signature ! Un e-mail vient de vous être envoyé : votre signature comptera dès que vous aurez suivi son lien (valable 7 jours).',
    );
    // A counted signature adds one just after the update that shows the thanks: let that moment pass.
    await widget.updateComplete;
    await widget.updateComplete;
    await expect(await count(shadow)).toBe('120 signatures');
    await expect(pending.results.reads).toHaveLength(1);
  },
};

const alreadySigned = parkCollector(120, {
  status: 409,
  body: () => ({ error: 'already_signed', message: 'This e-mail address already signed this petition.' }),
});

/**
 * L’adresse a déjà signé (409) : « Cette adresse a déjà signé cette pétition… », sans « Recommencer »,
 * puisqu’un nouvel essai n’y changerait rien ; le compte ne bouge pas.
 * — Already signed (409): said so, with no Recommencer; the count stays.
 */
export const AlreadySigned: Story = {
  name: 'Adresse qui a déjà signé (409)',
  ...withOwnCollector(alreadySigned),
};

/** Test: « Adresse qui a déjà signé (409) », clicked through (out of the sidebar and the docs). */
export const AlreadySignedClickThrough: Story = {
  ...AlreadySigned,
  name: 'Adresse qui a déjà signé (409) : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement, 'voix-petition');
    await expect(await count(shadow)).toBe('120 signatures');
    await sign(widget, shadow, 'error');
    await postedSignature(alreadySigned.posts.received);
    await expect(spoken(shadow.getByRole('alert'))).toBe(
      'Cette adresse a déjà signé cette pétition : une signature ne compte qu’une fois.',
    );
    await expect(shadow.queryByRole('button', { name: 'Recommencer' })).toBeNull();
    await expect(spoken(status(widget))).toBe('');
    await expect(await count(shadow)).toBe('120 signatures');
  },
};
