import type { ReactiveController } from 'lit';
import { checkEndpoint } from '../core/settings.js';
import type { VoixElement } from '../core/voix-element.js';

/** `idle`: no results URL; `loading` and `error`: nothing to show yet; `ready`: figures to show. */
export type ResultsState = 'idle' | 'loading' | 'ready' | 'error';

/** A subject's results as the collector sends them (docs/openapi.yaml, Results), split by what the widget lists. */
export interface Results {
  subject: string;
  /** Participations: people who answered, not choices made. */
  total: number;
  /** Per option the widget lists (0 for an option nobody chose); every value when the widget lists none. */
  counts: Record<string, number>;
  /** Values the widget does not list (an option since removed, say), kept apart. */
  others: Record<string, number>;
  updated: string | null;
}

/** What the widget gives, read at each update. */
export interface ResultsSource {
  /** The URL template (its own `results` attribute, else <voix-config>'s); `{subject}` is replaced. */
  url?: string;
  subject: string;
  /** The option values the widget shows. */
  values?: readonly string[];
  /** Several choices per participation: counts may then add up past the total. */
  multiple?: boolean;
  /** Seconds between two reads while the page is visible; none when 0 or unset. */
  refresh?: number;
}

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const not = (expected: string, value: unknown) => `${expected}, not ${JSON.stringify(value)}`;

/** The document as Results, or what is wrong with it (what was expected, for the console error). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a document from the network, checked field by field below.
function readResults(doc: any, { values }: ResultsSource): Results | string {
  if (typeof doc?.subject !== 'string') return 'a string subject';
  const { total, counts: all, updated } = doc;
  if (!isCount(total)) return not('total a whole number from 0', total);
  if (typeof all !== 'object' || !all || Array.isArray(all)) return 'a counts object';
  if (updated !== null && !(typeof updated === 'string' && !isNaN(Date.parse(updated)))) return not('updated a date or null', updated);
  // Without a prototype: an option may be valued __proto__ or toString.
  const counts: Record<string, number> = Object.create(null);
  const others: Record<string, number> = Object.create(null);
  for (const value of values ?? []) counts[value] = 0;
  for (const [value, count] of Object.entries(all)) {
    if (!isCount(count)) return not(`counts.${value} a whole number from 0`, count);
    if (count > total) return not(`counts.${value} at most the total (${total})`, count);
    (!values || values.includes(value) ? counts : others)[value] = count;
  }
  // Single-choice counts adding up past the total are not refused: an undeclared subject takes a
  // vote of several choices from anyone, and the chart then shows shares of the votes (chart.ts).
  return { subject: doc.subject, total, counts, others, updated };
}

/**
 * Reads a subject's results for a widget (a poll, a petition) and keeps them up to date: the ETag
 * and the document are kept, so a 304 costs the collector almost nothing; an optional refresh
 * interval, paused while the page is hidden; the voter's own choice counted at once (addLocal)
 * until the collector's next figures replace it. A bad URL or document gives one named console
 * error and a safe state, never a thrown error. A failed read after a good one keeps the figures
 * on screen (`error` then says why): a chart should not blink away because one refresh failed.
 */
export class ResultsController implements ReactiveController {
  state: ResultsState = 'idle';
  /** The figures to show: the collector's, plus the voter's own choice while it is not in them. */
  results?: Results;
  /** Why the last read failed, if it did. */
  error?: string;
  /** Several choices per participation (the widget's `multiple`): shares are then of participations. */
  get multiple(): boolean {
    return !!this.#source.multiple;
  }
  #source: ResultsSource = { subject: '' };
  #url?: string;
  #etag?: string;
  #server?: Results;
  #local: string[][] = [];
  /** Reads started: a response is used only if no newer read started meanwhile. */
  #reads = 0;
  /** The read after which the local choices were added: a document from a later read includes them. */
  #localAfter = 0;
  #lastRead = 0;
  #timer?: ReturnType<typeof setTimeout>;
  #connected = false;

  constructor(
    private readonly host: VoixElement,
    private readonly source: () => ResultsSource,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#connected = true;
    document.addEventListener('visibilitychange', this.#schedule);
    this.#schedule();
  }

  hostDisconnected(): void {
    this.#connected = false;
    document.removeEventListener('visibilitychange', this.#schedule);
    clearTimeout(this.#timer);
  }

  hostUpdate(): void {
    const previous = this.#source;
    this.#source = this.source();
    const { url, subject } = this.#source;
    // checkEndpoint encodes `{` and `}` in a path, not in a query: the placeholder is found either way.
    const resolved = checkEndpoint(this.host, 'results', url)?.replace(/\{subject\}|%7Bsubject%7D/gi, encodeURIComponent(subject));
    if (resolved !== this.#url) {
      this.#url = resolved;
      this.#etag = this.#server = this.results = this.error = undefined;
      this.#local = [];
      this.state = 'idle';
      void this.refresh();
    } else if (this.#source.refresh !== previous.refresh) this.#schedule();
  }

  /** Reads the results now (a widget calls it once its answer is sent). */
  async refresh(): Promise<void> {
    const url = this.#url;
    clearTimeout(this.#timer);
    if (!url) return;
    const read = ++this.#reads;
    this.#lastRead = Date.now();
    if (!this.results) this.#set('loading');
    let problem: string | undefined;
    try {
      const response = await fetch(url, { credentials: 'omit', headers: this.#etag ? { 'If-None-Match': this.#etag } : {} });
      // A 304 keeps the document we have.
      if (response.status !== 304 || !this.#server) {
        const doc: unknown = response.ok && (await response.json().catch(() => undefined));
        // A response to a read older than the latest is dropped.
        if (read !== this.#reads) return;
        problem = response.ok ? this.#accept(doc, response.headers.get('ETag'), read) : `HTTP ${response.status}`;
      }
    } catch (error) {
      if (read !== this.#reads) return;
      problem = String(error);
    }
    this.error = problem;
    this.#combine();
    this.#set(this.results ? 'ready' : 'error');
    this.#schedule();
  }

  /** Takes a document as the collector's figures, or says what is wrong with it (and logs it once). */
  #accept(doc: unknown, etag: string | null, read: number): string | undefined {
    const results = doc === undefined ? 'JSON' : readResults(doc, this.#source);
    if (typeof results === 'string') {
      const problem = `a results document: ${results}`;
      this.host.report('results', problem);
      return problem;
    }
    this.#server = results;
    this.#etag = etag ?? undefined;
    if (read > this.#localAfter) this.#local = [];
    const unknown = Object.keys(results.others);
    if (unknown.length) this.host.report('results', `counts of listed options only, not ${unknown.join(', ')} (shown as other answers)`);
  }

  /** Counts the voter's choice (one participation) at once, until the collector's figures include it. */
  addLocal(values: readonly string[]): void {
    this.#local.push([...values]);
    this.#localAfter = this.#reads;
    this.#combine();
    this.host.requestUpdate();
  }

  #combine(): void {
    const server = this.#server;
    if (!server) return;
    const results = { ...server, counts: { ...server.counts }, others: { ...server.others } };
    for (const choice of this.#local) {
      results.total++;
      for (const value of choice) {
        const into = Object.hasOwn(results.counts, value) || !this.#source.values ? results.counts : results.others;
        into[value] = (into[value] ?? 0) + 1;
      }
    }
    this.results = results;
  }

  #set(state: ResultsState): void {
    this.state = state;
    this.host.requestUpdate();
  }

  /** The next read, `refresh` seconds after the last, while the element is connected and the page visible. */
  #schedule = (): void => {
    clearTimeout(this.#timer);
    const seconds = this.#source.refresh;
    if (!seconds || !this.#url || !this.#connected || document.hidden) return;
    this.#timer = setTimeout(() => void this.refresh(), Math.max(0, this.#lastRead + seconds * 1000 - Date.now()));
  };
}
