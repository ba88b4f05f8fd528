import { ENDPOINT, RESULTS } from './endpoint.js';

/** What a page holds once, before any widget: the stylesheet that reserves the widgets' room, and the script (README). */
export const PAGE_HEAD = `<link rel="stylesheet" href="https://cdn.ma-commune.fr/voix/voix.css">
<script type="module" src="https://cdn.ma-commune.fr/voix/voix.js"></script>`;

/** The collectivité's own collector, named once for the widgets inside, in place of the stories' mocked one. */
const COLLECTOR = 'endpoint="https://avis.ma-commune.fr/v1/events" site="ma-commune"';
/** Polls and petitions read their figures too. */
const RESULTS_OF_COLLECTOR = 'results="https://avis.ma-commune.fr/v1/results/{subject}"';

const MOCKED = new RegExp(`\\s(?:endpoint="${ENDPOINT}"|results="${RESULTS.replace(/[{}]/g, '\\$&')}")`, 'g');

/** Lines without the indentation they share (a template's), the first one apart. */
function dedent(lines: string[]): string[] {
  const indents = lines
    .slice(1)
    .filter((line) => line.trim())
    .map((line) => /^\s*/.exec(line)![0].length);
  const shared = Math.min(...indents, Infinity);
  return lines.map((line, index) => (index === 0 || shared === Infinity ? line.trimStart() : line.slice(shared)).trimEnd());
}

/** A poll's options that a template wrote on one line, one a line as a page writes them. */
const optionsOnTheirLines = (markup: string) =>
  markup.replace(
    /^([ \t]*)(<voix-poll\b[^>]*>)((?:<option\b[^>]*>[^<]*<\/option>)+)<\/voix-poll>/gm,
    (_, indent: string, poll: string, options: string) =>
      `${indent}${poll}\n${options.replace(/<option\b/g, `${indent}  <option`).replace(/<\/option>(?!$)/g, '</option>\n')}\n${indent}</voix-poll>`,
  );

/**
 * The code a webmaster pastes, made from a story's markup: the page's stylesheet and script, then
 * the widgets inside a `<voix-config>` that names the collectivité's collector once, where the
 * stories name their mocked endpoint on each element. A story's own `<voix-config>` takes it.
 * Flags are written as a page writes them (`comment`, not `comment=""`).
 */
export function asPasted(markup: string): string {
  if (markup.startsWith(PAGE_HEAD)) return markup;
  const body = optionsOnTheirLines(
    dedent(markup.replace(MOCKED, '').replace(/=""/g, '').trim().split('\n'))
      .filter((line, index, lines) => line || lines[index - 1])
      .join('\n'),
  );
  const collector = /<voix-(?:poll|petition)\b/.test(body) ? `${COLLECTOR} ${RESULTS_OF_COLLECTOR}` : COLLECTOR;
  const widgets = /<voix-config\b/.test(body)
    ? body.replace(/<voix-config\b/, `<voix-config ${collector}`)
    : `<voix-config ${collector}>\n${body.replace(/^(?=.)/gm, '  ')}\n</voix-config>`;
  return `${PAGE_HEAD}\n\n${widgets}`;
}

/**
 * What « Show code » gives for a story: a case study's recipe shows its code to paste already
 * (recipe.ts), so that code, not the page around it; any other story's markup as pasted.
 */
export function codeToShow(source: string): string {
  const recipe = /<section aria-label="Le code à coller"[\s\S]*?<pre\b[^>]*><code>([\s\S]*?)<\/code><\/pre>/.exec(source);
  if (!recipe) return asPasted(source);
  return new DOMParser().parseFromString(recipe[1], 'text/html').documentElement.textContent!;
}
