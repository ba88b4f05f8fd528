// `npm run release:cdn`: the script-tag build as a webmaster downloads it, release/voix-<version>.zip:
//   voix-<version>/   every file of dist/cdn (voix.js, the chunks it imports, voix.css, the maps),
//                     to copy as it is to a server or CDN;
//   integrity.json    each of those files -> its SRI hash (sha384), for whoever writes their own tags;
//   SNIPPET.html      the tags to paste, with those hashes.
// It packs the build that is there and does not build: run `npm run build` first. It refuses a
// build whose version is not package.json's (a version bumped after the build).
// `--out DIR` writes the zip elsewhere than release/ (the test does).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { zipSync } from 'fflate';

/** Where the webmaster's copy lives, to be replaced: README.md and docs/integration.md use the same. */
export const BASE_URL = 'https://votre-cdn.example';

const root = new URL('../', import.meta.url);
const cdn = new URL('dist/cdn/', root);

/** An SRI value: the algorithm, then the base64 digest of the bytes as served. */
export const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/** Paths below `folder`, with forward slashes, sorted so that the zip and its lists are stable. */
function filesBelow(folder) {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

function snippet(version, integrity) {
  const folder = `${BASE_URL}/voix-${version}`;
  // Chunks are fetched by import() from voix.js, so the script tag's integrity does not cover them;
  // an import map's "integrity" does (Chromium 127 and later: the release test checks it), and a
  // browser without it loads the chunks unchecked, as it would with no map.
  const chunks = Object.fromEntries(
    Object.keys(integrity)
      .filter((file) => file.endsWith('.js'))
      .map((file) => [`${folder}/${file}`, integrity[file]]),
  );
  const importMap = JSON.stringify({ integrity: chunks }, null, 2).replace(/^/gm, '  ').trimStart();
  return `<!--
  Voix ${version} : à coller une fois par page, de préférence dans <head>, avant tout autre
  <script type="module">. Copiez le dossier voix-${version}/ de cette archive sur votre serveur ou
  votre CDN, puis remplacez partout ci-dessous ${BASE_URL} par son adresse.

  L'attribut integrity fait refuser au navigateur un voix.js ou un voix.css modifié. voix.js charge
  ensuite lui-même le code de chaque widget présent (import()) : ces fichiers-là, l'attribut ne les
  couvre pas. La carte d'import (importmap) ci-dessous donne leurs empreintes ; les navigateurs qui
  la comprennent (Chrome et Edge depuis la version 127) refusent un fichier modifié, les autres les
  chargent sans vérifier. Une page qui a déjà sa propre carte d'import doit y ajouter la clé
  « integrity » plutôt qu'une seconde carte. Avec une politique de sécurité (CSP) sans
  'unsafe-inline', la carte est un script en ligne : autorisez son empreinte (sha256, calculée
  après le remplacement de l'adresse) ou un nonce dans script-src.
-->
<script type="importmap">
  ${importMap}
</script>
<link rel="stylesheet" href="${folder}/voix.css" integrity="${integrity['voix.css']}" crossorigin="anonymous">
<script type="module" src="${folder}/voix.js" integrity="${integrity['voix.js']}" crossorigin="anonymous"></script>
`;
}

/** Writes the zip and returns its path. */
export async function releaseCdn({ out = new URL('release/', root) } = {}) {
  if (!existsSync(new URL('voix.js', cdn))) {
    throw new Error('release:cdn: dist/cdn/voix.js is missing: run `npm run build` first.');
  }
  const { version } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
  const built = await import(new URL('dist/core/version.js', root).href);
  if (built.VERSION !== version) {
    throw new Error(`release:cdn: dist/ was built as ${built.VERSION}, package.json says ${version}: run \`npm run build\` again.`);
  }
  const files = filesBelow(fileURLToPath(cdn));
  const integrity = Object.fromEntries(files.map((file) => [file, sri(readFileSync(new URL(file, cdn)))]));
  const entries = Object.fromEntries(files.map((file) => [`voix-${version}/${file}`, readFileSync(new URL(file, cdn))]));
  entries['integrity.json'] = Buffer.from(`${JSON.stringify(integrity, null, 2)}\n`);
  entries['SNIPPET.html'] = Buffer.from(snippet(version, integrity));
  // A fixed date: the same build gives the same zip, byte for byte.
  const zip = zipSync(entries, { level: 9, mtime: new Date('2026-01-01T00:00:00Z') });
  mkdirSync(out, { recursive: true });
  const path = join(out instanceof URL ? fileURLToPath(out) : out, `voix-${version}.zip`);
  writeFileSync(path, zip);
  return path;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  try {
    const path = await releaseCdn(values.out ? { out: values.out } : {});
    console.log(`release:cdn: ${relative(process.cwd(), path)} (${readFileSync(path).length} B)`);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
