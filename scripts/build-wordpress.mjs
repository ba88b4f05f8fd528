// `npm run build:wordpress`: the WordPress plugin as a site's administrator uploads it,
// release/voix-wordpress-<version>.zip, with the folder voix/ at its root (the form
// « Extensions → Ajouter → Téléverser une extension » expects). Into integrations/wordpress/voix/ it
// writes first, from the current build (run `npm run build` before):
//   includes/elements.php      each voix-* element and its attributes, from custom-elements.json: the
//                              KSES allow-list and the shortcode's attributes, never typed by hand;
//   assets/voix-<version>/     the files of dist/cdn but the maps (voix.js, its chunks, voix.css, voix-dsfr.css);
//   blocks/<name>/block.json   each block of integrations/wordpress/src/catalogue.mjs, its attributes the
//                              element's (custom-elements.json);
//   build/blocks.js            the blocks' editor script, built with @wordpress/scripts from
//                              integrations/wordpress/src (its own package: installed there with
//                              `npm ci` the first time);
//   languages/voix-<locale>.mo each languages/voix-<locale>.po compiled, and
//   languages/voix-<locale>-voix-blocks.json the same for the editor's script (WordPress's JED format).
// `--out DIR` writes the zip elsewhere than release/ (the test does).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { zipSync } from 'fflate';
import { BLOCKS, blockJson } from '../integrations/wordpress/src/catalogue.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const integration = join(root, 'integrations/wordpress');
const plugin = join(integration, 'voix');

/**
 * Children that an element reads as data and WordPress's KSES would strip: a poll's
 * `<option value>` (documented on voix-poll's slot). Only these attributes, nothing else loosened.
 */
const CHILDREN = { option: ['value'] };

/** `boolean` or `boolean | undefined`: written bare, present or absent. */
const isBoolean = (attribute) => /^boolean( \| undefined)?$/.test(attribute.type?.text ?? '');

/** tag -> { attribute -> 'boolean' | 'string' }, from the manifest, in the manifest's order. */
export function elementsFromManifest(manifest) {
  const elements = {};
  for (const module of manifest.modules)
    for (const declaration of module.declarations ?? []) {
      if (!declaration.tagName?.startsWith('voix-')) continue;
      elements[declaration.tagName] = Object.fromEntries(
        (declaration.attributes ?? []).map((attribute) => [attribute.name, isBoolean(attribute) ? 'boolean' : 'string']),
      );
    }
  return elements;
}

const phpString = (value) => `'${value.replace(/[\\']/g, '\\$&')}'`;

function elementsPhp(elements, version) {
  const lines = Object.entries(elements).map(
    ([tag, attributes]) =>
      `\t${phpString(tag)} => array(\n${Object.entries(attributes)
        .map(([name, type]) => `\t\t${phpString(name)} => ${phpString(type)},\n`)
        .join('')}\t),`,
  );
  const children = Object.entries(CHILDREN).map(([tag, names]) => `\t${phpString(tag)} => array( ${names.map(phpString).join(', ')} ),`);
  return `<?php
/**
 * Written by scripts/build-wordpress.mjs from custom-elements.json: do not edit.
 *
 * @package Voix
 */

defined( 'ABSPATH' ) || exit;

/** The version of the widgets shipped (package.json's, also the plugin's). */
const VOIX_VERSION = '${version}';

/** The folder of the script-tag files, below the plugin's. */
const VOIX_ASSETS = 'assets/voix-${version}/';

/** Each element and its documented attributes, with their kind (a boolean is written bare). */
const VOIX_ELEMENTS = array(
${lines.join('\n')}
);

/** Children the elements read as data, which KSES would strip, and their attributes. */
const VOIX_CHILDREN = array(
${children.join('\n')}
);
`;
}

/** A .po file's translated entries: key (msgctxt, U+0004, msgid; or the msgid alone) -> msgstr. */
export function poEntries(po) {
  const entries = new Map();
  const unquote = (text) => JSON.parse(text);
  const join = (text) => text.trim().split('\n').map(unquote).join('');
  for (const block of po.split(/\n\s*\n/)) {
    if (/^#~/m.test(block)) continue;
    const context = block.match(/^msgctxt ((?:".*"\n?)+)/m);
    const id = block.match(/^msgid ((?:".*"\n?)+)/m);
    const str = block.match(/^msgstr ((?:".*"\n?)+)/m);
    if (!id || !str) continue;
    const key = (context ? `${join(context[1])}\u0004` : '') + join(id[1]);
    const value = join(str[1]);
    if (value) entries.set(key, value);
  }
  return entries;
}

/** The editor script's translations, as wp_set_script_translations() reads them (JED 1.x). */
export function jedFromPo(po, locale) {
  const entries = poEntries(po);
  const header = entries.get('') ?? '';
  const messages = {
    '': { domain: 'messages', lang: locale, 'plural-forms': header.match(/^Plural-Forms: (.*)$/m)?.[1] ?? 'nplurals=2; plural=(n > 1);' },
  };
  for (const [key, value] of entries) if (key) messages[key] = [value];
  return JSON.stringify({ domain: 'messages', locale_data: { messages } });
}

/** A gettext .mo file (little-endian, no hash table) from a .po file's entries. */
export function moFromPo(po) {
  const entries = poEntries(po);
  const keys = [...entries.keys()].sort();
  const ids = keys.map((key) => Buffer.from(key));
  const strs = keys.map((key) => Buffer.from(entries.get(key)));
  const header = 28;
  const tables = header + keys.length * 16;
  let offset = tables;
  const table = (buffers) =>
    buffers.map((buffer) => {
      const entry = [buffer.length, offset];
      offset += buffer.length + 1;
      return entry;
    });
  const idTable = table(ids);
  const strTable = table(strs);
  const out = Buffer.alloc(offset);
  out.writeUInt32LE(0x950412de, 0);
  out.writeUInt32LE(0, 4);
  out.writeUInt32LE(keys.length, 8);
  out.writeUInt32LE(header, 12);
  out.writeUInt32LE(header + keys.length * 8, 16);
  // No hash table, but its offset given: WordPress's reader measures the tables up to it.
  out.writeUInt32LE(0, 20);
  out.writeUInt32LE(tables, 24);
  [...idTable, ...strTable].forEach(([length, at], index) => {
    out.writeUInt32LE(length, header + index * 8);
    out.writeUInt32LE(at, header + index * 8 + 4);
  });
  [...ids, ...strs].forEach((buffer, index) => buffer.copy(out, [...idTable, ...strTable][index][1]));
  return out;
}

/** Paths below `folder`, with forward slashes, sorted so that the zip is stable. */
const filesBelow = (folder) =>
  readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();

/** build/blocks.js with @wordpress/scripts, installed in integrations/wordpress the first time. */
function buildBlocksScript() {
  const npm = (...args) => execFileSync('npm', args, { cwd: integration, stdio: ['ignore', 'ignore', 'inherit'] });
  if (!existsSync(join(integration, 'node_modules/.bin/wp-scripts'))) {
    console.log('build:wordpress: installing @wordpress/scripts in integrations/wordpress (npm ci)…');
    npm('ci', '--no-audit', '--no-fund', '--loglevel=error');
  }
  rmSync(join(plugin, 'build'), { recursive: true, force: true });
  npm('run', 'build', '--silent');
}

/** Writes the generated files and the zip; returns the zip's path. */
export function buildWordpress({ out = join(root, 'release') } = {}) {
  const cdn = join(root, 'dist/cdn');
  const manifestPath = join(root, 'custom-elements.json');
  if (!existsSync(join(cdn, 'voix.js')) || !existsSync(manifestPath)) {
    throw new Error('build:wordpress: dist/cdn/voix.js or custom-elements.json is missing: run `npm run build` first.');
  }
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const header = readFileSync(join(plugin, 'voix.php'), 'utf8').match(/^ \* Version:\s+(\S+)/m)?.[1];
  if (header !== version) throw new Error(`build:wordpress: voix.php says Version ${header}, package.json ${version}.`);

  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const elements = elementsFromManifest(manifest);
  writeFileSync(join(plugin, 'includes/elements.php'), elementsPhp(elements, version));
  rmSync(join(plugin, 'assets'), { recursive: true, force: true });
  cpSync(cdn, join(plugin, `assets/voix-${version}`), { recursive: true, filter: (source) => !source.endsWith('.map') });
  const declarations = Object.fromEntries(
    manifest.modules
      .flatMap((module) => module.declarations ?? [])
      .filter((declaration) => declaration.tagName)
      .map((declaration) => [declaration.tagName, declaration]),
  );
  rmSync(join(plugin, 'blocks'), { recursive: true, force: true });
  for (const block of BLOCKS) {
    mkdirSync(join(plugin, 'blocks', block.name), { recursive: true });
    writeFileSync(
      join(plugin, 'blocks', block.name, 'block.json'),
      `${JSON.stringify(blockJson(block, declarations[block.element], version), null, 2)}\n`,
    );
  }
  buildBlocksScript();
  for (const file of readdirSync(join(plugin, 'languages')).filter((name) => name.endsWith('.po'))) {
    const po = readFileSync(join(plugin, 'languages', file), 'utf8');
    writeFileSync(join(plugin, 'languages', file.replace(/\.po$/, '.mo')), moFromPo(po));
    const locale = file.match(/^voix-(.+)\.po$/)[1];
    writeFileSync(join(plugin, 'languages', `voix-${locale}-voix-blocks.json`), jedFromPo(po, locale));
  }

  const entries = Object.fromEntries(filesBelow(plugin).map((file) => [`voix/${file}`, readFileSync(join(plugin, file))]));
  // A fixed date: the same build gives the same zip, byte for byte.
  const zip = zipSync(entries, { level: 9, mtime: new Date('2026-01-01T00:00:00Z') });
  mkdirSync(out, { recursive: true });
  const path = join(out, `voix-wordpress-${version}.zip`);
  writeFileSync(path, zip);
  return path;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  try {
    const path = buildWordpress(values.out ? { out: values.out } : {});
    console.log(`build:wordpress: ${relative(process.cwd(), path)} (${readFileSync(path).length} B)`);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
