import type { VoixEnvelope } from './envelope.js';

export type TransportName = 'json' | 'form';

/** Where and how an envelope goes. */
export interface VoixTarget {
  endpoint: string;
  transport: TransportName;
}

/** The body of a refusal, as the reference collector words it: a code and a message (which may name the answer at fault, `/data/answers/<id>`). */
export interface Refusal {
  error?: string;
  message?: string;
}

/** What a sender reports back: the HTTP status, the response headers when there are some, and a refusal's body. */
export interface SendResult {
  status: number;
  headers?: Headers;
  error?: Refusal;
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
    // A URLSearchParams body brings its own Content-Type (application/x-www-form-urlencoded).
    headers: form ? { 'Idempotency-Key': envelope.id } : { 'Content-Type': 'application/cloudevents+json', 'Idempotency-Key': envelope.id },
    // The form encoding loads only for the sites that ask for it.
    body: form ? (await import('./form-body.js')).toFormBody(envelope) : JSON.stringify(envelope),
    credentials: 'omit',
    keepalive: true,
    // Older Safari has no AbortSignal.timeout: no timeout there, rather than no answer at all.
    signal: AbortSignal.timeout?.(TIMEOUT_MS),
  });
  // A refusal's body says why (the collector's `{ error, message }`); anything else there is ignored.
  return {
    status: response.status,
    headers: response.headers,
    error: response.ok ? undefined : await response.json().catch(() => {}),
  };
};

/** What became of one try: `retry` for network errors, 408, 429 and 5xx; `failed` for other 4xx. */
export interface Delivery {
  outcome: 'sent' | 'retry' | 'failed';
  status?: number;
  /** From the Retry-After header (delay-seconds). */
  retryAfterMs?: number;
  /** Why it was refused for good, when the endpoint said. */
  error?: Refusal;
}

export async function deliver(send: VoixSend, envelope: VoixEnvelope, target: VoixTarget): Promise<Delivery> {
  let result: SendResult;
  try {
    result = await send(envelope, target);
  } catch {
    return { outcome: 'retry' };
  }
  const { status, headers, error } = result;
  if (status >= 200 && status < 300) return { outcome: 'sent', status };
  if (status !== 408 && status !== 429 && status < 500 && status > 0) return { outcome: 'failed', status, error };
  // Retry-After in delay-seconds, as rate limiters send it; an HTTP date falls back to the backoff.
  const seconds = Number(headers?.get('Retry-After') || NaN);
  return { outcome: 'retry', status, retryAfterMs: seconds >= 0 ? seconds * 1000 : undefined };
}
