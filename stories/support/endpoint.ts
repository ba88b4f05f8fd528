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
