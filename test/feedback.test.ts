import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/core/config.js';
import { OUTBOX_KEY, pending } from '../src/core/outbox.js';
import type { VoixFeedback } from '../src/widgets/feedback/feedback.js';
import '../src/widgets/feedback/feedback.js';
import { clearStorage, endpointChannel, releaseHeldAnswers, until } from './support/endpoint.js';

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
    expect(pending(), 'outbox emptied').to.have.length(0);
  });

  it('has no unnamed group after Non: the fieldset that disables the form while sending is no group, the reasons are', async () => {
    const endpoint = endpointChannel();
    const el = await fixture<VoixFeedback>(html`<voix-feedback endpoint=${endpoint.url}></voix-feedback>`);
    button(el, 'Non').click();
    await el.updateComplete;
    const groups = [...shadow(el).querySelectorAll('fieldset')].filter((fieldset) => !/^(none|presentation)$/.test(fieldset.role ?? ''));
    expect(groups.map((fieldset) => fieldset.querySelector(':scope > legend')?.textContent?.trim())).to.deep.equal([
      'Qu’est-ce qui n’allait pas ?',
    ]);
    await expect(el).to.be.accessible();
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
    expect(button(el, 'Oui').matches(':disabled')).to.be.true;
    await queued;
    await el.updateComplete;
    // Online, a server that does not answer for now is not a lost connection (issue 16, wording 7).
    expect(shadow(el).querySelector('[role=status]')!.textContent!.trim()).to.equal(
      'Le service ne répond pas pour le moment\u00a0: nous réessaierons d’envoyer votre avis, sans rien à refaire de votre part.',
    );
    await expect(el).to.be.accessible();
    await oneEvent(el, 'voix-sent');
    const { attempts, stored } = await endpoint.received();
    expect(attempts.map((attempt) => attempt.idempotencyKey)).to.have.length(2);
    expect(new Set(attempts.map((attempt) => attempt.idempotencyKey)).size).to.equal(1);
    expect(stored).to.have.length(1);
  });

  // Issue 16 (accessibility 2) changed this test on purpose: the alert said « erreur 400 » and Réessayer sent the refused answer again.
  it('shows a 400 in plain words, retries nothing by itself, and lets the person answer again: a new answer', async () => {
    const endpoint = endpointChannel();
    await endpoint.script(400, 201);
    const el = await fixture<VoixFeedback>(html`<voix-feedback endpoint=${endpoint.url}></voix-feedback>`);
    const failed = oneEvent(el, 'voix-error');
    // As a real click does: the button gets focus, which the widget keeps (finding 12).
    button(el, 'Oui').focus();
    button(el, 'Oui').click();
    expect((await failed).detail.status).to.equal(400);
    await el.updateComplete;
    const alert = shadow(el).querySelector('[role=alert]')!;
    expect(alert.textContent).to.contain('Nous n’avons pas pu enregistrer votre avis.');
    expect(alert.textContent).not.to.contain('400');
    expect(shadow(el).activeElement === alert, 'focus on the alert').to.be.true;
    await expect(el).to.be.accessible();
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect((await endpoint.received()).attempts).to.have.length(1);
    expect(pending(), 'a refused answer is not kept').to.have.length(0);

    const sent = oneEvent(el, 'voix-sent');
    expect(button(el, 'Oui').matches(':disabled'), 'usable again').to.be.false;
    button(el, 'Oui').click();
    await sent;
    const { attempts, stored } = await endpoint.received();
    expect(attempts[1].idempotencyKey, 'a new answer, not the refused one again').not.to.equal(attempts[0].idempotencyKey);
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
    expect(pending()).to.have.length(1);
    first.remove();
    await endpoint.setDown(false);

    // A new page: a new element, the same storage.
    const second = await fixture<VoixFeedback>(html`<voix-feedback endpoint=${endpoint.url}></voix-feedback>`);
    await until(async () => (await endpoint.received()).stored.length === 1, 'the queued answer arrives');
    await until(() => !pending().length, 'the outbox empties');
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
    expect(shadow(el).querySelector('.comment')!.textContent).to.contain('Il vous reste 1 caractère.');
  });

  it('writes numbers as French does: « 1 000 caractères », with a narrow no-break space', async () => {
    const endpoint = endpointChannel();
    const el = await fixture<VoixFeedback>(html`<voix-feedback endpoint=${endpoint.url}></voix-feedback>`);
    button(el, 'Non').click();
    await el.updateComplete;
    expect(shadow(el).querySelector('.comment')!.textContent).to.contain('Il vous reste 1\u202f000 caractères.');
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
    const config = await fixture(
      html`<voix-config transport="form" endpoint=${endpoint.url}><voix-feedback></voix-feedback></voix-config>`,
    );
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
    const page = await fixture(
      html`<div><input aria-label="Recherche" /><voix-feedback kiosk="60" endpoint=${endpoint.url}></voix-feedback></div>`,
    );
    const el = page.querySelector('voix-feedback')!;
    const queued = oneEvent(el, 'voix-queued');
    button(el, 'Oui').click();
    await queued;
    const search = page.querySelector('input')!;
    search.focus();
    await oneEvent(el, 'voix-sent');
    await el.updateComplete;
    expect(document.activeElement === search, 'focus left on the search box').to.be.true;
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

describe('<voix-feedback> focus and announcements, keyboard only, with a slow endpoint', () => {
  beforeEach(clearStorage);
  afterEach(releaseHeldAnswers);

  const status = (el: HTMLElement) => shadow(el).querySelector<HTMLElement>('[role=status]')!;
  const alert = (el: HTMLElement) => shadow(el).querySelector<HTMLElement>('[role=alert]')!;
  /** Names an element in a failure message (DOM nodes themselves do not travel to the test runner). */
  const describeElement = (element?: Element | null) =>
    element
      ? `<${element.localName}${element.getAttribute('role') ? ` role=${element.getAttribute('role')}` : ''}> ${element.textContent?.trim().slice(0, 40)}`
      : 'nothing';
  /** Focus never falls to <body>: it is on `expected`, inside the widget. */
  const expectFocusOn = (el: HTMLElement, expected: Element, moment: string) => {
    expect(describeElement(shadow(el).activeElement ?? document.activeElement), moment).to.equal(describeElement(expected));
    expect(document.activeElement === el && shadow(el).activeElement === expected, moment).to.be.true;
  };
  /** Lets the held endpoint answer, and waits until the widget shows the outcome. */
  const release = async (el: VoixFeedback, endpoint: ReturnType<typeof endpointChannel>, outcome: Promise<unknown>) => {
    await endpoint.hold(false);
    await outcome;
    await el.updateComplete;
  };
  const press = async (el: VoixFeedback, key: string) => {
    await sendKeys({ press: key });
    await el.updateComplete;
  };

  it('keeps focus on the status message while Oui is sent, and after', async () => {
    const endpoint = endpointChannel();
    await endpoint.hold(true);
    const el = await fixture<VoixFeedback>(html`<voix-feedback endpoint=${endpoint.url}></voix-feedback>`);
    await expect(el).to.be.accessible();
    await pressTabUntil(el, (active) => active?.textContent?.trim() === 'Oui');
    const sent = oneEvent(el, 'voix-sent');
    await press(el, 'Enter');
    expect(el.getAttribute('state')).to.equal('sending');
    expect(status(el).textContent).to.contain('Envoi en cours');
    expectFocusOn(el, status(el), 'while sending');
    await release(el, endpoint, sent);
    expectFocusOn(el, status(el), 'once sent');
    expect(status(el).textContent).to.contain('Merci pour votre avis');
  });

  it('disables the reasons, the comment and Envoyer while sending, and keeps focus in the widget', async () => {
    const endpoint = endpointChannel();
    await endpoint.hold(true);
    const el = await fixture<VoixFeedback>(html`<voix-feedback endpoint=${endpoint.url}></voix-feedback>`);
    await pressTabUntil(el, (active) => active?.textContent?.trim() === 'Non');
    await press(el, 'Enter');
    await press(el, 'Space');
    await pressTabUntil(el, (active) => active?.localName === 'textarea');
    await sendKeys({ type: 'Horaires absents' });
    await pressTabUntil(el, (active) => active?.textContent?.trim() === 'Envoyer');
    const sent = oneEvent(el, 'voix-sent');
    await press(el, 'Enter');
    expectFocusOn(el, status(el), 'while sending');
    const fields = [...shadow(el).querySelectorAll('input, textarea, button')];
    expect(fields.length).to.be.greaterThan(6);
    expect(
      fields.filter((field) => !field.matches(':disabled')).map(describeElement),
      'every field says it no longer counts',
    ).to.deep.equal([]);
    await expect(el).to.be.accessible();
    await release(el, endpoint, sent);
    expectFocusOn(el, status(el), 'once sent');
  });

  // Issue 16 changed this test on purpose: Réessayer, which sent the refused answer again, is now Recommencer (a fresh widget).
  it('after a refusal: the alert gets focus, Recommencer stands outside it and gives a fresh widget, focus kept in the widget', async () => {
    const endpoint = endpointChannel();
    await endpoint.script(400, 201);
    await endpoint.hold(true);
    const el = await fixture<VoixFeedback>(html`<voix-feedback endpoint=${endpoint.url}></voix-feedback>`);
    await pressTabUntil(el, (active) => active?.textContent?.trim() === 'Oui');
    const failed = oneEvent(el, 'voix-error');
    await press(el, 'Enter');
    expectFocusOn(el, status(el), 'while sending');
    await release(el, endpoint, failed);
    expectFocusOn(el, alert(el), 'once refused');
    expect(alert(el).textContent!.trim()).to.equal(
      'Nous n’avons pas pu enregistrer votre avis. Le problème ne vient pas de vous\u00a0: vous pouvez recommencer, ou revenir plus tard.',
    );
    expect(alert(el).querySelector('button'), 'the button is not read as part of the alert').to.equal(null);
    await expect(el).to.be.accessible();

    await press(el, 'Tab');
    expectFocusOn(el, button(el, 'Recommencer'), 'Tab after the alert');
    await press(el, 'Enter');
    expect(el.getAttribute('state')).to.equal('idle');
    expect(alert(el).textContent!.trim()).to.equal('');
    expectFocusOn(el, button(el, 'Oui'), 'on the fresh widget');
    await endpoint.hold(true);
    const sent = oneEvent(el, 'voix-sent');
    await press(el, 'Enter');
    expect(el.getAttribute('state')).to.equal('sending');
    expectFocusOn(el, status(el), 'while sending again');
    await release(el, endpoint, sent);
    expectFocusOn(el, status(el), 'once sent');
  });

  it('does not take focus back when the answer settles if the person has moved on meanwhile', async () => {
    const endpoint = endpointChannel();
    await endpoint.hold(true);
    const page = await fixture(html`<div><input aria-label="Recherche" /><voix-feedback endpoint=${endpoint.url}></voix-feedback></div>`);
    const el = page.querySelector('voix-feedback')!;
    const search = page.querySelector('input')!;
    await pressTabUntil(el, (active) => active?.textContent?.trim() === 'Oui');
    let sent = oneEvent(el, 'voix-sent');
    await press(el, 'Enter');
    expectFocusOn(el, status(el), 'while sending');
    // Shift+Tab: every field of the widget is disabled, so focus goes back to the page's search box.
    await press(el, 'Shift+Tab');
    expect(describeElement(document.activeElement)).to.equal(describeElement(search));
    await release(el, endpoint, sent);
    expect(describeElement(document.activeElement), 'not taken back').to.equal(describeElement(search));

    // Clicked elsewhere in the page while sending.
    const other = endpointChannel();
    await other.hold(true);
    const second = await fixture(html`<div><input aria-label="Recherche" /><voix-feedback endpoint=${other.url}></voix-feedback></div>`);
    const widget = second.querySelector('voix-feedback')!;
    await pressTabUntil(widget, (active) => active?.textContent?.trim() === 'Oui');
    sent = oneEvent(widget, 'voix-sent');
    await press(widget, 'Enter');
    second.querySelector('input')!.focus();
    await release(widget, other, sent);
    expect(describeElement(document.activeElement), 'not taken back').to.equal(describeElement(second.querySelector('input')));
    await expect(widget).to.be.accessible();
  });

  it('after Oui with `comment`, the thanks name the group that the focused comment box is in', async () => {
    const endpoint = endpointChannel();
    const el = await fixture<VoixFeedback>(html`<voix-feedback comment endpoint=${endpoint.url}></voix-feedback>`);
    await pressTabUntil(el, (active) => active?.textContent?.trim() === 'Oui');
    await press(el, 'Enter');
    const textarea = shadow(el).querySelector('textarea')!;
    expectFocusOn(el, textarea, 'after Oui');
    const group = textarea.closest('fieldset');
    expect(group?.querySelector('legend')?.textContent, 'the thanks are the name of the group').to.equal(
      'Merci\u202f! Souhaitez-vous préciser votre avis\u202f?',
    );
    await expect(el).to.be.accessible();
  });

  // Issue 16 changed this test on purpose: the fields were disabled, and Réessayer sent the refused answer again.
  it('keeps the reasons and the comment on screen after a refusal, usable: Envoyer sends them again as a new answer', async () => {
    const endpoint = endpointChannel();
    await endpoint.script(400, 201);
    const el = await fixture<VoixFeedback>(html`<voix-feedback endpoint=${endpoint.url}></voix-feedback>`);
    button(el, 'Non').click();
    await el.updateComplete;
    shadow(el).querySelector<HTMLInputElement>('input[value=unclear]')!.click();
    const textarea = shadow(el).querySelector('textarea')!;
    textarea.value = 'Le plan est illisible';
    textarea.dispatchEvent(new InputEvent('input'));
    const failed = oneEvent(el, 'voix-error');
    shadow(el).querySelector('form')!.requestSubmit();
    await failed;
    await el.updateComplete;
    expect(shadow(el).querySelector<HTMLInputElement>('input[value=unclear]')?.checked, 'the reason is still shown').to.be.true;
    expect(shadow(el).querySelector('textarea')?.value, 'the comment is still shown').to.equal('Le plan est illisible');
    await expect(el).to.be.accessible();
    expect(shadow(el).querySelector('textarea')!.matches(':disabled'), 'usable').to.be.false;
    const sent = oneEvent(el, 'voix-sent');
    button(el, 'Envoyer').click();
    await sent;
    expect((await endpoint.received()).stored[0].data.answers).to.deep.equal({
      useful: false,
      reasons: ['unclear'],
      comment: 'Le plan est illisible',
    });
  });

  it('after a kiosk reset, puts focus on the first control of the fresh widget if it was in the widget', async () => {
    const endpoint = endpointChannel();
    const el = await fixture<VoixFeedback>(html`<voix-feedback kiosk="0.3" endpoint=${endpoint.url}></voix-feedback>`);
    await pressTabUntil(el, (active) => active?.textContent?.trim() === 'Oui');
    await press(el, 'Enter');
    await until(() => el.getAttribute('state') === 'sent', 'sent');
    await until(() => el.getAttribute('state') === 'idle', 'the kiosk widget resets');
    await el.updateComplete;
    expectFocusOn(el, button(el, 'Oui'), 'after the reset');
    await expect(el).to.be.accessible();
  });

  it('describes the comment box with the warning alone, spaced from the privacy link, and announces the count at a few thresholds only', async () => {
    const endpoint = endpointChannel();
    const config = await fixture(
      html`<voix-config endpoint=${endpoint.url} privacy-href="/confidentialite"><voix-feedback></voix-feedback></voix-config>`,
    );
    const el = config.querySelector('voix-feedback')!;
    await el.updateComplete;
    button(el, 'Non').click();
    await el.updateComplete;
    const textarea = shadow(el).querySelector('textarea')!;
    const description = textarea
      .getAttribute('aria-describedby')!
      .split(' ')
      .map((id) => shadow(el).getElementById(id)!.textContent!.trim());
    expect(description).to.deep.equal([
      'N’indiquez pas de données personnelles (nom, téléphone, e\u2011mail…)\u00a0: elles seraient effacées.',
    ]);
    const hint = shadow(el).querySelector('a')!.parentElement!;
    expect(hint.textContent!.replace(/\s+/g, ' ').trim()).to.contain('effacées. Comment vos réponses sont utilisées');

    const live = shadow(el).querySelector('.comment [aria-live]')!;
    const spoken: string[] = [];
    new MutationObserver(() => spoken.push(live.textContent!)).observe(live, { childList: true, characterData: true, subtree: true });
    textarea.value = 'x'.repeat(898);
    textarea.dispatchEvent(new InputEvent('input'));
    await el.updateComplete;
    textarea.focus();
    await sendKeys({ type: 'x'.repeat(53) });
    await el.updateComplete;
    expect(shadow(el).querySelector('.comment')!.textContent).to.contain('Il vous reste 49 caractères.');
    expect(spoken).to.deep.equal(['Il vous reste 100 caractères.', 'Il vous reste 50 caractères.']);
    await expect(el).to.be.accessible();
  });
});
