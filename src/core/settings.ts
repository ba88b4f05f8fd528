import { supportedLanguage, supportedLanguages } from './localize.js';
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
    .map((item) => (typeof item === 'string' ? splitChoice(item.trim()) : item))
    .filter((choice) => choice.value && choice.label);
}

function splitChoice(item: string): Choice {
  const match = /^([\w.-]+):(.+)$/u.exec(item);
  return match ? { value: match[1], label: match[2].trim() } : { value: item, label: item };
}

/**
 * Validators for attribute values: each returns the value to use, or undefined after logging one
 * named console error, so that the caller falls back to the next level (config, then default).
 */
export function checkEndpoint(el: VoixElement, attribute: string, value: string | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  let url: URL | undefined;
  try {
    url = /^(https?:)?\/\/|^\.{0,2}\//.test(value) ? new URL(value, document.baseURI) : undefined;
  } catch {
    url = undefined;
  }
  if (url && /^https?:$/.test(url.protocol)) return url.href;
  el.reportBadValue(attribute, value, 'an http(s) URL or a path starting with "/"');
  return undefined;
}

export function checkOneOf<T extends string>(
  el: VoixElement,
  attribute: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined || value === null) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  el.reportBadValue(attribute, value, `one of ${allowed.map((item) => `"${item}"`).join(', ')}`);
  return undefined;
}

export function checkNumber(
  el: VoixElement,
  attribute: string,
  value: string | number | undefined,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const number = Number(value);
  if (Number.isFinite(number) && number >= min && number <= max) return number;
  el.reportBadValue(attribute, value, `a number from ${min} to ${max}`);
  return undefined;
}

export function checkText(el: VoixElement, attribute: string, value: string | undefined, max: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = value.trim();
  if (text && text.length <= max) return text;
  el.reportBadValue(attribute, value, `a text of 1 to ${max} characters`);
  return undefined;
}

export function checkLang(el: VoixElement, value: string | undefined): string | undefined {
  if (!value) return undefined;
  const lang = supportedLanguage(value);
  if (!lang) el.reportBadValue('lang', value, `a language Voix speaks: ${supportedLanguages.join(', ')}`);
  return lang;
}
