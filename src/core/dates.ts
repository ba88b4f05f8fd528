import { check } from './settings.js';
import type { VoixElement } from './voix-element.js';

/** ISO 8601 as the schemas take it: a day, or a day and a time (seconds and a zone optional). */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * An `opens` or `closes` attribute as a time, or undefined (and one named console error) when it
 * is not a date. A day alone is a whole day of the reader's own time: `opens="2027-03-01"` opens
 * at the start of that day, `closes="2027-03-01"` closes at its end, so « jusqu'au 1 mars »
 * includes the 1st of March. A time given with the day is taken as written.
 */
export const checkDate = (el: VoixElement, attribute: 'opens' | 'closes', value?: string) =>
  check(el, attribute, value, 'a date such as 2027-03-31 or 2027-03-31T18:00', (text) => {
    // Only ISO: a browser reads « 12/03/2027 » as 3 December; and a day that exists (not 30 February).
    const [, year, month, day, clock] = ISO.exec(String(text).trim()) ?? [];
    const date = new Date(+year, +month - 1, +day);
    if (!year || date.getMonth() !== +month - 1) return undefined;
    const time = clock ? Date.parse(String(text).trim()) : date.setDate(+day + (attribute === 'closes' ? 1 : 0));
    return isNaN(time) ? undefined : time;
  });

/**
 * A day, and with `clock` its time, as the reader says it: in French « 1er mars 2027 à 6 h 51 »
 * (Intl writes « 1 mars 2027 à 06:51 »). A closing time is shown as its last moment, so a day
 * closed at its end is that day.
 */
export const longDay = (lang: string, time: number, closing = false, clock = false) => {
  const text = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: clock ? 'short' : undefined }).format(
    time - (closing ? 1 : 0),
  );
  return /^fr\b/.test(lang) ? text.replace(/^1 /, '1er ').replace(/0?(\d+):(\d\d)/, '$1\u00a0h\u00a0$2') : text;
};
