// `npm run size:report`: where the bytes of the script-tag build come from (run `npm run build`
// first). Two tables:
// - each page budgeted in .size-limit.json: gzip as loaded (each file compressed alone, as
//   size-limit counts it) and gzip as if its files were one (what chunk boundaries cost);
// - each file of dist/cdn, with each source module's marginal cost: the file's gzip size minus
//   what it would be without that module's characters (gzip works across the file, so a
//   module's own gzip size would overstate it).
// `npm run size` checks the budgets.
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { SourceMapConsumer } from 'source-map-js';

const folder = new URL('../dist/cdn/', import.meta.url);
const files = readdirSync(folder).filter((name) => name.endsWith('.js'));
const read = (file) => readFileSync(new URL(file, folder), 'utf8');
const gzip = (text) => gzipSync(text, { level: 9 }).length;
const number = (value) => value.toLocaleString('en-US');

console.log('Pages (.size-limit.json): gzip as loaded / as one file');
const pages = JSON.parse(readFileSync(new URL('../.size-limit.json', import.meta.url), 'utf8'));
for (const { name, path } of pages) {
  const patterns = path.map((glob) => new RegExp(`^${glob.replace('dist/cdn/', '').replace('.', '\\.').replace('*', '.*')}$`));
  const loaded = files.filter((file) => patterns.some((pattern) => pattern.test(file)));
  const separate = loaded.reduce((total, file) => total + gzip(read(file)), 0);
  const together = gzip(loaded.map(read).join('\n'));
  console.log(`  ${number(separate).padStart(6)} / ${number(together).padStart(6)}  ${loaded.length} files  ${name.replace(/:.*/, '')}`);
}

console.log('\nFiles: characters, gzip; then each source module: characters, marginal gzip');
for (const file of files) {
  const code = read(file);
  const map = new SourceMapConsumer(JSON.parse(read(`${file}.map`)));
  // The source module of each character of the minified file (line breaks belong to the glue).
  const owners = [];
  code.split('\n').forEach((line, index) => {
    for (let column = 0; column < line.length; column++) {
      const { source } = map.originalPositionFor({ line: index + 1, column });
      owners.push((source ?? '(glue)').replace(/.*node_modules\//, '').replace(/^(\.\.\/)+/, ''));
    }
    owners.push('(glue)');
  });
  const whole = gzip(code);
  console.log(`${file}: ${number(code.length)} B, ${number(whole)} B gzip`);
  const rows = [...new Set(owners)].map((source) => {
    let rest = '';
    let own = 0;
    for (let index = 0; index < code.length; index++) {
      if (owners[index] === source) own++;
      else rest += code[index];
    }
    return { source, own, marginal: whole - gzip(rest) };
  });
  for (const { source, own, marginal } of rows.sort((a, b) => b.marginal - a.marginal)) {
    console.log(`  ${String(own).padStart(6)}  ${String(marginal).padStart(5)} gz  ${source}`);
  }
}
