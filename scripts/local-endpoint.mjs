// A small HTTP endpoint that implements the widget side of the HTTP contract: it receives
// envelopes, validates them against schemas/, keeps each id once, and prints or records them.
// The browser tests use it as a real endpoint that can fail on demand; `npm start` serves it
// beside the demo page until the reference collector replaces it.
//
// Scripting (tests): POST /control?channel=C with {"responses":[503,{"status":429,"retryAfter":0},200]}
// (a response may also give the `error` code and `message` of the refusal's body, as the collector
// words them: {"status":422,"error":"invalid_envelope","message":"/data/answers/what: …"})
// queues the next statuses of POST /v1/events?channel=C; {"down":true} closes every connection
// without an answer (a network error) until {"down":false}; {"held":true} makes the endpoint slow:
// it holds every answer until {"held":false}, so a test sees the widget while it sends, without
// guessing a delay; GET /received?channel=C returns {attempts, stored, results}.
// Results (the collector's GET /v1/results/{subject}): {"results": document} sets what
// GET /v1/results/<subject>?channel=C serves, with an ETag that changes with each document set and
// a 304 for If-None-Match; a string is served as it is (a malformed document); {"resultsStatus": 503}
// answers that status until {"resultsStatus": null}; {"held":true} holds reads too. `results` in
// /received lists each read ({subject, ifNoneMatch, status}).
// GET /stream?channel=C&bytes=N sends N bytes of JSON-looking text in chunks, with no
// Content-Length (a chunked body, as a hostile or broken server may), written only as fast as the
// reader takes them; `stream` in /received says how many bytes went out and whether the reader
// hung up before the end.
import { createServer } from 'node:http';
import { createEnvelopeValidator } from '../schemas/validate.mjs';

const MAX_BODY = 64 * 1024;

/** The endpoint as a request handler, to mount on any Node HTTP server. */
export function createEndpointHandler({ onStored } = {}) {
  const validate = createEnvelopeValidator();
  const channels = new Map();
  const channel = (name) => {
    if (!channels.has(name))
      channels.set(name, {
        responses: [],
        down: false,
        held: false,
        waiting: [],
        attempts: [],
        stored: new Map(),
        results: { reads: [], version: 0 },
        stream: { sent: 0, ended: false, aborted: false },
      });
    return channels.get(name);
  };

  return async (request, response) => {
    const url = new URL(request.url, 'http://localhost');
    const state = channel(url.searchParams.get('channel') ?? 'default');
    const origin = request.headers.origin;
    response.setHeader('Access-Control-Allow-Origin', origin ?? '*');
    response.setHeader('Vary', 'Origin');
    response.setHeader('Access-Control-Expose-Headers', 'Retry-After, ETag');
    if (request.method === 'OPTIONS') {
      response.writeHead(204, {
        'Access-Control-Allow-Methods': 'POST, GET',
        'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key, If-None-Match',
        'Access-Control-Max-Age': '600',
      });
      return response.end();
    }
    try {
      if (request.method === 'POST' && url.pathname === '/v1/events') return await receive(request, response, state);
      if (request.method === 'GET' && url.pathname.startsWith('/v1/results/')) return await serveResults(request, response, url, state);
      if (request.method === 'GET' && url.pathname === '/stream') return stream(response, Number(url.searchParams.get('bytes')), state);
      if (request.method === 'POST' && url.pathname === '/control') {
        const { responses = [], down, held, results, resultsStatus } = JSON.parse((await readBody(request)) || '{}');
        if (results !== undefined) Object.assign(state.results, { document: results, version: state.results.version + 1 });
        if (resultsStatus !== undefined) state.results.status = resultsStatus;
        state.responses.push(...responses);
        if (down !== undefined) state.down = down;
        if (held !== undefined) state.held = held;
        if (!state.held) for (const release of state.waiting.splice(0)) release();
        return json(response, 200, { queued: state.responses.length });
      }
      if (request.method === 'GET' && url.pathname === '/received') {
        return json(response, 200, {
          attempts: state.attempts,
          stored: [...state.stored.values()],
          results: state.results.reads,
          stream: state.stream,
        });
      }
      json(response, 404, { error: 'not_found', message: `No route for ${request.method} ${url.pathname}` });
    } catch (error) {
      json(response, error.status ?? 500, { error: error.code ?? 'internal', message: error.message });
    }
  };

  async function receive(request, response, state) {
    const contentType = request.headers['content-type'] ?? '';
    const raw = await readBody(request);
    const attempt = {
      idempotencyKey: request.headers['idempotency-key'] ?? null,
      contentType,
      origin: request.headers.origin ?? null,
      body: raw,
    };
    state.attempts.push(attempt);
    if (state.held) await new Promise((resolve) => state.waiting.push(resolve));
    if (state.down) return request.socket.destroy();
    const scripted = state.responses.shift();
    const {
      status = 201,
      retryAfter,
      error = 'scripted',
      message = `Scripted failure ${status}`,
    } = typeof scripted === 'number' ? { status: scripted } : (scripted ?? {});
    if (status >= 300) {
      if (retryAfter !== undefined) response.setHeader('Retry-After', String(retryAfter));
      return json(response, status, { error, message });
    }
    let envelope;
    try {
      envelope = contentType.includes('application/x-www-form-urlencoded') ? Object.fromEntries(new URLSearchParams(raw)) : JSON.parse(raw);
    } catch {
      return json(response, 400, { error: 'malformed_json', message: 'The body is not valid JSON.' });
    }
    const { valid, errors } = contentType.includes('json') ? validate(envelope) : { valid: true, errors: [] };
    attempt.valid = valid;
    attempt.errors = errors;
    if (!valid) return json(response, 422, { error: 'invalid_envelope', message: errors.join('; ') });
    if (state.stored.has(envelope.id)) {
      response.setHeader('Idempotent-Replayed', 'true');
      return json(response, 200, { id: envelope.id });
    }
    state.stored.set(envelope.id, envelope);
    onStored?.(envelope);
    // A scripted 2xx (202: a petition's signature waiting for its e-mail confirmation) is stored too.
    json(response, status, { id: envelope.id, ...(status === 202 && { status: 'pending' }) });
  }

  function stream(response, bytes, state) {
    const record = state.stream;
    const chunk = Buffer.alloc(64 * 1024, ' ');
    response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
    response.on('close', () => (record.aborted = !record.ended));
    const write = () => {
      while (record.sent < bytes && !response.destroyed) {
        const piece =
          record.sent === 0
            ? Buffer.from('{"id":"big","steps":[],"pad":"')
            : chunk.subarray(0, Math.min(chunk.length, bytes - record.sent));
        record.sent += piece.length;
        if (!response.write(piece)) return response.once('drain', write);
      }
      if (!response.destroyed) {
        record.ended = true;
        response.end('"}');
      }
    };
    write();
  }

  async function serveResults(request, response, url, state) {
    const { results } = state;
    const ifNoneMatch = request.headers['if-none-match'] ?? null;
    // Listed on arrival, so that a test sees a held read; its status once answered.
    const read = { subject: decodeURIComponent(url.pathname.slice('/v1/results/'.length)), ifNoneMatch, status: null };
    results.reads.push(read);
    if (state.held) await new Promise((resolve) => state.waiting.push(resolve));
    const etag = `W/"${results.version}"`;
    const status = (read.status = results.status ?? (results.document === undefined ? 404 : ifNoneMatch === etag ? 304 : 200));
    if (status !== 200) {
      if (status === 304) response.writeHead(304, { ETag: etag });
      return status === 304 ? response.end() : json(response, status, { error: 'scripted', message: `Results: ${status}` });
    }
    const { document } = results;
    response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', ETag: etag, 'Cache-Control': 'public, max-age=5' });
    response.end(typeof document === 'string' ? document : JSON.stringify(document));
  }
}

/** The endpoint on a port of its own (another origin than the pages that post to it). */
export async function startLocalEndpoint({ port = 0, host = '127.0.0.1', onStored } = {}) {
  const server = createServer(createEndpointHandler({ onStored }));
  await new Promise((resolve) => server.listen(port, host, resolve));
  const { port: actualPort } = server.address();
  return {
    url: `http://${host}:${actualPort}`,
    server,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

function readBody(request) {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks = [];
    request.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(Object.assign(new Error('The body is larger than 64 KB.'), { status: 413, code: 'too_large' }));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function json(response, status, body) {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}
