import type { VoixEventType } from '../event-types.js';

export type { VoixEventType };

/** The CloudEvents 1.0 envelope (structured JSON mode) that every widget POSTs. */
export interface VoixEnvelope<Answers extends object = object> {
  specversion: '1.0';
  /** UUID v4, stable across retries; also sent as the Idempotency-Key header. */
  id: string;
  /** The page URL without query or fragment. */
  source: string;
  type: VoixEventType;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  data: {
    site: string;
    placement?: string;
    locale: string;
    widget: { name: string; version: string };
    /** Who answered (widgets on the form engine): the service's users, or its agents (the agent mirror). */
    audience?: 'user' | 'agent';
    /** Which question definition was answered: its id, a version (a hash), each question's kind and its label as asked. */
    definition?: { id: string; version: string; questions: Record<string, string>; labels?: Record<string, string> };
    /** A petition's terms (<voix-petition>), so that the collector's dashboard shows its thresholds and deadline. */
    petition?: { thresholds?: Array<{ count: number; label: string }>; closes?: string };
    answers: Answers;
  };
}

/** Wraps a widget's data in a new envelope, with a fresh id that stays the same across retries. */
export function createEnvelope<Answers extends object>(
  type: VoixEventType,
  subject: string,
  data: VoixEnvelope<Answers>['data'],
): VoixEnvelope<Answers> {
  return {
    specversion: '1.0',
    id: randomId(),
    source: location.origin + location.pathname,
    type,
    subject,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    data,
  };
}

/** A UUID v4. crypto.randomUUID exists only on HTTPS pages; some municipal sites still serve HTTP. */
const randomId = (): string =>
  crypto.randomUUID?.() ??
  '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (digit) =>
    (+digit ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (+digit / 4)))).toString(16),
  );
