import { BlockList, isIP } from 'node:net';
import { isAnonymous } from '../anonymity.js';
import { CollectorError } from '../errors.js';
import { shared } from './shared.js';

/** The networks of VOIX_AGENT_NETWORKS (addresses or CIDR ranges), for BlockList.check. */
function agentNetworks(networks: string[]): BlockList {
  const list = new BlockList();
  for (const network of networks) {
    const [address, prefix] = network.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

/**
 * Agents' answers come from agents (issue 16, finding 6): an anonymous type's answer (an agents'
 * pulse, whose results open at a threshold) is taken only from the collectivité's own networks
 * (VOIX_AGENT_NETWORKS, the client address as VOIX_TRUST_PROXY reads it), and from a browser only
 * on its intranet's pages (VOIX_AGENT_ORIGINS, or the collector's own). Anyone else could post
 * answers up to the threshold and read the next agent's answer by difference.
 */
export const agentsOnly = shared('voix-agents', async (app) => {
  const { config } = app;
  const networks = agentNetworks(config.agentNetworks);
  const fromAgents = (ip: string, origin: string | undefined) => {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1] ?? ip;
    const inNetwork = networks.check(mapped, isIP(mapped) === 6 ? 'ipv6' : 'ipv4');
    return inNetwork && (origin === undefined || config.agentOrigins.includes(origin) || app.ownOrigin(origin));
  };
  app.addHook('preHandler', async (request) => {
    if (request.method !== 'POST' || request.routeOptions.url !== '/v1/events') return;
    const type = (request.body as { type?: unknown } | undefined)?.type;
    if (typeof type !== 'string' || !isAnonymous(type) || fromAgents(request.ip, request.headers.origin)) return;
    throw new CollectorError(
      403,
      'agents_only',
      `type: ${type} answers are taken only from the collectivité's agents (VOIX_AGENT_NETWORKS, VOIX_AGENT_ORIGINS).`,
    );
  });
});
