import type { VoixEnvelope } from './envelope.js';
import { deliver, fetchSend, type Delivery, type VoixSend, type VoixTarget } from './transport.js';

/**
 * Answers not yet delivered. They persist under one localStorage key, survive a reload, and are
 * sent again when a Voix element loads, when the page comes back online, and on a backoff timer.
 * A Web Lock per answer keeps two tabs (or two elements) from sending the same one at once.
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
const MAX_AGE_MS = 30 * 24 * 3600_000;
/** Automatic retries a page makes for one answer; later ones wait for `online` or the next load. */
const MAX_TIMED_TRIES = 6;
const BASE_DELAY_MS = 1000;
const MAX_DELAY_MS = 5 * 60_000;

type Listener = (id: string, delivery: Delivery) => void;

const listeners = new Set<Listener>();
const inFlight = new Set<string>();
const timedTries = new Map<string, number>();
/** Used where localStorage is unavailable (disabled storage, some private modes). */
let memory: OutboxItem[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;
let lastSend: VoixSend = fetchSend;

function load(): OutboxItem[] {
  let items = memory;
  try {
    const raw = localStorage.getItem(OUTBOX_KEY);
    if (raw !== null) items = JSON.parse(raw) as OutboxItem[];
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
  } catch {
    // full or disabled storage: the answer stays in memory for this page
  }
}

/** The items waiting, oldest first. */
export function pending(): OutboxItem[] {
  return load();
}

/** Stores an answer before its first try, so that nothing is lost if the page closes meanwhile. */
export function enqueue(envelope: VoixEnvelope, target: VoixTarget): void {
  const now = Date.now();
  const items = load().filter((item) => item.envelope.id !== envelope.id);
  items.push({ envelope, target, attempts: 0, created: now, due: now });
  save(items);
}

export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Tries to deliver one stored answer now. Resolves to undefined when it is no longer stored
 * (delivered elsewhere) or another tab or element is sending it at this moment.
 */
export async function send(id: string, sender: VoixSend = lastSend): Promise<Delivery | undefined> {
  if (inFlight.has(id)) return undefined;
  inFlight.add(id);
  try {
    return await withLock(id, async () => {
      const item = load().find((candidate) => candidate.envelope.id === id);
      if (!item) return undefined;
      const delivery = await deliver(sender, item.envelope, item.target);
      record(item, delivery);
      for (const listener of listeners) listener(id, delivery);
      return delivery;
    });
  } finally {
    inFlight.delete(id);
    schedule();
  }
}

/**
 * Sends every stored answer (on load and on `online`), or only those due (on the backoff timer).
 * The sender given is kept for the timer and `online` flushes of this page.
 */
export async function flush(sender: VoixSend = lastSend, onlyDue = false): Promise<void> {
  lastSend = sender;
  const now = Date.now();
  for (const item of load()) {
    if (onlyDue && (item.due > now || (timedTries.get(item.envelope.id) ?? 0) >= MAX_TIMED_TRIES)) continue;
    if (onlyDue) timedTries.set(item.envelope.id, (timedTries.get(item.envelope.id) ?? 0) + 1);
    await send(item.envelope.id, sender);
  }
}

function record(item: OutboxItem, delivery: Delivery): void {
  const others = load().filter((candidate) => candidate.envelope.id !== item.envelope.id);
  if (delivery.outcome !== 'retry') {
    save(others);
    timedTries.delete(item.envelope.id);
    return;
  }
  const attempts = item.attempts + 1;
  const backoff = Math.random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempts - 1));
  const delay = delivery.retryAfterMs === undefined ? backoff : Math.min(delivery.retryAfterMs, 3600_000);
  save([...others, { ...item, attempts, due: Date.now() + delay }]);
}

function schedule(): void {
  clearTimeout(timer);
  const waiting = load().filter((item) => (timedTries.get(item.envelope.id) ?? 0) < MAX_TIMED_TRIES);
  if (!waiting.length) return;
  const next = Math.min(...waiting.map((item) => item.due));
  timer = setTimeout(() => void flush(lastSend, true), Math.max(0, next - Date.now()));
}

async function withLock<T>(id: string, task: () => Promise<T>): Promise<T | undefined> {
  if (!navigator.locks) return task();
  return navigator.locks.request(`voix-outbox:${id}`, { ifAvailable: true }, (lock) =>
    lock ? task() : undefined,
  );
}

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => void flush());
}
