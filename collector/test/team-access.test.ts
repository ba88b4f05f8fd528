// The team's routes that change data (POST /v1/personal/erase), on SQLite and PostgreSQL: another
// site's page cannot make a browser send them with its cached credentials (CSRF); a script with the
// token (curl, no Origin, no Sec-Fetch-Site) still can.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ADMIN, ALLOWED, backends, collectorOn, envelope, post } from './support.js';

const SUBJECT = 'petition/csrf';
const basic = { Authorization: `Basic ${Buffer.from(`equipe:${ADMIN}`).toString('base64')}` };
const bearer = { Authorization: `Bearer ${ADMIN}` };

function signature(email: string) {
  const signed = envelope({
    type: 'voix.petition.signature',
    subject: SUBJECT,
    answers: { eligible: true, personal: { name: 'Alix', email } },
  });
  signed.data.widget = { name: 'voix-petition', version: '0.1.0' };
  return signed;
}

/** The personal data the export still holds, by address. */
async function addresses(url: string): Promise<string[]> {
  const response = await fetch(`${url}/v1/export.ndjson?personal=true&subject=${encodeURIComponent(SUBJECT)}`, { headers: bearer });
  assert.equal(response.status, 200);
  return (await response.text())
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => (JSON.parse(line) as { personal?: { email?: string } }).personal?.email ?? []);
}

const erase = (url: string, headers: Record<string, string>, body: string) =>
  fetch(`${url}/v1/personal/erase`, { method: 'POST', headers, body });

for (const backend of backends) {
  describe(`the team's routes that change data, against other sites' pages (${backend.name})`, () => {
    const collector = collectorOn(backend);
    const victim = 'victime@example.fr';

    it('refuses a cross-site form post carrying the browser’s Basic credentials, and erases nothing', async () => {
      assert.equal((await post(collector.url, signature(victim))).status, 201);
      const form = { ...basic, 'Content-Type': 'application/x-www-form-urlencoded' };
      const formBody = `email=${encodeURIComponent(victim)}`;
      for (const [headers, why, body = formBody] of [
        [{ ...form, Origin: 'https://malveillant.example', 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate' }, 'a form'],
        [{ ...form, Origin: 'null', 'Sec-Fetch-Site': 'cross-site' }, 'a sandboxed form'],
        [{ ...form, 'Sec-Fetch-Site': 'cross-site' }, 'no Origin, Sec-Fetch-Site alone'],
        [{ ...form, Origin: ALLOWED, 'Sec-Fetch-Site': 'same-site' }, 'a page allowed to post answers is not the team'],
        [
          { ...basic, 'Content-Type': 'application/json', Origin: 'https://malveillant.example' },
          'JSON from a foreign origin',
          JSON.stringify({ email: victim }),
        ],
      ] as Array<[Record<string, string>, string, string?]>) {
        const response = await erase(collector.url, headers, body);
        assert.equal(response.status, 403, why);
        assert.equal((await response.json()).error, 'cross_site_request', why);
        assert.equal(response.headers.get('www-authenticate'), null, `${why}: no login prompt`);
      }
      assert.deepEqual(await addresses(collector.url), [victim], 'nothing erased');
    });

    it('takes JSON only: a form’s content type, sent without Origin (an old browser), erases nothing', async () => {
      for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) {
        const response = await erase(collector.url, { ...basic, 'Content-Type': type }, `email=${victim}`);
        assert.equal(response.status, 415, type);
        assert.equal((await response.json()).error, 'unsupported_media_type', type);
      }
      assert.deepEqual(await addresses(collector.url), [victim], 'nothing erased');
    });

    it('still erases for a script with the token and JSON (no Origin, no Sec-Fetch-Site), and for the collector’s own pages', async () => {
      const other = 'autre@example.fr';
      assert.equal((await post(collector.url, signature(other))).status, 201);
      const json = { 'Content-Type': 'application/json; charset=utf-8' };
      const own = await erase(
        collector.url,
        { ...basic, ...json, Origin: collector.url, 'Sec-Fetch-Site': 'same-origin' },
        JSON.stringify({ email: other }),
      );
      assert.equal(own.status, 200);
      assert.deepEqual(await own.json(), { erased: 1 });
      const script = await erase(collector.url, { ...bearer, ...json }, JSON.stringify({ email: victim }));
      assert.equal(script.status, 200);
      assert.deepEqual(await script.json(), { erased: 1 });
      assert.deepEqual(await addresses(collector.url), []);
    });
  });
}
