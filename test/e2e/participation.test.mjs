// Issue 8's must-shows, end to end: the built poll and petition in Chromium, the real collector
// with a real SMTP server. A vote on a plain page, then the collector's figures in the chart as a
// screen reader reads them; a signature confirmed by e-mail, counted once, and the widget's count,
// next threshold and deadline.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { createEnvelopeValidator } from '../../schemas/validate.mjs';
import { startDemoCollector } from '../../scripts/demo-collector.mjs';

const validate = createEnvelopeValidator();
const mails = [];
let smtp;
let running;
let base;

before(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, done) {
      let raw = '';
      stream.on('data', (chunk) => (raw += chunk));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw });
        done();
      });
    },
  });
  await new Promise((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const env = { VOIX_SMTP_URL: `smtp://127.0.0.1:${smtp.server.address().port}`, VOIX_MAIL_FROM: 'participation@ville-de-demo.fr' };
  running = await startDemoCollector('e2e-admin-token-of-24-ch', env);
  ({ base } = running);
});

after(async () => {
  await running?.close();
  await new Promise((resolve) => smtp?.close(resolve));
});

/** A fresh tab (its own storage: another device) on a page a webmaster writes: the script tag and the element. */
const open = (path, body) =>
  running.open(path, {
    html: `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Parc</title>
    <script type="module" src="/cdn/voix.js"></script></head><body><main><h1>Le parc</h1>${body}</main></body></html>`,
  });

const results = async (subject) => (await fetch(`${base}/v1/results/${encodeURIComponent(subject)}`)).json();

/** A vote posted as another resident's browser would. */
async function voteFor(subject, choice) {
  const envelope = {
    specversion: '1.0',
    id: randomUUID(),
    source: `${base}/parc.html`,
    type: 'voix.poll.vote',
    subject,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    data: { site: '127.0.0.1', locale: 'fr', widget: { name: 'voix-poll', version: 'e2e' }, answers: { choices: [choice] } },
  };
  const response = await fetch(`${base}/v1/events`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/cloudevents+json' },
    body: JSON.stringify(envelope),
  });
  assert.equal(response.status, 201);
}

/** The texts of the chart's rows, as a screen reader reads them (the bars are aria-hidden). */
const chartRows = (poll) =>
  poll.evaluate((el) =>
    [...el.shadowRoot.querySelectorAll('figure li')].map((item) => {
      const copy = item.cloneNode(true);
      copy.querySelectorAll('[aria-hidden=true]').forEach((hidden) => hidden.remove());
      return copy.textContent.replace(/\s+/g, ' ').trim();
    }),
  );

describe('polls and petitions, end to end', () => {
  it('a vote on a plain page: one valid voix.poll.vote envelope, then the collector’s 3 / 5 / 2 read as 30 % / 50 % / 20 %', async () => {
    const subject = `e2e-parc-${randomUUID()}`;
    for (const choice of ['jardins', 'jardins', 'jardins', 'pistes', 'pistes', 'pistes', 'pistes', 'jeux', 'jeux'])
      await voteFor(subject, choice);
    const { context, page, problems, posted } = await open(
      '/parc-vote.html',
      `<voix-poll endpoint="/v1/events" results="/v1/results/{subject}" subject="${subject}" question="Quel projet en premier ?">
        <option value="jardins">Jardins partagés</option><option value="pistes">Pistes cyclables</option><option value="jeux">Aires de jeux</option>
      </voix-poll>`,
    );
    const poll = page.locator('voix-poll');
    await poll.getByRole('radio', { name: 'Pistes cyclables' }).check();
    await poll.getByRole('button', { name: 'Voter' }).click();
    await poll.getByText('Merci pour votre vote').waitFor();
    assert.equal(posted.length, 1, 'one envelope');
    assert.deepEqual(validate(posted[0]), { valid: true, errors: [] });
    assert.equal(posted[0].type, 'voix.poll.vote');
    assert.deepEqual(posted[0].data.answers, { choices: ['pistes'] });

    await page.waitForFunction(() => document.querySelector('voix-poll').shadowRoot.querySelector('figure li'));
    const expected = ['Jardins partagés : 3 votes, 30 %', 'Pistes cyclables : 5 votes, 50 %', 'Aires de jeux : 2 votes, 20 %'];
    await page.waitForFunction((rows) => {
      const texts = [...document.querySelector('voix-poll').shadowRoot.querySelectorAll('figure li')].map((item) =>
        item.textContent.replace(/\s+/g, ' ').trim(),
      );
      return JSON.stringify(texts) === JSON.stringify(rows);
    }, expected);
    assert.deepEqual(await chartRows(poll), expected);
    assert.deepEqual((await results(subject)).counts, { jardins: 3, pistes: 5, jeux: 2 });
    assert.match(await poll.locator('figure').textContent(), /10 participations/);
    await page
      .locator('voix-poll figure')
      .screenshot({ path: '/tmp/voix-e2e-poll-chart.png' })
      .catch(() => {});
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('a signature with SMTP on: pending, the mail, the link confirms it, the count goes up by one; the same address again adds nothing', async () => {
    const subject = `e2e-petition-${randomUUID()}`;
    const closes = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    const element = `<voix-petition endpoint="/v1/events" results="/v1/results/{subject}" subject="${subject}" heading="Pour des jardins partagés"
      thresholds="1:Rencontre avec l’élue ou l’élu;3:Débat en conseil municipal" closes="${closes}" fields="name;email">
      <p>Nous demandons des jardins partagés le long de l’Ill.</p></voix-petition>`;
    const sign = async (page, name, email) => {
      const petition = page.locator('voix-petition');
      await petition.getByRole('textbox', { name: 'Nom et prénom' }).fill(name);
      await petition.getByRole('textbox', { name: 'Adresse électronique' }).fill(email);
      await petition.getByRole('checkbox').check();
      await petition.getByRole('button', { name: 'Signer' }).click();
      return petition;
    };

    const first = await open('/petition.html', element);
    const petition = await sign(first.page, 'Léa Martin', 'lea.martin@example.fr');
    await petition.getByText('Un e-mail vient de vous être envoyé').waitFor();
    assert.deepEqual(validate(first.posted[0]), { valid: true, errors: [] });
    assert.equal((await results(subject)).total, 0, 'pending: not counted yet');
    assert.equal((await results(subject)).petition.pending, 1);

    const deadline = Date.now() + 10_000;
    while (!mails.some((mail) => mail.to.includes('lea.martin@example.fr')) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const mail = mails.find((candidate) => candidate.to.includes('lea.martin@example.fr'));
    assert.ok(mail, 'the confirmation e-mail arrived');
    const text = mail.raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_match, hex) => String.fromCharCode(parseInt(hex, 16)));
    const link = /https?:\/\/\S+\/v1\/confirm\/[\w-]+/.exec(text)?.[0];
    assert.ok(link, 'the mail holds the confirmation link');
    await first.page.goto(link);
    assert.equal((await results(subject)).total, 0, 'the link opened: nothing counted yet');
    await first.page.getByRole('button', { name: 'Confirmer ma signature' }).click();
    await first.page.getByRole('heading', { name: 'Signature confirmée' }).waitFor();
    assert.equal((await results(subject)).total, 1, 'confirmed: counted');

    const again = await open('/petition.html', element);
    const second = await sign(again.page, 'Léa M.', 'Lea.Martin@example.fr');
    // Said in the alert, and under the e-mail field it marks.
    await second.getByRole('alert').getByText('Cette adresse a déjà signé cette pétition').waitFor();
    assert.equal(await second.getByRole('textbox', { name: 'Adresse électronique' }).getAttribute('aria-invalid'), 'true');
    assert.equal(await second.getByRole('button', { name: 'Recommencer' }).count(), 0);
    assert.equal((await results(subject)).total, 1, 'the same address adds nothing');
    assert.equal((await results(subject)).petition.pending, 0);

    // What a visitor now sees: the count, the next threshold, the deadline.
    const visitor = await open('/petition.html', element);
    const shown = visitor.page.locator('voix-petition');
    await shown.getByText('1 signature', { exact: true }).waitFor();
    await shown.getByText('Encore 2 signatures pour atteindre 3 : Débat en conseil municipal.').waitFor();
    await shown.getByText('1 signature : Rencontre avec l’élue ou l’élu (atteint)').waitFor();
    await shown.getByText(/^Plus que (40|41) jours pour signer \(jusqu’au /).waitFor();
    await shown.screenshot({ path: '/tmp/voix-e2e-petition.png' }).catch(() => {});
    for (const tab of [first, again, visitor]) {
      assert.deepEqual(
        tab.problems.filter((problem) => !/409/.test(problem)),
        [],
      );
      await tab.context.close();
    }
  });
});
