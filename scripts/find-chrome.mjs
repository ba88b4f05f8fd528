// Finds a Chromium or Chrome for the browser tests: CHROME_PATH, then the usual paths. On a
// Debian or Ubuntu machine, as root, installs Debian's chromium package when none is there.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const candidates = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export function findChrome() {
  if (process.env.CHROME_PATH) {
    if (existsSync(process.env.CHROME_PATH)) return process.env.CHROME_PATH;
    throw new Error(`CHROME_PATH=${process.env.CHROME_PATH} does not exist.`);
  }
  return candidates.find((path) => existsSync(path));
}

export function ensureChrome() {
  const found = findChrome();
  if (found) return found;
  const debian = existsSync('/etc/debian_version') || /ID(_LIKE)?=.*(debian|ubuntu)/.test(safeRead('/etc/os-release'));
  if (debian && process.getuid?.() === 0) {
    console.log("voix: no Chromium found; installing Debian's chromium package (apt-get install chromium)…");
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    const installed = findChrome();
    if (installed) return installed;
  }
  throw new Error(
    'voix: the browser tests need Chromium or Chrome. Install one (Debian/Ubuntu: sudo apt-get install chromium; ' +
      'elsewhere: https://www.google.com/chrome/) or set CHROME_PATH to its executable.',
  );
}

export const chromeArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function safeRead(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
