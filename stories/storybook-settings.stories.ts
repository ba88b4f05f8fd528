import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect } from 'storybook/test';
import '../src/widgets/rating/rating.js';
import { widgetIn } from './support/form-stories.js';

/**
 * What .storybook/preview.ts promises a designer, checked as story tests: controls that match
 * the attributes' types, read from the custom-elements manifest (these stories declare no
 * argTypes of their own), and the toolbar's language reaching the widgets. Out of the sidebar
 * and the docs: they are tests, not examples.
 */
const meta = {
  title: 'Réglages/Storybook',
  // The rating card: it has every kind of attribute (flags, numbers, enumerations, text) and a read-only `state`.
  component: 'voix-rating',
  tags: ['!dev', '!autodocs'],
  // Taking args, as every widget story does: Storybook gives controls to such stories only.
  render: (args) =>
    html`<voix-rating endpoint="https://collecte.example/v1/events" subject="/services/accueil-mairie" ?comment=${args.comment}></voix-rating>`,
} satisfies Meta<{ comment?: boolean }>;

export default meta;
type Story = StoryObj<{ comment?: boolean }>;

/**
 * `comment` and `once` get a checkbox, `sample` and `kiosk` a number, `scale` a select of its three
 * words; `state` (read-only) is documented with no control, and methods (`report()`) get no row;
 * no second row for a property behind an attribute.
 */
export const ControlsFromTheManifest: Story = {
  name: 'Contrôles tirés du manifeste',
  play: async (context) => {
    // Every row the manifest gave, beyond the one arg this story declares.
    const argTypes = context.argTypes as Record<string, { control?: unknown; options?: unknown; table?: { category?: string } }>;
    const controlOf = (name: string) => (argTypes[name]?.control as { type?: string } | undefined)?.type;
    await expect([controlOf('comment'), controlOf('once'), controlOf('sample'), controlOf('kiosk'), controlOf('question')]).toEqual([
      'boolean',
      'boolean',
      'number',
      'number',
      'text',
    ]);
    await expect(argTypes['::part(question)']).toBeDefined();
    await expect(argTypes.question.table?.category).toBe('attributes');
    await expect([controlOf('scale'), argTypes.scale.options]).toEqual(['select', ['smileys', 'stars', 'nps']]);
    await expect([controlOf('audience'), argTypes.audience.options]).toEqual(['select', ['user', 'agent']]);
    await expect(argTypes.state).toMatchObject({ control: false, table: { category: 'properties' } });
    await expect([argTypes.report, argTypes.reportBadValue]).toEqual([undefined, undefined]);
  },
};

/** French by default: the wrapper says `lang="fr"`, and so does the widget. */
export const FrenchByDefault: Story = {
  name: 'Français par défaut',
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement, 'voix-rating');
    await expect(widget.closest('[lang]')).toHaveAttribute('lang', 'fr');
    await expect(
      await shadow.findByRole('group', { name: 'De façon générale, comment ça s’est passé\u202f? (obligatoire)' }),
    ).toBeVisible();
  },
};

/** The toolbar's « English »: the wrapper's `lang` follows, and the widget speaks English. */
export const EnglishFromTheToolbar: Story = {
  name: 'Anglais depuis la barre d’outils',
  globals: { locale: 'en' },
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement, 'voix-rating');
    await expect(widget.closest('[lang]')).toHaveAttribute('lang', 'en');
    await expect(await shadow.findByRole('group', { name: 'Overall, how did it go? (required)' })).toBeVisible();
  },
};

/**
 * « Show code » gives what a webmaster pastes: the stories' mocked endpoint and results leave
 * each element for one `<voix-config>` naming the collectivité's collector, after the page's
 * stylesheet and script; the stories' wrappers (language, « Ce qui est envoyé ») are left out.
 */
export const CodeToPaste: Story = {
  name: 'Le code à coller',
  play: async ({ parameters }) => {
    const source = parameters.docs.source as { excludeDecorators: boolean; transform: (code: string) => string };
    await expect(source.excludeDecorators).toBe(true);
    const poll = `
      <voix-poll endpoint="https://collecte.example/v1/events" results="https://collecte.example/v1/results/{subject}" subject="parc" multiple="">
        <option value="jardins">Jardins partagés</option>
      </voix-poll>`;
    await expect(source.transform(poll)).toBe(`<link rel="stylesheet" href="https://cdn.ma-commune.fr/voix/voix.css">
<script type="module" src="https://cdn.ma-commune.fr/voix/voix.js"></script>

<voix-config endpoint="https://avis.ma-commune.fr/v1/events" site="ma-commune" results="https://avis.ma-commune.fr/v1/results/{subject}">
  <voix-poll subject="parc" multiple>
    <option value="jardins">Jardins partagés</option>
  </voix-poll>
</voix-config>`);
    // A story's own <voix-config> takes the collector; pasted code is left as it is.
    const inConfig = source.transform(
      '<voix-config lang="en"><voix-feedback endpoint="https://collecte.example/v1/events"></voix-feedback></voix-config>',
    );
    await expect(inConfig).toMatch(
      /\n\n<voix-config endpoint="https:\/\/avis\.ma-commune\.fr\/v1\/events" site="ma-commune" lang="en"><voix-feedback><\/voix-feedback><\/voix-config>$/,
    );
    await expect(source.transform(inConfig)).toBe(inConfig);
    // A case study's page around its recipe: only the recipe's code, as its « Copier le code » copies it.
    const recipe = `<div><p>Sur le site…</p><section aria-label="Le code à coller"><p>Remplacez <code>site</code> :</p><pre style="margin: 0"><code>${inConfig.replace(/</g, '&lt;').replace(/>/g, '&gt;')}</code></pre></section></div>`;
    await expect(source.transform(recipe)).toBe(inConfig);
  },
};
