// Writes package.json's version into src/core/version.ts, which every envelope carries and which
// test/core.test.ts holds equal to package.json. `npm run version-packages` runs it after
// `changeset version`, which bumps package.json only.
import { readFileSync, writeFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const file = new URL('src/core/version.ts', root);
const { version } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const source = readFileSync(file, 'utf8');
const declaration = /export const VERSION = '[^']*';/;

if (!declaration.test(source)) throw new Error("sync-version: src/core/version.ts has no `export const VERSION = '…';`");
writeFileSync(file, source.replace(declaration, `export const VERSION = '${version}';`));
console.log(`sync-version: src/core/version.ts says ${version}`);
