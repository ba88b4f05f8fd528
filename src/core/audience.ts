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
  if (share <= 0) return false;
  let draw = Number(read(`sample:${key}`) ?? NaN);
  if (!(draw >= 0 && draw < 1)) {
    draw = Math.random();
    write(`sample:${key}`, String(draw));
  }
  return draw < share;
}

export function hasAnswered(key: string): boolean {
  return read(`answered:${key}`) !== null;
}

export function rememberAnswered(key: string): void {
  write(`answered:${key}`, '1');
}
