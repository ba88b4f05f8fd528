import type { VoixEnvelope } from './envelope.js';
import { deliver, fetchSend, type Delivery, type VoixSend, type VoixTarget } from './transport.js';

/**
 * Answers not yet delivered. They persist under one localStorage key, survive a reload, and are
 * sent again when a Voix element loads, when the page comes back online, and on a backoff timer
 * (exponential, full jitter, or the server's Retry-After). A Web Lock per answer keeps two tabs
 * or two elements from sending the same answer at once (and the endpoint keeps each id once).
 */
export interface OutboxItem {
  envelope: VoixEnvelope;
  target: VoixTarget;
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

/** Told of every try, so that the element that sent an answer can show what became of it. */
export const listeners = new Set<(id: string, delivery: Delivery) => void>();
/** The answers in this page; the only copy once localStorage has refused a write (full, disabled). */
let memory: OutboxItem[] = [];
let stored = true;
let timer: ReturnType<typeof setTimeout> | undefined;
let lastSend: VoixSend = fetchSend;

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
export function enqueue(envelope: VoixEnvelope, target: VoixTarget): void {
  const now = Date.now();
  save([...others(envelope.id), { envelope, target, attempts: 0, created: now, due: now }]);
}

/**
 * Tries to deliver one stored answer now. Resolves to undefined when it is no longer stored
 * (delivered elsewhere) or another tab or element is sending it at this moment.
 */
export async function send(id: string, sender = lastSend): Promise<Delivery | undefined> {
  try {
    const attempt = async () => {
      const item = pending().find((candidate) => candidate.envelope.id === id);
      if (!item) return;
      const delivery = await deliver(sender, item.envelope, item.target);
      const attempts = item.attempts + 1;
      const backoff = Math.random() * Math.min(MAX_DELAY_MS, 1000 * 2 ** attempts);
      const delay = Math.min(delivery.retryAfterMs ?? backoff, 3_600_000);
      save(delivery.outcome === 'retry' ? [...others(id), { ...item, attempts, due: Date.now() + delay }] : others(id));
      for (const listener of listeners) listener(id, delivery);
      return delivery;
    };
    return await (navigator.locks
      ? navigator.locks.request(`voix-outbox:${id}`, { ifAvailable: true }, (lock) => (lock ? attempt() : undefined))
      : attempt());
  } finally {
    schedule();
  }
}

/**
 * Sends the stored answers: all of them (on load and on `online`), or those due (on the timer).
 * The sender given is kept for the timer and `online` flushes of this page.
 */
export async function flush(sender = lastSend, onlyDue = false): Promise<void> {
  lastSend = sender;
  for (const { envelope, due } of pending()) {
    if (!onlyDue || due <= Date.now()) await send(envelope.id, sender);
  }
}

function schedule(): void {
  clearTimeout(timer);
  const dues = pending()
    .filter((item) => item.attempts < MAX_TIMED_ATTEMPTS)
    .map((item) => item.due);
  if (dues.length) timer = setTimeout(() => flush(lastSend, true), Math.min(...dues) - Date.now());
}

addEventListener('online', () => flush());
