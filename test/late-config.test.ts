// Its own page: here <voix-feedback> is defined before <voix-config>, as happens when the
// script-tag build's chunks arrive in any order.
import { expect, fixture, html } from '@open-wc/testing';
import '../src/widgets/feedback/feedback.js';
import { clearStorage, endpointChannel, until } from './support/endpoint.js';

describe('a <voix-config> whose code loads after the widgets inside it', () => {
  beforeEach(clearStorage);

  it('still gives them its settings once it is defined, and no false alarm meanwhile', async () => {
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    const endpoint = endpointChannel();
    const config = await fixture(html`<voix-config endpoint=${endpoint.url} lang="en"><voix-feedback></voix-feedback></voix-config>`);
    const el = config.querySelector('voix-feedback')!;
    await el.updateComplete;
    expect(customElements.get('voix-config')).to.equal(undefined);
    expect(el.getAttribute('state')).to.equal('unavailable');
    await new Promise((resolve) => setTimeout(resolve, 50));

    await import('../src/core/config.js');
    await until(() => el.getAttribute('state') === 'idle', 'the widget gets the endpoint');
    await until(() => el.shadowRoot!.querySelector('legend')?.textContent === 'Was this page helpful?', 'and the language');
    await new Promise((resolve) => setTimeout(resolve, 50));
    console.error = original;
    expect(errors).to.deep.equal([]);
  });
});
