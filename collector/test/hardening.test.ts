import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { request } from 'node:http';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { configFromEnv } from '../src/config.js';
import { clientNetwork } from '../src/plugins/rate-limits.js';
import { buildServer } from '../src/server.js';
import type { Storage } from '../src/storage/storage.js';
import { ADMIN, backends, collectorOn, envelope, post, startCollector } from './support.js';

const admin = { Authorization: `Bearer ${ADMIN}` };
const randomAddress = () => `${randomInt(1, 224)}.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
/** What a client writes in X-Forwarded-For, then what the one proxy in front appends: the client's real address. */
const throughProxy = (client: string) => ({ 'X-Forwarded-For': `${randomAddress()}, ${client}` });

/**
 * Sends `start`, then one more byte every 100 ms, as a slow client would, and says how long the
 * server kept the connection and what it answered. Gives up (and closes) after 8 s.
 */
function dripUntilClosed(url: string, start: string): Promise<{ ms: number; answer: string }> {
  return new Promise((resolve) => {
    const began = performance.now();
    const socket = connect(Number(new URL(url).port), '127.0.0.1', () => socket.write(start));
    const drip = setInterval(() => socket.writable && socket.write('a'), 100);
    const giveUp = setTimeout(() => socket.destroy(), 8_000);
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(drip);
      clearTimeout(giveUp);
      resolve({ ms: performance.now() - began, answer });
    });
  });
}

/** A POST through node:http, which lets the test write the Host header that fetch keeps for itself. */
function postWithHost(url: string, host: string, origin: string, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      `${url}/v1/events`,
      { method: 'POST', headers: { Host: host, Origin: origin, 'Content-Type': 'application/cloudevents+json' } },
      (response) => {
        response.resume();
        resolve(response.statusCode!);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(JSON.stringify(body));
  });
}

describe('hardening', () => {
  let storage: Storage;
  before(async () => {
    storage = await backends[0].open();
  });
  after(() => storage.close());

  it('tells every 5xx, with its error, even without a request logger', async () => {
    const reported: string[] = [];
    const broken: Storage = { ...storage, insert: async () => Promise.reject(new Error('disk I/O error')) };
    const app = await buildServer({
      config: configFromEnv({ VOIX_ADMIN_TOKEN: ADMIN }),
      storage: broken,
      reportError: (line) => reported.push(line),
    });
    const response = await app.inject({
      method: 'POST',
      url: '/v1/events?x=secret',
      headers: { 'content-type': 'application/cloudevents+json' },
      payload: envelope(),
    });
    await app.close();
    assert.equal(response.statusCode, 500);
    assert.deepEqual(response.json(), { error: 'internal', message: 'Internal error.' });
    assert.equal(reported.length, 1);
    assert.match(reported[0], /^\S+ voix-collector 500 POST \/v1\/events: Error: disk I\/O error/);
    assert.doesNotMatch(reported[0], /secret/, 'no query string in the log');
  });

  it('closes a connection whose request trickles in, within the configured time', async () => {
    const collector = await startCollector(storage, { requestTimeoutMs: 500 });
    const slowBody = await dripUntilClosed(
      collector.url,
      'POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
    );
    const slowHeaders = await dripUntilClosed(collector.url, 'POST /v1/events HTTP/1.1\r\nHost: x\r\nX-Lent: ');
    await collector.close();
    for (const [name, { ms, answer }] of Object.entries({ slowBody, slowHeaders })) {
      assert.ok(ms < 5_000, `${name}: kept ${Math.round(ms)} ms`);
      assert.ok(answer === '' || answer.startsWith('HTTP/1.1 408'), `${name}: ${answer}`);
    }
  });

  it('counts an IPv6 client by its /64 network, an IPv4 one by its address', async () => {
    assert.equal(clientNetwork('2001:db8:1:2::a'), '2001:db8:1:2::/64');
    assert.equal(clientNetwork('2001:0DB8:0001:0002:ffff:0:0:1'), '2001:db8:1:2::/64');
    assert.equal(clientNetwork('2001:db8::1'), '2001:db8:0:0::/64');
    assert.equal(clientNetwork('::ffff:192.0.2.1'), '192.0.2.1');
    assert.equal(clientNetwork('192.0.2.1'), '192.0.2.1');
    const { trustProxy } = configFromEnv({ VOIX_TRUST_PROXY: '1' });
    const collector = await startCollector(storage, { trustProxy, ratePerClient: 3 });
    const statuses = [];
    for (let i = 1; i <= 4; i++)
      statuses.push((await post(collector.url, envelope({ subject: `/v6-${i}` }), throughProxy(`2001:db8:aa:bb::${i}`))).status);
    const neighbour = (await post(collector.url, envelope({ subject: '/v6' }), throughProxy('2001:db8:aa:cc::1'))).status;
    await collector.close();
    assert.deepEqual(statuses, [201, 201, 201, 429], 'four addresses of one /64 share one limit');
    assert.equal(neighbour, 201, 'another /64 is another client');
  });

  it('limits clients by the address the trusted proxy saw, whatever they write in X-Forwarded-For', async () => {
    const { trustProxy } = configFromEnv({ VOIX_TRUST_PROXY: '1' });
    const collector = await startCollector(storage, { trustProxy, ratePerClient: 3 });
    const answers = [];
    for (let i = 0; i < 4; i++)
      answers.push((await post(collector.url, envelope({ subject: `/proxy-${i}` }), throughProxy('198.51.100.7'))).status);
    assert.deepEqual(answers, [201, 201, 201, 429]);
    assert.equal(
      (await post(collector.url, envelope({ subject: '/proxy' }), throughProxy('198.51.100.8'))).status,
      201,
      'another resident is not limited',
    );

    const guesses = [];
    for (let i = 0; i < 31; i++) {
      guesses.push(
        (
          await fetch(`${collector.url}/v1/export.csv`, {
            headers: { Authorization: `Bearer essai-${i}`, ...throughProxy('198.51.100.9') },
          })
        ).status,
      );
    }
    assert.deepEqual([...new Set(guesses.slice(0, 30))], [401]);
    assert.equal(guesses[30], 429);
    assert.equal((await fetch(`${collector.url}/v1/export.csv`, { headers: throughProxy('198.51.100.10') })).status, 401);
    await collector.close();
  });

  it('counts only accepted answers against a subject’s limit, so junk cannot block residents', async () => {
    const collector = await startCollector(storage, { ratePerSubject: 2 });
    for (let i = 0; i < 5; i++) {
      assert.equal((await post(collector.url, envelope({ subject: '/inonde', answers: { useful: 'oui' } }))).status, 422);
      assert.equal((await post(collector.url, envelope({ subject: '/inonde' }), { Origin: 'https://ailleurs.example' })).status, 403);
    }
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(collector.url, envelope({ subject: '/inonde' }))).status);
    assert.deepEqual(statuses, [201, 201, 429]);
    await collector.close();
  });

  it('takes its own pages from its address, not from the Host header a client writes', async () => {
    const collector = await startCollector(storage);
    assert.equal(await postWithHost(collector.url, 'evil.example', 'http://evil.example', envelope()), 403);
    assert.equal(await postWithHost(collector.url, new URL(collector.url).host, collector.url, envelope()), 201, 'the demo page it serves');
    await collector.close();

    const published = await startCollector(storage, { publicUrls: ['https://avis.ville.fr'] });
    assert.equal(await postWithHost(published.url, 'avis.ville.fr', 'https://avis.ville.fr', envelope()), 201);
    assert.equal(await postWithHost(published.url, 'evil.example', 'http://evil.example', envelope()), 403);
    await published.close();
  });

  it('sends nosniff and a referrer policy on every response, errors included', async () => {
    const collector = await startCollector(storage, { ratePerClient: 1 });
    const responses = {
      created: await post(collector.url, envelope()),
      malformed: await post(collector.url, '{'),
      limited: await post(collector.url, envelope()),
      notFound: await fetch(`${collector.url}/nulle-part`),
      unauthorized: await fetch(`${collector.url}/v1/export.csv`),
      results: await fetch(`${collector.url}/v1/results/x`),
      health: await fetch(`${collector.url}/healthz`),
      preflight: await fetch(`${collector.url}/v1/events`, {
        method: 'OPTIONS',
        headers: { Origin: 'https://www.ville-de-demo.fr', 'Access-Control-Request-Method': 'POST' },
      }),
    };
    assert.equal(responses.limited.status, 429);
    for (const [name, response] of Object.entries(responses)) {
      assert.equal(response.headers.get('X-Content-Type-Options'), 'nosniff', name);
      assert.equal(response.headers.get('Referrer-Policy'), 'no-referrer', name);
    }
    await collector.close();
  });

  it('escapes U+2028 and U+2029 in the NDJSON export', async () => {
    const collector = await startCollector(storage);
    const comment = 'ligne\u2028paragraphe\u2029fin';
    assert.equal((await post(collector.url, envelope({ subject: '/separateurs', answers: { useful: false, comment } }))).status, 201);
    const text = await (await fetch(`${collector.url}/v1/export.ndjson?subject=/separateurs`, { headers: admin })).text();
    assert.ok(!/[\u2028\u2029]/.test(text), 'raw separators in the export');
    assert.ok(text.includes('\\u2028') && text.includes('\\u2029'), text);
    assert.equal(JSON.parse(text).answers.comment, comment);
    await collector.close();
  });

  it('checks every export parameter before it starts streaming', async () => {
    const collector = await startCollector(storage);
    for (const query of [
      'type=voix.feedback&type=voix.poll.vote',
      'subject=/a&subject=/b',
      'since=2025-01-01&since=2025-02-01',
      'personal=oui',
      'subjet=/a',
      'type=',
    ]) {
      for (const format of ['csv', 'ndjson']) {
        const response = await fetch(`${collector.url}/v1/export.${format}?${query}`, { headers: admin });
        assert.equal(response.status, 400, `${format}?${query}`);
        const body = await response.json();
        assert.equal(body.error, 'invalid_query', query);
        assert.equal(typeof body.message, 'string');
      }
    }
    assert.equal((await fetch(`${collector.url}/v1/export.csv?personal=false&type=voix.feedback`, { headers: admin })).status, 200);
    await collector.close();
  });

  it('limits results requests per client, and /healthz keeps answering', async () => {
    const collector = await startCollector(storage, { rateResults: 3 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${collector.url}/v1/results/${encodeURIComponent(`/gros-${i}`)}`)).status);
    assert.deepEqual(statuses, [200, 200, 200]);
    const limited = await fetch(`${collector.url}/v1/results/gros`);
    assert.equal(limited.status, 429);
    assert.equal((await limited.json()).error, 'rate_limited');
    assert.ok(Number(limited.headers.get('Retry-After')) > 0);
    assert.equal((await fetch(`${collector.url}/healthz`)).status, 200);
    assert.equal((await post(collector.url, envelope())).status, 201, 'answers have their own limit');
    await collector.close();
  });
});

for (const backend of backends) {
  describe(`results per site on ${backend.name}`, () => {
    const collector = collectorOn(backend);

    it('keeps two sites’ answers on the same subject apart when ?site= is given', async () => {
      for (const [site, useful] of [
        ['ville-a', true],
        ['ville-a', true],
        ['ville-b', false],
      ] as const) {
        assert.equal((await post(collector.url, envelope({ subject: '/contact', site, answers: { useful } }))).status, 201);
      }
      const results = async (query: string) => {
        const response = await fetch(`${collector.url}/v1/results/${encodeURIComponent('/contact')}${query}`);
        assert.equal(response.status, 200, query);
        return { etag: response.headers.get('ETag'), body: await response.json() };
      };
      const [a, b, both] = await Promise.all([results('?site=ville-a'), results('?site=ville-b'), results('')]);
      assert.equal(both.body.total, 3);
      assert.deepEqual({ ...both.body.counts }, { yes: 2, no: 1 });
      assert.equal(new Set([a.etag, b.etag, both.etag]).size, 3, 'one ETag per site');
      assert.equal(a.body.total, 2);
      assert.deepEqual({ ...a.body.counts }, { yes: 2 });
      assert.equal(b.body.total, 1);
      assert.deepEqual({ ...b.body.counts }, { no: 1 });
      for (const query of ['?site=', '?site=ville-a&site=ville-b']) {
        const response = await fetch(`${collector.url}/v1/results/contact${query}`);
        assert.equal(response.status, 400, query);
        assert.equal((await response.json()).error, 'invalid_query');
      }
    });
  });
}
