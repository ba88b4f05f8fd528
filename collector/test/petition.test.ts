// Petition integrity on both stores: one signature per address, confirmation by e-mail through a
// real SMTP server (smtp-server, in this process), expiry of unconfirmed signatures on a clock the
// test sets, erasure of a signer's personal data, the retention purge; results always a recount.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { readEnvelope } from '../src/envelope.js';
import { aggregate, type RecountStorage } from './recount.js';
import { collectorWithSmtp, confirmLink, linkIn, startSmtp } from './smtp.js';
import { MAIL_ATTEMPTS, retryDelay } from '../src/petition.js';
import { ADMIN, backends, envelope, post, startCollector } from './support.js';

const DAY = 86_400_000;

function petition(personal: Record<string, string>, { subject = 'petition/parc-naturel', id }: { subject?: string; id?: string } = {}) {
  const signature = envelope({
    type: 'voix.petition.signature',
    subject,
    id,
    answers: { eligible: true, personal, comment: 'Pour le parc !' },
  });
  signature.data.widget = { name: 'voix-petition', version: '0.1.0' };
  return signature;
}

async function total(url: string, subject = 'petition/parc-naturel') {
  const response = await fetch(`${url}/v1/results/${subject}`);
  assert.equal(response.status, 200);
  return ((await response.json()) as { total: number }).total;
}

/**
 * Served results equal aggregate() over the answers stored (pending signatures are not answers),
 * and the petition's counted signatures are those answers.
 */
async function assertRecount(url: string, storage: RecountStorage, subject = 'petition/parc-naturel') {
  const { petition, ...served } = (await (await fetch(`${url}/v1/results/${subject}`)).json()) as {
    updated: unknown;
    petition?: { signatures: number };
  };
  const recounted = aggregate(subject, await storage.answersOf(subject), null);
  assert.deepEqual({ ...served, updated: null }, JSON.parse(JSON.stringify(recounted)));
  assert.equal(petition?.signatures, recounted.total);
}

async function exported(url: string, personal: boolean) {
  const response = await fetch(`${url}/v1/export.ndjson?type=voix.petition.signature${personal ? '&personal=true' : ''}`, {
    headers: { Authorization: `Bearer ${ADMIN}` },
  });
  assert.equal(response.status, 200);
  return (await response.text())
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { id: string; personal?: Record<string, string> });
}

const erase = (url: string, email: string) =>
  fetch(`${url}/v1/personal/erase`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ email }),
  });

for (const backend of backends) {
  describe(`petition signatures on ${backend.name}`, () => {
    describe('without SMTP (a signature counts at once)', () => {
      let storage: RecountStorage;
      let collector: Awaited<ReturnType<typeof startCollector>>;
      before(async () => {
        storage = await backend.open();
        collector = await startCollector(storage);
      });
      after(async () => {
        await collector.close();
        await storage.close();
      });

      it('counts one signature per e-mail address per petition, however the address is typed', async () => {
        const first = petition({ name: 'Alice Martin', postcode: '67000', email: 'alice@example.fr' });
        assert.equal((await post(collector.url, first)).status, 201);
        assert.equal(await total(collector.url), 1);
        const again = await post(collector.url, petition({ email: 'Alice@Example.FR' }));
        assert.equal(again.status, 409);
        assert.equal(((await again.json()) as { error: string }).error, 'already_signed');
        assert.equal(await total(collector.url), 1);
        // A replay of the same envelope stays a replay, not a second signature nor a refusal.
        const replay = await post(collector.url, first);
        assert.equal(replay.status, 201);
        assert.equal(replay.headers.get('idempotent-replayed'), 'true');
        // Another petition, or a signature without an address, is not concerned.
        assert.equal(
          (await post(collector.url, petition({ email: 'alice@example.fr' }, { subject: 'petition/piste-cyclable' }))).status,
          201,
        );
        assert.equal((await post(collector.url, petition({ name: 'Sans adresse' }))).status, 201);
        assert.equal(await total(collector.url), 2);
        await assertRecount(collector.url, storage);
      });

      it('counts one signature per mailbox: a +tag, Gmail’s dots and googlemail.com are the same address; erasure finds every spelling', async () => {
        const subject = 'petition/une-boite';
        const signed = petition({ name: 'Hugo Marchand', email: 'hugo.marchand@gmail.com' }, { subject });
        assert.equal((await post(collector.url, signed)).status, 201);
        const spellings = [
          'hugomarchand@gmail.com',
          'h.u.g.o.m.a.r.c.h.a.n.d@gmail.com',
          'Hugo.Marchand+petition@gmail.com',
          'HUGOMARCHAND+a+b@GMAIL.COM',
          'hugo.marchand@googlemail.com',
          'hugomarchand+x@googlemail.com',
        ];
        for (const email of spellings) {
          const response = await post(collector.url, petition({ email }, { subject }));
          assert.equal(response.status, 409, email);
        }
        // A +tag is dropped on every domain; dots only where the provider ignores them.
        assert.equal((await post(collector.url, petition({ email: 'ines@example.fr' }, { subject }))).status, 201);
        assert.equal((await post(collector.url, petition({ email: 'ines+petitions@example.fr' }, { subject }))).status, 409);
        assert.equal((await post(collector.url, petition({ email: 'i.nes@example.fr' }, { subject }))).status, 201);
        assert.equal(await total(collector.url, subject), 3);
        // An idea sent with another spelling of the same mailbox: its contact address is erased too.
        const idea = envelope({
          type: 'voix.idea',
          subject: 'idees/parc',
          answers: { title: 'Des bancs', personal: { email: 'HugoMarchand+idees@gmail.com' } },
        });
        Object.assign(idea.data, {
          widget: { name: 'voix-idea', version: '0.1.0' },
          definition: { id: 'idea', version: '9a8b7c6d', questions: { title: 'text' } },
        });
        assert.equal((await post(collector.url, idea)).status, 201);
        assert.deepEqual(await (await erase(collector.url, 'Hugo.Marchand+autre@googlemail.com')).json(), { erased: 2 });
        assert.equal((await exported(collector.url, true)).find((row) => row.id === signed.id)?.personal, undefined);
      });

      it('still recognises a signer hashed before mailboxes were normalised (only case and spaces folded), and erases them', async () => {
        const subject = 'petition/ancienne-empreinte';
        // A signature stored by an earlier version: its signer hash is of the address trimmed and lower-cased only.
        const salt = await storage.secret('signer-salt', 'unused');
        const legacy = createHash('sha256').update(`${salt}\u0000julie.roy+parc@gmail.com`).digest('base64url');
        const old = petition({ name: 'Julie Roy', email: 'Julie.Roy+parc@gmail.com' }, { subject });
        const { row, personal } = readEnvelope(old, { form: false });
        assert.deepEqual(await storage.insert(row, personal, { signer: legacy }), { inserted: true });
        assert.equal((await post(collector.url, petition({ email: 'julie.roy+parc@gmail.com' }, { subject }))).status, 409);
        assert.equal(await total(collector.url, subject), 1);
        assert.deepEqual(await (await erase(collector.url, 'julie.roy+parc@gmail.com')).json(), { erased: 1 });
      });

      it('recognises a signer after a restart, and on another collector, without VOIX_SALT: the signers’ salt is kept in the database', async () => {
        const signed = petition({ name: 'Chloé Roux', email: 'chloe@example.fr' }, { subject: 'petition/restart' });
        assert.equal((await post(collector.url, signed)).status, 201);
        // Another collector on the same database: its VOIX_SALT, left unset, is another random one.
        const other = await startCollector(storage);
        try {
          const again = await post(other.url, petition({ email: 'chloe@example.fr' }, { subject: 'petition/restart' }));
          assert.equal(again.status, 409, 'the same address, after a restart');
          assert.deepEqual(await (await erase(other.url, 'chloe@example.fr')).json(), { erased: 1 }, 'erasure finds the signer');
        } finally {
          await other.close();
        }
      });

      it('refuses a signature without the eligibility declaration, or with an undeclared field', async () => {
        const notEligible = petition({});
        (notEligible.data.answers as Record<string, unknown>).eligible = false;
        assert.equal((await post(collector.url, notEligible)).status, 422);
        assert.equal((await post(collector.url, petition({ phone: '0600000000' }))).status, 422);
        assert.equal((await post(collector.url, petition({ postcode: '6700' }))).status, 422);
      });

      it('erases one signer’s personal data on request, and the signature stays counted', async () => {
        const signed = petition({ name: 'Bruno Petit', email: 'bruno@example.fr' });
        assert.equal((await post(collector.url, signed)).status, 201);
        const counted = await total(collector.url);
        assert.deepEqual((await exported(collector.url, true)).find((row) => row.id === signed.id)?.personal, {
          name: 'Bruno Petit',
          email: 'bruno@example.fr',
        });
        assert.equal(
          (await fetch(`${collector.url}/v1/personal/erase`, { method: 'POST', body: '{"email":"bruno@example.fr"}' })).status,
          401,
        );
        assert.equal((await erase(collector.url, 'nobody')).status, 400);
        const erased = await erase(collector.url, ' BRUNO@example.fr');
        assert.equal(erased.status, 200);
        assert.deepEqual(await erased.json(), { erased: 1 });
        const rows = await exported(collector.url, true);
        assert.ok(
          rows.some((row) => row.id === signed.id),
          'the signature is still there',
        );
        assert.equal(rows.find((row) => row.id === signed.id)?.personal, undefined);
        assert.ok(
          rows.some((row) => row.personal?.name === 'Alice Martin'),
          'other signers keep theirs',
        );
        assert.equal(await total(collector.url), counted);
        // The address still cannot sign twice.
        assert.equal((await post(collector.url, petition({ email: 'bruno@example.fr' }))).status, 409);
        await assertRecount(collector.url, storage);
      });

      it('purges personal data once a petition’s last signature is older than the retention period, counts unchanged', async () => {
        const counted = await total(collector.url);
        const later = (days: number) => new Date(Date.now() + days * DAY).toISOString();
        assert.deepEqual(await storage.purge(later(29), 30), { expired: 0, personal: 0 });
        assert.ok((await exported(collector.url, true)).some((row) => row.personal));
        const purged = await storage.purge(later(31), 30);
        assert.ok(purged.personal >= 2, `personal data of both petitions purged (${purged.personal})`);
        assert.ok((await exported(collector.url, true)).every((row) => row.personal === undefined));
        assert.equal(await total(collector.url), counted);
        await assertRecount(collector.url, storage);
      });

      it('keeps the personal data of a declared petition until its declared closing date, then the retention period', async () => {
        const subject = 'petition/ouverte-longtemps';
        const later = (days: number) => new Date(Date.now() + days * DAY).toISOString();
        // Declared (subjects.ts): the collector owns its closing date, a day that closes at its end, in Paris.
        const terms = { closes: later(60).slice(0, 10) };
        await storage.declareSubject({ subject, type: 'voix.petition.signature', terms, updated: new Date().toISOString() });
        const signed = petition({ name: 'Dana Petit', email: 'dana@example.fr' }, { subject });
        assert.equal((await post(collector.url, signed)).status, 201);
        const kept = async () => (await exported(collector.url, true)).some((row) => row.subject === subject && row.personal);
        await storage.purge(later(31), 30);
        assert.ok(await kept(), 'open for 60 days: its signers’ data is kept past 30 days after the last signature');
        await storage.purge(later(89), 30);
        assert.ok(await kept(), 'closed 29 days ago: still kept');
        await storage.purge(later(92), 30);
        assert.equal(await kept(), false, 'closed more than 30 days ago: purged');
      });

      it('does not let a page’s closing date hold back the purge of an undeclared petition: the retention runs from its last signature', async () => {
        const subject = 'petition/close-lointaine';
        const later = (days: number) => new Date(Date.now() + days * DAY).toISOString();
        const signed = petition({ name: 'Paul Vidal', email: 'paul@example.fr' }, { subject });
        assert.equal((await post(collector.url, signed)).status, 201);
        // One anonymous signature, its page's terms closing in 700 days (kept for the results: within two years).
        const anonymous = petition({}, { subject });
        (anonymous.data as Record<string, unknown>).petition = { closes: later(700).slice(0, 10) };
        assert.equal((await post(collector.url, anonymous)).status, 201);
        await storage.purge(later(31), 30);
        assert.equal(
          (await exported(collector.url, true)).some((row) => row.id === signed.id && row.personal),
          false,
          'another signer’s data purged 30 days after the last signature, whatever closing date a page sent',
        );
      });

      it('takes no closing date more than two years ahead: terms come from any browser, and one cannot hold back the purge', async () => {
        const subject = 'petition/jamais-close';
        const later = (days: number) => new Date(Date.now() + days * DAY).toISOString();
        const signed = petition({ name: 'Eve Roux', email: 'eve@example.fr' }, { subject });
        (signed.data as Record<string, unknown>).petition = { closes: '9999-12-31', thresholds: [{ count: 10, label: 'Rencontre' }] };
        assert.equal((await post(collector.url, signed)).status, 201);
        const { petition: terms } = (await (await fetch(`${collector.url}/v1/results/${subject}`)).json()) as {
          petition: Record<string, unknown>;
        };
        assert.deepEqual(terms.thresholds, [{ count: 10, label: 'Rencontre' }]);
        assert.equal(terms.closes, undefined);
        await storage.purge(later(31), 30);
        assert.equal(
          (await exported(collector.url, true)).some((row) => row.subject === subject && row.personal),
          false,
          'purged 30 days after its last signature',
        );
      });
    });

    describe('with an SMTP server slow to answer (confirmation mails sent from a queue in the store)', () => {
      const held: Array<() => void> = [];
      let holding: () => void;
      const connected = new Promise<void>((resolve) => (holding = resolve));
      // The server takes the connection and does not greet the client until the test lets it.
      const collector = collectorWithSmtp(backend, () => new Date(), undefined, {
        disableReverseLookup: true,
        onConnect(_session, callback) {
          held.push(() => callback());
          holding();
        },
      });

      it('answers 202 while the SMTP server still holds the connection, and sends the mail once the server answers', async () => {
        const subject = 'petition/smtp-lent';
        const signed = petition({ name: 'Jeanne Roy', email: 'jeanne@example.fr' }, { subject });
        const response = await post(collector.url, signed);
        assert.equal(response.status, 202, 'answered without waiting for the SMTP server');
        assert.deepEqual(await response.json(), { id: signed.id, status: 'pending' });
        await connected;
        assert.equal(held.length, 1, 'the SMTP server still holds the connection (no greeting yet)');
        assert.equal(collector.smtp.messages.length, 0);
        assert.equal((await collector.storage.mailQueue()).waiting, 1, 'the mail waits in the queue');
        for (const release of held.splice(0)) release();
        const mails = await collector.mails();
        assert.equal(mails.length, 1, 'sent once the server answers');
        assert.deepEqual(mails[0].to, ['jeanne@example.fr']);
        assert.equal((await confirmLink(linkIn(mails[0].raw))).status, 200);
        assert.equal(await total(collector.url, subject), 1);
        assert.deepEqual(await collector.storage.mailQueue(), { waiting: 0, failed: 0 });
      });
    });

    describe('with two collectors on one database (one queue of mails)', () => {
      const collector = collectorWithSmtp(backend, () => new Date());
      it('sends each queued mail once, whichever collector claims it', async () => {
        const otherStorage = await backend.reopen();
        const other = await startCollector(otherStorage, { smtpUrl: collector.smtp.url, mailFrom: 'participation@ville-de-demo.fr' });
        try {
          const addresses = Array.from({ length: 24 }, (_, index) => `signataire-${index}@example.fr`);
          const responses = await Promise.all(
            addresses.map((email, index) =>
              post(index % 2 ? other.url : collector.url, petition({ email }, { subject: 'petition/deux-collecteurs' })),
            ),
          );
          assert.deepEqual(new Set(responses.map((response) => response.status)), new Set([202]));
          // Both senders look for due mails at the same time, again and again.
          for (let look = 0; look < 5; look++) for (const app of [collector.app, other.app]) app.sendMails();
          const sent = (await collector.mails()).flatMap((message) => message.to).sort();
          assert.deepEqual(sent, [...addresses].sort(), 'each address got one mail');
        } finally {
          await other.close();
          await otherStorage.close();
        }
      });
    });

    describe('with SMTP (a signature counts once confirmed by e-mail)', () => {
      let clock = Date.now();
      const collector = collectorWithSmtp(backend, () => new Date(clock), 'Ville de Démo <participation@ville-de-demo.fr>');

      it('keeps a signature pending until the link in the e-mail is followed, then counts it once', async () => {
        const signed = petition({ name: 'Chloé Durand', email: 'chloe@example.fr' });
        const response = await post(collector.url, signed);
        assert.equal(response.status, 202);
        assert.deepEqual(await response.json(), { id: signed.id, status: 'pending' });
        assert.equal(await total(collector.url), 0);
        const [mail, ...more] = await collector.mails();
        assert.equal(more.length, 0);
        assert.deepEqual(mail.to, ['chloe@example.fr']);
        assert.match(mail.raw, /participation@ville-de-demo\.fr/);
        // A replay while pending: the same answer, no second e-mail.
        const replay = await post(collector.url, signed);
        assert.equal(replay.status, 202);
        assert.equal(replay.headers.get('idempotent-replayed'), 'true');
        assert.equal((await collector.mails()).length, 1);
        // The same address again, while pending, would replace it (see « lets a new signature of the same address replace a pending one »).

        const link = linkIn((await collector.mails())[0].raw);
        assert.ok(link.startsWith(`${collector.url}/v1/confirm/`), link);
        const page = await confirmLink(link);
        assert.equal(page.status, 200);
        assert.match(page.headers.get('content-type') ?? '', /text\/html/);
        assert.match(await page.text(), /Signature confirmée/);
        assert.equal(await total(collector.url), 1);
        assert.deepEqual((await exported(collector.url, true)).find((row) => row.id === signed.id)?.personal, {
          name: 'Chloé Durand',
          email: 'chloe@example.fr',
        });

        const used = await confirmLink(link);
        assert.equal(used.status, 410);
        assert.match(await used.text(), /déjà servi/);
        assert.equal(await total(collector.url), 1);
        assert.equal((await post(collector.url, petition({ email: 'chloe@example.fr' }))).status, 409);
        const stored = await post(collector.url, signed);
        assert.equal(stored.status, 201, 'once confirmed, a replay is the stored signature');
        assert.equal(stored.headers.get('idempotent-replayed'), 'true');
        assert.equal(await total(collector.url), 1);
        assert.equal((await confirmLink(`${collector.url}/v1/confirm/${'x'.repeat(43)}`)).status, 404);
        await assertRecount(collector.url, collector.storage);
      });

      it('counts nothing when the link is opened (GET, or HEAD as mail scanners do): its page shows what it confirms, and a POST from it confirms or refuses', async () => {
        const subject = 'petition/page-de-confirmation';
        const signed = petition({ name: 'Léa <b>Girard</b>', postcode: '67000', email: 'lea@example.fr' }, { subject });
        assert.equal((await post(collector.url, signed)).status, 202);
        const link = linkIn((await collector.mails()).at(-1)!.raw);
        assert.equal((await fetch(link, { method: 'HEAD' })).status, 200);
        const opened = await fetch(link);
        assert.equal(opened.status, 200);
        const csp = opened.headers.get('content-security-policy') ?? '';
        assert.match(csp, /default-src 'none'/);
        assert.match(csp, /form-action 'self'/);
        assert.equal(opened.headers.get('cache-control'), 'no-store');
        const html = await opened.text();
        assert.match(html, /<html lang="fr">/);
        assert.match(html, /petition\/page-de-confirmation/, 'the petition it confirms');
        assert.match(html, /Léa &lt;b&gt;Girard&lt;\/b&gt;/, 'the name given, escaped');
        assert.match(html, /<form method="post">/);
        assert.match(html, /<button type="submit" name="action" value="confirm">Confirmer ma signature<\/button>/);
        assert.match(html, /<button type="submit" name="action" value="refuse">Ce n’est pas moi<\/button>/);
        assert.doesNotMatch(html, /<script|style=/);
        assert.equal((await fetch(link)).status, 200, 'opened twice: still waiting');
        assert.equal(await total(collector.url, subject), 0, 'opening the link counts nothing');

        const odd = await confirmLink(link, 'maybe');
        assert.equal(odd.status, 400);
        assert.equal(await total(collector.url, subject), 0);

        const refused = await confirmLink(link, 'refuse');
        assert.equal(refused.status, 200);
        assert.match(await refused.text(), /Signature retirée/);
        assert.equal(await total(collector.url, subject), 0);
        assert.equal((await fetch(link)).status, 404, 'refused: the link leads nowhere');
        assert.equal((await confirmLink(link)).status, 404, 'and confirms nothing');
        const { petition: figures } = (await (await fetch(`${collector.url}/v1/results/${subject}`)).json()) as {
          petition?: { pending: number };
        };
        assert.equal(figures?.pending ?? 0, 0, 'no longer pending');

        // The address is free: the owner signs, opens the page, and confirms.
        assert.equal((await post(collector.url, petition({ name: 'Léa Girard', email: 'lea@example.fr' }, { subject }))).status, 202);
        const own = linkIn((await collector.mails()).at(-1)!.raw);
        assert.equal((await fetch(own)).status, 200);
        const confirmed = await confirmLink(own);
        assert.equal(confirmed.status, 200);
        assert.match(await confirmed.text(), /Signature confirmée/);
        assert.equal(await total(collector.url, subject), 1);
        assert.equal((await fetch(own)).status, 410, 'used');
        assert.equal((await confirmLink(own, 'refuse')).status, 410, 'a counted signature is not refused by its link');
        assert.equal(await total(collector.url, subject), 1);
        await assertRecount(collector.url, collector.storage, subject);
      });

      it('lets an unconfirmed signature expire after 7 days: never counted, purged, the address free again', async () => {
        const signed = petition({ email: 'david@example.fr' });
        assert.equal((await post(collector.url, signed)).status, 202);
        const link = linkIn((await collector.mails()).at(-1)!.raw);
        clock += 7 * DAY + 1;
        const expired = await confirmLink(link);
        assert.equal(expired.status, 410);
        assert.match(await expired.text(), /expiré/);
        assert.equal(await total(collector.url), 1);
        assert.deepEqual(await collector.storage.purge(new Date(clock).toISOString()), { expired: 1, personal: 0 });
        assert.equal((await confirmLink(link)).status, 404);
        // Signing again sends a new link, which works.
        assert.equal((await post(collector.url, petition({ email: 'david@example.fr' }))).status, 202);
        assert.equal((await confirmLink(linkIn((await collector.mails()).at(-1)!.raw))).status, 200);
        assert.equal(await total(collector.url), 2);
        await assertRecount(collector.url, collector.storage);
      });

      it('frees an address as soon as its link expires: signing again needs no purge, and the expired link stays dead', async () => {
        const first = petition({ email: 'helene@example.fr' });
        assert.equal((await post(collector.url, first)).status, 202);
        const expiredLink = linkIn((await collector.mails()).at(-1)!.raw);
        clock += 7 * DAY + 1;
        const again = await post(collector.url, petition({ email: 'helene@example.fr' }));
        assert.equal(again.status, 202, 'expired means free, before the daily purge');
        assert.equal((await confirmLink(expiredLink)).status, 404);
        const counted = await total(collector.url);
        assert.equal((await confirmLink(linkIn((await collector.mails()).at(-1)!.raw))).status, 200);
        assert.equal(await total(collector.url), counted + 1);
        assert.equal((await post(collector.url, petition({ email: 'helene@example.fr' }))).status, 409);
        await assertRecount(collector.url, collector.storage);
      });

      it('lets a new signature of the same address replace a pending one: a stranger’s signature cannot block the owner of the address', async () => {
        const subject = 'petition/usurpee';
        const counted = await total(collector.url, subject);
        const forged = petition({ name: 'Quelqu’un d’autre', email: 'jeanne@example.fr' }, { subject });
        assert.equal((await post(collector.url, forged)).status, 202);
        const forgedLink = linkIn((await collector.mails()).at(-1)!.raw);
        const own = petition({ name: 'Jeanne Morel', email: 'jeanne@example.fr' }, { subject });
        assert.equal((await post(collector.url, own)).status, 202, 'not 409: the pending one gives way');
        assert.equal((await confirmLink(forgedLink)).status, 404, 'the replaced link dies');
        assert.equal((await confirmLink(linkIn((await collector.mails()).at(-1)!.raw))).status, 200);
        assert.equal(await total(collector.url, subject), counted + 1);
        assert.deepEqual((await exported(collector.url, true)).find((row) => row.id === own.id)?.personal, {
          name: 'Jeanne Morel',
          email: 'jeanne@example.fr',
        });
        // Once counted, nothing replaces it.
        assert.equal((await post(collector.url, petition({ email: 'jeanne@example.fr' }, { subject }))).status, 409);
        await assertRecount(collector.url, collector.storage, subject);
      });

      it('counts once under concurrency: one address signing many times at once, one envelope sent many times, one link clicked many times', async () => {
        const counted = await total(collector.url);
        const mails = (await collector.mails()).length;
        const statuses = await Promise.all(
          Array.from({ length: 8 }, () => post(collector.url, petition({ email: 'emma@example.fr' })).then((r) => r.status)),
        );
        // Each replaces the one pending before it, within the mail limit of one petition (2 a day, mail-limits.test.ts):
        // one link alive in the end, whichever committed last.
        assert.deepEqual(statuses.sort(), [202, 202, 429, 429, 429, 429, 429, 429]);
        // Sent from the queue after the answers: the replaced signature's mail goes only if the sender took it before it was replaced.
        const links = (await collector.mails()).slice(mails).map((message) => linkIn(message.raw));
        assert.ok(links.length === 1 || links.length === 2, `${links.length} mails`);
        const same = petition({ email: 'farid@example.fr' });
        const replays = await Promise.all(Array.from({ length: 6 }, () => post(collector.url, same)));
        assert.deepEqual(
          replays.map((r) => r.status),
          [202, 202, 202, 202, 202, 202],
          'the same envelope is a replay, never already_signed',
        );
        assert.equal(replays.filter((r) => r.headers.get('idempotent-replayed') !== 'true').length, 1);
        const clicks = await Promise.all(
          links.map((link) => Promise.all(Array.from({ length: 6 }, () => confirmLink(link).then((r) => r.status)))),
        );
        assert.deepEqual(
          clicks.map((statuses) => statuses.sort().join()).sort(),
          ['200,410,410,410,410,410', '404,404,404,404,404,404'].slice(0, links.length),
        );
        assert.equal(await total(collector.url), counted + 1);
        await assertRecount(collector.url, collector.storage);
      });

      it('refuses a signature without an e-mail address (422 email_required): with confirmation on, nothing counts unconfirmed', async () => {
        const counted = await total(collector.url);
        const mails = (await collector.mails()).length;
        const noPersonal = petition({});
        delete (noPersonal.data.answers as Record<string, unknown>).personal;
        for (const signature of [petition({ name: 'Sans adresse', postcode: '67000' }), noPersonal]) {
          const response = await post(collector.url, signature);
          assert.equal(response.status, 422);
          assert.equal(((await response.json()) as { error: string }).error, 'email_required');
        }
        assert.equal(await total(collector.url), counted);
        assert.equal((await collector.mails()).length, mails, 'no e-mail sent');
        await assertRecount(collector.url, collector.storage);
      });
    });

    describe('with an SMTP server that cannot be reached (the mail retried from the queue, then given up)', () => {
      let storage: RecountStorage;
      let collector: Awaited<ReturnType<typeof startCollector>>;
      let clock = Date.now();
      const reports: string[] = [];
      before(async () => {
        storage = await backend.open();
        const smtp = await startSmtp();
        await smtp.close();
        collector = await startCollector(
          storage,
          { smtpUrl: smtp.url, mailFrom: 'participation@ville-de-demo.fr' },
          { now: () => new Date(clock), reportError: (line) => reports.push(line) },
        );
      });
      after(async () => {
        await collector.close();
        await storage.close();
      });
      const attempted = async (count: number) => {
        while (reports.length < count) await new Promise((resolve) => setTimeout(resolve, 5));
      };
      const dashboard = async () => (await fetch(`${collector.url}/admin`, { headers: { Authorization: `Bearer ${ADMIN}` } })).text();

      // It answered 503 mail_unavailable and kept nothing (the request waited for the SMTP server): now 202 at once, the mail queued.
      it('answers 202 and keeps the mail in the queue, retried with backoff, shown on the dashboard, then given up', async () => {
        const signed = petition({ email: 'gaelle@example.fr' });
        const response = await post(collector.url, signed);
        assert.equal(response.status, 202);
        await attempted(1);
        assert.match(reports[0], /confirmation e-mail not sent \(attempt 1, again at /);
        assert.deepEqual(await storage.mailQueue(), { waiting: 1, failed: 0 });
        assert.match(await dashboard(), /Courriels de confirmation\u00a0: 1 en attente d’envoi\./);
        // Not due again before its backoff: a look now sends nothing.
        collector.app.sendMails();
        assert.equal((await post(collector.url, signed)).headers.get('idempotent-replayed'), 'true', 'a replay stays a replay');
        for (let attempt = 2; attempt <= MAIL_ATTEMPTS; attempt++) {
          clock += retryDelay(attempt - 1);
          collector.app.sendMails();
          await attempted(attempt);
        }
        assert.equal(reports.length, MAIL_ATTEMPTS, 'one attempt each time it was due, none in between');
        assert.match(reports.at(-1)!, new RegExp(`attempt ${MAIL_ATTEMPTS}, given up`));
        assert.deepEqual(await storage.mailQueue(), { waiting: 0, failed: 1 });
        assert.match(await dashboard(), /0 en attente d’envoi\u00a0; <strong>1 abandonné<\/strong> après 10 essais/);
        // The address is not blocked: its new signature replaces the one whose mail never left.
        assert.equal((await post(collector.url, petition({ email: 'gaelle@example.fr' }))).status, 202);
        await attempted(MAIL_ATTEMPTS + 1);
        assert.equal(await total(collector.url), 0);
        // The given-up mail of the replaced signature leaves the queue with the daily purge.
        await storage.purge(new Date(clock).toISOString());
        assert.deepEqual(await storage.mailQueue(), { waiting: 1, failed: 0 });
      });
    });
  });
}
