// Talks to the real local endpoint that web-test-runner.config.mjs starts on another port.
declare global {
  interface Window {
    VOIX_TEST_ENDPOINT: string;
  }
}

export interface Attempt {
  idempotencyKey: string | null;
  contentType: string;
  origin: string | null;
  body: string;
  valid?: boolean;
  errors?: string[];
}

/** A status, or a status with a Retry-After header, or with the `error` code and `message` of the refusal's body. */
export type ScriptedResponse = number | { status: number; retryAfter?: number; error?: string; message?: string };

/** Channels a test holds: released after each test, so that a failed one cannot keep the browser's connections busy. */
const holding = new Set<(held: boolean) => Promise<void>>();

export async function releaseHeldAnswers(): Promise<void> {
  await Promise.all([...holding].map((hold) => hold(false)));
}

/** A channel of its own on the endpoint, so that tests never see each other's answers. */
export function endpointChannel() {
  const channel = Math.random().toString(36).slice(2);
  const base = window.VOIX_TEST_ENDPOINT;
  const control = async (body: object) => {
    await fetch(`${base}/control?channel=${channel}`, { method: 'POST', body: JSON.stringify(body) });
  };
  const hold = async (held: boolean) => {
    if (held) holding.add(hold);
    else holding.delete(hold);
    await control({ held });
  };
  return {
    url: `${base}/v1/events?channel=${channel}`,
    script: (...responses: ScriptedResponse[]) => control({ responses }),
    /** While down, every connection is closed without an answer: a network error. */
    setDown: (down: boolean) => control({ down }),
    /** While held, the endpoint answers nothing until released: a slow endpoint, as slow as the test needs. */
    hold,
    async received(): Promise<{
      attempts: Attempt[];
      stored: Array<Record<string, any>>;
      stream: { sent: number; ended: boolean; aborted: boolean };
    }> {
      return (await fetch(`${base}/received?channel=${channel}`)).json();
    },
  };
}

export function clearStorage(): void {
  for (const key of Object.keys(localStorage)) if (key.startsWith('voix:')) localStorage.removeItem(key);
}

/** Waits until `condition` holds, polling; fails with `message` after `timeout` ms. */
export async function until(condition: () => boolean | Promise<boolean>, message: string, timeout = 5000): Promise<void> {
  const end = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`Timed out: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A channel of the local endpoint serving results, and what it saw. */
export function resultsChannel() {
  const channel = endpointChannel();
  const base = new URL(channel.url);
  const control = (body: object) =>
    fetch(`${base.origin}/control?${base.searchParams}`, { method: 'POST', body: JSON.stringify(body) }).then(() => undefined);
  return {
    ...channel,
    /** The template a widget is given: `{subject}` is replaced by the widget. */
    template: `${base.origin}/v1/results/{subject}?${base.searchParams}`,
    serve: (document: unknown) => control({ results: document }),
    failWith: (status: number | null) => control({ resultsStatus: status }),
    async reads(): Promise<Array<{ subject: string; ifNoneMatch: string | null; status: number }>> {
      return (await (await fetch(`${base.origin}/received?${base.searchParams}`)).json()).results;
    },
  };
}

/** What a screen reader reads of an element: its text without what is aria-hidden, spaces folded. */
export function spoken(element: Element | null | undefined): string {
  if (!element) return '';
  const copy = element.cloneNode(true) as Element;
  copy.querySelectorAll('[aria-hidden=true]').forEach((hidden) => hidden.remove());
  return copy.textContent!.replace(/\s+/g, ' ').trim();
}
