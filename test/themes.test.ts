// Issue 17, item 6: the DSFR theme (src/styles/voix-dsfr.css, State sites only) and the two
// fictional communes' themes of docs/theming.md, each applied to every widget through tokens and
// parts only: what they set shows, and axe (contrast included) finds nothing in any of them.
import { expect, fixture, html } from '@open-wc/testing';
import '../src/widgets/feedback/feedback.js';
import '../src/widgets/petition/petition.js';
import '../src/widgets/poll/poll.js';
import '../src/widgets/rating/rating.js';
import '../src/widgets/idea/idea.js';
import { endpointChannel } from './support/endpoint.js';
import { drawnWidgets } from './support/form-widget.js';

type Widget = HTMLElement & { updateComplete: Promise<unknown> };

const THEMES = {
  dsfr: new URL('../src/styles/voix-dsfr.css', import.meta.url).href,
  bellerive: new URL('../docs/themes/bellerive.css', import.meta.url).href,
  'val-d-orbe': new URL('../docs/themes/val-d-orbe.css', import.meta.url).href,
};

/** Links a theme's stylesheet into the page, as a site does, until the test ends. */
async function linked(href: string): Promise<HTMLLinkElement> {
  const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href });
  const loaded = new Promise((resolve, reject) => {
    link.addEventListener('load', resolve);
    link.addEventListener('error', reject);
  });
  document.head.append(link);
  await loaded;
  return link;
}

async function widgets(): Promise<Widget[]> {
  const endpoint = endpointChannel().url;
  const page = await fixture<HTMLElement>(html`<div>
    <voix-rating endpoint=${endpoint} subject="theme" comment criteria="Accueil"></voix-rating>
    <voix-poll endpoint=${endpoint} subject="theme" question="Quel projet ?" other
      ><option value="parc">Parc</option><option value="velo">Vélo</option></voix-poll
    >
    <voix-petition endpoint=${endpoint} subject="theme" fields="name;email" thresholds="10:Réunion"></voix-petition>
    <voix-idea endpoint=${endpoint} subject="theme"></voix-idea>
    <voix-feedback endpoint=${endpoint} subject="theme"></voix-feedback>
  </div>`);
  return drawnWidgets(page);
}

const style = (widget: Widget, selector: string) => getComputedStyle(widget.shadowRoot!.querySelector(selector)!);

describe('themes', () => {
  let link: HTMLLinkElement | undefined;
  afterEach(() => link?.remove());

  it('the DSFR theme: Marianne first, blue France buttons with square corners, grey fields underlined, and axe finds nothing', async () => {
    link = await linked(THEMES.dsfr);
    const [rating, poll, petition, idea] = await widgets();
    expect(getComputedStyle(rating).fontFamily).to.match(/^Marianne, arial/);
    const sign = style(petition, 'button.primary');
    expect([sign.backgroundColor, sign.borderRadius]).to.deep.equal(['rgb(0, 0, 145)', '0px']);
    const field = style(petition, 'input[type=text]');
    expect([field.backgroundColor, field.boxShadow]).to.deep.equal(['rgb(238, 238, 238)', 'rgb(58, 58, 58) 0px -2px 0px 0px inset']);
    expect(style(idea, 'textarea').backgroundColor).to.equal('rgb(238, 238, 238)');
    expect(style(poll, '[part~=legend]').color).to.equal('rgb(22, 22, 22)');
    for (const widget of [rating, poll, petition, idea]) await expect(widget).to.be.accessible();
  });

  for (const name of ['bellerive', 'val-d-orbe'] as const) {
    it(`the ${name} commune's theme (docs/themes): its accent on buttons, its font, and axe finds nothing`, async () => {
      link = await linked(THEMES[name]);
      const all = await widgets();
      const accent = getComputedStyle(all[0]).getPropertyValue('--voix-color-accent').trim();
      expect(accent).to.match(/^#/);
      const vote = style(all[1], 'button.primary');
      expect(vote.backgroundColor).to.equal(name === 'bellerive' ? 'rgb(31, 106, 72)' : 'rgb(90, 42, 130)');
      expect(getComputedStyle(all[0]).fontFamily).to.match(name === 'bellerive' ? /Atkinson/ : /Georgia/);
      for (const widget of all) await expect(widget).to.be.accessible();
    });
  }
});
