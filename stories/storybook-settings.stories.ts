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
