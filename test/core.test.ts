import { expect } from '@open-wc/testing';
import { longDay } from '../src/core/dates.js';
import { createEnvelope } from '../src/core/envelope.js';
import * as outbox from '../src/core/outbox.js';
import { scrubPersonalData } from '../src/core/scrub.js';
import { parseList } from '../src/core/settings.js';
import type { VoixSend } from '../src/core/transport.js';
import { VERSION } from '../src/core/version.js';
import { clearStorage } from './support/endpoint.js';

const envelope = () =>
  createEnvelope('voix.feedback', '/test', {
    site: 'test',
    locale: 'fr',
    widget: { name: 'voix-feedback', version: VERSION },
    answers: { useful: true },
  });
// `custom`: these answers go through the sender each test gives, never through fetch.
const target = { endpoint: 'https://collecte.example/v1/events', transport: 'json' as const, custom: true };

describe('scrubPersonalData', () => {
  const cases: Array<[string, string]> = [
    ['Écrivez à jeanne.dupont@mairie-exemple.fr svp', 'Écrivez à [e-mail retiré] svp'],
    ['mon 06 12 34 56 78 ou 01.23.45.67.89', 'mon [téléphone retiré] ou [téléphone retiré]'],
    ['appelez le +33 6 12 34 56 78', 'appelez le [téléphone retiré]'],
    ['ou le 0044 20 7946 0958', 'ou le [téléphone retiré]'],
    ['NIR 1 85 05 78 006 084 36 fin', 'NIR [n° retiré] fin'],
    ['né en Corse : 2 90 12 2A 004 123', 'né en Corse : [n° retiré]'],
    ['Ouvert de 8h30 à 12h, 3 guichets, 2024, code 75001', 'Ouvert de 8h30 à 12h, 3 guichets, 2024, code 75001'],
  ];
  for (const [text, expected] of cases) {
    it(`scrubs "${text}"`, () => expect(scrubPersonalData(text)).to.equal(expected));
  }
});

describe('longDay', () => {
  // Issue 16 (wording 8): Intl writes « 1 janvier 2027 à 06:05 ».
  it('writes a French day and time as they are said, « 1er » and « 6 h 05 », and leaves other languages to Intl', () => {
    const morning = new Date(2027, 0, 1, 6, 5).getTime();
    expect(longDay('fr', morning)).to.equal('1er janvier 2027');
    expect(longDay('fr', morning, false, true)).to.equal('1er janvier 2027 à 6\u00a0h\u00a005');
    expect(longDay('fr-FR', new Date(2027, 2, 11, 18, 30).getTime(), false, true)).to.equal('11 mars 2027 à 18\u00a0h\u00a030');
    expect(longDay('fr', new Date(2027, 2, 2).getTime(), true), 'a day closed at its end is that day').to.equal('1er mars 2027');
    expect(longDay('en', morning, false, true)).to.equal(
      new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short' }).format(morning),
    );
  });
});

describe('parseList', () => {
  it('splits on ; and reads value:Label, keeping labels with a spaced colon whole', () => {
    expect(parseList('a:Premier\nsur deux lignes ; Horaires : faux;; délai:Trop long ;  Troisième  ')).to.deep.equal([
      { value: 'a', label: 'Premier\nsur deux lignes' },
      { value: 'Horaires : faux', label: 'Horaires : faux' },
      { value: 'délai', label: 'Trop long' },
      { value: 'Troisième', label: 'Troisième' },
    ]);
  });
});

describe('createEnvelope', () => {
  it('makes a CloudEvents 1.0 envelope with a UUID v4 and the page URL without query or fragment', () => {
    history.replaceState(null, '', `${location.pathname}?q=secret#part`);
    const made = envelope();
    expect(made.id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(made.source).to.equal(location.origin + location.pathname);
    expect(made).to.include({ specversion: '1.0', datacontenttype: 'application/json', type: 'voix.feedback' });
    expect(new Date(made.time).toISOString()).to.equal(made.time);
  });

  it('matches the version in package.json', async () => {
    const { version } = await (await fetch('/package.json')).json();
    expect(VERSION).to.equal(version);
  });
});

describe('outbox', () => {
  beforeEach(clearStorage);

  /** A sender that takes 100 ms to answer 201, and counts its calls. */
  function slowSender() {
    const sender = {
      calls: 0,
      send: (async () => {
        sender.calls++;
        await new Promise((resolve) => setTimeout(resolve, 100));
        return { status: 201 };
      }) as VoixSend,
    };
    return sender;
  }

  it('sends one answer once when two elements (or tabs) flush it at the same moment', async () => {
    const sender = slowSender();
    const made = envelope();
    outbox.enqueue(made, target);
    await Promise.all([outbox.flush(sender.send), outbox.flush(sender.send), outbox.send(made.id, sender.send)]);
    expect(sender.calls).to.equal(1);
    expect(outbox.pending()).to.have.length(0);
  });

  it('sends one answer once without Web Locks too (HTTP pages, older Safari)', async () => {
    const locks = Object.getOwnPropertyDescriptor(Navigator.prototype, 'locks')!;
    Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined, configurable: true });
    try {
      const sender = slowSender();
      const made = envelope();
      outbox.enqueue(made, target);
      await Promise.all([outbox.send(made.id, sender.send), outbox.flush(sender.send, true)]);
      expect(sender.calls).to.equal(1);
      expect(outbox.pending()).to.have.length(0);
    } finally {
      Object.defineProperty(Navigator.prototype, 'locks', locks);
    }
  });

  it('retries an answer of a custom sender with that sender, never with fetch', async () => {
    const statuses = [503, 201];
    const seen: number[] = [];
    const custom: VoixSend = async () => {
      const status = statuses.shift()!;
      seen.push(status);
      return { status, headers: new Headers({ 'Retry-After': '0' }) };
    };
    const made = envelope();
    outbox.enqueue(made, target);
    expect((await outbox.send(made.id, custom))?.outcome).to.equal('retry');
    // The timer (Retry-After: 0) tries again, through the same sender.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen).to.deep.equal([503, 201]);
    expect(outbox.pending()).to.have.length(0);
  });

  it('keeps at most 100 answers, the newest, and drops those older than 30 days', () => {
    for (let i = 0; i < 105; i++) outbox.enqueue(envelope(), target);
    expect(outbox.pending()).to.have.length(100);
    const [oldest] = outbox.pending();
    localStorage.setItem(
      `${outbox.OUTBOX_KEY}:${oldest.envelope.id}`,
      JSON.stringify({ ...oldest, created: Date.now() - 31 * 86_400_000 }),
    );
    expect(outbox.pending()).to.have.length(99);
    expect(localStorage.getItem(`${outbox.OUTBOX_KEY}:${oldest.envelope.id}`), 'dropped from storage too').to.equal(null);
  });

  it('keeps answers in memory and still sends them when localStorage refuses to write', async () => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    try {
      const made = envelope();
      outbox.enqueue(made, target);
      expect(outbox.pending().map((item) => item.envelope.id)).to.deep.equal([made.id]);
      const delivery = await outbox.send(made.id, async () => ({ status: 201 }));
      expect(delivery?.outcome).to.equal('sent');
      expect(outbox.pending()).to.have.length(0);
    } finally {
      Storage.prototype.setItem = setItem;
    }
  });

  it('classifies answers: 2xx sent; network errors, 408, 429 and 5xx retried (with Retry-After); other 4xx final', async () => {
    const outcomes: string[] = [];
    let rateLimitedId = '';
    for (const status of [201, 400, 404, 408, 429, 500, 503]) {
      const made = envelope();
      if (status === 429) rateLimitedId = made.id;
      outbox.enqueue(made, target);
      const headers = new Headers(status === 429 ? { 'Retry-After': '7' } : {});
      const delivery = await outbox.send(made.id, async () => ({ status, headers }));
      outcomes.push(`${status}:${delivery?.outcome}${delivery?.retryAfterMs ? `@${delivery.retryAfterMs}` : ''}`);
    }
    const failing = envelope();
    outbox.enqueue(failing, target);
    const network = await outbox.send(failing.id, async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(outcomes).to.deep.equal(['201:sent', '400:failed', '404:failed', '408:retry', '429:retry@7000', '500:retry', '503:retry']);
    expect(network?.outcome).to.equal('retry');
    const waiting = outbox.pending();
    expect(waiting.map((item) => item.attempts)).to.deep.equal([1, 1, 1, 1, 1]);
    // Found by its id: answers created in the same millisecond come out of pending() in any order.
    const rateLimited = waiting.find((item) => item.envelope.id === rateLimitedId)!;
    expect(rateLimited.due - Date.now()).to.be.within(6000, 7000);
  });
});
