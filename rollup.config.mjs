// The script-tag build, dist/cdn/: voix.js holds the runtime every widget needs (Lit, core/) and
// the loader (src/autoload.ts); each element and each locale but French, imported dynamically,
// becomes a chunk of its own, so that a page loads only what it uses. Code that several widgets
// share (parts/) goes into shared chunks that Rollup makes as widgets are added.
// Input: the ES modules that `tsc -p tsconfig.build.json` wrote to dist/.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { readFileSync } from 'node:fs';

/**
 * Folds the white space inside Lit's css`` and html`` literals, which terser leaves as written:
 * in CSS around punctuation; in HTML a line break between two tags goes, and any other run of
 * white space that holds a line break becomes one space.
 */
const foldLiterals = {
  name: 'voix-fold-literals',
  transform(code, id) {
    if (!id.includes('/dist/')) return null;
    const edits = [];
    const visit = (node) => {
      if (!node || typeof node.type !== 'string') return;
      if (node.type === 'TaggedTemplateExpression' && ['css', 'html'].includes(node.tag.name)) {
        for (const quasi of node.quasi.quasis) edits.push({ ...quasi, css: node.tag.name === 'css' });
      }
      for (const value of Object.values(node)) {
        if (Array.isArray(value)) value.forEach(visit);
        else if (value && typeof value === 'object') visit(value);
      }
    };
    visit(this.parse(code));
    let result = code;
    for (const { start, end, css } of edits.sort((a, b) => b.start - a.start)) {
      // Between two tags a line break is only indentation; elsewhere it stands for a space.
      let text = code
        .slice(start, end)
        .replace(/>\s*\n\s*</g, '><')
        .replace(/\s*\n\s*/g, css ? '' : ' ');
      if (css) text = text.replace(/\/\*.*?\*\//g, '');
      if (css)
        text = text
          .replace(/\s*([{};,>/])\s*/g, '$1')
          .replace(/:\s+/g, ':')
          .replace(/([^\w.])0\./g, '$1.')
          .replace(/;}/g, '}');
      result = result.slice(0, start) + text + result.slice(end);
    }
    return { code: result, map: null };
  },
};

/**
 * A page whose CSP lists its Trusted Types policies without lit-html refuses the policy Lit creates
 * as voix.js loads, and nothing of Voix runs: the fallback shows, and the browser's message names a
 * policy, not the fix. Lit's call is wrapped to say the fix first, then to fail as before.
 */
const trustedTypesHint = {
  name: 'voix-trusted-types-hint',
  transform(code, id) {
    if (!/\/lit-html\/lit-html\.js$/.test(id)) return null;
    const call = /(\w+)\.createPolicy\("lit-html",(\{createHTML:\w+=>\w+\})\)/;
    if (!call.test(code)) this.error('lit-html no longer creates its policy as voix-trusted-types-hint expects: update it');
    const hint = 'Voix : ajoutez lit-html à la directive CSP trusted-types.';
    return {
      code: code.replace(
        call,
        (_, factory, rules) =>
          `(()=>{try{return ${factory}.createPolicy("lit-html",${rules})}catch(e){throw console.error(${JSON.stringify(hint)}),e}})()`,
      ),
      map: null,
    };
  },
};

/**
 * Fewer, larger chunks: each file a page loads is compressed alone, so every chunk boundary costs
 * the bytes gzip would have saved by seeing the code on both sides (300 B or so each, measured).
 * - voix.js also takes the parts every widget uses (base styles, comment box, status region,
 *   scrubber): all pages load them, so they cost less there than as a chunk of their own.
 * - `form-engine` is the form engine with <voix-survey>, which is the engine and nothing else; a
 *   rating card adds its own small chunk to it.
 * - `config` keeps @lit/context's provider out of voix.js: only <voix-config> needs it.
 * - `links`: the check of a link to follow (privacy-href), shared by <voix-config> and the petition.
 * - `results`: what the poll and the petition share: results/ but the chart (the controller, the
 *   loading and error text) and core/dates.
 * Anything not listed goes where Rollup puts it. docs/architecture.md gives the sizes.
 */
const chunks = {
  config: [/@lit\/context\/lib\/(controllers\/context-provider|value-notifier)\.js$/, /\/dist\/core\/config\.js$/],
  voix: [
    /\/node_modules\/(lit|lit-html|lit-element|@lit\/[a-z-]+)\//,
    /\/dist\/(autoload|locales\/fr|styles\/tokens|parts\/(choice-group|comment-box|status-region))\.js$/,
    /\/dist\/core\/(voix-widget|voix-element|outbox|submit-controller|localize|settings|transport|audience|envelope|config-context|events|version|scrub)\.js$/,
  ],
  // The link check <voix-config> and the petition share: a file of its own, so that neither loads the other.
  links: [/\/dist\/core\/links\.js$/],
  // engine/ but for its definition checker (check-definition, definition-source): a chunk of its own, loaded when a definition is given.
  'form-engine': [/\/dist\/(engine\/(question-form|form-widget|definition|fr)|widgets\/survey\/survey)\.js$/],
  // What the poll and the petition share, as Rollup grouped it before it was named here; the chart and its text ride in the poll's chunk.
  results: [/\/dist\/(results\/(results|fr|terms)|core\/dates)\.js$/],
};
const chunkOf = (id) => Object.keys(chunks).find((name) => chunks[name].some((pattern) => pattern.test(id)));

/**
 * Copies beside voix.js src/styles/voix.css, the stylesheet that reserves the widgets' space, and
 * voix-dsfr.css, the DSFR's look for State sites (docs/theming.md).
 */
const copyStylesheet = {
  name: 'voix-stylesheet',
  generateBundle() {
    for (const fileName of ['voix.css', 'voix-dsfr.css'])
      this.emitFile({ type: 'asset', fileName, source: readFileSync(`src/styles/${fileName}`, 'utf8') });
  },
};

export default {
  input: 'dist/autoload.js',
  // Lets voix.js also export what the widget chunks import from it, instead of adding a facade.
  preserveEntrySignatures: 'allow-extension',
  output: {
    dir: 'dist/cdn',
    format: 'es',
    entryFileNames: 'voix.js',
    chunkFileNames: '[name]-[hash:6].js',
    manualChunks: chunkOf,
    // Maps are written for debugging, without a sourceMappingURL comment in the files pages load.
    sourcemap: 'hidden',
  },
  plugins: [
    nodeResolve({ exportConditions: ['production'] }),
    foldLiterals,
    trustedTypesHint,
    copyStylesheet,
    // voix.js runs from a <script> tag, where there is always a document: the loader's check for a
    // server (src/autoload.ts) goes, which saves every page 8 bytes.
    terser({
      module: true,
      ecma: 2022,
      compress: { passes: 3, unsafe_arrows: true, global_defs: { 'globalThis.document': true } },
      format: { comments: false },
    }),
  ],
};
