import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import '../../src/widgets/feedback/feedback.js';
import '../../src/widgets/launcher/launcher.js';
import '../../src/widgets/pulse/pulse.js';
import { recordPosts, theOnePosted, untilState } from '../support/form-stories.js';
import { caseStudy, copyTheCode, recipe, shadowOf } from '../support/recipe.js';

const PROTOTYPE = 'Ce prototype vous aide-t-il\u202f?';

const PULSE = `<!-- Sur l’intranet, pour les agents ambassadeurs qui testent le nouveau circuit -->
<voix-pulse subject="intranet/circuit-conges" placement="ambassadeurs"
  label="Le nouveau circuit des demandes de congés"
  question="Le nouveau circuit me fait gagner du temps."></voix-pulse>`;

const LAUNCHER = `<!-- Dans le prototype lui-même, un bouton à sa place dans la page -->
<voix-launcher position="inline" label="${PROTOTYPE}" close-after="1">
  <voix-feedback subject="intranet/prototype-conges" placement="prototype"
    question="${PROTOTYPE}"></voix-feedback>
</voix-launcher>`;

const posted = recordPosts();

const meta = {
  title: 'Cas d’usage/La 27e Région',
  tags: ['autodocs'],
  ...caseStudy({
    story: `Avec « La Transfo », La 27e Région a installé pendant 18 mois des designers et des sociologues au cœur d’une administration régionale. Ils y ont travaillé sur des cas réels avec des agents volontaires, les « ambassadeurs », qui testaient de nouveaux fonctionnements internes et disaient ce qui marchait ou bloquait. Les agents sont des usagers aussi : leur avis compte, et il doit rester anonyme.

Recette : \`<voix-pulse>\` sur l’intranet pour les ambassadeurs (anonyme ; le collecteur ne montre rien sous 5 réponses) ; dans le prototype, un \`<voix-launcher position="inline">\` « Ce prototype vous aide-t-il ? » qui ouvre \`<voix-feedback>\` dans une fenêtre.`,
    handlers: [posted.handler],
    beforeEach: posted.forget,
  }),
} satisfies Meta;

export default meta;
type Story = StoryObj;

/** Le pulse des ambassadeurs : anonyme, trois questions. Sends `voix.pulse` with `audience: "agent"`. */
export const PulseDesAmbassadeurs: Story = {
  name: 'Pulse des ambassadeurs',
  render: () => recipe({ lead: 'Chaque semaine du test, les ambassadeurs disent en une minute où ils en sont.', markup: PULSE }),
};

/** Test: « Pulse des ambassadeurs », clicked through (out of the sidebar and the docs). */
export const PulseDesAmbassadeursClickThrough: Story = {
  ...PulseDesAmbassadeurs,
  name: 'Pulse des ambassadeurs : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const pulse = canvasElement.querySelector('voix-pulse')!;
    const shadow = shadowOf(pulse);
    const helps = await shadow.findByRole('group', { name: 'Le nouveau circuit me fait gagner du temps. (obligatoire)' });
    await expect(helps).toHaveAccessibleDescription(/^Vos réponses sont anonymes/);
    await userEvent.click(within(helps).getByRole('radio', { name: 'Pas d’accord' }));
    await userEvent.type(
      shadow.getByRole('textbox', { name: 'Qu’est-ce qui vous bloque\u202f?' }),
      'La validation attend le retour du chef de service.',
    );
    await userEvent.click(shadow.getByRole('button', { name: 'Envoyer' }));
    await untilState(pulse, 'sent');
    await expect(await theOnePosted(posted)).toMatchObject({
      type: 'voix.pulse',
      subject: 'intranet/circuit-conges',
      data: {
        audience: 'agent',
        placement: 'ambassadeurs',
        answers: { helps: 2, blocks: 'La validation attend le retour du chef de service.' },
      },
    });
    await copyTheCode(canvasElement);
  },
};

/**
 * Dans le prototype : « Ce prototype vous aide-t-il ? » ouvre la question dans une fenêtre ;
 * « Oui », le merci, puis la fenêtre se ferme et le focus revient au bouton. Sends `voix.feedback`.
 */
export const DansLePrototype: Story = {
  name: 'Dans le prototype',
  render: () => recipe({ lead: 'L’écran du nouveau circuit, tel que les ambassadeurs le testent, avec son bouton.', markup: LAUNCHER }),
};

/** Test: « Dans le prototype », clicked through (out of the sidebar and the docs). */
export const DansLePrototypeClickThrough: Story = {
  ...DansLePrototype,
  name: 'Dans le prototype : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const launcher = canvasElement.querySelector('voix-launcher')!;
    const button = await shadowOf(launcher).findByRole('button', { name: PROTOTYPE }, { timeout: 5000 });
    await userEvent.click(button);
    const dialog = launcher.shadowRoot!.querySelector('dialog')!;
    await waitFor(() => expect(dialog.open).toBe(true));
    const feedback = canvasElement.querySelector('voix-feedback')!;
    await userEvent.click(shadowOf(feedback).getByRole('button', { name: 'Oui' }));
    await untilState(feedback, 'sent');
    await waitFor(() => expect(dialog.open).toBe(false), { timeout: 5000 });
    await expect(launcher.shadowRoot!.activeElement).toBe(button);
    await expect(await theOnePosted(posted)).toMatchObject({
      type: 'voix.feedback',
      subject: 'intranet/prototype-conges',
      data: { placement: 'prototype', answers: { useful: true } },
    });
    await copyTheCode(canvasElement);
  },
};
