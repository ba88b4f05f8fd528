import { delay, http, HttpResponse } from 'msw';

/** The collecte endpoint the stories post to; Mock Service Worker answers in its place. */
export const ENDPOINT = 'https://collecte.example/v1/events';

/** The endpoint answers every POST with `status`: 201 accepted, 503 unavailable, 400 refused… */
export const answerWith = (status: number) => http.post(ENDPOINT, () => new HttpResponse(null, { status }));

/** The endpoint never answers, so the widget stays in `sending`. */
export const neverAnswer = () =>
  http.post(ENDPOINT, async () => {
    await delay('infinite');
  });

/**
 * The stories' collector declares no subject (204: the open mode), so that the poll and the
 * petition, which read a subject's declared terms beside the endpoint, keep their attributes at
 * once; a story may declare one with a handler of its own.
 */
export const undeclaredSubjects = http.get('https://collecte.example/v1/subjects/*', () => new HttpResponse(null, { status: 204 }));

/** The collector's results URL as the widgets' `results` attribute gives it, `{subject}` replaced by the widget. */
export const RESULTS = 'https://collecte.example/v1/results/{subject}';
/** The same URL as a Mock Service Worker route (msw decodes the subject). */
const RESULTS_ROUTE = RESULTS.replace('{subject}', ':subject');

/** FNV-1a of a text, 8 hex digits: a document's fingerprint for its ETag (not a security measure). */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** One read of the results, as Mock Service Worker received and answered it. */
export interface ResultsRead {
  subject: string;
  ifNoneMatch: string | null;
  status: number;
}

/**
 * The collector's results as Mock Service Worker plays them: `document(subject)` is served with an
 * ETag made from its content, and a read that sends that ETag back (If-None-Match) gets 304, as
 * from the collector (docs/openapi.yaml, getResults). A story serves a malformed document the same
 * way. `reads` lists the reads received; `forget` empties it, as the story's `beforeEach`.
 */
export function serveResults(document: (subject: string) => unknown) {
  const reads: ResultsRead[] = [];
  const handler = http.get(RESULTS_ROUTE, ({ params, request }) => {
    const subject = params.subject as string;
    const body = JSON.stringify(document(subject));
    const etag = `W/"${fingerprint(body)}"`;
    const ifNoneMatch = request.headers.get('If-None-Match');
    const unchanged = ifNoneMatch === etag;
    reads.push({ subject, ifNoneMatch, status: unchanged ? 304 : 200 });
    const headers = { ETag: etag, 'Cache-Control': 'public, max-age=5' };
    return unchanged
      ? new HttpResponse(null, { status: 304, headers })
      : new HttpResponse(body, { headers: { ...headers, 'Content-Type': 'application/json' } });
  });
  return { reads, handler, forget: () => void reads.splice(0) };
}

/** The results URL answers every read with `status` (503: the collector is down), without a document. */
export const resultsFailWith = (status: number) => http.get(RESULTS_ROUTE, () => new HttpResponse(null, { status }));
