// Mail flooding (issue 16, finding 7), on both stores with a real SMTP server: confirmation mails
// are limited per address a day (all petitions together) and per address and petition a day, the
// limits kept in the store (shared by every collector), and each mail names its petition and says
// how to report abuse.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectorWithSmtp, confirmLink, linkIn } from './smtp.js';
import { backends, envelope, post } from './support.js';

const DAY = 86_400_000;

function signature(email: string, subject: string) {
  const signed = envelope({ type: 'voix.petition.signature', subject, answers: { eligible: true, personal: { email } } });
  signed.data.widget = { name: 'voix-petition', version: '0.1.0' };
  return signed;
}

for (const backend of backends) {
  describe(`confirmation mails on ${backend.name}`, () => {
    // Noon UTC: a day starts in 12 hours.
    let clock = Date.parse('2026-12-07T12:00:00Z');
    const collector = collectorWithSmtp(backend, () => new Date(clock), 'Ville de Démo <participation@ville-de-demo.fr>');
    // Read once every queued mail is sent (the collector sends them after answering).
    const mailsTo = async (address: string) => (await collector.mails()).filter((message) => message.to.includes(address));

    it('sends at most 3 mails a day to one address, whatever the petition: the next signatures get 429 mail_limited until the next day', async () => {
      const statuses: number[] = [];
      for (let index = 0; index < 10; index += 1) {
        const response = await post(collector.url, signature('victime@example.fr', `petition/sujet-${index}`));
        statuses.push(response.status);
        if (response.status === 429) {
          assert.equal(((await response.json()) as { error: string }).error, 'mail_limited');
          assert.equal(response.headers.get('retry-after'), String(12 * 3600), 'until the next day (UTC)');
        }
      }
      assert.deepEqual(statuses, [202, 202, 202, 429, 429, 429, 429, 429, 429, 429]);
      assert.equal((await mailsTo('victime@example.fr')).length, 3);
      // Another spelling of the same mailbox is the same address.
      assert.equal((await post(collector.url, signature('victime+x@example.fr', 'petition/sujet-x'))).status, 429);
      // A refused signature is not pending: the address was not taken on that petition.
      const { petition } = (await (await fetch(`${collector.url}/v1/results/petition/sujet-5`)).json()) as {
        petition?: { pending: number };
      };
      assert.equal(petition?.pending ?? 0, 0);
      // Others are not concerned.
      assert.equal((await post(collector.url, signature('autre@example.fr', 'petition/sujet-5'))).status, 202);
      // The next day, three more.
      clock += DAY;
      assert.equal((await post(collector.url, signature('victime@example.fr', 'petition/sujet-5'))).status, 202);
      assert.equal((await mailsTo('victime@example.fr')).length, 4);
    });

    it('sends at most 2 mails a day to one address about one petition (each new signature replaces the pending one)', async () => {
      const subject = 'petition/une-seule';
      const statuses = [];
      // Each mail sent before the next signature (the queue would otherwise drop the mail of a signature already replaced).
      for (let index = 0; index < 4; index += 1) {
        statuses.push((await post(collector.url, signature('marc@example.fr', subject))).status);
        await collector.mails();
      }
      assert.deepEqual(statuses, [202, 202, 429, 429]);
      assert.equal((await mailsTo('marc@example.fr')).length, 2);
      // The link of the last mail sent still works: the refused signatures replaced nothing.
      assert.equal((await confirmLink(linkIn((await mailsTo('marc@example.fr')).at(-1)!.raw))).status, 200);
    });

    it('names the petition in the mail, and says how to report abuse', async () => {
      assert.equal((await post(collector.url, signature('nina@example.fr', 'petition/jardins-partages'))).status, 202);
      const [mail] = await mailsTo('nina@example.fr');
      const text = mail.raw
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      assert.match(text, /petition\/jardins-partages/);
      assert.match(text, /https:\/\/www\.ville-de-demo\.fr\/demarches\/etat-civil/, 'the page it was signed on');
      assert.match(text, /Ce n.{1,3}est pas moi/);
      assert.match(text, /abus/);
      assert.match(text, /participation@ville-de-demo\.fr/, 'whom to write to');
    });

    it('forgets the counts of past days at the purge', async () => {
      clock += 2 * DAY;
      await collector.storage.purge(new Date(clock).toISOString());
      assert.equal(await collector.storage.rowsIn('mail_counts'), 0);
    });
  });
}
