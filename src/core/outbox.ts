import type { VoixEnvelope } from './envelope.js';
import { deliver, fetchSend, type Delivery, type VoixSend, type VoixTarget } from './transport.js';

/**
 * Answers not yet delivered. They persist in localStorage, one key per answer, survive a reload, and are
 * sent again on a backoff timer (exponential, full jitter, or the server's Retry-After), when a
 * Voix element loads (those that are due) and when the page comes back online (all of them).
 * A Web Lock per answer keeps two tabs from sending one answer at once, an in-page set keeps two
 * elements from doing so, and every tab hears what became of each answer (BroadcastChannel).
 */
export interface OutboxItem {
  envelope: VoixEnvelope;
  /** `custom`: sent through the page's own `send` (from <voix-config>), never through fetch. */
  target: VoixTarget & { custom?: boolean };
  attempts: number;
  created: number;
  due: number;
}

/** The BroadcastChannel's name, and the prefix of every answer's key (`voix:outbox:<id>`). */
export const OUTBOX_KEY = 'voix:outbox';
const PREFIX = `${OUTBOX_KEY}:`;
const MAX_ITEMS = 100;
const MAX_AGE_MS = 30 * 86_400_000;
/** Tries made on the timer; after these, an answer waits for `online` or the next page load. */
const MAX_TIMED_ATTEMPTS = 8;
const MAX_DELAY_MS = 300_000;

/** Told of every try, in this tab or another, so that the element that sent an answer can say what became of it. */
export const listeners = new Set<(id: string, delivery: Delivery) => void>();
let tabs: BroadcastChannel | undefined;
const sending = new Set<string>();
/** Answers that localStorage refused to keep (full, disabled): this page's only copy of them. */
const memory = new Map<string, OutboxItem>();
let timer: ReturnType<typeof setTimeout> | undefined;
let customSend: VoixSend | undefined;

/**
 * The answers waiting, oldest first; too old ones are dropped. One key per answer, because tabs
 * see each other's writes late: a shared list, read then written back by two tabs, lost answers.
 */
export function pending(): OutboxItem[] {
  const items = [...memory.values()];
  const oldest = Date.now() - MAX_AGE_MS;
  try {
    for (const key of Object.keys(localStorage)) {
      const item: OutboxItem | false = key.startsWith(PREFIX) && JSON.parse(localStorage[key]);
      if (!item) continue;
      if (item.created > oldest) items.push(item);
      else localStorage.removeItem(key);
    }
  } catch {
    // unreadable storage: the answers kept in memory
  }
  return items.sort((a, b) => a.created - b.created);
}

/** Keeps an answer (`item`), or forgets it (none): in localStorage, else in this page's memory. */
function keep(id: string, item?: OutboxItem): void {
  memory.delete(id);
  try {
    if (item) localStorage.setItem(PREFIX + id, JSON.stringify(item));
    else localStorage.removeItem(PREFIX + id);
  } catch {
    // full or disabled storage: the answer stays in memory for this page
    if (item) memory.set(id, item);
  }
}

/** Stores an answer before its first try, so that nothing is lost if the page closes meanwhile. */
export function enqueue(envelope: VoixEnvelope, target: OutboxItem['target']): void {
  const now = Date.now();
  keep(envelope.id, { envelope, target, attempts: 0, created: now, due: now });
  pending()
    .slice(0, -MAX_ITEMS)
    .forEach((item) => keep(item.envelope.id));
}

const notify = (id: string, delivery: Delivery) => listeners.forEach((listener) => listener(id, delivery));

/**
 * Tries to deliver one stored answer now. Resolves to undefined when it is no longer stored
 * (delivered elsewhere), another tab or element is sending it at this moment, or it needs the
 * page's custom sender and none is known yet. `custom` registers that sender for later tries.
 */
export async function send(id: string, custom?: VoixSend): Promise<Delivery | undefined> {
  customSend = custom ?? customSend;
  if (sending.has(id)) return;
  sending.add(id);
  const attempt = async () => {
    const item = pending().find((candidate) => candidate.envelope.id === id);
    const sender = item?.target.custom ? customSend : fetchSend;
    if (!item || !sender) return;
    const delivery = await deliver(sender, item.envelope, item.target);
    const attempts = item.attempts + 1;
    const backoff = Math.random() * Math.min(MAX_DELAY_MS, 1000 * 2 ** attempts);
    const delay = Math.min(delivery.retryAfterMs ?? backoff, 3_600_000);
    // Re-read: only an answer still waiting (not delivered by another tab meanwhile) goes back.
    keep(
      id,
      delivery.outcome === 'retry' && pending().some((waiting) => waiting.envelope.id === id)
        ? { ...item, attempts, due: Date.now() + delay }
        : undefined,
    );
    notify(id, delivery);
    tabs?.postMessage({ id, delivery });
    return delivery;
  };
  try {
    return await (navigator.locks
      ? navigator.locks.request(PREFIX + id, { ifAvailable: true }, (lock) => (lock ? attempt() : undefined))
      : attempt());
  } finally {
    sending.delete(id);
    schedule();
  }
}

/**
 * Sends the stored answers that are due (on load, on the timer), or all of them (`all`, when the
 * page comes back online).
 */
export async function flush(custom?: VoixSend, all = false): Promise<void> {
  // From the first flush, which every element makes when it first renders; not at import, so that a server can
  // import this module (where an open channel would also keep Node running). The same listener is added once.
  addEventListener('online', online);
  if (!tabs && typeof BroadcastChannel === 'function') {
    tabs = new BroadcastChannel(OUTBOX_KEY);
    tabs.onmessage = ({ data }: MessageEvent<{ id: string; delivery: Delivery }>) => notify(data.id, data.delivery);
  }
  for (const { envelope, due } of pending()) {
    if (all || due <= Date.now()) await send(envelope.id, custom);
  }
  schedule();
}

function schedule(): void {
  clearTimeout(timer);
  const dues = pending()
    .filter((item) => item.attempts < MAX_TIMED_ATTEMPTS)
    .map((item) => item.due);
  if (dues.length) timer = setTimeout(flush, Math.max(0, Math.min(...dues) - Date.now()));
}

/** Back online: every stored answer is tried at once. */
function online(): void {
  void flush(undefined, true);
}
