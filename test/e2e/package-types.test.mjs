// The packed package (`npm pack`, after the build) as a TypeScript integrator meets it: for every
// entry of package.json "exports" that has types, a strict consumer that imports only that entry
// must see the typed events (`e.detail`) and its elements' tags (`document.createElement`).
// Each entry is compiled alone: the events' global declarations reached through one entry must
// not hide an entry that lacks them.
// Then what people use where they write tags (dist/types/, generated from custom-elements.json):
// React 19's JSX types (with the repository's @types/react), Vue's GlobalComponents (against a
// stub of the few types of `vue` they name: vue is not a dependency), the VS Code custom data
// and the JetBrains web-types.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { installPacked } from '../../scripts/packed.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const { name, exports } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Entries with code and types, no wildcard ("./feedback.js" -> "voix-widgets/feedback.js"); not the types-only ./jsx, ./react, ./vue. */
const entries = Object.entries(exports)
  .filter(([key, target]) => !key.includes('*') && typeof target === 'object' && target.types && target.default)
  .map(([key, target]) => ({ specifier: posix.join(name, key), file: target.default }));

let project;
let installed;
let manifest;

before(() => {
  project = mkdtempSync(join(tmpdir(), 'voix-package-types-'));
  // With the repository's @types/react for the JSX test (React's JSX namespace is in it).
  installed = installPacked(project, { link: ['@types/react'] });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'integrator', private: true, type: 'module' }));
  assert.ok(existsSync(join(installed, 'custom-elements.json')), 'custom-elements.json is not in the package: build first');
  manifest = JSON.parse(readFileSync(join(installed, 'custom-elements.json'), 'utf8'));
});

after(() => project && rmSync(project, { recursive: true, force: true }));

/** Tags an entry registers, from the packed manifest: its own elements and those it re-exports. */
function tagsOf(file) {
  const source = file.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts');
  const entryModule = manifest.modules.find((module) => module.path === source);
  const reexported = (entryModule?.exports ?? []).map(({ declaration }) =>
    declaration.module.startsWith('.') ? posix.join(posix.dirname(source), declaration.module).replace(/\.js$/, '.ts') : declaration.module,
  );
  const paths = new Set([source, ...reexported]);
  return manifest.modules
    .filter((module) => paths.has(module.path))
    .flatMap((module) => module.declarations ?? [])
    .filter((declaration) => declaration.tagName)
    .map((declaration) => declaration.tagName);
}

const eventNames = () => [
  ...new Set(
    manifest.modules
      .flatMap((module) => (module.declarations ?? []).flatMap((declaration) => declaration.events ?? []))
      .map(({ name: event }) => event),
  ),
];

/** What an integrator writes against one entry; it compiles only if every type is there. */
function consumer(specifier, tags, events) {
  const listen = (target) =>
    events.map((event) => `${target}.addEventListener('${event}', (event) => { event.detail satisfies object; });`);
  const elements = tags.flatMap((tag, index) => [
    `const element${index} = document.createElement('${tag}');`,
    `const element${index}IsTyped: Specific<typeof element${index}> = true;`,
    ...listen(`element${index}`),
    `document.querySelector('${tag}')!.addEventListener('voix-sent', (event) => event.detail.status);`,
  ]);
  return [
    `import '${specifier}';`,
    '/** true only for a type narrower than HTMLElement: the tag is known. */',
    'type Specific<T> = HTMLElement extends T ? false : true;',
    ...listen('document'),
    "document.addEventListener('voix-sent', (event) => { const status: number = event.detail.status; return status; });",
    ...elements,
    '',
  ].join('\n');
}

const resolutions = {
  bundler: { module: 'ESNext', moduleResolution: 'bundler' },
  nodenext: { module: 'NodeNext', moduleResolution: 'NodeNext' },
};

/** Compiles one file of the project as a strict consumer would (without skipLibCheck); fails with tsc's words and the file. */
function compile(file, source, options) {
  writeFileSync(join(project, file), source);
  const config = {
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2022', 'DOM'],
      strict: true,
      noEmit: true,
      types: [],
      skipDefaultLibCheck: true,
      ...options,
    },
    files: [file],
  };
  writeFileSync(join(project, `tsconfig.${file}.json`), JSON.stringify(config));
  try {
    execFileSync(process.execPath, [tsc, '-p', `tsconfig.${file}.json`], { cwd: project, encoding: 'utf8' });
  } catch (error) {
    assert.fail(`tsc on ${file}:\n${error.stdout}${error.stderr}\n--- ${file}\n${source}`);
  }
}

const allTags = () =>
  manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .filter((declaration) => declaration.tagName)
    .map((declaration) => declaration.tagName)
    .sort();

/** The attributes with a fixed set of values, as custom-elements.json must give them (literal unions). */
const audience = { audience: ['user', 'agent'] };
const enumerated = {
  'voix-config': { transport: ['json', 'form'] },
  'voix-launcher': { position: ['bottom-right', 'bottom-left', 'inline'] },
  'voix-poll': { 'show-results': ['after-vote', 'after-close', 'always', 'never'] },
  'voix-rating': { scale: ['smileys', 'stars', 'nps'], preset: ['jdma'], ...audience },
  'voix-survey': audience,
  'voix-idea': audience,
  'voix-report': audience,
  'voix-pulse': audience,
};

/** What a React 19 app writes: accepted values, and (`@ts-expect-error`) values that are not. */
const reactConsumer = (tags) => `import type { JSX } from 'react';
import type {} from 'voix-widgets/react';

export const tags = ${JSON.stringify(tags)} satisfies (keyof JSX.IntrinsicElements)[];
export const page = (
  <voix-config endpoint="/v1/events" transport="form">
    <voix-rating scale="stars" preset="jdma" audience="agent" criteria={['Accueil', 'Délai']} onvoix-sent={(event) => event.detail.status} />
    <voix-launcher position="bottom-left">
      <voix-feedback comment onvoix-error={(event) => event.detail.error?.message} />
    </voix-launcher>
    <voix-poll show-results="after-close" />
  </voix-config>
);
// @ts-expect-error: not a scale
export const big = <voix-rating scale="big" />;
// @ts-expect-error: not an audience
export const everyone = <voix-survey audience="everyone" />;
// @ts-expect-error: not a position
export const top = <voix-launcher position="top" />;
// @ts-expect-error: not a moment
export const sometimes = <voix-poll show-results="sometimes" />;
// @ts-expect-error: the handler receives the Voix event, whose detail has no \`reason\`
export const reason = <voix-rating onvoix-sent={(event) => event.detail.reason} />;
`;

/** The few types of vue that voix-widgets/vue names: vue is not a dependency of this repository. */
const vueStub = `export interface GlobalComponents {}
export type DefineComponent<Props = {}> = new () => { $props: Props };
`;

/** What a Vue 3 app's tsc sees: every tag among GlobalComponents, with its props typed. */
const vueConsumer = (tags) => `import type { GlobalComponents } from 'vue';
import type {} from 'voix-widgets/vue';

type Props<Tag extends keyof GlobalComponents> = InstanceType<GlobalComponents[Tag]>['$props'];
export const tags = ${JSON.stringify(tags)} satisfies (keyof GlobalComponents)[];
export const rating: Props<'voix-rating'> = { scale: 'nps', audience: 'agent', 'onvoix-sent': (event) => event.detail.status };
// @ts-expect-error: not a scale
export const big: Props<'voix-rating'> = { scale: 'big' };
// @ts-expect-error: not a moment
export const sometimes: Props<'voix-poll'> = { 'show-results': 'sometimes' };
`;

describe('the packed package, for TypeScript integrators', () => {
  it('has entries to check', () => {
    assert.ok(entries.length >= 3, JSON.stringify(entries));
    assert.ok(eventNames().includes('voix-sent'), 'the manifest lists the events');
  });

  for (const { specifier, file } of entries) {
    for (const [resolution, options] of Object.entries(resolutions)) {
      it(`types events and tags through ${specifier} alone (moduleResolution ${resolution})`, () => {
        const base = `${specifier.replace(/\W+/g, '-')}-${resolution}`;
        compile(`${base}.ts`, consumer(specifier, tagsOf(file), eventNames()), options);
      });
    }
  }
});

describe('the packed package, where people write tags', () => {
  it('gives the attributes with a fixed set of values as unions in custom-elements.json, and the events their types', () => {
    for (const declaration of manifest.modules.flatMap((module) => module.declarations ?? []).filter(({ tagName }) => tagName)) {
      for (const [attribute, values] of Object.entries(enumerated[declaration.tagName] ?? {})) {
        const { type } = declaration.attributes.find(({ name: own }) => own === attribute);
        assert.equal(type.text, `${values.map((value) => `'${value}'`).join(' | ')} | undefined`, `${declaration.tagName} ${attribute}`);
      }
      for (const event of declaration.events ?? [])
        assert.match(event.type?.text ?? '', /^Voix\w+Event$/, `${declaration.tagName} ${event.name}`);
    }
  });

  for (const [resolution, options] of Object.entries(resolutions)) {
    it(`types the tags in React 19's JSX through voix-widgets/react (moduleResolution ${resolution})`, () => {
      compile(`react-${resolution}.tsx`, reactConsumer(allTags()), { ...options, jsx: 'react-jsx' });
    });

    it(`types the tags in Vue's GlobalComponents through voix-widgets/vue (moduleResolution ${resolution}, vue stubbed)`, () => {
      mkdirSync(join(project, 'node_modules/vue'), { recursive: true });
      writeFileSync(join(project, 'node_modules/vue/package.json'), JSON.stringify({ name: 'vue', types: 'index.d.ts' }));
      writeFileSync(join(project, 'node_modules/vue/index.d.ts'), vueStub);
      compile(`vue-${resolution}.ts`, vueConsumer(allTags()), options);
    });
  }

  it('lists every element, with the values of its enumerated attributes, in the VS Code custom data and the web-types', () => {
    const read = (path) => JSON.parse(readFileSync(join(installed, path), 'utf8'));
    const vsCode = read('dist/types/vscode.html-custom-data.json');
    assert.deepEqual(vsCode.tags.map((tag) => tag.name).sort(), allTags());
    assert.ok(read('dist/types/vscode.css-custom-data.json').properties.some((property) => property.name === '--voix-color-accent'));
    const webTypes = read(read('package.json')['web-types']);
    assert.equal(webTypes.name, name);
    const elements = webTypes.contributions.html.elements;
    assert.deepEqual(elements.map((element) => element.name).sort(), allTags());
    for (const [tag, attributes] of Object.entries(enumerated)) {
      for (const [attribute, values] of Object.entries(attributes)) {
        const offered = vsCode.tags.find(({ name: own }) => own === tag).attributes.find(({ name: own }) => own === attribute);
        assert.deepEqual(
          offered.values.map((value) => value.name),
          values,
          `VS Code: ${tag} ${attribute}`,
        );
        const typed = elements.find(({ name: own }) => own === tag).attributes.find(({ name: own }) => own === attribute);
        assert.equal(typed.value.type, `${values.map((value) => `'${value}'`).join(' | ')} | undefined`, `web-types: ${tag} ${attribute}`);
      }
    }
  });
});
