import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../src/core/config.js';
import type { VoixConfig } from '../src/core/config.js';
import type { VoixSend } from '../src/core/transport.js';
import '../src/widgets/feedback/feedback.js';
import type { VoixFeedback } from '../src/widgets/feedback/feedback.js';
import { consoleErrors } from './support/console.js';
import { clearStorage, endpointChannel, until } from './support/endpoint.js';

const legend = (el: HTMLElement) => el.shadowRoot!.querySelector('legend')?.textContent;
const clickButton = (el: HTMLElement, texts: string[]) =>
  [...el.shadowRoot!.querySelectorAll('button')].find((button) => texts.includes(button.textContent!.trim()))!.click();
const clickYes = (el: HTMLElement) => clickButton(el, ['Oui', 'Yes']);
const clickNo = (el: HTMLElement) => clickButton(el, ['Non', 'No']);

describe('<voix-config>', () => {
  beforeEach(clearStorage);

  it('gives its endpoint, site, placement and language to the widgets inside; their own attributes win', async () => {
    const shared = endpointChannel();
    const own = endpointChannel();
    const config = await fixture<VoixConfig>(html`<voix-config endpoint=${shared.url} site="mairie-demo" placement="pied-de-page" lang="en">
      <voix-feedback id="inherits"></voix-feedback>
      <voix-feedback id="overrides" endpoint=${own.url} placement="démarches" lang="fr"></voix-feedback>
    </voix-config>`);
    const inherits = config.querySelector<VoixFeedback>('#inherits')!;
    const overrides = config.querySelector<VoixFeedback>('#overrides')!;
    await until(() => legend(inherits) === 'Was this page helpful?', 'the config language');
    expect(legend(overrides)).to.equal('Cette page vous a-t-elle été utile\u202f?');
    expect(getComputedStyle(config).display).to.equal('contents');

    const first = oneEvent(inherits, 'voix-sent');
    clickYes(inherits);
    const { envelope } = (await first).detail;
    expect(envelope.data).to.include({ site: 'mairie-demo', placement: 'pied-de-page', locale: 'en' });
    expect((await shared.received()).stored).to.have.length(1);

    const second = oneEvent(overrides, 'voix-sent');
    clickYes(overrides);
    expect((await second).detail.envelope.data).to.include({ placement: 'démarches', locale: 'fr' });
    expect((await own.received()).stored).to.have.length(1);
  });

  it('passes text overrides and a custom sender down, and nested configs add to the outer one', async () => {
    const sent: string[] = [];
    const send: VoixSend = async (envelope, { endpoint }) => {
      sent.push(`${envelope.type} -> ${endpoint}`);
      return { status: 202 };
    };
    const outer = await fixture<VoixConfig>(html`<voix-config .send=${send} .strings=${{ yes: 'Oui, merci' }}>
      <voix-config endpoint="/v1/events"><voix-feedback></voix-feedback></voix-config>
    </voix-config>`);
    const el = outer.querySelector('voix-feedback')!;
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('Oui, merci');
    const done = oneEvent(el, 'voix-sent');
    el.shadowRoot!.querySelector('button')!.click();
    expect((await done).detail.status).to.equal(202);
    expect(sent).to.deep.equal([`voix.feedback -> ${location.origin}/v1/events`]);
  });
});

describe('bad attribute values', () => {
  beforeEach(clearStorage);

  const cases: Array<[string, (url: string) => ReturnType<typeof html>, RegExp]> = [
    [
      'endpoint="pas une url"',
      () => html`<voix-feedback endpoint="pas une url"><a href="/contact">Contact</a></voix-feedback>`,
      /<voix-feedback> attribute endpoint="pas une url": expected an http\(s\) URL/,
    ],
    [
      'sample="2"',
      (url) => html`<voix-feedback sample="2" endpoint=${url}></voix-feedback>`,
      /<voix-feedback> attribute sample="2": expected a number from 0 to 1/,
    ],
    [
      'lang="xx"',
      (url) => html`<voix-feedback lang="xx" endpoint=${url}></voix-feedback>`,
      /<voix-feedback> attribute lang="xx": expected fr, en, es, de, ar or a language added by registerLocale\(\)/,
    ],
    [
      'kiosk="bientôt"',
      (url) => html`<voix-feedback kiosk="bientôt" endpoint=${url}></voix-feedback>`,
      /<voix-feedback> attribute kiosk="bientôt": expected a number/,
    ],
    [
      'transport="xml" on <voix-config>',
      (url) => html`<voix-config transport="xml" endpoint=${url}><voix-feedback></voix-feedback></voix-config>`,
      /<voix-config> attribute transport="xml": expected "json" or "form"/,
    ],
  ];

  for (const [name, template, expected] of cases) {
    it(`${name}: one named console error, a safe render, nothing thrown`, async () => {
      const endpoint = endpointChannel();
      let el!: VoixFeedback;
      const errors = await consoleErrors(async () => {
        const root = await fixture<HTMLElement>(template(endpoint.url));
        el =
          root instanceof HTMLElement && root.localName === 'voix-feedback' ? (root as VoixFeedback) : root.querySelector('voix-feedback')!;
        await el.updateComplete;
        // A second render must not log again.
        el.requestUpdate();
        await el.updateComplete;
      });
      expect(errors, errors.join('\n')).to.have.length(1);
      expect(errors[0]).to.match(expected);
      // The page's own invalid lang="xx" is the page's to fix; the widget itself speaks French.
      await expect(el).to.be.accessible({ ignoredRules: ['valid-lang'] });
      expect(el.shadowRoot!.querySelector('[lang]')?.getAttribute('lang') ?? 'fr').to.equal('fr');
    });
  }

  it('refuses endpoints that leave the site (//host, /\\host) and falls back to <voix-config>’s: nothing goes to another host', async () => {
    for (const bad of ['//evil.example/x', '/\\evil.example/x', 'https:/evil.example/x', '/\t/evil.example/x']) {
      const endpoint = endpointChannel();
      let el!: VoixFeedback;
      const errors = await consoleErrors(async () => {
        const config = await fixture(
          html`<voix-config endpoint=${endpoint.url}><voix-feedback endpoint=${bad}></voix-feedback></voix-config>`,
        );
        el = config.querySelector('voix-feedback')!;
        await el.updateComplete;
      });
      expect(errors, bad).to.deep.equal([`<voix-feedback> attribute endpoint="${bad}": expected an http(s) URL or a /path.`]);
      const settled = Promise.race([oneEvent(el, 'voix-sent'), oneEvent(el, 'voix-queued')]);
      clickYes(el);
      expect((await settled).type, bad).to.equal('voix-sent');
      expect((await endpoint.received()).stored, bad).to.have.length(1);
      expect(performance.getEntriesByType('resource').filter((entry) => entry.name.includes('evil.example'))).to.deep.equal([]);
      await expect(el).to.be.accessible();
    }
  });

  it('links privacy-href only when it is an http(s) URL or stays on the site; javascript:, data: and //host are refused by name', async () => {
    const accepted = ['/confidentialite', 'https://mairie.example/donnees', '#donnees', 'confidentialite.html', '../mentions?x=1'];
    const refused = [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'java\nscript:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,x',
      '//evil.example/p',
      '/\\evil.example/p',
    ];
    let el!: VoixFeedback;
    for (const href of [...accepted, ...refused]) {
      const endpoint = endpointChannel();
      const errors = await consoleErrors(async () => {
        const config = await fixture(
          html`<voix-config endpoint=${endpoint.url} privacy-href=${href}><voix-feedback></voix-feedback></voix-config>`,
        );
        el = config.querySelector('voix-feedback')!;
        await el.updateComplete;
        clickNo(el);
        await el.updateComplete;
      });
      const link = el.shadowRoot!.querySelector('a');
      if (accepted.includes(href)) {
        expect(errors, href).to.deep.equal([]);
        expect(link?.href, href).to.equal(new URL(href, document.baseURI).href);
      } else {
        expect(errors, JSON.stringify(href)).to.deep.equal([
          `<voix-config> attribute privacy-href="${href}": expected an http(s) URL or a path.`,
        ]);
        expect(link, JSON.stringify(href)).to.equal(null);
      }
    }
    await expect(el).to.be.accessible();
  });

  it('falls back to the French text, to everyone seeing it, and to the fallback link when there is no endpoint', async () => {
    await consoleErrors(async () => {
      const noEndpoint = await fixture<VoixFeedback>(
        html`<voix-feedback endpoint="pas une url"><a href="/contact">Écrivez-nous</a></voix-feedback>`,
      );
      expect(noEndpoint.getAttribute('state')).to.equal('unavailable');
      expect(noEndpoint.querySelector('a')!.getClientRects().length, 'the fallback shows').to.be.greaterThan(0);
      const badLang = await fixture<VoixFeedback>(html`<voix-feedback lang="xx" sample="2" endpoint="/v1/events"></voix-feedback>`);
      expect(legend(badLang)).to.equal('Cette page vous a-t-elle été utile\u202f?');
      expect(badLang.getAttribute('state')).to.equal('idle');
    });
  });

  it('says nothing of a widget taken out of the page before its <voix-config> gave it an endpoint (an editor redrawing its preview)', async () => {
    const errors = await consoleErrors(async () => {
      const config = document.createElement('voix-config');
      config.setAttribute('endpoint', '/v1/events');
      const el = document.createElement('voix-feedback') as VoixFeedback;
      config.append(el);
      document.body.append(config);
      config.remove();
      await el.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(el.getAttribute('state'), 'drawn once, out of the page').to.equal('unavailable');
    });
    expect(errors).to.deep.equal([]);
  });

  it('says so once when no endpoint is given at all', async () => {
    const errors = await consoleErrors(() => fixture(html`<voix-feedback></voix-feedback>`));
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('<voix-feedback> attribute endpoint=""');
  });
});
