import type { Meta } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import type { RequestHandler } from 'msw';
import { expect, waitFor, within } from 'storybook/test';
import '../../src/core/config.js';
import { ENDPOINT, RESULTS } from './endpoint.js';
import { firstStateDrawn, realKeyboard } from './form-stories.js';
import { asPasted, PAGE_HEAD } from './pasted-code.js';
import { withPayload } from './with-payload.js';

/** What « Copier le code » announces, in its status region. */
export const COPIED = 'Code copié';

/**
 * Copies `code`, then says so in `status`. When the browser refuses the clipboard (no permission,
 * a page not served over HTTPS), the code is selected instead, so that Ctrl+C copies it.
 */
async function copy(code: string, block: HTMLElement, status: HTMLElement) {
  status.textContent = '';
  try {
    await navigator.clipboard.writeText(code);
    status.textContent = COPIED;
  } catch {
    getSelection()?.selectAllChildren(block);
    status.textContent = 'Copie impossible ici : le code est sélectionné, copiez-le avec Ctrl+C.';
  }
}

/**
 * A case study's recipe: `lead` says what the widgets are for; `markup` is the HTML a collectivité
 * pastes, rendered here as it is (what the designer sees is what is copied), then shown as code
 * (asPasted: after the page's stylesheet and script, inside a `<voix-config>` naming the
 * collectivité's collector), with a « Copier le code » button whose outcome a status region
 * announces. The live widgets sit in a `<voix-config>` naming the stories' mocked endpoint instead.
 * `columns` lays the widgets side by side (two pages' widgets, compared); `aside` follows them.
 */
export function recipe({
  lead,
  markup,
  aside,
  columns,
}: {
  lead: string;
  markup: string;
  aside?: TemplateResult;
  columns?: boolean;
}): TemplateResult {
  const code = asPasted(markup);
  // The markup as a page holds it, parsed by the browser, not a template of ours.
  const live = Object.assign(document.createElement('voix-config'), { endpoint: ENDPOINT, results: RESULTS });
  live.innerHTML = markup;
  live.style.display = 'contents';
  const onCopy = (event: Event) => {
    const section = (event.currentTarget as HTMLElement).closest('section')!;
    void copy(code, section.querySelector('pre')!, section.querySelector('[role=status]')!);
  };
  return html`<div style="font: 1rem/1.5 system-ui, sans-serif; max-inline-size: 48rem">
    <p>${lead}</p>
    <div style=${columns ? 'display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 1rem; align-items: start' : ''}>${live}</div>
    ${aside ?? ''}
    <section aria-label="Le code à coller" style="margin-block-start: 1.5rem">
      <p style="margin: 0 0 0.5rem">
        Le code à coller dans la page (remplacez les adresses de <code>voix-config</code> par celles de votre point de collecte, et
        <code>site</code> par le nom de votre site) :
      </p>
      <pre style="white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; padding: 0.75rem; background: #f3f4f6; border: 1px solid #767676; border-radius: 0.5rem"><code>${code}</code></pre>
      <button type="button" style="margin-block-start: 0.5rem; min-block-size: 2.75rem; padding: 0 1rem; font: inherit" @click=${onCopy}>Copier le code</button>
      <p role="status" style="margin: 0.25rem 0 0"></p>
    </section>
  </div>`;
}

/**
 * Copies the recipe's code with its button, as a designer does, expects « Code copié » in the
 * status region (the clipboard took it), and gives the code shown: what a webmaster pastes, the
 * page's stylesheet and script first, and not a word of the stories' mocked collector.
 */
export async function copyTheCode(canvasElement: HTMLElement): Promise<string> {
  const button = within(canvasElement).getByRole('button', { name: 'Copier le code' });
  const section = button.closest('section')!;
  const shown = section.querySelector('pre')!.textContent!;
  await expect(shown.startsWith(`${PAGE_HEAD}\n\n<voix-config endpoint="https://avis.ma-commune.fr/v1/events" site="ma-commune"`)).toBe(
    true,
  );
  await expect(shown).not.toContain('collecte.example');
  // The clipboard takes text on a user's gesture only: a real click, where a test runner drives
  // the browser. In the Storybook UI there is none, and a refusal would greet the designer: the
  // copy is left to them.
  const driver = await realKeyboard();
  if (!driver) return shown;
  await driver.click(button);
  await waitFor(() => expect(section.querySelector('[role=status]')).toHaveTextContent(COPIED));
  return shown;
}

/**
 * The rest of a case study's page, after its title and tags (which Storybook reads from the file
 * itself, so they stay there): `story` tells the experience and its recipe (the docs page's
 * text, followed by a word on the stylesheet and script the code begins with), each story shows what its widgets post (folded), and `handlers`
 * play the endpoint for every story of the page (one worker serves the docs page).
 */
export function caseStudy({ story, handlers, beforeEach }: { story: string; handlers: RequestHandler[]; beforeEach: () => void }): Meta {
  return {
    decorators: [withPayload],
    // The widgets as a visitor finds them; each story's click-through is a test of its own.
    play: firstStateDrawn,
    beforeEach,
    parameters: {
      msw: { handlers },
      docs: {
        description: {
          component: `${story} Le code à copier commence par la feuille de style et le script de Voix : une fois par page, même avec plusieurs widgets.`,
        },
      },
    },
  };
}

/** A widget's shadow root, where play functions look, click and type. */
export const shadowOf = (widget: Element) => within(widget.shadowRoot as unknown as HTMLElement);
