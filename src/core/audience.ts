/**
 * Who sees a widget: `sample` (a share of visitors, drawn once per device and widget) and `once`
 * (hidden after an answer on this device). localStorage only, never a cookie; nothing is sent.
 */
const PREFIX = 'voix:';

function read(key: string): string | null {
  try {
    return localStorage.getItem(PREFIX + key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(PREFIX + key, value);
  } catch {
    // storage unavailable: the choice lasts for this page only
  }
}

/** True when this device falls in the sampled share. The draw is kept so the answer is stable. */
export function inSample(share: number, key: string): boolean {
  if (share >= 1) return true;
  let draw = +(read(`sample:${key}`) ?? NaN);
  if (!(draw < 1)) write(`sample:${key}`, String((draw = Math.random())));
  return draw < share;
}

/** `answered` reads whether this device has answered; `answered(key, true)` remembers it has. */
export function answered(key: string, remember?: boolean): boolean {
  if (remember) write(`answered:${key}`, '1');
  return read(`answered:${key}`) !== null;
}
