// `npm run test:abuse`: do the counts hold when someone tries to bend them? Each attack of issue 16's
// adversarial probe is run as an attacker would, over HTTP, against the real built collector
// (collector/dist/main.js, a child process), with a real SMTP server (the `smtp-server` package, in
// this process) receiving its confirmation mails, and prints what the attacker got against the
// bound that must hold. Runs on SQLite and, when VOIX_TEST_DATABASE_URL is set, on PostgreSQL too,
// in schemas of this run's own (dropped at the end: other suites share the database). The rate
// limits are lifted (an attacker has many addresses): each bound is tested on its own, not behind
// the limits. Times are printed as measurements, never asserted (slow machines). Exit 1 when an
// attack gets through.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fork } from 'node:child_process';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { freePort, startCollector } from './bench-support.mjs';

const started = Date.now();
const DEADLINE_MS = Number(process.env.ABUSE_DEADLINE_SECONDS ?? 180) * 1000;
setTimeout(() => {
  console.error(`abuse: over ${DEADLINE_MS / 1000} s, stopped`);
  process.exit(1);
}, DEADLINE_MS).unref();

const children = new Set();
process.on('exit', () => children.forEach((child) => child.kill('SIGKILL')));

const RUN = randomBytes(4).toString('hex');
const ADMIN = `abuse-${randomBytes(12).toString('hex')}`;
const SITE = 'https://www.ville-de-demo.fr';
const INTRANET = 'https://intranet.ville-de-demo.fr';
const EVIL = 'https://malveillant.example';
/** The agents' network; the collector sits behind one proxy (this script), which writes X-Forwarded-For. */
const AGENTS = '10.20.0.0/16';
const LIMIT = 64 * 1024;
const unlimited = { VOIX_RATE_PER_CLIENT: '1000000', VOIX_RATE_PER_SUBJECT: '1000000', VOIX_RATE_RESULTS: '1000000' };

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const kb = (bytes) => (bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`);
const tally = (statuses) => {
  const counts = new Map();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts].map(([status, count]) => `${count} × ${status}`).join(', ');
};

/** A real SMTP server on a loopback port, keeping each message received. */
async function startSmtp() {
  const messages = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('end', () => {
        messages.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${server.server.address().port}`,
    messages,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** The confirmation link of a message (quoted-printable undone). */
function linkIn(raw) {
  const text = raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_match, hex) => String.fromCharCode(parseInt(hex, 16)));
  return /https?:\/\/\S+\/v1\/confirm\/[\w-]+/.exec(text)?.[0];
}

/**
 * A fresh store for one collector: a SQLite file, or a PostgreSQL schema of this run's own
 * (search_path in the URL, as the collector's suite does), dropped by `drop`.
 */
async function freshStore(database, name) {
  if (!database.url) return { env: { VOIX_DB: join(mkdtempSync(join(tmpdir(), 'voix-abuse-')), 'voix.sqlite') }, drop: async () => {} };
  const schema = `voix_abuse_${RUN}_${name}`;
  const sql = async (text) => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  await sql(`CREATE SCHEMA ${schema}`);
  const url = new URL(database.url);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { env: { DATABASE_URL: url.href }, drop: () => sql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`) };
}

async function launch(env) {
  const port = await freePort();
  const collector = await startCollector({ PORT: String(port), VOIX_ADMIN_TOKEN: ADMIN, VOIX_ORIGINS: SITE, ...unlimited, ...env });
  children.add(collector.child);
  return { ...collector, stop: () => collector.child.kill() };
}

/** Whether the collector refuses to start with these settings, and the line it says. */
async function refusesToStart(env) {
  const port = await freePort();
  return new Promise((resolve) => {
    const child = fork('collector/dist/main.js', [], {
      env: { ...process.env, PORT: String(port), ...env },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let said = '';
    child.stderr.on('data', (chunk) => (said += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ refused: code !== 0 && code !== null, said: said.trim().split('\n')[0] });
    });
  });
}

/** A CloudEvents envelope as the widgets send it. */
function envelope(type, subject, answers, { site = 'ville-de-demo', ...data } = {}) {
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: `${SITE}/abuse`,
    type,
    subject,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    data: { site, placement: 'page', locale: 'fr', widget: { name: 'voix-abuse', version: '0.1.0' }, answers, ...data },
  };
}
const signature = (subject, personal, data = {}) => envelope('voix.petition.signature', subject, { eligible: true, personal }, data);
const vote = (subject, choices, site) => envelope('voix.poll.vote', subject, { choices }, { site });

/** One collector's attack surface, as an attacker (and its victims) reach it. */
function client(url) {
  const post = async (body, headers = {}) => {
    const response = await fetch(`${url}/v1/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/cloudevents+json', 'Idempotency-Key': body.id, ...headers },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    let error;
    try {
      error = JSON.parse(text).error;
    } catch {
      error = undefined;
    }
    return { status: response.status, error, label: error ? `${response.status} ${error}` : String(response.status) };
  };
  const results = async (subject, site) => {
    const response = await fetch(`${url}/v1/results/${encodeURIComponent(subject)}${site ? `?site=${site}` : ''}`);
    const text = await response.text();
    return { status: response.status, bytes: Buffer.byteLength(text), body: JSON.parse(text) };
  };
  return {
    url,
    post,
    results,
    total: async (subject) => (await results(subject)).body.total,
    health: async () => (await (await fetch(`${url}/healthz`)).json()).answers,
    confirm: (link, action = 'confirm') =>
      fetch(link, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `action=${action}` }),
    admin: (path, init = {}) => fetch(`${url}${path}`, { ...init, headers: { Authorization: `Bearer ${ADMIN}`, ...init.headers } }),
  };
}

/** Waits until no mail has arrived for a moment (sending is done within the request; this is a margin). */
async function settled(smtp) {
  let count = -1;
  while (count !== smtp.messages.length) {
    count = smtp.messages.length;
    await pause(150);
  }
  return count;
}

const percentile = (times, share) => {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)];
};

/** 157 spellings of one Gmail mailbox, each of which Gmail delivers to it: dots, case, +tags, googlemail.com. */
function spellings(name) {
  const found = new Set();
  const letters = [...name];
  for (let mask = 0; found.size < 157 && mask < 2 ** (letters.length - 1); mask += 37) {
    const dotted = letters.map((letter, at) => (at > 0 && mask & (2 ** (at - 1)) ? `.${letter}` : letter)).join('');
    const n = found.size;
    const local = n % 3 === 0 ? dotted : n % 3 === 1 ? dotted.toUpperCase() : `${dotted}+petition${n}`;
    const domain = ['gmail.com', 'googlemail.com', 'GMail.com', 'GoogleMail.COM'][n % 4];
    found.add(`${local}@${domain}`);
  }
  return [...found];
}

/** Every attack, in order: each returns [ok, what was tried, what the attacker got]. */
function attacks({ attacker, smtp, subjects }) {
  const mailsTo = (mailbox) => smtp.messages.filter((message) => message.to.some((to) => mailbox(to)));
  const gmailbox = (name) => (to) =>
    to
      .toLowerCase()
      .replace('googlemail', 'gmail')
      .replace(/\+[^@]*/, '')
      .replaceAll('.', '') === `${name}@gmailcom`;

  return {
    async 'results amplification'() {
      const subject = `abuse-${RUN}/parc/vote`;
      for (const choice of ['parc', 'jardin', 'parc']) await attacker.post(vote(subject, [choice]));
      const before = (await attacker.results(subject)).bytes;
      const idle = [];
      for (let index = 0; index < 20; index++) {
        const begun = performance.now();
        await attacker.results(subject);
        idle.push(performance.now() - begun);
      }
      const made = (prefix, index) => `${prefix}-${index}-`.padEnd(40, 'z');
      const survey = (post, site) => {
        const ids = Array.from({ length: 60 }, (_, index) => `q${post}-${index}`);
        const answers = Object.fromEntries(
          ids.map((id, index) => [id, Array.from({ length: 12 }, (_, item) => made(`${post}-${index}`, item))]),
        );
        const definition = { id: 'invente', version: '0a1b2c3d', questions: Object.fromEntries(ids.map((id) => [id, 'choices'])) };
        return envelope('voix.survey', subject, answers, { site, definition });
      };
      const noise = (index) =>
        vote(
          subject,
          Array.from({ length: 50 }, (_, item) => made(`v${index}`, item)),
        );
      // One client's minute, 60 made-up surveys (on the poll's own site, then on made-up sites) and 60 votes of
      // 50 made-up choices, four at a time; kept up (alternately) until the 50 reads are done, so that they all meet it.
      const make = (index) =>
        index < 60 || (index >= 120 && index % 2) ? survey(index, index < 5 ? 'ville-de-demo' : `ailleurs-${index % 3}`) : noise(index);
      const statuses = [];
      const reads = [];
      const health = [];
      let next = 0;
      const sender = Promise.all(
        Array.from({ length: 4 }, async () => {
          while (next < 120 || reads.length < 50) statuses.push((await attacker.post(make(next++))).label);
        }),
      );
      while (reads.length < 50) {
        let begun = performance.now();
        await attacker.results(subject);
        reads.push(performance.now() - begun);
        begun = performance.now();
        await attacker.health();
        health.push(performance.now() - begun);
      }
      await sender;
      const sizes = await Promise.all(
        [undefined, 'ville-de-demo', 'ailleurs-0', 'ailleurs-1', 'ailleurs-2'].map((site) => attacker.results(subject, site)),
      );
      const largest = Math.max(...sizes.map(({ bytes }) => bytes));
      const all = sizes[0].body;
      const usable = Object.values(all.counts).every((count) => count <= all.total);
      const ok = largest <= LIMIT && usable;
      return [
        ok,
        `${statuses.length} posts of made-up ids on a poll's subject (${tally(statuses)})`,
        `results ${kb(before)} → ${kb(largest)} (≤ 64 KB)${usable ? '' : ', a count above the total'}; ` +
          `50 reads during the attack: p99 ${percentile(reads, 0.99).toFixed(0)} ms (${percentile(idle, 0.99).toFixed(0)} ms before it), /healthz max ${Math.max(...health).toFixed(0)} ms (measured, not asserted)`,
      ];
    },

    async 'one mailbox, many spellings (no SMTP)'() {
      const subject = `abuse-${RUN}/petition/une-boite`;
      const statuses = [];
      for (const email of spellings(`hugomarchand${RUN}`)) statuses.push((await subjects.open.post(signature(subject, { email }))).label);
      const counted = await subjects.open.total(subject);
      return [
        counted === 1,
        `${statuses.length} spellings of one Gmail address signing one petition (${tally(statuses)})`,
        `${counted} signature(s) counted (1)`,
      ];
    },

    async 'one mailbox, many spellings, every link followed (SMTP)'() {
      const subject = `abuse-${RUN}/petition/une-boite-smtp`;
      const name = `ninagirard${RUN}`;
      const statuses = [];
      for (const email of spellings(name)) statuses.push((await attacker.post(signature(subject, { email }))).label);
      await settled(smtp);
      const mails = mailsTo(gmailbox(name));
      const clicks = [];
      for (const mail of mails) clicks.push((await attacker.confirm(linkIn(mail.raw))).status);
      const counted = await attacker.total(subject);
      return [
        counted <= 1,
        `${statuses.length} spellings of one Gmail address (${tally(statuses)}), each link received confirmed (${tally(clicks) || 'none'})`,
        `${mails.length} mails, ${counted} signature(s) counted (≤ 1)`,
      ];
    },

    async 'mail flooding'() {
      const victim = `victime-${RUN}@example.fr`;
      const spelled = (index) => [victim, victim.toUpperCase(), victim.replace('@', `+${index}@`)][index % 3];
      const statuses = [];
      for (let index = 0; index < 60; index++)
        statuses.push((await attacker.post(signature(`abuse-${RUN}/flood/${index}`, { email: spelled(index) }))).label);
      await settled(smtp);
      const received = mailsTo((to) => to.toLowerCase().replace(/\+[^@]*/, '') === victim).length;
      return [
        received <= 3,
        `60 confirmation requests to one victim, a new petition each time (${tally(statuses)})`,
        `${received} mails received (≤ 3)`,
      ];
    },

    async 'e-mail confirmation bypassed'() {
      const subject = `abuse-${RUN}/petition/sans-adresse`;
      const mails = await settled(smtp);
      const bare = signature(subject, {});
      delete bare.data.answers.personal;
      const tries = [
        signature(subject, { name: 'Sans Adresse', postcode: '67000' }),
        bare,
        signature(subject, { name: 'Vide', email: '' }),
      ];
      const statuses = [];
      for (const body of tries) statuses.push((await attacker.post(body)).label);
      const counted = await attacker.total(subject);
      const sent = (await settled(smtp)) - mails;
      const ok = statuses.every((status) => status.startsWith('422')) && counted === 0 && sent === 0;
      return [
        ok,
        `${tries.length} signatures without an e-mail address, SMTP on (${tally(statuses)})`,
        `${counted} counted, ${sent} mails (0, 422)`,
      ];
    },

    async 'blocking a signature'() {
      const subject = `abuse-${RUN}/petition/usurpee`;
      const victim = `jeanne-${RUN}@example.fr`;
      const forged = await attacker.post(signature(subject, { name: 'Quelqu’un', email: victim }));
      await settled(smtp);
      const forgedLink = linkIn(mailsTo((to) => to === victim).at(-1).raw);
      const own = await attacker.post(signature(subject, { name: 'Jeanne', email: victim }));
      await settled(smtp);
      const ownLink = linkIn(mailsTo((to) => to === victim).at(-1).raw);
      const dead = (await attacker.confirm(forgedLink)).status;
      const confirmed = (await attacker.confirm(ownLink)).status;
      const counted = await attacker.total(subject);
      return [
        own.status === 202 && dead === 404 && confirmed === 200 && counted === 1,
        `the attacker signs with a victim's address first (${forged.label}), then the victim signs (${own.label})`,
        `the attacker's link ${dead}, the victim's ${confirmed}: ${counted} counted (the victim's)`,
      ];
    },

    async 'confirmation by GET or HEAD'() {
      const subject = `abuse-${RUN}/petition/scanner`;
      const email = `lea-${RUN}@example.fr`;
      await attacker.post(signature(subject, { email }));
      await settled(smtp);
      const link = linkIn(mailsTo((to) => to === email).at(-1).raw);
      const statuses = [];
      for (const method of ['HEAD', 'GET', 'HEAD', 'GET', 'GET']) statuses.push(`${method} ${(await fetch(link, { method })).status}`);
      const counted = await attacker.total(subject);
      const confirmed = (await attacker.confirm(link)).status;
      const after = await attacker.total(subject);
      return [
        counted === 0 && after === 1,
        `a mail scanner opens the link 5 times (${statuses.join(', ')})`,
        `${counted} counted (0); the page's POST then ${confirmed}: ${after}`,
      ];
    },

    async 'pulse padding'() {
      const subject = `abuse-${RUN}/intranet/guichet`;
      const definition = { id: 'pulse', version: '1a2b3c4d', questions: { helps: 'agree' } };
      const pulse = () => envelope('voix.pulse', subject, { helps: 4 }, { definition, audience: 'agent' });
      const agent = { 'X-Forwarded-For': '10.20.3.4', Origin: INTRANET };
      const health = await attacker.health();
      const real = [];
      const moved = [];
      for (let index = 0; index < 4; index++) {
        real.push((await attacker.post(pulse(), agent)).status);
        moved.push((await attacker.health()) - health);
      }
      const outside = '203.0.113.9';
      const fakes = [
        [{ 'X-Forwarded-For': outside }, 'a script outside'],
        [{ 'X-Forwarded-For': outside, Origin: INTRANET }, 'the intranet’s Origin, outside'],
        [{ 'X-Forwarded-For': `10.20.3.4, ${outside}` }, 'a forged X-Forwarded-For'],
        [{ 'X-Forwarded-For': outside, Origin: SITE }, 'the residents’ site'],
        [{ 'X-Forwarded-For': '10.20.3.5', Origin: EVIL }, 'an agent’s browser on another site'],
      ];
      const statuses = [];
      for (const [headers] of fakes) statuses.push((await attacker.post(pulse(), headers)).label);
      const results = (await attacker.results(subject)).body;
      const after = (await attacker.health()) - health;
      // The fifth real agent opens the results: with the fakes refused, at 5 answers, all real.
      real.push((await attacker.post(pulse(), agent)).status);
      const opened = (await attacker.results(subject)).body;
      const ok =
        real.every((status) => status === 201) &&
        statuses.every((status) => status === '403 agents_only') &&
        results.withheld &&
        [...moved, after].every((delta) => delta === 0) &&
        opened.total === 5;
      return [
        ok,
        `4 real agents' answers, then ${fakes.length} fake ones (${fakes.map(([, why]) => why).join('; ')}: ${tally(statuses)})`,
        `results ${results.withheld ? 'still withheld' : `OPEN (total ${results.total})`}, /healthz moved by ${[...moved, after].join(', ')} (0); ` +
          `the 5th real answer opens them at ${opened.withheld ? 'still withheld' : opened.total} (5)`,
      ];
    },

    async 'cross-site erasure'() {
      const subject = `abuse-${RUN}/petition/csrf`;
      const victim = `alix-${RUN}@example.fr`;
      await attacker.post(signature(subject, { name: 'Alix', email: victim }));
      await settled(smtp);
      await attacker.confirm(linkIn(mailsTo((to) => to === victim).at(-1).raw));
      const basic = { Authorization: `Basic ${Buffer.from(`equipe:${ADMIN}`).toString('base64')}` };
      const form = { ...basic, 'Content-Type': 'application/x-www-form-urlencoded' };
      const body = `email=${encodeURIComponent(victim)}`;
      const tries = [
        ['/v1/personal/erase', 'POST', { ...form, Origin: EVIL, 'Sec-Fetch-Site': 'cross-site' }, body],
        ['/v1/personal/erase', 'POST', { ...form, Origin: 'null', 'Sec-Fetch-Site': 'cross-site' }, body],
        ['/v1/personal/erase', 'POST', { ...basic, 'Content-Type': 'text/plain' }, body],
        ['/v1/personal/erase', 'POST', { ...basic, 'Content-Type': 'application/json', Origin: EVIL }, JSON.stringify({ email: victim })],
        [
          `/v1/subjects/${subject}`,
          'PUT',
          { ...basic, 'Content-Type': 'application/json', Origin: EVIL },
          JSON.stringify({ type: 'voix.petition.signature', terms: { closes: '2020-01-01' } }),
        ],
      ];
      const statuses = [];
      for (const [path, method, headers, text] of tries) {
        const response = await fetch(`${attacker.url}${path}`, { method, headers, body: text });
        statuses.push(`${response.status} ${(await response.json()).error}`);
      }
      const exported = await (await attacker.admin(`/v1/export.ndjson?personal=true&subject=${encodeURIComponent(subject)}`)).text();
      const kept = exported.includes(victim);
      const declared = (await fetch(`${attacker.url}/v1/subjects/${subject}`)).status;
      const ok = statuses.every((status) => /^(403|415) /.test(status)) && kept && declared === 204;
      return [
        ok,
        `${tries.length} requests from another site's page with the browser's Basic credentials (erase ×4, declare ×1: ${tally(statuses)})`,
        `victim's data ${kept ? 'kept' : 'ERASED'}; subject ${declared === 204 ? 'not declared' : 'DECLARED'}`,
      ];
    },

    async 'declared single-choice poll'() {
      const subject = `abuse-${RUN}/sondage/declare`;
      const options = ['oui', 'non', 'peut-etre'].map((value) => ({ value, label: value }));
      const declared = await attacker.admin(`/v1/subjects/${subject}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'voix.poll.vote', terms: { options } }),
      });
      const tries = [
        vote(subject, ['oui', 'non', 'peut-etre']),
        vote(subject, ['oui', 'oui']),
        vote(subject, ['ailleurs']),
        envelope('voix.feedback', subject, { useful: true }),
      ];
      const statuses = [];
      for (const body of tries) statuses.push((await attacker.post(body)).label);
      // A resident's vote that fits.
      const fits = (await attacker.post(vote(subject, ['non']))).label;
      const { body } = await attacker.results(subject);
      const ok =
        declared.status === 200 &&
        statuses.every((status) => status.startsWith('422')) &&
        fits === '201' &&
        body.total === 1 &&
        Object.values(body.counts).every((count) => count <= body.total);
      return [
        ok,
        `votes that do not fit a declared single-choice poll (${statuses.join('; ')}), then one that fits (${fits})`,
        `total ${body.total}, counts ${JSON.stringify(body.counts)} (1, each ≤ total)`,
      ];
    },

    async 'open-mode poll, several choices'() {
      const subject = `abuse-${RUN}/sondage/ouvert`;
      for (const choice of ['a', 'b', 'a', 'c', 'b']) await attacker.post(vote(subject, [choice]));
      const statuses = [];
      for (const choices of [['a', 'b', 'c'], ['a', 'a', 'a'], Array.from({ length: 50 }, (_, index) => `x${index}`)])
        statuses.push((await attacker.post(vote(subject, choices))).label);
      const { body } = await attacker.results(subject);
      const sum = Object.values(body.counts).reduce((total, count) => total + count, 0);
      const usable = Object.values(body.counts).every((count) => Number.isSafeInteger(count) && count >= 0 && count <= body.total);
      return [
        usable,
        `5 single votes, then votes of 3 choices, of one choice 3 times, of 50 choices (${statuses.join('; ')})`,
        `total ${body.total}, every count ≤ total: ${usable ? 'yes' : 'NO'} (counts add up to ${sum}: the widget shows shares of the votes)`,
      ];
    },

    async 'dashboard pushed'() {
      // The dashboard lists 50 subjects: 60 posts on new subjects must not push a petition or a declared poll off it.
      const kept = [`abuse-${RUN}/petition/csrf`, `abuse-${RUN}/sondage/declare`];
      const statuses = [];
      for (let index = 0; index < 60; index++)
        statuses.push((await attacker.post(envelope('voix.feedback', `abuse-${RUN}/bruit/${index}`, { useful: true }))).label);
      const html = await (await attacker.admin('/admin')).text();
      const missing = kept.filter((subject) => !html.includes(subject));
      return [
        missing.length === 0,
        `60 answers on new subjects (${tally(statuses)}), then the team opens /admin`,
        missing.length ? `PUSHED OFF: ${missing.join(', ')}` : `the petition and the declared poll still listed`,
      ];
    },

    async 'signing a closed petition'() {
      const subject = subjects.closed;
      const email = `tardif-${RUN}@example.fr`;
      const mails = await settled(smtp);
      const tries = [
        signature(subject, { name: 'Tardif', email }),
        signature(subject, { name: 'Tardif', email }, { petition: { closes: '2030-01-01' } }),
      ];
      const statuses = [];
      for (const body of tries) statuses.push((await attacker.post(body)).label);
      const counted = await attacker.total(subject);
      const sent = (await settled(smtp)) - mails;
      return [
        statuses.every((status) => status === '422 closed') && counted === 0 && sent === 0,
        `signatures after a declared petition's closing date, one with the page's own later date (${statuses.join('; ')})`,
        `${counted} counted, ${sent} mails (0)`,
      ];
    },
  };
}

/** One whole run against one database; returns [passed, failed]. */
async function runOn(database) {
  const smtp = await startSmtp();
  const stores = [await freshStore(database, 'a'), await freshStore(database, 'b')];
  const closed = `abuse-${RUN}/petition/close`;
  const file = join(mkdtempSync(join(tmpdir(), 'voix-abuse-subjects-')), 'subjects.json');
  const closes = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
  writeFileSync(
    file,
    JSON.stringify({ [closed]: { type: 'voix.petition.signature', terms: { thresholds: [{ count: 500, label: 'Rencontre' }], closes } } }),
  );
  const port = await freePort();
  const main = await launch({
    ...stores[0].env,
    PORT: String(port),
    VOIX_PUBLIC_URL: `http://127.0.0.1:${port}`,
    VOIX_SMTP_URL: smtp.url,
    VOIX_MAIL_FROM: 'Ville de Démo <participation@ville-de-demo.fr>',
    VOIX_SUBJECTS: file,
    VOIX_TRUST_PROXY: '1',
    VOIX_AGENT_NETWORKS: AGENTS,
    VOIX_AGENT_ORIGINS: INTRANET,
  });
  const open = await launch(stores[1].env);
  let passed = 0;
  let failed = 0;
  try {
    const attacker = client(main.url);
    for (const [name, attack] of Object.entries(attacks({ attacker, smtp, subjects: { open: client(open.url), closed } }))) {
      let outcome;
      try {
        outcome = await attack();
      } catch (error) {
        outcome = [false, 'the attack itself failed', error.stack ?? String(error)];
      }
      const [ok, tried, got] = outcome;
      if (ok) passed++;
      else failed++;
      console.log(`  ${ok ? '✔' : '✘'} ${name}: ${tried} → ${got}`);
    }
  } finally {
    main.stop();
    open.stop();
    await smtp.close();
    await pause(200);
    for (const store of stores) await store.drop();
  }
  return [passed, failed];
}

let passed = 0;
let failed = 0;
console.log('\nabuse: settings');
for (const [name, env, expected] of [
  ['admin token of 1 character', { VOIX_ADMIN_TOKEN: 'a' }, /VOIX_ADMIN_TOKEN/],
  [
    'SMTP without VOIX_PUBLIC_URL',
    { VOIX_ADMIN_TOKEN: ADMIN, VOIX_SMTP_URL: 'smtp://127.0.0.1:2525', VOIX_MAIL_FROM: 'a@b.fr' },
    /VOIX_PUBLIC_URL/,
  ],
]) {
  const { refused, said } = await refusesToStart({ VOIX_DB: join(mkdtempSync(join(tmpdir(), 'voix-abuse-')), 'voix.sqlite'), ...env });
  const ok = refused && expected.test(said);
  if (ok) passed++;
  else failed++;
  console.log(`  ${ok ? '✔' : '✘'} ${name} → ${refused ? `refuses to start: ${said}` : 'STARTED'}`);
}
const databases = [{ name: 'SQLite' }];
if (process.env.VOIX_TEST_DATABASE_URL) databases.push({ name: 'PostgreSQL', url: process.env.VOIX_TEST_DATABASE_URL });
else console.log('\nabuse: PostgreSQL skipped (set VOIX_TEST_DATABASE_URL to run it)');
for (const database of databases) {
  console.log(`\nabuse on ${database.name}:`);
  const [ok, ko] = await runOn(database);
  passed += ok;
  failed += ko;
}
console.log(`\nabuse: ${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
process.exit(failed ? 1 : 0);
