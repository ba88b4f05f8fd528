// `node scripts/wordpress-strings.mjs`: the WordPress plugin's strings, gathered again into
// languages/voix.pot (xgettext over the PHP and the blocks' editor script, plus each block's title,
// description and keywords with WordPress's contexts), then merged into every languages/*.po
// (msgmerge), where the new ones wait for their translation. Needs GNU gettext (Debian's gettext).
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BLOCKS } from '../integrations/wordpress/src/catalogue.mjs';

const integration = fileURLToPath(new URL('../integrations/wordpress/', import.meta.url));
const plugin = join(integration, 'voix');
const pot = join(plugin, 'languages/voix.pot');
const common = ['--from-code=UTF-8', '--add-comments=translators:', '--package-name=Voix', '--sort-by-file', '--no-wrap'];
const keywords = ['__', '_e', '_x:1,2c', 'esc_html__', 'esc_html_e', 'esc_attr__', 'esc_attr_e', 'esc_html_x:1,2c', '_n:1,2'];
const files = (folder, extension) =>
  readdirSync(folder, { recursive: true })
    .filter((name) => name.endsWith(extension) && !name.includes('node_modules'))
    .sort();

const quote = (text) => JSON.stringify(text);
const blockStrings = BLOCKS.flatMap((block) => [
  ['block title', block.title],
  ['block description', block.description],
  ...block.keywords.map((keyword) => ['block keyword', keyword]),
])
  .map(([context, text]) => `#: integrations/wordpress/src/catalogue.mjs\nmsgctxt ${quote(context)}\nmsgid ${quote(text)}\nmsgstr ""\n`)
  .join('\n');
const blocksPot = join(plugin, 'languages/blocks.pot.tmp');
writeFileSync(blocksPot, `msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n${blockStrings}`);

const run = (command, args, cwd = plugin) => execFileSync(command, args, { cwd, stdio: 'inherit' });
const php = files(plugin, '.php').filter((name) => !name.startsWith('build/'));
run('xgettext', [...common, '--language=PHP', ...keywords.map((keyword) => `--keyword=${keyword}`), '-o', pot, ...php]);
run('xgettext', [
  ...common,
  '--language=JavaScript',
  '--keyword=__',
  '--keyword=_x:1,2c',
  '--keyword=_n:1,2',
  '-j',
  '-o',
  pot,
  ...files(join(integration, 'src'), '.js').map((name) => `../src/${name}`),
]);
run('msgcat', ['--use-first', '--no-wrap', '-o', pot, pot, blocksPot]);
execFileSync('rm', [blocksPot]);
for (const po of files(join(plugin, 'languages'), '.po'))
  run('msgmerge', ['--quiet', '--update', '--backup=none', '--no-wrap', `languages/${po}`, pot]);
