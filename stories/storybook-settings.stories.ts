import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect } from 'storybook/test';
import '../src/widgets/feedback/feedback.js';
import { widgetIn } from './support/form-stories.js';

/**
 * What .storybook/preview.ts promises a designer, checked as story tests: controls that match
 * the attributes' types, read from the custom-elements manifest (these stories declare no
 * argTypes of their own), and the toolbar's language reaching the widgets. Out of the sidebar
 * and the docs: they are tests, not examples.
 */
const meta = {
  title: 'Réglages/Storybook',
  component: 'voix-feedback',
  tags: ['!dev', '!autodocs'],
  // Taking args, as every widget story does: Storybook gives controls to such stories only.
  render: (args) =>
    html`<voix-feedback endpoint="https://collecte.example/v1/events" subject="/demarches/etat-civil" ?comment=${args.comment}></voix-feedback>`,
} satisfies Meta<{ comment?: boolean }>;

export default meta;
type Story = StoryObj<{ comment?: boolean }>;

/** `comment` and `once` get a checkbox, `sample` and `kiosk` a number; no second row for a property behind an attribute. */
export const ControlsFromTheManifest: Story = {
  play: async (context) => {
    // Every row the manifest gave, beyond the one arg this story declares.
    const argTypes = context.argTypes as Record<string, { control?: unknown; table?: { category?: string } }>;
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
  },
};

/** French by default: the wrapper says `lang="fr"`, and so does the widget. */
export const FrenchByDefault: Story = {
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement, 'voix-feedback');
    await expect(widget.closest('[lang]')).toHaveAttribute('lang', 'fr');
    await expect(await shadow.findByRole('group', { name: 'Cette page vous a-t-elle été utile\u202f?' })).toBeVisible();
  },
};

/** The toolbar's « English »: the wrapper's `lang` follows, and the widget speaks English. */
export const EnglishFromTheToolbar: Story = {
  globals: { locale: 'en' },
  play: async ({ canvasElement }) => {
    const { widget, shadow } = widgetIn(canvasElement, 'voix-feedback');
    await expect(widget.closest('[lang]')).toHaveAttribute('lang', 'en');
    await expect(await shadow.findByRole('group', { name: 'Was this page helpful?' })).toBeVisible();
  },
};
