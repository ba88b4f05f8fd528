// `npm run lint` (ESLint, then Prettier --check): correctness rules here, layout left to Prettier
// (eslint-config-prettier turns off the rules that would fight it). docs/architecture.md says why.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/',
      'storybook-static/',
      'custom-elements.json',
      'node_modules/',
      'collector/node_modules/',
      '.vitest-attachments/',
      'test-results/',
      // Copied from dist/cdn, and built with @wordpress/scripts, by npm run build:wordpress.
      'integrations/wordpress/voix/assets/',
      'integrations/wordpress/voix/build/',
      'integrations/wordpress/node_modules/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // `_name` marks what a signature needs but the body does not use (Fastify handlers, destructuring to leave a field out).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // Each catalogue adds its keys to VoixStrings by module augmentation: `interface VoixStrings extends PollStrings {}`.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },
  // What runs in the browser: the library, its tests and stories, the WordPress blocks' editor.
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'stories/**/*.ts', '.storybook/**/*.ts', 'integrations/wordpress/src/**'],
    languageOptions: { globals: globals.browser },
  },
  // Sizes that keep the code readable (issue 15): no source file over 400 lines, no collector function over 80.
  {
    files: ['src/**/*.ts', 'collector/src/**/*.ts'],
    rules: { 'max-lines': ['error', { max: 400, skipBlankLines: false, skipComments: false }] },
  },
  {
    files: ['collector/src/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: false, skipComments: false, IIFEs: true }] },
  },
  // Tests: Chai's assertions are property reads (`expect(x).to.be.true`), and what an endpoint
  // received is read loosely (`any`), as a test reads a JSON body.
  {
    files: ['test/**', 'collector/test/**'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
  // The elements: Lit's and custom elements' rules.
  {
    files: ['src/**/*.ts', 'stories/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  // What runs in Node: the collector, the scripts, the Node tests (.mjs: end to end, server import), the configuration files.
  {
    files: ['collector/**/*.ts', 'scripts/**/*.mjs', 'test/**/*.mjs', 'schemas/**/*.mjs', '*.mjs', '*.js', '*.ts'],
    languageOptions: { globals: globals.node },
  },
  // Node scripts that drive Chromium: the functions they hand to page.evaluate() run in the page.
  {
    files: ['test/e2e/**/*.mjs', 'test/wordpress/**/*.mjs', 'scripts/test-faults.mjs', 'scripts/demo-collector.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  prettier,
);
