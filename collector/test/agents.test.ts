// Issue 16, finding 6: anyone could post agents' pulse answers up to the anonymity threshold and
// read the next agent's answer by difference. Pulse answers are taken only from the agents'
// networks (VOIX_AGENT_NETWORKS) and, from a browser, from the intranet's pages (VOIX_AGENT_ORIGINS).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { configFromEnv } from '../src/config.js';
import type { RecountStorage } from './recount.js';
import { ALLOWED, backends, envelope, post, startCollector } from './support.js';

const pulse = () => envelope({ type: 'voix.pulse', subject: 'circuit-courrier', answers: { helps: 4 } });
const feedback = () => envelope();

for (const backend of backends) {
  describe(`agents' answers only from agents (${backend.name})`, () => {
    let storage: RecountStorage;
    before(async () => {
      storage = await backend.open();
    });
    after(() => storage.close());

    const withSettings = async (settings: { agentNetworks: string[]; agentOrigins?: string[] }, check: (url: string) => Promise<void>) => {
      const collector = await startCollector(storage, { agentOrigins: [], ...settings });
      try {
        await check(collector.url);
      } finally {
        await collector.close();
      }
    };
    const refusal = async (response: Response) => [response.status, ((await response.json()) as { error: string }).error];

    it('refuses a pulse answer from outside the agents’ networks, and every one when none is set', async () => {
      await withSettings({ agentNetworks: ['10.0.0.0/8', '2001:db8::/32'] }, async (url) => {
        assert.deepEqual(await refusal(await post(url, pulse())), [403, 'agents_only']);
        assert.equal((await post(url, feedback())).status, 201, 'residents’ answers are not concerned');
      });
      await withSettings({ agentNetworks: [] }, async (url) => {
        assert.deepEqual(await refusal(await post(url, pulse())), [403, 'agents_only']);
      });
      assert.equal((await storage.counters('circuit-courrier')).totals.length, 0, 'no pulse answer stored');
    });

    it('takes it from the agents’ network: from a script, or from a browser on the intranet’s pages only', async () => {
      await withSettings(
        { agentNetworks: ['127.0.0.0/8', '::1/128'], agentOrigins: ['https://intranet.ville-de-demo.fr'] },
        async (url) => {
          assert.equal((await post(url, pulse())).status, 201, 'no Origin: a script on the agents’ network');
          assert.equal((await post(url, pulse(), { Origin: 'https://intranet.ville-de-demo.fr' })).status, 201);
          // The residents' site may post answers (VOIX_ORIGINS), but not agents' ones.
          assert.deepEqual(await refusal(await post(url, pulse(), { Origin: ALLOWED })), [403, 'agents_only']);
        },
      );
    });

    it('reads the settings, refusing what is not a network or an origin', () => {
      const config = configFromEnv({ VOIX_AGENT_NETWORKS: '10.0.0.0/8, 192.168.10.7', VOIX_AGENT_ORIGINS: 'https://intranet.ville.fr/' });
      assert.deepEqual([config.agentNetworks, config.agentOrigins], [['10.0.0.0/8', '192.168.10.7'], ['https://intranet.ville.fr']]);
      assert.throws(() => configFromEnv({ VOIX_AGENT_NETWORKS: '10.0.0.0/33' }), /VOIX_AGENT_NETWORKS: "10\.0\.0\.0\/33" is not valid/);
      assert.throws(() => configFromEnv({ VOIX_AGENT_ORIGINS: '*' }), /VOIX_AGENT_ORIGINS/);
    });
  });
}
