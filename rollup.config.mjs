// The script-tag build, dist/cdn/: voix.js (a small loader), one chunk per widget and one
// "runtime" chunk (Lit, core/, parts/, styles/) that every widget shares, so that a page loads
// only what it uses.
// Input: the ES modules that `tsc -p tsconfig.build.json` wrote to dist/.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

// Lit and the shared core form the runtime; <voix-config> (with the context provider only it
// uses), each widget and each non-French locale are chunks of their own.
const chunkOf = (id) => {
  const own = /\/dist\/(widgets\/([^/]+)|locales\/(?!fr)([^/.]+)|core\/config\.js)/.exec(id);
  if (own) return own[2] ?? (own[3] ? `locale-${own[3]}` : 'config');
  if (/@lit\/context\/lib\/(controllers\/context-provider|value-notifier)/.test(id)) return 'config';
  return id.endsWith('/dist/autoload.js') ? undefined : 'runtime';
};

/**
 * Folds the white space inside Lit's css`` and html`` literals, which terser leaves as written:
 * in CSS around punctuation, in HTML each run that holds a line break becomes one space.
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
      let text = code.slice(start, end).replace(/\s*\n\s*/g, css ? '' : ' ');
      if (css) text = text.replace(/\s*([{};,>])\s*/g, '$1').replace(/:\s+/g, ':');
      result = result.slice(0, start) + text + result.slice(end);
    }
    return { code: result, map: null };
  },
};

export default {
  input: 'dist/autoload.js',
  output: {
    dir: 'dist/cdn',
    format: 'es',
    entryFileNames: 'voix.js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    manualChunks: chunkOf,
    sourcemap: true,
  },
  plugins: [
    nodeResolve({ exportConditions: ['production'] }),
    foldLiterals,
    terser({ module: true, ecma: 2022, compress: { passes: 3, unsafe_arrows: true }, format: { comments: false } }),
  ],
};
