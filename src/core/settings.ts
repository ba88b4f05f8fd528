import type { VoixElement } from './voix-element.js';

/** One item of a list attribute: `value:Label` keeps what is sent stable when the wording changes. */
export interface Choice {
  value: string;
  label: string;
}

/**
 * Parses `a;b;value:Label` (items separated by `;`, since French sentences contain commas).
 * The `value:` prefix counts only when it has no space, so `Horaires : erreur` stays one label.
 */
export function parseList(list: string | ReadonlyArray<string | Choice> | null | undefined): Choice[] {
  const items = typeof list === 'string' ? list.split(';') : (list ?? []);
  return items
    .map((item) => {
      if (typeof item !== 'string') return item;
      const [, value, label] = /^(?:([\p{L}\p{N}_.-]+):)?(.*)$/su.exec(item.trim())!;
      return { value: value ?? label, label: label.trim() };
    })
    .filter((choice) => choice.value && choice.label);
}

/**
 * Checks an attribute value: returns it (converted) when `valid` says so, else logs one named
 * console error and returns undefined, so that the caller falls back to <voix-config>, then the default.
 */
export function check<T>(
  el: VoixElement,
  attribute: string,
  value: unknown,
  expected: string,
  valid: (value: unknown) => T | undefined,
): T | undefined {
  if (value === undefined || value === null) return undefined;
  let result: T | undefined;
  try {
    result = valid(value);
  } catch {
    // a value that breaks a parser (new URL) is a bad value like any other
  }
  if (result === undefined) el.reportBadValue(attribute, value, expected);
  return result;
}

/**
 * An http(s) URL, or a path from the site root (`/v1/events`), resolved against the page. Not
 * `//host` nor `/\host`, which browsers read as another host; no white space, which the URL
 * parser would drop.
 */
export const checkEndpoint = (el: VoixElement, attribute: string, value?: string) =>
  check(el, attribute, value, 'an http(s) URL or a /path', (text) =>
    /^(https?:\/\/|\/(?![/\\]))\S*$/i.test(text as string) ? new URL(text as string, document.baseURI).href : undefined,
  );

export const checkNumber = (el: VoixElement, attribute: string, value: unknown, min: number, max: number) =>
  check(el, attribute, value, `a number from ${min} to ${max}`, (text) => {
    const number = text === '' ? NaN : Number(text);
    return number >= min && number <= max ? number : undefined;
  });

export const checkText = (el: VoixElement, attribute: string, value: string | undefined, max: number) =>
  check(el, attribute, value, `at most ${max} characters`, (text) => {
    const trimmed = String(text).trim();
    return trimmed && trimmed.length <= max ? trimmed : undefined;
  });
