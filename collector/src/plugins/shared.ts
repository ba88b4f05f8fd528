import type { FastifyInstance } from 'fastify';

/**
 * A plugin that acts on the server it is registered on rather than in a scope of its own: its
 * hooks, handlers and decorators reach every route registered after it. This is the flag
 * fastify-plugin sets (Fastify's docs, "Handle the scope"); the collector does not depend on that
 * package for one flag and a name.
 */
export function shared<Options>(name: string, plugin: (app: FastifyInstance, options: Options) => Promise<void>) {
  return Object.assign(plugin, { [Symbol.for('skip-override')]: true, [Symbol.for('fastify.display-name')]: name });
}
