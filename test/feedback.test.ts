import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/core/config.js';
import { OUTBOX_KEY } from '../src/core/outbox.js';
import type { VoixFeedback } from '../src/widgets/feedback/feedback.js';
import '../src/widgets/feedback/feedback.js';
import { clearStorage, endpointChannel, until } from './support/endpoint.js';

const shadow = (el: HTMLElement) => el.shadowRoot!;
const button = (el: HTMLElement, text: string) =>
  [...shadow(el).querySelectorAll('button')].find((candidate) => candidate.textContent!.trim() === text)!;

async function pressTabUntil(el: HTMLElement, matches: (active: Element | null) => boolean): Promise<void> {
  for (let i = 0; i < 20 && !matches(shadow(el).activeElement); i++) await sendKeys({ press: 'Tab' });
  expect(matches(shadow(el).activeElement), 'focus reached by Tab').to.be.true;
}

describe('<voix-feedback>', () => {
  beforeEach(clearStorage);

  it('asks the question in French and passes axe', async () => {
    const endpoint = endpointChannel();
    const el = await fixture<VoixFeedback>(html`<voix-feedback endpoint=${endpoint.url}></voix-feedback>`);
    await expect(el).to.be.accessible();
    expect(shadow(el).querySelector('legend')!.textContent).to.equal('Cette page vous a-t-elle été utile\u202f?');
    expect(el.getAttribute('state')).to.equal('idle');
  });

  it('goes Non, a reason, a comment, Envoyer with the keyboard alone, and the endpoint stores one valid envelope', async () => {
    const endpoint = endpointChannel();
    const el = await fixture<VoixFeedback>(html`<voix-feedback endpoint=${endpoint.url} subject="demarches/etat-civil"></voix-feedback>`);
    await pressTabUntil(el, (active) => active?.textContent?.trim() === 'Non');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    // Focus moves to the first reason.
    expect((shadow(el).activeElement as HTMLInputElement).value).to.equal('incomplete');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Space' });
    await pressTabUntil(el, (active) => active?.localName === 'textarea');
    await sendKeys({ type: 'Horaires absents. Écrivez-moi à jeanne.dupont@example.fr ou au 06 12 34 56 78.' });
    await pressTabUntil(el, (active) => active?.textContent?.trim() === 'Envoyer');
    const sent = oneEvent(el, 'voix-sent');
    await sendKeys({ press: 'Enter' });
    const { detail } = await sent;
    await el.updateComplete;

    expect(shadow(el).querySelector('[role=status]')!.textContent).to.contain('Merci pour votre avis');
    expect(shadow(el).activeElement?.getAttribute('role'), 'focus kept on the message').to.equal('status');
    await expect(el).to.be.accessible();

    const { attempts, stored } = await endpoint.received();
    expect(attempts).to.have.length(1);
    expect(attempts[0].valid, attempts[0].errors?.join('\n')).to.be.true;
    expect(attempts[0].contentType).to.equal('application/cloudevents+json');
    expect(attempts[0].idempotencyKey).to.equal(detail.envelope.id);
    expect(attempts[0].origin).to.equal(location.origin);
    expect(stored).to.have.length(1);
    const [envelope] = stored;
    expect(envelope).to.include({ specversion: '1.0', type: 'voix.feedback', subject: 'demarches/etat-civil' });
    expect(envelope.source).to.equal(location.origin + location.pathname);
    expect(envelope.data.answers).to.deep.equal({
      useful: false,
      reasons: ['incomplete'],
      comment: 'Horaires absents. Écrivez-moi à [e-mail retiré] ou au [téléphone retiré].',
    });
    expect(envelope.data.widget.name).to.equal('voix-feedback');
    expect(localStorage.getItem(OUTBOX_KEY), 'outbox emptied').to.equal(null);
  });

  it('sends Oui at once and shows the thanks; with `comment` it first offers a comment', async () => {
    const endpoint = endpointChannel();
    const el = await fixture<VoixFeedback>(html`<voix-feedback endpoint=${endpoint.url}></voix-feedback>`);
    const sent = oneEvent(el, 'voix-sent');
    button(el, 'Oui').click();
    await sent;
    expect((await endpoint.received()).stored[0].data.answers).to.deep.equal({ useful: true });

    const withComment = await fixture<VoixFeedback>(html`<voix-feedback comment endpoint=${endpoint.url}></voix-feedback>`);
    button(withComment, 'Oui').click();
    await withComment.updateComplete;
    expect(shadow(withComment).querySelector('form')!.textContent).to.contain('Souhaitez-vous préciser');
    expect(shadow(withComment).querySelector('fieldset.choices'), 'no reasons after Oui').to.equal(null);
    await expect(withComment).to.be.accessible();
  });

  it('shows sending while the endpoint answers, and keeps the same Idempotency-Key through 503 then 200: stored once', async () => {
    const endpoint = endpointChannel();
    await endpoint.script({ status: 503, retryAfter: 0 }, 200);
    const el = await fixture<VoixFeedback>(html`<voix-feedback endpoint=${endpoint.url}></voix-feedback>`);
    const queued = oneEvent(el, 'voix-queued');
    button(el, 'Oui').click();
    await el.updateComplete;
    expect(el.getAttribute('state')).to.equal('sending');
    expect(button(el, 'Oui').disabled).to.be.true;
    await queued;
    await el.updateComplete;
    expect(shadow(el).querySelector('[role=status]')!.textContent).to.contain('dès le retour de la connexion');
    await expect(el).to.be.accessible();
    await oneEvent(el, 'voix-sent');
    const { attempts, stored } = await endpoint.received();
    expect(attempts.map((attempt) => attempt.idempotencyKey)).to.have.length(2);
    expect(new Set(attempts.map((attempt) => attempt.idempotencyKey)).size).to.equal(1);
    expect(stored).to.have.length(1);
  });

  it('shows a 400 as an error with a retry button and retries nothing by itself', async () => {
    const endpoint = endpointChannel();
    await endpoint.script(400, 201);
    const el = await fixture<VoixFeedback>(html`<voix-feedback endpoint=${endpoint.url}></voix-feedback>`);
    const failed = oneEvent(el, 'voix-error');
    button(el, 'Oui').click();
    expect((await failed).detail.status).to.equal(400);
    await el.updateComplete;
    const alert = shadow(el).querySelector('[role=alert]')!;
    expect(alert.textContent).to.contain('n’a pas pu être envoyé (erreur 400)');
    expect(shadow(el).activeElement).to.equal(alert);
    await expect(el).to.be.accessible();
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect((await endpoint.received()).attempts).to.have.length(1);
    expect(localStorage.getItem(OUTBOX_KEY), 'a refused answer is not kept').to.equal(null);

    const sent = oneEvent(el, 'voix-sent');
    button(el, 'Réessayer').click();
    await sent;
    const { attempts, stored } = await endpoint.received();
    expect(attempts[1].idempotencyKey).to.equal(attempts[0].idempotencyKey);
    expect(stored).to.have.length(1);
  });

  it('queues an answer when the endpoint is unreachable; a fresh element delivers it exactly once', async () => {
    const endpoint = endpointChannel();
    await endpoint.setDown(true);
    const first = await fixture<VoixFeedback>(html`<voix-feedback endpoint=${endpoint.url}></voix-feedback>`);
    const queued = oneEvent(first, 'voix-queued');
    button(first, 'Non').click();
    await first.updateComplete;
    shadow(first).querySelector('form')!.requestSubmit();
    await queued;
    expect(JSON.parse(localStorage.getItem(OUTBOX_KEY)!)).to.have.length(1);
    first.remove();
    await endpoint.setDown(false);

    // A new page: a new element, the same storage.
    const second = await fixture<VoixFeedback>(html`<voix-feedback endpoint=${endpoint.url}></voix-feedback>`);
    await until(async () => (await endpoint.received()).stored.length === 1, 'the queued answer arrives');
    await until(() => localStorage.getItem(OUTBOX_KEY) === null, 'the outbox empties');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const { attempts, stored } = await endpoint.received();
    expect(stored).to.have.length(1);
    expect(stored[0].data.answers).to.deep.equal({ useful: false });
    expect(new Set(attempts.map((attempt) => attempt.idempotencyKey)).size).to.equal(1);
    expect(second.getAttribute('state')).to.equal('idle');
  });

  it('shows markup in question and reasons as text', async () => {
    const endpoint = endpointChannel();
    const evil = '<img src=x onerror="window.pwned=1">';
    const el = await fixture<VoixFeedback>(
      html`<voix-feedback endpoint=${endpoint.url} question=${evil} reasons=${`bad:${evil};Autre`}></voix-feedback>`,
    );
    expect(shadow(el).querySelector('legend')!.textContent).to.equal(evil);
    button(el, 'Non').click();
    await el.updateComplete;
    expect(shadow(el).querySelector('img')).to.equal(null);
    expect(shadow(el).querySelector('label')!.textContent!.trim()).to.equal(evil);
    expect((window as { pwned?: number }).pwned).to.equal(undefined);
  });

  it('takes reasons from the attribute (value:Label) and from a JS array', async () => {
    const endpoint = endpointChannel();
    const el = await fixture<VoixFeedback>(
      html`<voix-feedback endpoint=${endpoint.url} reasons="horaires:Les horaires sont faux ; Le plan : introuvable"></voix-feedback>`,
    );
    button(el, 'Non').click();
    await el.updateComplete;
    const inputs = [...shadow(el).querySelectorAll<HTMLInputElement>('input[type=checkbox]')];
    expect(inputs.map((input) => input.value)).to.deep.equal(['horaires', 'Le plan : introuvable']);
    el.reasons = ['a:Première', { value: 'b', label: 'Seconde' }];
    await el.updateComplete;
    const labels = [...shadow(el).querySelectorAll('label')].map((label) => label.textContent!.trim());
    expect(labels.slice(0, 2)).to.deep.equal(['Première', 'Seconde']);
  });

  it('hides its no-JavaScript fallback once upgraded', async () => {
    const endpoint = endpointChannel();
    const el = await fixture<VoixFeedback>(
      html`<voix-feedback endpoint=${endpoint.url}><a href="/contact">Écrivez-nous</a></voix-feedback>`,
    );
    expect(el.querySelector('a')!.getClientRects().length).to.equal(0);
    expect(el.getBoundingClientRect().height).to.be.greaterThan(0);
  });

  it('counts the characters left, with plurals', async () => {
    const endpoint = endpointChannel();
    const el = await fixture<VoixFeedback>(html`<voix-feedback endpoint=${endpoint.url}></voix-feedback>`);
    button(el, 'Non').click();
    await el.updateComplete;
    const textarea = shadow(el).querySelector('textarea')!;
    textarea.value = 'x'.repeat(999);
    textarea.dispatchEvent(new InputEvent('input'));
    await el.updateComplete;
    expect(shadow(el).querySelector('#comment-counter')!.textContent).to.equal('Il vous reste 1 caractère.');
    expect(shadow(el).querySelector('#comment-counter')!.getAttribute('aria-live')).to.equal('polite');
  });

  it('speaks English with lang="en" and takes text overrides through `strings`', async () => {
    const endpoint = endpointChannel();
    const el = await fixture<VoixFeedback>(html`<voix-feedback lang="en" endpoint=${endpoint.url}></voix-feedback>`);
    await until(() => shadow(el).querySelector('legend')?.textContent === 'Was this page helpful?', 'English text');
    el.strings = { yes: 'Yes, thanks' };
    await el.updateComplete;
    expect(button(el, 'Yes, thanks')).to.exist;
    const sent = oneEvent(el, 'voix-sent');
    button(el, 'Yes, thanks').click();
    expect((await sent).detail.envelope.data.locale).to.equal('en');
  });

  it('follows the lang of the page around it', async () => {
    const endpoint = endpointChannel();
    const wrapper = await fixture(html`<div lang="en-GB"><voix-feedback endpoint=${endpoint.url}></voix-feedback></div>`);
    const el = wrapper.querySelector('voix-feedback')!;
    await until(() => shadow(el).querySelector('legend')?.textContent === 'Was this page helpful?', 'English text');
  });

  it('lets the page change the envelope on voix-submit, or cancel and send it itself', async () => {
    const endpoint = endpointChannel();
    const el = await fixture<VoixFeedback>(html`<voix-feedback endpoint=${endpoint.url}></voix-feedback>`);
    el.addEventListener('voix-submit', (event) => (event.detail.subject = 'changed-by-page'), { once: true });
    const sent = oneEvent(el, 'voix-sent');
    button(el, 'Oui').click();
    await sent;
    expect((await endpoint.received()).stored[0].subject).to.equal('changed-by-page');

    const other = endpointChannel();
    const cancelled = await fixture<VoixFeedback>(html`<voix-feedback endpoint=${other.url}></voix-feedback>`);
    cancelled.addEventListener('voix-submit', (event) => event.preventDefault());
    button(cancelled, 'Oui').click();
    await cancelled.updateComplete;
    expect(cancelled.getAttribute('state')).to.equal('sent');
    expect((await other.received()).attempts).to.have.length(0);
  });

  it('sends urlencoded fields with transport="form"', async () => {
    const endpoint = endpointChannel();
    const config = await fixture(html`<voix-config transport="form" endpoint=${endpoint.url}><voix-feedback></voix-feedback></voix-config>`);
    const el = config.querySelector('voix-feedback')!;
    await el.updateComplete;
    const sent = oneEvent(el, 'voix-sent');
    button(el, 'Oui').click();
    const { detail } = await sent;
    const [attempt] = (await endpoint.received()).attempts;
    expect(attempt.contentType).to.match(/^application\/x-www-form-urlencoded/);
    const fields = new URLSearchParams(attempt.body);
    expect(fields.get('id')).to.equal(detail.envelope.id);
    expect(fields.get('type')).to.equal('voix.feedback');
    expect(fields.get('data[answers][useful]')).to.equal('true');
    expect(fields.get('data[widget][name]')).to.equal('voix-feedback');
  });

  it('hides itself after an answer with `once`, and resets for the next person with `kiosk`', async () => {
    const endpoint = endpointChannel();
    const el = await fixture<VoixFeedback>(html`<voix-feedback once subject="s" endpoint=${endpoint.url}></voix-feedback>`);
    const sent = oneEvent(el, 'voix-sent');
    button(el, 'Oui').click();
    await sent;
    const again = await fixture<VoixFeedback>(html`<voix-feedback once subject="s" endpoint=${endpoint.url}></voix-feedback>`);
    expect(again.getAttribute('state')).to.equal('hidden');
    expect(getComputedStyle(again).display).to.equal('none');
    expect(document.cookie).to.equal('');

    const kiosk = await fixture<VoixFeedback>(html`<voix-feedback kiosk="0.3" endpoint=${endpoint.url}></voix-feedback>`);
    const kioskSent = oneEvent(kiosk, 'voix-sent');
    button(kiosk, 'Oui').click();
    await kioskSent;
    await until(() => kiosk.getAttribute('state') === 'idle', 'the kiosk widget resets');
    expect(button(kiosk, 'Oui')).to.exist;
  });

  it('shows itself to the sampled share of visitors only', async () => {
    const endpoint = endpointChannel();
    const none = await fixture<VoixFeedback>(html`<voix-feedback sample="0" endpoint=${endpoint.url}></voix-feedback>`);
    expect(none.getAttribute('state')).to.equal('hidden');
    const all = await fixture<VoixFeedback>(html`<voix-feedback sample="1" endpoint=${endpoint.url}></voix-feedback>`);
    expect(all.getAttribute('state')).to.equal('idle');
  });

  it('can be defined twice without harm, and re-renders when its lang changes', async () => {
    const { VoixFeedback } = await import('../src/widgets/feedback/feedback.js');
    expect(() => VoixFeedback.define('voix-feedback')).not.to.throw();
    const endpoint = endpointChannel();
    const el = await fixture<VoixFeedback>(html`<voix-feedback endpoint=${endpoint.url}></voix-feedback>`);
    el.lang = 'en';
    await until(() => shadow(el).querySelector('legend')?.textContent === 'Was this page helpful?', 'English after lang changes');
    expect(shadow(el).querySelector('.card')!.getAttribute('lang')).to.equal('en');
  });

  it('sends what waits in the outbox when the page comes back online', async () => {
    const endpoint = endpointChannel();
    // Retry-After: 60 keeps the backoff timer out of the way: only `online` can send it now.
    await endpoint.script({ status: 503, retryAfter: 60 });
    const el = await fixture<VoixFeedback>(html`<voix-feedback endpoint=${endpoint.url}></voix-feedback>`);
    const queued = oneEvent(el, 'voix-queued');
    button(el, 'Oui').click();
    await queued;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await endpoint.received()).attempts).to.have.length(1);
    const sent = oneEvent(el, 'voix-sent');
    window.dispatchEvent(new Event('online'));
    await sent;
    await el.updateComplete;
    expect(shadow(el).querySelector('[role=status]')!.textContent).to.contain('Merci pour votre avis');
    expect((await endpoint.received()).stored).to.have.length(1);
  });

  it('leaves the page’s focus and the next person’s form alone when a queued answer is sent later', async () => {
    const endpoint = endpointChannel();
    await endpoint.script({ status: 503, retryAfter: 1 }, 201);
    const page = await fixture(html`<div><input aria-label="Recherche" /><voix-feedback kiosk="60" endpoint=${endpoint.url}></voix-feedback></div>`);
    const el = page.querySelector('voix-feedback')!;
    const queued = oneEvent(el, 'voix-queued');
    button(el, 'Oui').click();
    await queued;
    const search = page.querySelector('input')!;
    search.focus();
    await oneEvent(el, 'voix-sent');
    await el.updateComplete;
    expect(document.activeElement).to.equal(search);
  });

  it('hears from another tab that delivered its queued answer', async () => {
    const endpoint = endpointChannel();
    await endpoint.script({ status: 503, retryAfter: 60 });
    const el = await fixture<VoixFeedback>(html`<voix-feedback endpoint=${endpoint.url}></voix-feedback>`);
    const queued = oneEvent(el, 'voix-queued');
    button(el, 'Oui').click();
    const { envelope } = (await queued).detail;
    // What another tab's outbox says once it has delivered this answer.
    const otherTab = new BroadcastChannel(OUTBOX_KEY);
    const sent = oneEvent(el, 'voix-sent');
    otherTab.postMessage({ id: envelope.id, delivery: { outcome: 'sent', status: 201 } });
    expect((await sent).detail.status).to.equal(201);
    otherTab.close();
  });
});
