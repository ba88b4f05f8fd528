import { checkDefinition } from './check-definition.js';
import type { Definition } from './definition.js';
import type { VoixElement } from '../core/voix-element.js';

/** A definition longer than this is refused: the page would parse and render it whole. */
const DEFINITION_MAX = 256 * 1024;
const tooLong = `1 to ${DEFINITION_MAX} characters`;

/**
 * Reads and checks a definition given to an element: fetched from `url` without credentials, else
 * the text of its child `<script type="application/json">`. Unusable (unreachable, not JSON,
 * too long, or failing checkDefinition): one console error naming the element and the first bad
 * place as a JSON pointer, and `null`. A module of its own, loaded only where a definition is
 * given: a preset widget (a rating card) does not pay for the checker.
 */
export async function readDefinition(el: VoixElement, url: string, script: HTMLScriptElement | null): Promise<Definition | null> {
  try {
    let text = url ? '' : (script?.text ?? '');
    if (url) {
      const response = await fetch(url, { credentials: 'omit' });
      if (!response.ok) throw `HTTP ${response.status}`;
      // Read as it comes, and let go past the cap: a chunked body says no length, and read whole
      // (response.text()) a 200 MB one took 211 MB of the page's memory before being refused.
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      for (let size = 0, chunk; !(chunk = await reader.read()).done;) {
        if ((size += chunk.value.length) > DEFINITION_MAX) {
          void reader.cancel();
          throw tooLong;
        }
        text += decoder.decode(chunk.value, { stream: true });
      }
      text += decoder.decode();
    }
    if (!text.trim() || text.length > DEFINITION_MAX) throw tooLong;
    const checked = checkDefinition(JSON.parse(text));
    if ('definition' in checked) return checked.definition;
    el.report(`definition ${checked.error.pointer || '/'}`, checked.error.expected);
  } catch (error) {
    el.report(`definition${url ? ` "${url}"` : ''}`, `a question definition in JSON (${error})`);
  }
  return null;
}
