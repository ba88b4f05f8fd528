import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
// The package's main entry, where registerLocale is documented (it also defines every element).
import { registerLocale, type VoixFeedback, type VoixLauncher, type VoixPoll, type VoixRating } from '../src/index.js';
import { consoleErrors } from './support/console.js';
import { clearStorage, endpointChannel, resultsChannel, until } from './support/endpoint.js';

const shadow = (el: Element) => el.shadowRoot!;
const legend = (el: Element) => shadow(el).querySelector('legend')?.textContent?.trim();
const button = (el: Element, text: string) =>
  [...shadow(el).querySelectorAll('button')].find((candidate) => candidate.textContent!.trim() === text)!;
const card = (el: Element) => shadow(el).querySelector<HTMLElement>('[part=base]')!;
const loaded = (name: string) => performance.getEntriesByType('resource').some((entry) => entry.name.includes(`/locales/${name}.`));

/** Answers « Non » then sends, and returns the envelope's `data.locale`. */
async function sentLocale(el: VoixFeedback, no: string, submit: string): Promise<string> {
  button(el, no).click();
  await el.updateComplete;
  const sent = oneEvent(el, 'voix-sent');
  button(el, submit).click();
  return (await sent).detail.envelope.data.locale;
}

describe('languages', () => {
  beforeEach(clearStorage);
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('registerLocale("br", …): lang="br" speaks its catalogue, French for the keys it lacks, no console error, and answers say locale "br"', async () => {
    registerLocale('br', { yes: 'Ya', no: 'Nann', feedbackQuestion: 'Talvoudus e oa ar bajenn-mañ\u202f?' });
    const endpoint = endpointChannel();
    let el!: VoixFeedback;
    const errors = await consoleErrors(async () => {
      el = await fixture<VoixFeedback>(html`<voix-feedback lang="br" endpoint=${endpoint.url}></voix-feedback>`);
      await until(() => legend(el) === 'Talvoudus e oa ar bajenn-mañ\u202f?', 'the registered catalogue');
      expect(card(el).lang).to.equal('br');
      expect(card(el).dir).to.equal('ltr');
      // Envoyer is not in the catalogue: French.
      expect(await sentLocale(el, 'Nann', 'Envoyer')).to.equal('br');
    });
    expect(errors, errors.join('\n')).to.deep.equal([]);
  });

  it('a registered language is accepted by <voix-config lang> and by the page’s lang; a regional tag falls back to it', async () => {
    registerLocale('br', { yes: 'Ya', no: 'Nann', feedbackQuestion: 'Talvoudus e oa ar bajenn-mañ\u202f?' });
    registerLocale('de-ch', { feedbackQuestion: 'War diese Seite nützlich?' });
    const endpoint = endpointChannel();
    const errors = await consoleErrors(async () => {
      const root = await fixture<HTMLElement>(html`<div>
        <voix-config lang="br-FR" endpoint=${endpoint.url}><voix-feedback id="config"></voix-feedback></voix-config>
        <div lang="br"><voix-feedback id="page" endpoint=${endpoint.url}></voix-feedback></div>
        <voix-feedback id="swiss" lang="de-CH" endpoint=${endpoint.url}></voix-feedback>
      </div>`);
      const [config, page, swiss] = ['config', 'page', 'swiss'].map((id) => root.querySelector<VoixFeedback>(`#${id}`)!);
      await until(() => legend(config) === 'Talvoudus e oa ar bajenn-mañ\u202f?', 'the config’s language');
      await until(() => legend(page) === 'Talvoudus e oa ar bajenn-mañ\u202f?', 'the page’s language');
      await until(() => legend(swiss) === 'War diese Seite nützlich?', 'the registered regional tag');
      expect(await sentLocale(config, 'Nann', 'Envoyer')).to.equal('br');
      // The tag as registered, written the way BCP 47 writes it.
      expect(await sentLocale(swiss, 'Non', 'Envoyer')).to.equal('de-CH');
    });
    expect(errors, errors.join('\n')).to.deep.equal([]);
  });

  it('reads <script type="application/json" data-voix-locale> from the page, even one placed after the widget; a broken one is one named error', async () => {
    const endpoint = endpointChannel();
    const errors = await consoleErrors(async () => {
      const root = await fixture<HTMLElement>(html`<div>
        <voix-feedback lang="eu" endpoint=${endpoint.url}></voix-feedback>
        <script type="application/json" data-voix-locale="eu">
          { "yes": "Bai", "no": "Ez", "feedbackQuestion": "Orri hau baliagarria izan zaizu?", "submit": "Bidali" }
        </script>
        <script type="application/json" data-voix-locale="kw">{ "yes": "Ea", </script>
      </div>`);
      const el = root.querySelector<VoixFeedback>('voix-feedback')!;
      await until(() => legend(el) === 'Orri hau baliagarria izan zaizu?', 'the script’s catalogue');
      expect(await sentLocale(el, 'Ez', 'Bidali')).to.equal('eu');
    });
    expect(errors).to.have.length(1);
    expect(errors[0]).to.match(/<script data-voix-locale="kw">: expected a language tag and a JSON object of texts/);
  });

  it('an unknown language without a catalogue: one named console error, and French', async () => {
    const endpoint = endpointChannel();
    let el!: VoixFeedback;
    const errors = await consoleErrors(async () => {
      el = await fixture<VoixFeedback>(html`<voix-feedback lang="xx" endpoint=${endpoint.url}></voix-feedback>`);
      await until(() => !!legend(el), 'the widget, in French');
      el.requestUpdate();
      await el.updateComplete;
    });
    expect(errors).to.have.length(1);
    expect(errors[0]).to.match(
      /<voix-feedback> attribute lang="xx": expected fr, en, es, de, ar.* or a language added by registerLocale\(\)/,
    );
    expect(legend(el)).to.equal('Cette page vous a-t-elle été utile\u202f?');
    expect(await sentLocale(el, 'Non', 'Envoyer')).to.equal('fr');
  });

  it('an unknown language on <voix-config>: one error that names <voix-config>, however many widgets inherit it', async () => {
    const endpoint = endpointChannel();
    let root!: HTMLElement;
    const errors = await consoleErrors(async () => {
      root = await fixture<HTMLElement>(html`<voix-config lang="xx" endpoint=${endpoint.url}>
        <voix-feedback></voix-feedback><voix-feedback subject="autre"></voix-feedback>
      </voix-config>`);
      for (const el of root.querySelectorAll('voix-feedback')) await until(() => !!legend(el), 'the widget, in French');
    });
    expect(errors, errors.join('\n')).to.have.length(1);
    expect(errors[0]).to.match(/^<voix-config> attribute lang="xx": expected fr, en/);
    expect(legend(root.querySelector('voix-feedback')!)).to.equal('Cette page vous a-t-elle été utile\u202f?');
  });

  it('ships German and Spanish, each loaded only when a page asks for it', async () => {
    expect(loaded('de'), 'German before any widget asks for it').to.be.false;
    expect(loaded('es'), 'Spanish before any widget asks for it').to.be.false;
    const endpoint = endpointChannel();
    const german = await fixture<VoixFeedback>(html`<voix-feedback lang="de" endpoint=${endpoint.url}></voix-feedback>`);
    await until(() => legend(german) === 'War diese Seite hilfreich?', 'German text');
    expect(loaded('de')).to.be.true;
    expect(loaded('es')).to.be.false;
    expect(await sentLocale(german, 'Nein', 'Senden')).to.equal('de');
    const spanish = await fixture<VoixFeedback>(html`<voix-feedback lang="es-ES" endpoint=${endpoint.url}></voix-feedback>`);
    await until(() => legend(spanish) === '¿Le ha resultado útil esta página?', 'Spanish text');
    expect(loaded('es')).to.be.true;
    expect(await sentLocale(spanish, 'No', 'Enviar')).to.equal('es');
  });

  it('Arabic at 320 px: feedback, rating and poll right to left, mirrored, right-aligned, no horizontal scrolling, axe-clean', async () => {
    await setViewport({ width: 320, height: 640 });
    const endpoint = endpointChannel();
    const results = resultsChannel();
    await results.serve({ subject: 'parc', total: 10, counts: { jardins: 7, pistes: 3 }, updated: '2026-11-26T10:00:00.000Z' });
    const root = await fixture<HTMLElement>(html`<voix-config lang="ar" endpoint=${endpoint.url} results=${results.template}>
      <voix-feedback></voix-feedback>
      <voix-rating scale="stars"></voix-rating>
      <voix-poll subject="parc" question="أي مشروع للحديقة؟" show-results="always"
        ><option value="jardins">حدائق مشتركة</option><option value="pistes">مسارات للدراجات</option></voix-poll
      >
    </voix-config>`);
    const feedback = root.querySelector<VoixFeedback>('voix-feedback')!;
    const rating = root.querySelector<VoixRating>('voix-rating')!;
    const poll = root.querySelector<VoixPoll>('voix-poll')!;
    await until(() => legend(feedback) === 'هل كانت هذه الصفحة مفيدة لك؟', 'Arabic text');
    await until(() => !!shadow(rating).querySelector('form') && !!card(poll), 'the rating and the poll are drawn');
    for (const el of [feedback, rating, poll]) {
      expect(card(el).dir, el.localName).to.equal('rtl');
      expect(getComputedStyle(card(el)).direction, el.localName).to.equal('rtl');
    }
    // Right-aligned: the question's text ends at the card's right edge, « نعم » stands right of « لا ».
    const question = document.createRange();
    question.selectNodeContents(shadow(feedback).querySelector('legend')!);
    const box = card(feedback).getBoundingClientRect();
    expect(box.right - question.getBoundingClientRect().right).to.be.below(40);
    expect(button(feedback, 'نعم').getBoundingClientRect().left).to.be.above(button(feedback, 'لا').getBoundingClientRect().left);
    // The stars from right to left: the first (1 star) is the rightmost.
    const stars = [...shadow(rating).querySelectorAll<HTMLInputElement>('input[type=radio]')].map((input) =>
      (input.labels?.[0] ?? input).getBoundingClientRect(),
    );
    expect(stars.length).to.be.above(1);
    expect(stars[0].left).to.be.above(stars.at(-1)!.left);
    // The keyboard follows: ← goes to the next star, the one on the left.
    const radios = [...shadow(rating).querySelectorAll<HTMLInputElement>('input[type=radio]')];
    radios[0].focus();
    radios[0].click();
    await sendKeys({ press: 'ArrowLeft' });
    expect(radios[1].checked).to.be.true;
    expect(document.documentElement.scrollWidth).to.be.at.most(320);
    for (const el of [feedback, rating, poll]) {
      expect(card(el).getBoundingClientRect().right, el.localName).to.be.at.most(320);
      await expect(el).to.be.accessible();
    }
  });

  it('the poll’s bars grow from the right in Arabic', async () => {
    const results = resultsChannel();
    await results.serve({ subject: 'parc', total: 10, counts: { jardins: 7, pistes: 3 }, updated: '2026-11-26T10:00:00.000Z' });
    const el = await fixture<VoixPoll>(html`<voix-poll lang="ar" subject="parc" question="أي مشروع للحديقة؟" endpoint=${results.url}
      results=${results.template} show-results="always"
      ><option value="jardins">حدائق مشتركة</option><option value="pistes">مسارات للدراجات</option></voix-poll
    >`);
    await until(() => !!shadow(el).querySelector('.bar rect'), 'the results chart');
    const bar = shadow(el).querySelector('.bar')!;
    const rect = shadow(el).querySelector('.bar rect')!;
    // 70 %: the filled part touches the bar's right edge.
    expect(Math.abs(bar.getBoundingClientRect().right - rect.getBoundingClientRect().right)).to.be.below(2);
    expect(rect.getBoundingClientRect().left - bar.getBoundingClientRect().left).to.be.above(10);
    await expect(el).to.be.accessible();
  });

  it('a French widget in a right-to-left page stays left to right; the Arabic launcher floats bottom left', async () => {
    const endpoint = endpointChannel();
    const root = await fixture<HTMLElement>(html`<div dir="rtl" lang="ar">
      <voix-feedback lang="fr" endpoint=${endpoint.url}></voix-feedback>
      <voix-launcher><voix-feedback endpoint=${endpoint.url} subject="launcher-rtl"></voix-feedback></voix-launcher>
    </div>`);
    const french = root.querySelector<VoixFeedback>('voix-feedback')!;
    await french.updateComplete;
    expect(card(french).dir).to.equal('ltr');
    expect(getComputedStyle(card(french)).direction).to.equal('ltr');
    const launcher = root.querySelector<VoixLauncher>('voix-launcher')!;
    await until(() => !!shadow(launcher).querySelector('.launcher'), 'the launcher button');
    const floating = shadow(launcher).querySelector<HTMLElement>('.launcher')!;
    expect(floating.textContent!.trim()).to.equal('أبدي رأيي');
    expect(floating.getBoundingClientRect().left).to.be.below(innerWidth / 2);
    expect(floating.dir).to.equal('rtl');
  });
});
