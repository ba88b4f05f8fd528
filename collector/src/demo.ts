import type { FastifyInstance } from 'fastify';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const repository = fileURLToPath(new URL('../../', import.meta.url));

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

// What a careful collectivité would send: no inline script or style, Trusted Types required.
const csp =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; require-trusted-types-for 'script'";

/**
 * `npm start`: the demo commune (demo/) and the script-tag build (dist/cdn/ at /cdn/), served by
 * the collector itself under a strict Content-Security-Policy, so that the page posts to it.
 */
export async function demoSite(app: FastifyInstance): Promise<void> {
  // A file under one of the two served folders, never above it (`..` is refused outright).
  const fileIn = (folder: string, path: string) => {
    if (path.includes('\0') || path.split(/[\\/]/).includes('..')) return undefined;
    const root = join(repository, folder) + sep;
    const file = normalize(join(root, path));
    return file.startsWith(root) && existsSync(file) && statSync(file).isFile() ? file : undefined;
  };
  app.get('/*', async (request, reply) => {
    let pathname = '';
    try {
      pathname = decodeURIComponent(request.url.split('?')[0]);
    } catch {
      // malformed escapes: not a file of ours
    }
    const file = pathname.startsWith('/cdn/')
      ? fileIn('dist/cdn', pathname.slice('/cdn/'.length))
      : fileIn('demo', pathname.endsWith('/') ? `${pathname}index.html` : pathname);
    reply.header('Content-Security-Policy', csp).header('X-Content-Type-Options', 'nosniff');
    if (!file) return reply.status(404).type('text/plain; charset=utf-8').send('Page introuvable.');
    return reply.type(types[extname(file)] ?? 'application/octet-stream').send(readFileSync(file));
  });
}
