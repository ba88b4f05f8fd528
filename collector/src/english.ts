/**
 * English as the dashboard writes it, in Paris time as the French is: « 1 March 2027 »,
 * « 1 March 2027, 9:05 » (Intl for en-GB writes « 1 March 2027 at 09:05 »), whole numbers as
 * en-GB groups them (« 2,000 »).
 */
import { partsOf } from './french.js';

const dayOf = (parts: Record<string, string>) => `${parts.day} ${parts.month} ${parts.year}`;

/** A calendar day (YYYY-MM-DD, a Paris day already): « 1 March 2027 ». */
export const dayEn = (day: string) => dayOf(partsOf(new Date(`${day}T12:00:00Z`), { timeZone: 'UTC' }, 'en-GB'));

/** An instant: « 1 December 2026, 9:05 », in Paris. */
export function dateEn(iso: string): string {
  const parts = partsOf(new Date(iso), { hour: 'numeric', minute: '2-digit', hourCycle: 'h23' }, 'en-GB');
  return `${dayOf(parts)}, ${Number(parts.hour)}:${parts.minute}`;
}

/** A whole number: « 2,000 ». */
export const wholeEn = (count: number) => count.toLocaleString('en-GB');
