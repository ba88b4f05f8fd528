import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { chromeArgs, ensureChrome } from './scripts/find-chrome.mjs';
import { startLocalEndpoint } from './scripts/local-endpoint.mjs';

let endpoint;

/** Starts the real HTTP endpoint the delivery tests post to, on its own port (another origin). */
const localEndpointPlugin = {
  name: 'voix-local-endpoint',
  async serverStart() {
    endpoint = await startLocalEndpoint();
  },
  async serverStop() {
    await endpoint?.close();
  },
};

export default {
  files: 'test/**/*.test.ts',
  nodeResolve: { exportConditions: ['development'] },
  // One page at a time: the outbox lives in the origin's localStorage, which all pages share.
  concurrency: 1,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022' }), localEndpointPlugin],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: ensureChrome(), args: chromeArgs },
    }),
  ],
  testFramework: { config: { timeout: 15000 } },
  testRunnerHtml: (testFramework) => `<!doctype html>
    <html lang="fr">
      <head><meta charset="utf-8"></head>
      <body>
        <script>window.VOIX_TEST_ENDPOINT = ${JSON.stringify(endpoint?.url)};</script>
        <script type="module" src="${testFramework}"></script>
      </body>
    </html>`,
};
