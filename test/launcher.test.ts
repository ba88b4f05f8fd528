import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import type { VoixLauncher } from '../src/widgets/launcher/launcher.js';
import '../src/core/config.js';
import '../src/widgets/feedback/feedback.js';
import '../src/widgets/launcher/launcher.js';
import { endpointChannel, until } from './support/endpoint.js';
import { eachTestClean, holdTimersOf } from './support/form-widget.js';

type Endpoint = ReturnType<typeof endpointChannel>;

async function launcher(endpoint: Endpoint, attributes = '', widget = ''): Promise<VoixLauncher> {
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  wrapper.innerHTML = `<voix-launcher ${attributes}><voix-feedback endpoint="${endpoint.url}" subject="launcher-test" ${widget}></voix-feedback></voix-launcher>`;
  const el = wrapper.querySelector<VoixLauncher>('voix-launcher')!;
  await el.updateComplete;
  await until(
    () => !!el.shadowRoot!.querySelector('[part=button]') || el.querySelector('voix-feedback')!.getAttribute('state') === 'hidden',
    'the widget said its state',
  );
  await el.updateComplete;
  return el;
}

const button = (el: VoixLauncher) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part=button]');
const dialog = (el: VoixLauncher) => el.shadowRoot!.querySelector('dialog')!;
/** The element that has focus, inside shadow roots. */
function focused(): Element | null {
  let element = document.activeElement;
  while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
  return element;
}
const feedbackButton = (el: VoixLauncher, name: string) =>
  [...el.querySelector('voix-feedback')!.shadowRoot!.querySelectorAll('button')].find(
    (candidate) => candidate.textContent!.trim() === name,
  )!;

async function tabTo(target: () => Element | null | undefined): Promise<void> {
  for (let presses = 0; presses < 30 && focused() !== target(); presses++) await sendKeys({ press: 'Tab' });
  expect(focused(), 'reached by Tab').to.equal(target());
}

describe('<voix-launcher>', () => {
  const consoleErrors = eachTestClean();
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('floats « Je donne mon avis » in the bottom-right corner, and passes axe', async () => {
    const el = await launcher(endpointChannel());
    const floating = button(el)!;
    expect(floating.textContent!.trim()).to.equal('Je donne mon avis');
    expect(floating.getAttribute('aria-haspopup')).to.equal('dialog');
    const box = floating.getBoundingClientRect();
    expect(getComputedStyle(floating).position).to.equal('fixed');
    expect(Math.round(innerWidth - box.right)).to.equal(16);
    expect(dialog(el).open).to.be.false;
    expect(document.documentElement.style.scrollPaddingBottom, 'room kept under what the page scrolls to').to.equal('5rem');
    await expect(el).to.be.accessible();
  });

  it('with the keyboard alone: Tab, Enter opens, answer, send; the dialog thanks, closes, and focus is back on the launcher', async () => {
    const endpoint = endpointChannel();
    const timers = holdTimersOf(4000);
    try {
      const el = await launcher(endpoint);
      await tabTo(() => button(el));
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(dialog(el).open).to.be.true;
      expect(el.open).to.be.true;
      expect(focused()!.textContent!.trim(), 'focus moved into the dialog').to.equal('Fermer');
      await expect(el).to.be.accessible();

      await tabTo(() => feedbackButton(el, 'Oui'));
      const sent = oneEvent(el, 'voix-sent');
      await sendKeys({ press: 'Enter' });
      await sent;
      expect(dialog(el).open, 'the thanks show first').to.be.true;
      expect(timers.waiting, 'the dialog closes 4 s after the thanks').to.equal(1);
      timers.elapse();
      await until(() => !el.open, 'closed');
      await el.updateComplete;
      expect(dialog(el).open).to.be.false;
      expect(focused()).to.equal(button(el));
      expect((await endpoint.received()).stored.map((envelope) => envelope.data.answers)).to.deep.equal([{ useful: true }]);
    } finally {
      timers.restore();
    }
  });

  it('opens at the first mouse click, and stays in its corner while it has focus', async () => {
    const el = await launcher(endpointChannel());
    const box = button(el)!.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] });
    await until(() => dialog(el).open, 'the first click opens the dialog');
    expect(button(el)!.classList.contains('right'), 'still bottom-right').to.be.true;
  });

  it('reads the state of a widget inside a <voix-config> in it, and shows no button when that widget leaves the visitor out', async () => {
    const endpoint = endpointChannel();
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    wrapper.innerHTML = `<voix-launcher><voix-config endpoint="${endpoint.url}"><voix-feedback subject="launcher-nested"></voix-feedback></voix-config></voix-launcher>`;
    const el = wrapper.querySelector<VoixLauncher>('voix-launcher')!;
    await until(() => !!button(el), 'a button for the widget inside <voix-config>');
    wrapper.innerHTML = `<voix-launcher><div><voix-feedback endpoint="${endpoint.url}" subject="launcher-nested" sample="0"></voix-feedback></div></voix-launcher>`;
    const hidden = wrapper.querySelector<VoixLauncher>('voix-launcher')!;
    await until(() => hidden.querySelector('voix-feedback')!.getAttribute('state') === 'hidden', 'the widget said it is hidden');
    await hidden.updateComplete;
    expect(button(hidden)).to.equal(null);
  });

  it('closes on Escape and on « Fermer », focus back on the launcher each time', async () => {
    const el = await launcher(endpointChannel());
    button(el)!.click();
    await el.updateComplete;
    await sendKeys({ press: 'Escape' });
    await until(() => !el.open, 'Escape closes');
    expect(focused()).to.equal(button(el));

    button(el)!.click();
    await el.updateComplete;
    (focused() as HTMLElement).click();
    await until(() => !el.open, '« Fermer » closes');
    expect(focused()).to.equal(button(el));
    expect(el.open).to.be.false;
  });

  it('close-after="0" keeps the thanks open', async () => {
    const endpoint = endpointChannel();
    const el = await launcher(endpoint, 'close-after="0"');
    el.show();
    const sent = oneEvent(el, 'voix-sent');
    feedbackButton(el, 'Oui').click();
    await sent;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(dialog(el).open).to.be.true;
  });

  it('shows no launcher to a visitor whom the widget’s sample or once leaves out', async () => {
    const sampledOut = await launcher(endpointChannel(), '', 'sample="0"');
    expect(button(sampledOut)).to.equal(null);
    localStorage.setItem('voix:answered:voix-feedback:launcher-test', '1');
    const answered = await launcher(endpointChannel(), '', 'once');
    expect(button(answered)).to.equal(null);
    expect(document.documentElement.style.scrollPaddingBottom).to.equal('');
  });

  it('at 320 px: the button stays small and the dialog fits without horizontal scrolling', async () => {
    await setViewport({ width: 320, height: 640 });
    const el = await launcher(endpointChannel());
    const box = button(el)!.getBoundingClientRect();
    expect(box.width).to.be.below(200);
    expect(box.height).to.be.at.most(48);
    el.show();
    await el.updateComplete;
    const open = dialog(el).getBoundingClientRect();
    expect(open.left).to.be.at.least(0);
    expect(open.right).to.be.at.most(320);
    expect(document.documentElement.scrollWidth).to.be.at.most(320);
    await expect(el).to.be.accessible();
  });

  it('moves to the other corner when what has focus lies under it (WCAG 2.4.11)', async () => {
    const el = await launcher(endpointChannel());
    const under = button(el)!.getBoundingClientRect();
    const link = document.createElement('a');
    link.href = '#bas';
    link.textContent = 'Mentions légales';
    Object.assign(link.style, { position: 'fixed', left: `${under.left}px`, top: `${under.top}px` });
    document.body.append(link);
    try {
      link.focus();
      await el.updateComplete;
      const moved = button(el)!.getBoundingClientRect();
      expect(moved.left).to.be.below(100);
      const at = link.getBoundingClientRect();
      expect(at.left < moved.right && moved.left < at.right && at.top < moved.bottom && moved.top < at.bottom, 'no longer covered').to.be
        .false;
    } finally {
      link.remove();
    }
  });

  it('inline: a button where the element is; a bad position is named and falls back to the corner', async () => {
    const inline = await launcher(endpointChannel(), 'position="inline" label="Votre avis sur ce prototype"');
    expect(getComputedStyle(button(inline)!).position).to.equal('static');
    expect(button(inline)!.textContent!.trim()).to.equal('Votre avis sur ce prototype');
    const wrong = await launcher(endpointChannel(), 'position="top"');
    expect(getComputedStyle(button(wrong)!).position).to.equal('fixed');
    expect(consoleErrors.errors).to.deep.equal(['<voix-launcher> attribute position="top": expected bottom-right, bottom-left or inline.']);
  });
});
