// A WordPress of its own for the test: Debian's packages (installed here as root with apt when
// missing), a MariaDB with its own data folder, socket and port, a copy of /usr/share/wordpress
// with a plain wp-config.php, PHP's built-in server, and WordPress's own installer driven by form posts.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';

const PACKAGES = ['wordpress', 'mariadb-server', 'php-cli', 'php-mysql'];
const debianWordpress = '/usr/share/wordpress';

const onPath = (command) => {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** MariaDB's server: on PATH for root, in /usr/sbin for the others. */
const mariadbd = () => ['mariadbd', 'mysqld', '/usr/sbin/mariadbd', '/usr/sbin/mysqld'].find((path) => existsSync(path) || onPath(path));

const lacking = () => [
  ...(existsSync(debianWordpress) ? [] : ['wordpress']),
  ...(mariadbd() && onPath('mariadb-install-db') ? [] : ['mariadb-server']),
  ...(onPath('php') ? [] : ['php-cli']),
  ...(onPath('php') && /mysqli/.test(execFileSync('php', ['-m'], { encoding: 'utf8' })) ? [] : ['php-mysql']),
];

/** Why the test cannot run here, or '' once everything is there (installed with apt as root). */
export function wordpressMissing() {
  let needed = lacking();
  if (!needed.length) return '';
  const root = process.getuid?.() === 0 && onPath('apt-get');
  if (!root) return `needs Debian's ${needed.join(', ')} (apt-get install ${PACKAGES.join(' ')}, as root)`;
  console.log(`wordpress: installing Debian's ${needed.join(' ')}…`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', ...PACKAGES], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  needed = lacking();
  return needed.length ? `still missing after apt-get: ${needed.join(', ')}` : '';
}

/**
 * WordPress 6.5 (6.5.5), the first with script modules, which Debian does not ship: the release as
 * WordPress Playground's npm package builds it (its PHP files in src/wordpress/wp-6.5.zip, with
 * comments taken out, and its static files in public/wp-6.5/), put together once in
 * node_modules/.cache/, with Debian's French catalogues. Returns its folder, or why not.
 */
const PLAYGROUND = '@wp-playground/wordpress-builds@0.9.19';
const cache = fileURLToPath(new URL('../../node_modules/.cache/voix-wordpress-6.5/', import.meta.url));

export function wordpress65() {
  if (existsSync(join(cache, 'wp-includes/class-wp-script-modules.php'))) return { tree: cache };
  const work = mkdtempSync(join(tmpdir(), 'voix-wordpress-6.5-'));
  try {
    console.log(`wordpress: fetching WordPress 6.5 (${PLAYGROUND}, about 160 MB, once)…`);
    execFileSync('npm', ['pack', PLAYGROUND, '--pack-destination', work, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
    const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
    execFileSync('tar', ['xzf', join(work, tarball), '-C', work, 'package/public/wp-6.5', 'package/src/wordpress/wp-6.5.zip']);
    const tree = join(work, 'tree');
    cpSync(join(work, 'package/public/wp-6.5'), tree, { recursive: true });
    for (const [path, bytes] of Object.entries(unzipSync(readFileSync(join(work, 'package/src/wordpress/wp-6.5.zip'))))) {
      if (path.endsWith('/')) continue;
      mkdirSync(dirname(join(tree, path)), { recursive: true });
      writeFileSync(join(tree, path), bytes);
    }
    const languages = join(debianWordpress, 'wp-content/languages');
    mkdirSync(join(tree, 'wp-content/languages'), { recursive: true });
    for (const name of readdirSync(languages).filter((file) => /fr_FR/.test(file)))
      cpSync(join(languages, name), join(tree, 'wp-content/languages', name));
    rmSync(cache, { recursive: true, force: true });
    mkdirSync(dirname(cache), { recursive: true });
    renameSync(tree, cache);
    return { tree: cache };
  } catch (error) {
    return { why: `WordPress 6.5 could not be fetched from npm (${PLAYGROUND}): ${error.message.split('\n')[0]}` };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A loopback port free a moment ago. */
export const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer().on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check, what, seconds = 30) {
  for (let tries = 0; tries < seconds * 10; tries++) {
    if (await check().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`wordpress: ${what} did not start in ${seconds} s`);
}

/**
 * PHP's built-in server as WordPress's .htaccess for a network in folders: /<site>/wp-admin/…,
 * /<site>/wp-includes/…, /<site>/wp-content/… and /<site>/<file>.php are the root's files.
 */
function writeRouter(folder) {
  const router = join(folder, 'router.php');
  writeFileSync(
    router,
    `<?php
// Its variables are prefixed: the file it requires runs in the same (global) scope.
$router_root = __DIR__ . '/www';
$router_path = rawurldecode( parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH ) );
if ( is_file( $router_root . $router_path ) ) {
	return false;
}
if ( preg_match( '#^/[_0-9a-zA-Z-]+(/wp-(?:admin|includes|content)(?:/.*)?|/[^/]+\\.php)$#', $router_path, $router_match ) ) {
	$router_path = $router_match[1];
}
$router_file = $router_root . $router_path;
if ( is_dir( $router_file ) ) {
	$router_file = rtrim( $router_file, '/' ) . '/index.php';
}
if ( ! is_file( $router_file ) ) {
	$router_file = $router_root . '/index.php';
}
if ( str_ends_with( $router_file, '.php' ) ) {
	$_SERVER['SCRIPT_FILENAME'] = $router_file;
	$_SERVER['SCRIPT_NAME']     = substr( $router_file, strlen( $router_root ) );
	$_SERVER['PHP_SELF']        = $_SERVER['SCRIPT_NAME'];
	chdir( dirname( $router_file ) );
	require $router_file;
	return true;
}
$router_types = array( 'css' => 'text/css', 'js' => 'text/javascript', 'svg' => 'image/svg+xml', 'png' => 'image/png', 'gif' => 'image/gif', 'jpg' => 'image/jpeg', 'woff2' => 'font/woff2', 'woff' => 'font/woff', 'json' => 'application/json' );
header( 'Content-Type: ' . ( $router_types[ pathinfo( $router_file, PATHINFO_EXTENSION ) ] ?? 'application/octet-stream' ) );
readfile( $router_file );
return true;
`,
  );
  return router;
}

/** MariaDB in `folder`/mariadb, as root (--user=root) or as whoever runs the test. */
async function startMariadb(folder) {
  const data = join(folder, 'mariadb');
  const socket = join(folder, 'mariadb.sock');
  const user = process.getuid?.() === 0 ? ['--user=root'] : [];
  execFileSync(
    'mariadb-install-db',
    ['--no-defaults', ...user, `--datadir=${data}`, '--auth-root-authentication-method=normal', '--skip-test-db'],
    { stdio: 'ignore' },
  );
  const port = await freePort();
  const server = spawn(
    mariadbd(),
    [
      '--no-defaults',
      ...user,
      `--datadir=${data}`,
      `--socket=${socket}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      `--pid-file=${join(folder, 'mariadb.pid')}`,
    ],
    { stdio: 'ignore' },
  );
  const query = (sql, database = '') =>
    execFileSync('mariadb', ['--no-defaults', `--socket=${socket}`, '-uroot', '-N', '-B', '-e', sql, ...(database ? [database] : [])], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  await waitFor(async () => query('SELECT 1') === '1', 'MariaDB');
  query('CREATE DATABASE wordpress CHARACTER SET utf8mb4');
  return { socket, query, stop: () => stopProcess(server) };
}

const stopProcess = (child) =>
  new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });

/** The plain wp-config.php of the copy (Debian's reads /etc/wordpress/config-<host>.php instead). */
function wpConfig(socket, { hardened = true, multisite = null } = {}) {
  const keys = [
    'AUTH_KEY',
    'SECURE_AUTH_KEY',
    'LOGGED_IN_KEY',
    'NONCE_KEY',
    'AUTH_SALT',
    'SECURE_AUTH_SALT',
    'LOGGED_IN_SALT',
    'NONCE_SALT',
  ];
  return `<?php
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'root' );
define( 'DB_PASSWORD', '' );
define( 'DB_HOST', 'localhost:${socket}' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );
${keys.map((key) => `define( '${key}', '${randomBytes(32).toString('hex')}' );`).join('\n')}
$table_prefix = 'wp_';
${
  hardened
    ? `// What the test is about: no one, Éditeurs included, may post unfiltered HTML.
define( 'DISALLOW_UNFILTERED_HTML', true );`
    : '// Not hardened: on a multisite, only super admins have unfiltered HTML anyway.'
}
${
  multisite
    ? `// A network of sites in folders (/commune-b/), set up by network.php below.
define( 'MULTISITE', true );
define( 'SUBDOMAIN_INSTALL', false );
define( 'DOMAIN_CURRENT_SITE', '${multisite}' );
define( 'PATH_CURRENT_SITE', '/' );
define( 'SITE_ID_CURRENT_SITE', 1 );
define( 'BLOG_ID_CURRENT_SITE', 1 );`
    : ''
}
// No Internet in CI: WordPress would wait for wordpress.org (updates, the plugin directory).
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'DISABLE_WP_CRON', true );
define( 'FS_METHOD', 'direct' );
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
`;
}

/** WordPress installed, in French, served at http://127.0.0.1:`port`. */
export async function startWordpress(
  folder,
  port,
  { admin = { user: 'admin', password: 'Voix-admin-2026!' }, tree = debianWordpress, multisite = false } = {},
) {
  const mariadb = await startMariadb(folder);
  const documentRoot = join(folder, 'www');
  // A copy: Debian's tree is root's and reads its configuration from /etc/wordpress.
  cpSync(tree, documentRoot, { recursive: true, dereference: true, filter: (source) => !source.endsWith('.htaccess') });
  rmSync(join(documentRoot, 'wp-config.php'), { force: true });
  writeFileSync(join(documentRoot, 'wp-config.php'), wpConfig(mariadb.socket, { hardened: !multisite }));
  mkdirSync(join(documentRoot, 'wp-content/uploads'), { recursive: true });
  // A must-use plugin of the test's: ?csp=<an origin on this machine> makes the page come with a
  // Content Security Policy without 'unsafe-inline', its connect-src that origin.
  mkdirSync(join(documentRoot, 'wp-content/mu-plugins'), { recursive: true });
  writeFileSync(
    join(documentRoot, 'wp-content/mu-plugins/voix-test-csp.php'),
    `<?php
add_action(
	'send_headers',
	static function () {
		if ( isset( $_GET['csp'] ) && preg_match( '#^http://127\\.0\\.0\\.1:\\d+$#', $_GET['csp'] ) ) {
			header( "Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' " . $_GET['csp'] );
		}
	}
);
`,
  );
  const base = `http://127.0.0.1:${port}`;
  const log = join(folder, 'php.log');
  const php = spawn(
    'php',
    [
      ...['-d', `error_log=${log}`, '-d', 'log_errors=1', '-d', 'display_errors=0', '-S', `127.0.0.1:${port}`, '-t', documentRoot],
      ...(multisite ? [writeRouter(folder)] : []),
    ],
    {
      stdio: 'ignore',
      // Several workers: WordPress calls itself (install, loopback checks) while serving a request.
      env: { ...process.env, PHP_CLI_SERVER_WORKERS: '4' },
    },
  );
  await waitFor(async () => (await fetch(`${base}/wp-admin/install.php`)).ok, 'PHP’s server');
  const form = new URLSearchParams({
    weblog_title: 'Ma commune',
    user_name: admin.user,
    admin_password: admin.password,
    admin_password2: admin.password,
    pw_weak: 'on',
    admin_email: 'admin@ma-commune.example',
    blog_public: '0',
    language: 'fr_FR',
  });
  const installed = await fetch(`${base}/wp-admin/install.php?step=2`, { method: 'POST', body: form });
  const text = await installed.text();
  if (!/wp-login\.php/.test(text)) throw new Error(`wordpress: install failed: ${text.replace(/<[^>]+>/g, ' ').slice(0, 500)}`);
  const host = `127.0.0.1:${port}`;
  /** Runs PHP with WordPress loaded, as a request to `host`; returns what it prints. */
  const phpWith = (code) => {
    const script = join(folder, 'cli.php');
    writeFileSync(
      script,
      `<?php\n$_SERVER['HTTP_HOST'] = '${host}';\n$_SERVER['REQUEST_URI'] = '/';\n$_SERVER['SERVER_NAME'] = '127.0.0.1';\n$_SERVER['REMOTE_ADDR'] = '127.0.0.1';\n${code}`,
    );
    return execFileSync('php', [script], { cwd: documentRoot, encoding: 'utf8' });
  };
  if (multisite) {
    // What Outils → Création d'un réseau (wp-admin/network.php) does, which refuses an address with a
    // port: the network's tables, then the constants in wp-config.php.
    phpWith(`define( 'WP_INSTALLING_NETWORK', true );
require '${documentRoot}/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
foreach ( $wpdb->tables( 'ms_global' ) as $table => $prefixed ) { $wpdb->$table = $prefixed; }
install_network();
$result = populate_network( 1, '${host}', '${admin.user}@ma-commune.example', 'Réseau des communes', '/', false );
if ( is_wp_error( $result ) ) { fwrite( STDERR, $result->get_error_message() ); exit( 1 ); }`);
    writeFileSync(join(documentRoot, 'wp-config.php'), wpConfig(mariadb.socket, { hardened: false, multisite: host }));
  }
  return {
    phpWith: (code) => phpWith(`require '${documentRoot}/wp-load.php';\n${code}`),
    base,
    documentRoot,
    query: (sql) => mariadb.query(sql, 'wordpress'),
    phpLog: () => (existsSync(log) ? readFileSync(log, 'utf8') : ''),
    async stop() {
      await stopProcess(php);
      await mariadb.stop();
    },
  };
}
