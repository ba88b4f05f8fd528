import { VERSION } from './version.js';

export type VoixEventType =
  | 'voix.feedback'
  | 'voix.rating'
  | 'voix.poll.vote'
  | 'voix.petition.signature'
  | 'voix.idea'
  | 'voix.report'
  | 'voix.pulse'
  | 'voix.survey';

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
    answers: Answers;
  };
}

export interface EnvelopeFields<Answers extends object> {
  type: VoixEventType;
  widget: string;
  subject: string;
  site: string;
  placement?: string;
  locale: string;
  answers: Answers;
}

export function createEnvelope<Answers extends object>(fields: EnvelopeFields<Answers>): VoixEnvelope<Answers> {
  const { type, widget, subject, site, placement, locale, answers } = fields;
  return {
    specversion: '1.0',
    id: randomId(),
    source: location.origin + location.pathname,
    type,
    subject,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    data: {
      site,
      ...(placement ? { placement } : {}),
      locale,
      widget: { name: widget, version: VERSION },
      answers,
    },
  };
}

/** A UUID v4. crypto.randomUUID exists only on HTTPS pages; many municipal sites still serve HTTP. */
function randomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
