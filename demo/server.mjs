// `npm start`: serves the demo commune page (demo/) and the script-tag build (dist/cdn/ at /cdn/)
// under a strict Content-Security-Policy, and the small local endpoint at /v1/events, which
// prints every answer and keeps it in data/answers.ndjson. The reference collector will take
// its place.
import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEndpointHandler } from '../scripts/local-endpoint.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const port = Number(process.env.PORT ?? 8787);
const host = process.env.HOST ?? '127.0.0.1';
const answersFile = join(root, 'data', 'answers.ndjson');

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

// What a careful collectivité would send: no inline script or style, Trusted Types required.
const securityHeaders = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; require-trusted-types-for 'script'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
};

if (!existsSync(join(root, 'dist/cdn/voix.js'))) {
  console.error('dist/cdn/voix.js is missing: run `npm run build` first (`npm start` does).');
  process.exit(1);
}
mkdirSync(join(root, 'data'), { recursive: true });

const endpoint = createEndpointHandler({
  onStored(envelope) {
    appendFileSync(answersFile, `${JSON.stringify(envelope)}\n`);
    const { type, subject, data } = envelope;
    console.log(`← ${type} on ${subject} (${data.placement ?? 'no placement'}): ${JSON.stringify(data.answers)}`);
  },
});

function serveFile(response, path) {
  const file = normalize(join(root, path));
  if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders });
    return response.end('Page introuvable.');
  }
  response.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream', ...securityHeaders });
  response.end(readFileSync(file));
}

const server = createServer((request, response) => {
  const { pathname } = new URL(request.url, 'http://localhost');
  if (pathname === '/v1/events' || pathname === '/received') return endpoint(request, response);
  if (pathname.startsWith('/cdn/')) return serveFile(response, join('dist', pathname));
  const page = pathname.endsWith('/') ? `${pathname}index.html` : pathname;
  serveFile(response, join('demo', decodeURIComponent(page)));
});

server.listen(port, host, () => {
  console.log(`Voix demo: http://${host}:${port}/  (answers printed here and kept in data/answers.ndjson)`);
});

const stop = () => server.close(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
