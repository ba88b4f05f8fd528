import { addons } from 'storybook/manager-api';
import { create } from 'storybook/theming/create';

// Voix's own look in the sidebar, from src/styles/tokens.ts: the accent, the text and border
// colours, the system font. A title, no image: nothing is fetched from elsewhere.
addons.setConfig({
  theme: create({
    base: 'light',
    brandTitle: 'Voix',
    brandUrl: './',
    brandTarget: '_self',
    colorPrimary: '#1d4fa8',
    colorSecondary: '#1d4fa8',
    textColor: '#1e1e1e',
    textMutedColor: '#595959',
    appBorderColor: '#767676',
    appBorderRadius: 8,
    barSelectedColor: '#1d4fa8',
    fontBase: 'system-ui, sans-serif',
  }),
});
