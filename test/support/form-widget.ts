// Helpers shared by the tests of the widgets built on the form engine (<voix-rating>, <voix-survey>).
import { expect, oneEvent } from '@open-wc/testing';
import { pending } from '../../src/core/outbox.js';
import { sendKeys } from '@web/test-runner-commands';
import { clearStorage, releaseHeldAnswers, until, type endpointChannel } from './endpoint.js';

export const shadow = (el: HTMLElement) => el.shadowRoot!;
export const question = (el: HTMLElement, id: string) => shadow(el).getElementById(`q-${id}`);
export const inputs = (el: HTMLElement, id: string) => [...(question(el, id)?.querySelectorAll<HTMLInputElement>('.options input') ?? [])];
export const buttonNamed = (el: HTMLElement, text: string) =>
  [...shadow(el).querySelectorAll('button')].find((button) => button.textContent!.trim() === text);
export const active = (el: HTMLElement) => shadow(el).activeElement as HTMLElement | null;
export const stepLegend = (el: HTMLElement) => shadow(el).querySelector<HTMLElement>('.step-legend');
export const questionIds = (el: HTMLElement) =>
  [...shadow(el).querySelectorAll('.question')].map((element) => element.id.replace(/^q-/, ''));
export const checkedValues = (el: HTMLElement, id: string) =>
  inputs(el, id)
    .filter((input) => input.checked)
    .map((input) => input.value);
export const submitForm = (el: HTMLElement) => shadow(el).querySelector('form')!.requestSubmit();
export const statusText = (el: HTMLElement) => shadow(el).querySelector('[role=status]')?.textContent?.trim() ?? '';

/** What a screen reader reads for a control: its label without what is aria-hidden. */
export function nameOf(input: HTMLInputElement): string {
  const label = input.labels![0].cloneNode(true) as HTMLElement;
  label.querySelectorAll('[aria-hidden=true]').forEach((hidden) => hidden.remove());
  return label.textContent!.replace(/\s+/g, ' ').trim();
}

/** Clicks the option `value` of question `id`, as a person would, and waits for the render. */
export async function choose(el: HTMLElement & { updateComplete: Promise<unknown> }, id: string, ...values: string[]): Promise<void> {
  for (const value of values) {
    const input = inputs(el, id).find((candidate) => candidate.value === value);
    expect(input, `option ${value} of ${id}`).to.exist;
    input!.click();
    await el.updateComplete;
  }
}

/** Types into the text field of question `id`. */
export async function typeText(el: HTMLElement & { updateComplete: Promise<unknown> }, id: string, text: string): Promise<void> {
  const field = question(el, id)!.querySelector<HTMLInputElement | HTMLTextAreaElement>('input, textarea')!;
  field.value = text;
  field.dispatchEvent(new InputEvent('input'));
  await el.updateComplete;
}

export async function tabUntil(el: HTMLElement, matches: (focused: HTMLElement | null) => boolean): Promise<void> {
  for (let i = 0; i < 40 && !matches(active(el)); i++) await sendKeys({ press: 'Tab' });
  expect(matches(active(el)), 'focus reached by Tab').to.be.true;
}

/** The console errors logged while a test runs (the widgets name a bad attribute or definition there). */
export function recordConsoleErrors() {
  const errors: string[] = [];
  const original = console.error;
  return {
    errors,
    start() {
      errors.length = 0;
      console.error = (...args: unknown[]) => void errors.push(args.map(String).join(' '));
    },
    stop() {
      console.error = original;
    },
  };
}

type Widget = HTMLElement & { updateComplete: Promise<unknown> };
type Endpoint = ReturnType<typeof endpointChannel>;

/**
 * Sends the answered form to a held (slow) endpoint: the widget shows "Envoi en cours…", its
 * options of question `id` disabled, and passes axe; then the endpoint answers and the widget
 * reaches `outcome`.
 */
export async function sendWhileHeld(el: Widget, endpoint: Endpoint, id: string, outcome: 'voix-sent' | 'voix-error'): Promise<void> {
  await endpoint.hold(true);
  const settled = oneEvent(el, outcome);
  submitForm(el);
  await el.updateComplete;
  expect(el.getAttribute('state')).to.equal('sending');
  expect(statusText(el)).to.equal('Envoi en cours…');
  expect(inputs(el, id).every((input) => input.matches(':disabled'))).to.be.true;
  await expect(el).to.be.accessible();
  await endpoint.hold(false);
  await settled;
  await el.updateComplete;
}

/**
 * Sends the answered form while the endpoint is unreachable: "queued", the answers kept in the
 * outbox, axe passes; then the network comes back and they are delivered, once.
 */
export async function queueThenDeliver(el: Widget, endpoint: Endpoint, answers: object): Promise<void> {
  await endpoint.setDown(true);
  const queued = oneEvent(el, 'voix-queued');
  submitForm(el);
  await queued;
  await el.updateComplete;
  expect(statusText(el)).to.match(/^Vous semblez hors ligne\s: nous enverrons (votre avis|vos réponses) dès le retour de la connexion\.$/);
  expect(
    pending().map((item) => item.envelope.data.answers),
    'the answers are kept',
  ).to.deep.equal([answers]);
  await expect(el).to.be.accessible();

  await endpoint.setDown(false);
  const sent = oneEvent(el, 'voix-sent');
  window.dispatchEvent(new Event('online'));
  await sent;
  expect((await endpoint.received()).stored.map((envelope) => envelope.data.answers)).to.deep.equal([answers]);
  expect(pending()).to.have.length(0);
}

/**
 * Each test of the calling describe() starts with an empty outbox and records the console errors;
 * answers a test held are released after it.
 */
export function eachTestClean() {
  const consoleErrors = recordConsoleErrors();
  beforeEach(() => {
    clearStorage();
    consoleErrors.start();
  });
  afterEach(async () => {
    consoleErrors.stop();
    await releaseHeldAnswers();
  });
  return consoleErrors;
}

/**
 * Holds the timers of one delay (a kiosk's 20 s) until the test fires them, and lets every other
 * timer run: Lit, the outbox and the test runner keep their clock; the kiosk waits for the test,
 * so no test waits 20 s, nor guesses a delay.
 */
export function holdTimersOf(delay: number) {
  const { setTimeout: realSetTimeout, clearTimeout: realClearTimeout } = window;
  const held = new Map<number, () => void>();
  let nextId = -1;
  window.setTimeout = ((handler: TimerHandler, timeout?: number, ...args: unknown[]) => {
    // The test runner's own commands (sendKeys) time out after 20 s too: theirs keep the real clock.
    const runnerTimer = new Error().stack?.includes('__web-dev-server__');
    if (timeout !== delay || typeof handler !== 'function' || runnerTimer) return realSetTimeout(handler, timeout, ...args);
    const id = nextId--;
    held.set(id, () => handler(...args));
    return id;
  }) as typeof setTimeout;
  window.clearTimeout = ((id?: number) => (id !== undefined && held.delete(id)) || realClearTimeout(id)) as typeof clearTimeout;
  return {
    /** How many timers of that delay are waiting. */
    get waiting() {
      return held.size;
    },
    /** Lets that delay pass: the timers waiting run. */
    elapse() {
      const due = [...held.values()];
      held.clear();
      due.forEach((run) => run());
    },
    restore() {
      window.setTimeout = realSetTimeout;
      window.clearTimeout = realClearTimeout;
    },
  };
}

/**
 * Submits the widget's form, waits for `voix-sent`, checks that the endpoint got one attempt, valid
 * against schemas/, and returns the envelope it stored.
 */
export async function sendAndRead(el: Widget, endpoint: Pick<Endpoint, 'received'>): Promise<Record<string, any>> {
  const sent = oneEvent(el, 'voix-sent');
  submitForm(el);
  await sent;
  await el.updateComplete;
  const { attempts, stored } = await endpoint.received();
  expect(attempts).to.have.length(1);
  expect(attempts[0].valid, attempts[0].errors?.join('\n')).to.be.true;
  return stored[0];
}

/** Runs `body` with Date.now() fixed at `when` (an ISO date, read in the browser's time zone when it has no zone). */
export async function atTime<T>(when: string, body: () => Promise<T>): Promise<T> {
  const realNow = Date.now;
  Date.now = () => new Date(when).getTime();
  try {
    return await body();
  } finally {
    Date.now = realNow;
  }
}

/** The widgets a fixture holds, once each has drawn its controls (a button at least). */
export async function drawnWidgets(page: Element): Promise<Widget[]> {
  const widgets = [...page.children] as Widget[];
  for (const widget of widgets) await widget.updateComplete;
  await until(() => widgets.every((widget) => widget.shadowRoot!.querySelector('button')), 'every widget drawn');
  return widgets;
}
