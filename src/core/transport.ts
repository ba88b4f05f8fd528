import type { VoixEnvelope } from './envelope.js';

export type TransportName = 'json' | 'form';

/** Where and how an envelope goes. */
export interface VoixTarget {
  endpoint: string;
  transport: TransportName;
}

/** What a sender reports back: the HTTP status, and the response headers when there are some. */
export interface SendResult {
  status: number;
  headers?: Headers;
}

/**
 * Sends one envelope. The default posts with fetch; a page may provide its own through
 * `<voix-config>.send`. A rejected promise counts as a network error (retried).
 */
export type VoixSend = (envelope: VoixEnvelope, target: VoixTarget) => Promise<SendResult>;

const TIMEOUT_MS = 15_000;

export const fetchSend: VoixSend = async (envelope, { endpoint, transport }) => {
  const form = transport === 'form';
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'Content-Type': form ? 'application/x-www-form-urlencoded' : 'application/cloudevents+json',
      'Idempotency-Key': envelope.id,
    },
    body: form ? toFormBody(envelope) : JSON.stringify(envelope),
    credentials: 'omit',
    mode: 'cors',
    keepalive: true,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  return { status: response.status, headers: response.headers };
};

/**
 * The same fields, urlencoded with bracketed names as PHP and most form handlers read them:
 * `data[answers][reasons][0]=incomplete`.
 */
export function toFormBody(envelope: VoixEnvelope): URLSearchParams {
  const body = new URLSearchParams();
  const add = (name: string, value: unknown): void => {
    if (value === undefined || value === null) return;
    if (typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) add(name ? `${name}[${key}]` : key, item);
    } else {
      body.append(name, String(value));
    }
  };
  add('', envelope);
  return body;
}

export type Delivery =
  | { outcome: 'sent'; status: number }
  | { outcome: 'retry'; status?: number; retryAfterMs?: number }
  | { outcome: 'failed'; status: number };

/** Network errors, 408, 429 and 5xx are worth another try; other 4xx are final. */
export async function deliver(send: VoixSend, envelope: VoixEnvelope, target: VoixTarget): Promise<Delivery> {
  let result: SendResult;
  try {
    result = await send(envelope, target);
  } catch {
    return { outcome: 'retry' };
  }
  const { status } = result;
  if (status >= 200 && status < 300) return { outcome: 'sent', status };
  if (status === 408 || status === 429 || status >= 500 || status === 0) {
    return { outcome: 'retry', status, retryAfterMs: parseRetryAfter(result.headers?.get('Retry-After')) };
  }
  return { outcome: 'failed', status };
}

/** Retry-After is either delay-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
