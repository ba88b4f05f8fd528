// Issue 17, item 6: one vocabulary of CSS parts across every widget, so that a commune's charter
// (or the DSFR theme) styles a text field, a radio button or an error the same way everywhere:
// each control and message of each widget carries its part, whatever widget draws it.
import { expect, fixture, html } from '@open-wc/testing';
import '../src/widgets/feedback/feedback.js';
import '../src/widgets/idea/idea.js';
import '../src/widgets/petition/petition.js';
import '../src/widgets/poll/poll.js';
import '../src/widgets/pulse/pulse.js';
import '../src/widgets/rating/rating.js';
import '../src/widgets/report/report.js';
import '../src/widgets/survey/survey.js';
import { endpointChannel, until } from './support/endpoint.js';
import { drawnWidgets } from './support/form-widget.js';

type Widget = HTMLElement & { updateComplete: Promise<unknown> };

/** What must carry which part: a selector inside the shadow root, and the part every match has. */
const VOCABULARY: Array<[selector: string, part: string]> = [
  ['input[type=text], input[type=email]', 'input'],
  ['textarea', 'textarea'],
  ['label.choice', 'choice'],
  ['label[for]', 'label'],
  ['legend', 'legend'],
  ['fieldset.question, div.question, fieldset.choices, .comment, .field', 'field'],
  ['.hint', 'hint'],
  ['p.error', 'error'],
  ['button', 'button'],
];

/** The elements that do not carry the part their selector expects. */
function unnamed(el: Widget): string[] {
  return VOCABULARY.flatMap(([selector, part]) =>
    [...el.shadowRoot!.querySelectorAll(selector)]
      .filter((node) => !(node.getAttribute('part') ?? '').split(' ').includes(part))
      .map((node) => `${el.localName} ${node.localName}${node.id ? `#${node.id}` : ''}.${node.className || '-'} lacks part="${part}"`),
  );
}

const survey = {
  id: 'toutes-sortes',
  steps: [
    {
      title: 'Votre avis',
      questions: [
        { id: 'court', kind: 'text', label: 'En un mot', hint: 'Un seul mot.', required: true },
        { id: 'long', kind: 'text', long: true, label: 'Dites-nous tout' },
        { id: 'choix', kind: 'choice', label: 'Un choix', options: 'a:A;b:B', other: true },
        { id: 'plusieurs', kind: 'choices', label: 'Plusieurs', options: 'a:A;b:B', max: 1 },
        { id: 'note', kind: 'scale', scale: 'smileys', label: 'Une note' },
        { id: 'oui', kind: 'yesno', label: 'Oui ou non' },
      ],
    },
  ],
};

describe('one vocabulary of CSS parts in every widget (docs/theming.md)', () => {
  it('names each field, label, legend, hint, error, choice, text field and button the same way in every widget', async () => {
    const endpoint = endpointChannel().url;
    const page = await fixture<HTMLElement>(html`<div>
      <voix-feedback endpoint=${endpoint} subject="parts"></voix-feedback>
      <voix-rating endpoint=${endpoint} subject="parts" comment criteria="Accueil"></voix-rating>
      <voix-survey endpoint=${endpoint} subject="parts"><script type="application/json">${JSON.stringify(survey)}</script></voix-survey>
      <voix-poll endpoint=${endpoint} subject="parts" question="Quel projet ?" other
        ><option value="parc">Parc</option><option value="velo">Vélo</option></voix-poll
      >
      <voix-petition endpoint=${endpoint} subject="parts" fields="name;postcode;email" comment thresholds="10:Réunion"></voix-petition>
      <voix-idea endpoint=${endpoint} subject="parts"></voix-idea>
      <voix-report endpoint=${endpoint} subject="parts"></voix-report>
      <voix-pulse endpoint=${endpoint} subject="parts"></voix-pulse>
    </div>`);
    const widgets = await drawnWidgets(page);
    // What appears on the way: the feedback's reasons and comment after Non, the poll's « Précisez »,
    // and the errors of required answers left blank.
    [...widgets[0].shadowRoot!.querySelectorAll('button')].find((button) => button.textContent!.trim() === 'Non')!.click();
    const other = widgets[3].shadowRoot!.querySelector<HTMLInputElement>('input[value=other]')!;
    other.click();
    for (const widget of [widgets[2], widgets[4], widgets[6]]) widget.shadowRoot!.querySelector('form')!.requestSubmit();
    for (const widget of widgets) await widget.updateComplete;
    await until(() => !!widgets[3].shadowRoot!.querySelector('#other'), 'the poll’s « Précisez »');

    const counted = (selector: string) => widgets.reduce((sum, widget) => sum + widget.shadowRoot!.querySelectorAll(selector).length, 0);
    // Each kind of element is there to be checked, in some widget.
    for (const [selector] of VOCABULARY) expect(counted(selector), selector).to.be.above(0);
    expect(widgets.flatMap(unnamed)).to.deep.equal([]);
  });
});
