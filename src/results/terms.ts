import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** A declared subject's terms, as the reference collector serves them (its schemas/subject.schema.json). */
export type Terms = Record<string, unknown>;

/** Each subject's terms read once a page, whichever widgets ask. */
const reads = new Map<string, Promise<Terms | undefined>>();

/**
 * Reads the terms a collectivité declared for a subject on the reference collector
 * (`GET …/v1/subjects/{subject}`, beside the endpoint's `…/v1/events`) and hands them to `apply`,
 * which makes them the widget's own: on a declared subject the collector's terms, not the page's,
 * count. Another endpoint, an undeclared subject (204) or a failed read leaves the page's.
 * `reading` is true until the answer is there, so that a widget given no options waits for them.
 */
export class DeclaredTerms implements ReactiveController {
  reading = false;
  #url?: string;
  /** Reading again: what is shown stays (focus and the refusal's alert with it) until the new terms are there. */
  #again = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: () => { endpoint?: string; subject: string; type: string },
    private readonly apply: (terms: Terms) => void,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const { endpoint, subject, type } = this.source();
    const url = /\/v1\/events$/.test(endpoint ?? '') ? `${endpoint!.slice(0, -6)}subjects/${encodeURIComponent(subject)}` : undefined;
    if (url === this.#url) return;
    this.#url = url;
    if (!url) return;
    this.reading = !this.#again;
    this.#again = false;
    if (!reads.has(url)) {
      reads.set(
        url,
        fetch(url, { credentials: 'omit' })
          // 200: declared; 204: not declared (the open mode).
          .then((response) => (response.status === 200 ? (response.json() as Promise<{ type?: string; terms?: Terms }>) : undefined))
          .then((declared) => (declared?.type === type ? declared.terms : undefined))
          .catch(() => undefined),
      );
    }
    void reads.get(url)!.then((terms) => {
      if (url !== this.#url) return;
      this.reading = false;
      if (terms) this.apply(terms);
      this.host.requestUpdate();
    });
  }

  /** Reads the terms again: the collector refused an answer for terms the page did not know (the collectivité changed them). */
  reread(): void {
    if (this.#url) reads.delete(this.#url);
    this.#url = undefined;
    this.#again = true;
    this.host.requestUpdate();
  }
}
