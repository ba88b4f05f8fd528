import type { VoixEnvelope } from './envelope.js';

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
