// custom-elements.json: the public API of every element, read by IDEs and Storybook's docs.
// The analyzer also lists private (#) and protected members, and Lit's internal `state`
// properties as attributes: keep what an integrator can use, and no base class without a tag.
// From it, the types and editor data people use where they write tags (dist/types/, see
// docs/integration.md): JSX (React 19), Vue, VS Code, JetBrains.
import { readFileSync, writeFileSync } from 'node:fs';
import { generateJsxTypes } from 'custom-element-jsx-integration';
import { generateVuejsTypes } from 'custom-element-vuejs-integration';
import { customElementVsCodePlugin } from 'custom-element-vs-code-integration';
import { customElementJetBrainsPlugin } from 'custom-element-jet-brains-integration';

const TYPES = 'dist/types';

const isPublic = (member) => !member.static && !member.name.startsWith('#') && (member.privacy ?? 'public') === 'public';

const publicApiOnly = {
  name: 'voix-public-api-only',
  packageLinkPhase({ customElementsManifest }) {
    for (const module of customElementsManifest.modules) {
      for (const declaration of module.declarations ?? []) {
        if (declaration.kind !== 'class') continue;
        if (!declaration.tagName) delete declaration.customElement;
        const hidden = new Set((declaration.members ?? []).filter((member) => !isPublic(member)).map((member) => member.name));
        declaration.members = (declaration.members ?? []).filter(isPublic);
        declaration.attributes = (declaration.attributes ?? []).filter((attribute) => !hidden.has(attribute.fieldName ?? attribute.name));
      }
    }
  },
};

// An attribute typed with a named union of literals (`type Position = 'bottom-right' | …`) reaches
// the manifest as `Position`, which neither an editor nor the generators can read: write the
// union itself. The source keeps its names (the checks and the .d.ts use them).
const literalUnions = new Map();
const spelledOutUnions = {
  name: 'voix-spelled-out-unions',
  analyzePhase({ ts, node }) {
    if (!ts.isTypeAliasDeclaration(node)) return;
    const parts = ts.isUnionTypeNode(node.type) ? node.type.types : [node.type];
    if (!parts.every((part) => ts.isLiteralTypeNode(part))) return;
    const name = node.name.getText();
    const text = node.type.getText();
    if (literalUnions.has(name) && literalUnions.get(name) !== text)
      throw new Error(`Two types named ${name}: ${literalUnions.get(name)}, ${text}`);
    literalUnions.set(name, text);
  },
  packageLinkPhase({ customElementsManifest }) {
    const names = new RegExp(`\\b(${[...literalUnions.keys()].join('|')})\\b`, 'g');
    const spell = (type) => type && (type.text = type.text.replace(names, (name) => literalUnions.get(name)));
    for (const module of customElementsManifest.modules) {
      for (const declaration of module.declarations ?? []) {
        for (const entry of [...(declaration.members ?? []), ...(declaration.attributes ?? [])]) spell(entry.type);
      }
    }
  },
};

// JSX (React 19 and others) and Vue: the generators type each attribute and property from the
// element's class (`VoixRating['scale']`, imported from the package's index.d.ts), so the types
// are the .d.ts's own. Three corrections to what they write:
// - they offer every public field as a prop, read-only ones too (`state`): React would assign it
//   and throw, so those are left out;
// - they type each `on<event>` handler as a CustomEvent whose detail is the event's type, while a
//   Voix event is a VoixEvent class with its own `detail` (`@event {VoixSentEvent} voix-sent`):
//   the handler receives that type itself;
// - they import each event type once per element that fires it, which a consumer's tsc without
//   skipLibCheck refuses (duplicate identifier): each name is imported once.
const typesFromClasses = { globalTypePath: '../index.js', outdir: TYPES, hideLogs: true };
const jsxAndVue = {
  name: 'voix-jsx-and-vue',
  packageLinkPhase({ customElementsManifest }) {
    const writable = structuredClone(customElementsManifest);
    for (const declaration of writable.modules.flatMap((module) => module.declarations ?? [])) {
      declaration.members = declaration.members?.filter((member) => !member.readonly);
    }
    const correct = (file) => {
      const path = `${TYPES}/${file}`;
      const text = readFileSync(path, 'utf8')
        .replace(/import type \{([^}]*)\} from "\.\.\/index\.js"/, (_, names) => {
          const once = new Set(names.split(',').map((name) => name.trim()));
          return `import type { ${[...once].filter(Boolean).join(', ')} } from "../index.js"`;
        })
        .replace(/CustomEvent<(Voix\w+Event)>/g, '$1');
      writeFileSync(path, text);
    };
    generateJsxTypes(writable, { ...typesFromClasses, fileName: 'jsx.d.ts' });
    correct('jsx.d.ts');
    generateVuejsTypes(writable, { ...typesFromClasses, fileName: 'vue.d.ts' });
    correct('vue.d.ts');
    // Vue's templates check `@voix-sent` against a prop named `onVoixSent` (camel case): each
    // handler is also declared under that name, so vue-tsc's strictTemplates types it.
    const vue = `${TYPES}/vue.d.ts`;
    writeFileSync(
      vue,
      readFileSync(vue, 'utf8').replace(/^(\s*)"on(voix(?:-[a-z]+)+)"\?: (.*);$/gm, (line, indent, event, type) => {
        const camel = event.replace(/(^|-)([a-z])/g, (_, __, letter) => letter.toUpperCase());
        return `${line}\n${indent}on${camel}?: ${type};`;
      }),
    );
    // React 19 reads an element's props from its own JSX namespace: `import type {} from
    // 'voix-widgets/react'` adds the tags there.
    writeFileSync(
      `${TYPES}/react.d.ts`,
      [
        '// React 19: <voix-rating scale="stars"> typed. Types only: import type {} from \'voix-widgets/react\'.',
        "import type { CustomElements } from './jsx.js';",
        '',
        "declare module 'react' {",
        '  namespace JSX {',
        '    interface IntrinsicElements extends CustomElements {}',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  },
};

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.styles.ts'],
  litelement: true,
  plugins: [
    publicApiOnly,
    spelledOutUnions,
    jsxAndVue,
    customElementVsCodePlugin({ outdir: TYPES, hideLogs: true }),
    customElementJetBrainsPlugin({ outdir: TYPES, hideLogs: true }),
  ],
};
