import type { VoixEnvelope } from './envelope.js';
import { deliver, fetchSend, type Delivery, type VoixSend, type VoixTarget } from './transport.js';

/**
 * Answers not yet delivered. They persist under one localStorage key, survive a reload, and are
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

export const OUTBOX_KEY = 'voix:outbox';
const MAX_ITEMS = 100;
const MAX_AGE_MS = 30 * 86_400_000;
/** Tries made on the timer; after these, an answer waits for `online` or the next page load. */
const MAX_TIMED_ATTEMPTS = 8;
const MAX_DELAY_MS = 300_000;

/** Told of every try, in this tab or another, so that the element that sent an answer can say what became of it. */
export const listeners = new Set<(id: string, delivery: Delivery) => void>();
const tabs = typeof BroadcastChannel === 'function' ? new BroadcastChannel(OUTBOX_KEY) : undefined;
const sending = new Set<string>();
/** The answers in this page; the only copy once localStorage has refused a write (full, disabled). */
let memory: OutboxItem[] = [];
let stored = true;
let timer: ReturnType<typeof setTimeout> | undefined;
let customSend: VoixSend | undefined;

/** The answers waiting, oldest first; too old ones are dropped. */
export function pending(): OutboxItem[] {
  let items = memory;
  try {
    if (stored) items = JSON.parse(localStorage.getItem(OUTBOX_KEY) ?? '[]');
  } catch {
    // unreadable storage: keep the in-memory copy
  }
  const oldest = Date.now() - MAX_AGE_MS;
  return Array.isArray(items) ? items.filter((item) => item?.envelope?.id && item.created > oldest) : [];
}

function save(items: OutboxItem[]): void {
  memory = items.slice(-MAX_ITEMS);
  try {
    if (memory.length) localStorage.setItem(OUTBOX_KEY, JSON.stringify(memory));
    else localStorage.removeItem(OUTBOX_KEY);
    stored = true;
  } catch {
    // full or disabled storage: the answers stay in memory for this page
    stored = false;
  }
}

const others = (id: string) => pending().filter((item) => item.envelope.id !== id);

/** Stores an answer before its first try, so that nothing is lost if the page closes meanwhile. */
export function enqueue(envelope: VoixEnvelope, target: OutboxItem['target']): void {
  const now = Date.now();
  save([...others(envelope.id), { envelope, target, attempts: 0, created: now, due: now }]);
}

const notify = (id: string, delivery: Delivery) => listeners.forEach((listener) => listener(id, delivery));
if (tabs) tabs.onmessage = ({ data }: MessageEvent<{ id: string; delivery: Delivery }>) => notify(data.id, data.delivery);

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
    // Re-read: only an answer still waiting goes back in the outbox.
    const rest = others(id);
    const still = rest.length < pending().length;
    save(delivery.outcome === 'retry' && still ? [...rest, { ...item, attempts, due: Date.now() + delay }] : rest);
    notify(id, delivery);
    tabs?.postMessage({ id, delivery });
    return delivery;
  };
  try {
    return await (navigator.locks
      ? navigator.locks.request(`voix-outbox:${id}`, { ifAvailable: true }, (lock) => (lock ? attempt() : undefined))
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

addEventListener('online', () => flush(undefined, true));
