import { check } from './settings.js';
import type { VoixElement } from './voix-element.js';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * An `opens` or `closes` attribute as a time, or undefined (and one named console error) when it
 * is not a date. A day alone is a whole day of the reader's own time: `opens="2027-03-01"` opens
 * at the start of that day, `closes="2027-03-01"` closes at its end, so « jusqu'au 1 mars »
 * includes the 1st of March. A time given with the day is taken as written.
 */
export const checkDate = (el: VoixElement, attribute: 'opens' | 'closes', value?: string) =>
  check(el, attribute, value, 'a date such as 2027-03-31 or 2027-03-31T18:00', (text) => {
    const [, year, month, day] = DAY.exec(String(text).trim()) ?? [];
    const time = year ? new Date(+year, +month - 1, +day + (attribute === 'closes' ? 1 : 0)).getTime() : Date.parse(text as string);
    return isNaN(time) ? undefined : time;
  });

/** A day as the reader says it (« 1 mars 2027 »). A closing time is shown as its last moment, so a day closed at its end is that day. */
export const longDay = (lang: string, time: number, closing = false) => new Intl.DateTimeFormat(lang, { dateStyle: 'long' }).format(time - (closing ? 1 : 0));
