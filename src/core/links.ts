import { check } from './settings.js';
import type { VoixElement } from './voix-element.js';

/**
 * A link for people to follow (a privacy notice): an http(s) URL, or a path, `#…` or relative URL
 * that stays on the site; never `javascript:` or `data:` (a scheme before any / ? #), nor `//host`
 * or `/\\host`. Not in voix.js: only <voix-config> and the petition take one.
 */
export const checkLink = (el: VoixElement, attribute: string, value?: string) =>
  check(el, attribute, value, 'an http(s) URL or a path', (text) =>
    /^(https?:\/\/|(?![/\\]{2}|[^/?#]*:))\S+$/i.test(text as string) ? (text as string) : undefined,
  );
