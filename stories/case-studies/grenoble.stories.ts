import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, userEvent, within } from 'storybook/test';
import '../../src/widgets/survey/survey.js';
import accesAuxDroits from '../../schemas/examples/acces-aux-droits.json';
import { recordPosts, theOnePosted, untilState } from '../support/form-stories.js';
import { caseStudy, copyTheCode, recipe, shadowOf } from '../support/recipe.js';

// The questions inline, in a child script that a strict Content-Security-Policy allows; the link
// shows where JavaScript does not run.
const SURVEY = `<!-- Sur le téléphone de l’équipe mobile, ou la page « Accès aux droits » du site -->
<voix-survey subject="acces-aux-droits/equipe-mobile" placement="equipe-mobile">
  <script type="application/json">
${JSON.stringify(accesAuxDroits, null, 2)}
  </script>
  <a href="/acces-aux-droits/questionnaire">Répondre au questionnaire de l’équipe mobile</a>
</voix-survey>`;

const posted = recordPosts();

const meta = {
  title: 'Cas d’usage/Grenoble',
  tags: ['autodocs'],
  ...caseStudy({
    story: `À Grenoble, une équipe juridique mobile réunit la ville, le centre communal d’action sociale et la clinique du droit de l’université. Elle va au-devant des personnes qui ne demandent pas les aides auxquelles elles ont droit : le non-recours. Pour savoir pourquoi on renonce, et si l’aide reçue a servi, il faut des questions simples, en mots de tous les jours, qui se répondent sur un téléphone.

Recette : \`<voix-survey>\` avec les questions de l’équipe, données dans l’élément (un \`<script type="application/json">\`, permis sous une CSP stricte) : « Avez-vous renoncé à une démarche ? », « Pourquoi ? » seulement après « Oui », puis « Avez-vous obtenu l’aide dont vous aviez besoin ? ».`,
    handlers: [posted.handler],
    beforeEach: posted.forget,
  }),
} satisfies Meta;

export default meta;
type Story = StoryObj;

/**
 * Sur un téléphone (ici 24 rem de large) : « Oui », deux raisons, Suivant, « D’accord » et une
 * suggestion dont le numéro de téléphone est retiré, puis Envoyer. Sends `voix.survey`.
 */
export const AccesAuxDroits: Story = {
  name: 'Accès aux droits',
  render: () =>
    html`<div style="max-inline-size: 24rem">
      ${recipe({ lead: 'L’équipe mobile tend son téléphone, ou la personne répond plus tard depuis le sien.', markup: SURVEY })}
    </div>`,
};

/** Test: « Accès aux droits », clicked through (out of the sidebar and the docs). */
export const AccesAuxDroitsClickThrough: Story = {
  ...AccesAuxDroits,
  name: 'Accès aux droits : le parcours',
  tags: ['!dev', '!autodocs'],
  play: async ({ canvasElement }) => {
    const survey = canvasElement.querySelector('voix-survey')!;
    const shadow = shadowOf(survey);
    await expect(await shadow.findByRole('group', { name: /Étape 1 sur 2/ }, { timeout: 5000 })).toBeVisible();
    // The link is for where JavaScript does not run: hidden once the survey shows.
    await expect(canvasElement.querySelector('a[href="/acces-aux-droits/questionnaire"]')!.assignedSlot).toBeNull();
    await expect(shadow.queryByRole('group', { name: 'Pourquoi\u202f?' })).toBeNull();
    await userEvent.click(
      within(shadow.getByRole('group', { name: 'Avez-vous renoncé à une démarche\u202f? (obligatoire)' })).getByRole('radio', {
        name: 'Oui',
      }),
    );
    const why = await shadow.findByRole('group', { name: 'Pourquoi\u202f?' });
    await userEvent.click(within(why).getByRole('checkbox', { name: 'Trop compliqué' }));
    await userEvent.click(within(why).getByRole('checkbox', { name: 'Tout se fait en ligne' }));
    await userEvent.click(shadow.getByRole('button', { name: 'Suivant' }));
    const helped = await shadow.findByRole('group', { name: 'Avez-vous obtenu l’aide dont vous aviez besoin\u202f? (obligatoire)' });
    await userEvent.click(within(helped).getByRole('radio', { name: 'D’accord' }));
    await userEvent.type(
      shadow.getByRole('textbox', { name: 'Que pourrions-nous faire de mieux\u202f?' }),
      'Venir aussi le samedi. Rappelez-moi au 06 12 34 56 78.',
    );
    await userEvent.click(shadow.getByRole('button', { name: 'Envoyer' }));
    await untilState(survey, 'sent');
    const envelope = await theOnePosted(posted);
    await expect(envelope).toMatchObject({
      type: 'voix.survey',
      subject: 'acces-aux-droits/equipe-mobile',
      data: { definition: { id: 'acces-aux-droits' } },
    });
    await expect(envelope.data.answers).toEqual({
      'gave-up': 'yes',
      why: ['complexe', 'numerique'],
      helped: 4,
      comment: 'Venir aussi le samedi. Rappelez-moi au [téléphone retiré].',
    });
    await expect(await copyTheCode(canvasElement)).toContain('"id": "acces-aux-droits"');
  },
};
