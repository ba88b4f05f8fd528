import type { FastifyInstance } from 'fastify';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const repository = fileURLToPath(new URL('../../', import.meta.url));
const demo = join(repository, 'demo');
const partials = join(demo, 'partials');
/** The demo commune's declared subjects (VOIX_SUBJECTS when `npm start` is not given one). */
export const DEMO_SUBJECTS = join(demo, 'subjects.yaml');
/** The demo's agents are on the machine itself (its intranet pages): VOIX_AGENT_NETWORKS when `npm start` is not given one. */
export const DEMO_AGENT_NETWORKS = '127.0.0.0/8,::1/128';

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

/** `<!--#include header-->`, or `<!--#include header section="/#demarches"-->` for a page inside a section. */
const includeMarker = /<!--#include ([a-z-]+)(?: section="([^"]*)")?-->/g;

/**
 * The demo pages share one head, header and footer (demo/partials/), put in place of their markers
 * as the page is served, as a server-side include would: the page stays plain HTML under the strict
 * CSP, with no script to assemble it. The link to the page itself is marked `aria-current="page"`,
 * and the section's link, when the marker names one, `aria-current="true"`.
 */
function withPartials(page: string, pathname: string): string {
  const here = pathname.replace(/\/index\.html$/, '/');
  return page.replace(includeMarker, (marker, name: string, section?: string) => {
    const partial = join(partials, `${name}.html`);
    if (!existsSync(partial)) throw new Error(`${pathname}: ${marker} names no file demo/partials/${name}.html`);
    let text = readFileSync(partial, 'utf8').trim().replaceAll(`<a href="${here}">`, `<a href="${here}" aria-current="page">`);
    if (section) text = text.replaceAll(`<a href="${section}">`, `<a href="${section}" aria-current="true">`);
    return text;
  });
}

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
    const page = pathname.endsWith('/') ? `${pathname}index.html` : pathname;
    const found = pathname.startsWith('/cdn/') ? fileIn('dist/cdn', pathname.slice('/cdn/'.length)) : fileIn('demo', page);
    // The partials are pieces of pages, not pages.
    const file = found?.startsWith(partials + sep) ? undefined : found;
    reply.header('Content-Security-Policy', csp).header('X-Content-Type-Options', 'nosniff');
    if (!file) return reply.status(404).type('text/plain; charset=utf-8').send('Page introuvable.');
    const type = types[extname(file)] ?? 'application/octet-stream';
    if (file.startsWith(demo + sep) && extname(file) === '.html')
      return reply.type(type).send(withPartials(readFileSync(file, 'utf8'), page));
    return reply.type(type).send(readFileSync(file));
  });
}
