// `npm run size:report`: where the bytes of the script-tag build come from. For each file of
// dist/cdn (run `npm run build` first), the minified characters and a gzip estimate per source
// module, biggest first. Gzip figures per module are indicative (gzip works across the file);
// `npm run size` gives the budgeted totals.
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { SourceMapConsumer } from 'source-map-js';

const folder = new URL('../dist/cdn/', import.meta.url);
for (const file of readdirSync(folder).filter((name) => name.endsWith('.js'))) {
  const code = readFileSync(new URL(file, folder), 'utf8');
  const map = new SourceMapConsumer(JSON.parse(readFileSync(new URL(`${file}.map`, folder), 'utf8')));
  const bySource = new Map();
  code.split('\n').forEach((line, index) => {
    for (let column = 0; column < line.length; column++) {
      const { source } = map.originalPositionFor({ line: index + 1, column });
      const name = (source ?? '(glue)').replace(/.*node_modules\//, '').replace(/^(\.\.\/)+/, '');
      bySource.set(name, (bySource.get(name) ?? '') + line[column]);
    }
  });
  console.log(`${file}: ${code.length} B, ${gzipSync(code, { level: 9 }).length} B gzip`);
  const rows = [...bySource].sort((a, b) => b[1].length - a[1].length);
  for (const [source, text] of rows) {
    console.log(`  ${String(text.length).padStart(6)}  ~${String(gzipSync(text, { level: 9 }).length).padStart(5)} gz  ${source}`);
  }
}
