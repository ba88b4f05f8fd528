import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { nothing, type PropertyDeclarations } from 'lit';
import { ResultsController } from '../src/results/results.js';
import type { Choice } from '../src/core/settings.js';
import { VoixWidget } from '../src/core/voix-widget.js';
import '../src/core/config.js';
import { chartFr } from '../src/results/chart.fr.js';
import { resultsFr } from '../src/results/fr.js';
import { resultsChart, resultsChartStyles } from '../src/results/chart.js';
import { baseStyles } from '../src/styles/tokens.js';
import { releaseHeldAnswers, resultsChannel, spoken, until } from './support/endpoint.js';
import { recordConsoleErrors } from './support/form-widget.js';

/** A test-only widget that shows results, as <voix-poll> will: the chart of its options. */
class TestResults extends VoixWidget {
  static override properties: PropertyDeclarations = {
    ...VoixWidget.properties,
    results: {},
    refresh: { type: Number },
    multiple: { type: Boolean },
  };
  static override styles = [baseStyles, resultsChartStyles];
  static override catalogue = { ...resultsFr, ...chartFr };
  declare results?: string;
  declare refresh?: number;
  declare multiple?: boolean;
  options: Choice[] = [
    { value: 'parc', label: 'Parc' },
    { value: 'jardin', label: 'Jardins partagés' },
    { value: 'velo', label: 'Piste cyclable' },
  ];
  protected readonly eventType = 'voix.poll.vote' as const;
  readonly tally = new ResultsController(this, () => ({
    url: this.results ?? this.config.results,
    subject: this.subject ?? location.pathname,
    values: this.options.map((option) => option.value),
    multiple: this.multiple,
    refresh: this.refresh,
  }));

  protected renderWidget() {
    return html`<div class="card" lang=${this.i18n.lang}>${resultsChart(this.tally, this.options, this.i18n)}</div>`;
  }
}
TestResults.define('test-results');

/** Options valued like the properties every object has: counted as any other value. */
class OddResults extends TestResults {
  override options: Choice[] = [
    { value: '__proto__', label: 'Proto' },
    { value: 'toString', label: 'Texte' },
    { value: 'parc', label: 'Parc' },
  ];
}
OddResults.define('odd-results');

const SUBJECT = '/parc naturel/vote?1';
const document3_5_2 = { subject: SUBJECT, total: 10, counts: { parc: 3, jardin: 5, velo: 2 }, updated: '2026-11-26T10:00:00.000Z' };

async function render(
  channel: ReturnType<typeof resultsChannel>,
  attributes: { refresh?: number; multiple?: boolean; lang?: string } = {},
) {
  return fixture<TestResults>(html`<test-results
    endpoint=${channel.url}
    results=${channel.template}
    subject=${SUBJECT}
    refresh=${attributes.refresh ?? nothing}
    lang=${attributes.lang ?? nothing}
    ?multiple=${attributes.multiple}
  ></test-results>`);
}

const shadow = (el: HTMLElement) => el.shadowRoot!;
const items = (el: TestResults) => [...shadow(el).querySelectorAll('figure li')].map(spoken);
const statusOf = (el: TestResults) => spoken(shadow(el).querySelector('[role=status]'));
const figureText = (el: TestResults) => spoken(shadow(el).querySelector('figure'));
const whenReady = (el: TestResults) => until(() => el.tally.state === 'ready' && !!el.shadowRoot?.querySelector('figure'), 'results shown');
const resultsErrors = (errors: string[]) => errors.filter((error) => error.startsWith('<test-results> results'));

describe('results: the controller and the chart', () => {
  const consoleErrors = recordConsoleErrors();
  beforeEach(() => consoleErrors.start());
  afterEach(async () => {
    consoleErrors.stop();
    await releaseHeldAnswers();
  });

  it('reads the results of its subject and shows each option as a screen reader reads it', async () => {
    const channel = resultsChannel();
    await channel.serve(document3_5_2);
    const el = await render(channel);
    await whenReady(el);
    expect(items(el)).to.deep.equal(['Parc : 3 votes, 30 %', 'Jardins partagés : 5 votes, 50 %', 'Piste cyclable : 2 votes, 20 %']);
    expect(spoken(shadow(el).querySelector('figcaption'))).to.equal('Résultats');
    expect(figureText(el)).to.contain('10 participations');
    const time = shadow(el).querySelector('time')!;
    expect(time.getAttribute('datetime')).to.equal(document3_5_2.updated);
    // French time as it is said: « 6 h 51 », not « 06:51 » (issue 16, wording 8).
    expect(spoken(time.parentElement)).to.match(/^Mis à jour le \d+ novembre 2026 à \d{1,2}\s?h\s?\d\d$/);
    // The bars are hidden from screen readers, each as wide as its share.
    const bars = [...shadow(el).querySelectorAll('svg.bar')];
    expect(bars.every((bar) => bar.getAttribute('aria-hidden') === 'true')).to.be.true;
    expect(bars.map((bar) => bar.querySelector('rect')!.getAttribute('width'))).to.deep.equal(['30%', '50%', '20%']);
    // The subject went into the URL encoded, and came out whole.
    expect((await channel.reads()).map((read) => read.subject)).to.deep.equal([SUBJECT]);
    expect(statusOf(el)).to.equal('');
    expect(consoleErrors.errors).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('takes the results URL of its <voix-config> when it has none', async () => {
    const channel = resultsChannel();
    await channel.serve(document3_5_2);
    const wrapper = await fixture(html`<voix-config results=${channel.template} endpoint=${channel.url}>
      <test-results subject=${SUBJECT}></test-results>
    </voix-config>`);
    const el = wrapper.querySelector<TestResults>('test-results')!;
    await whenReady(el);
    expect(items(el)[0]).to.equal('Parc : 3 votes, 30 %');
  });

  it('asks with If-None-Match and keeps its figures on a 304; a new document replaces them', async () => {
    const channel = resultsChannel();
    await channel.serve(document3_5_2);
    const el = await render(channel);
    await whenReady(el);
    await el.tally.refresh();
    await el.updateComplete;
    expect(await channel.reads()).to.deep.equal([
      { subject: SUBJECT, ifNoneMatch: null, status: 200 },
      { subject: SUBJECT, ifNoneMatch: 'W/"1"', status: 304 },
    ]);
    expect(el.tally.state).to.equal('ready');
    expect(items(el)[0]).to.equal('Parc : 3 votes, 30 %');
    await channel.serve({ ...document3_5_2, total: 20, counts: { parc: 13, jardin: 5, velo: 2 } });
    await el.tally.refresh();
    await el.updateComplete;
    expect(items(el)).to.deep.equal(['Parc : 13 votes, 65 %', 'Jardins partagés : 5 votes, 25 %', 'Piste cyclable : 2 votes, 10 %']);
    expect((await channel.reads())[2]).to.deep.equal({ subject: SUBJECT, ifNoneMatch: 'W/"1"', status: 200 });
  });

  it('reads again every `refresh` seconds while the page is visible, and not while it is hidden', async () => {
    const channel = resultsChannel();
    await channel.serve(document3_5_2);
    const el = await render(channel, { refresh: 0.1 });
    await whenReady(el);
    await until(async () => (await channel.reads()).length >= 3, 'three reads');
    await channel.serve({ ...document3_5_2, total: 11, counts: { parc: 4, jardin: 5, velo: 2 } });
    await until(() => items(el)[0] === 'Parc : 4 votes, 36,4 %', 'the new figures shown');

    // The page hidden (the browser's visibility state, which a test cannot switch, is stood in for).
    const hidden = (value: boolean) => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => value });
      document.dispatchEvent(new Event('visibilitychange'));
    };
    try {
      hidden(true);
      await until(async () => {
        const before = (await channel.reads()).length;
        await new Promise((resolve) => setTimeout(resolve, 300));
        return (await channel.reads()).length === before;
      }, 'no read while hidden');
      const whileHidden = (await channel.reads()).length;
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect((await channel.reads()).length, 'reads while hidden').to.equal(whileHidden);
      hidden(false);
      await until(async () => (await channel.reads()).length > whileHidden, 'reads again once visible');
    } finally {
      delete (document as { hidden?: boolean }).hidden;
    }
    el.remove();
    const afterRemoval = (await channel.reads()).length;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await channel.reads()).length, 'reads once removed').to.be.at.most(afterRemoval + 1);
  });

  it('counts the voter’s choice at once, until the collector’s figures replace it', async () => {
    const channel = resultsChannel();
    await channel.serve(document3_5_2);
    const el = await render(channel);
    await whenReady(el);
    el.tally.addLocal(['parc']);
    await el.updateComplete;
    expect(items(el)[0]).to.equal('Parc : 4 votes, 36,4 %');
    expect(figureText(el)).to.contain('11 participations');
    // Nothing new at the collector (304): the local choice stays.
    await el.tally.refresh();
    await el.updateComplete;
    expect((await channel.reads()).at(-1)!.status).to.equal(304);
    expect(items(el)[0]).to.equal('Parc : 4 votes, 36,4 %');
    // The collector's figures (the vote and another one) replace it: not counted twice.
    await channel.serve({ ...document3_5_2, total: 12, counts: { parc: 4, jardin: 6, velo: 2 } });
    await el.tally.refresh();
    await el.updateComplete;
    expect(items(el)).to.deep.equal(['Parc : 4 votes, 33,3 %', 'Jardins partagés : 6 votes, 50 %', 'Piste cyclable : 2 votes, 16,7 %']);
    expect(figureText(el)).to.contain('12 participations');
  });

  it('counts options valued like an object’s own properties (__proto__, toString) as any other', async () => {
    const channel = resultsChannel();
    // Parsed, so that "__proto__" is a key of the document, as it is in the collector's JSON.
    await channel.serve({ subject: SUBJECT, total: 6, counts: JSON.parse('{"__proto__": 2, "toString": 1, "parc": 3}'), updated: null });
    const el = await fixture<OddResults>(
      html`<odd-results endpoint=${channel.url} results=${channel.template} subject=${SUBJECT}></odd-results>`,
    );
    await until(() => el.tally.state === 'ready' && !!el.shadowRoot?.querySelector('figure'), 'results shown');
    expect(items(el)).to.deep.equal(['Proto : 2 votes, 33,3 %', 'Texte : 1 vote, 16,7 %', 'Parc : 3 votes, 50 %']);
    el.tally.addLocal(['__proto__']);
    await el.updateComplete;
    expect(items(el)[0]).to.equal('Proto : 3 votes, 42,9 %');
    expect(consoleErrors.errors).to.deep.equal([]);
  });

  it('keeps a local choice made while a read was on its way', async () => {
    const channel = resultsChannel();
    await channel.serve(document3_5_2);
    const el = await render(channel);
    await whenReady(el);
    await channel.serve({ ...document3_5_2, total: 11, counts: { parc: 3, jardin: 6, velo: 2 } });
    await channel.hold(true);
    const read = el.tally.refresh();
    await until(async () => (await channel.reads()).length === 2, 'the read sent');
    el.tally.addLocal(['velo']);
    await channel.hold(false);
    await read;
    await el.updateComplete;
    // That document was asked for before the vote: the vote is added to it.
    expect(items(el)[2]).to.equal('Piste cyclable : 3 votes, 25 %');
    expect(figureText(el)).to.contain('12 participations');
  });

  it('shows 0 % and no NaN for a subject nobody answered yet', async () => {
    const channel = resultsChannel();
    await channel.serve({ subject: SUBJECT, total: 0, counts: {}, updated: null });
    const el = await render(channel);
    await whenReady(el);
    expect(items(el)).to.deep.equal(['Parc : 0 vote, 0 %', 'Jardins partagés : 0 vote, 0 %', 'Piste cyclable : 0 vote, 0 %']);
    expect(figureText(el)).to.contain('0 participation');
    expect(figureText(el)).not.to.contain('NaN');
    expect(shadow(el).querySelector('time')).to.equal(null);
    expect(consoleErrors.errors).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('rounds each share to a tenth, equal counts to equal shares', async () => {
    const channel = resultsChannel();
    await channel.serve({ subject: SUBJECT, total: 3, counts: { parc: 1, jardin: 1, velo: 1 }, updated: null });
    const el = await render(channel);
    await whenReady(el);
    expect(items(el)).to.deep.equal(['Parc : 1 vote, 33,3 %', 'Jardins partagés : 1 vote, 33,3 %', 'Piste cyclable : 1 vote, 33,3 %']);
  });

  it('formats large counts and reads them in English on an English page', async () => {
    const channel = resultsChannel();
    await channel.serve({ ...document3_5_2, total: 2000, counts: { parc: 1234, jardin: 10, velo: 0 } });
    const el = await render(channel, { lang: 'en' });
    await whenReady(el);
    expect(items(el)).to.deep.equal(['Parc: 1,234 votes, 61.7%', 'Jardins partagés: 10 votes, 0.5%', 'Piste cyclable: 0 votes, 0%']);
    expect(figureText(el)).to.contain('2,000 participations');
    expect(spoken(shadow(el).querySelector('time')!.parentElement)).to.match(/^Updated on November 26, 2026 at /);
  });

  it('puts the values it does not list apart, as "Autres réponses", with one named error', async () => {
    const channel = resultsChannel();
    await channel.serve({ ...document3_5_2, counts: { parc: 3, jardin: 4, ancien: 1, supprime: 1 } });
    const el = await render(channel);
    await whenReady(el);
    expect(items(el)).to.deep.equal([
      'Parc : 3 votes, 30 %',
      'Jardins partagés : 4 votes, 40 %',
      'Piste cyclable : 0 vote, 0 %',
      'Autres réponses : 2 votes, 20 %',
    ]);
    expect(el.tally.results!.others).to.deep.equal({ ancien: 1, supprime: 1 });
    expect(resultsErrors(consoleErrors.errors)).to.deep.equal([
      '<test-results> results: expected counts of listed options only, not ancien, supprime (shown as other answers).',
    ]);
  });

  it('lets the counts of several choices add up past the total', async () => {
    const channel = resultsChannel();
    await channel.serve({ ...document3_5_2, total: 4, counts: { parc: 3, jardin: 4, velo: 2 } });
    const el = await render(channel, { multiple: true });
    await whenReady(el);
    expect(items(el)).to.deep.equal(['Parc : 3 votes, 75 %', 'Jardins partagés : 4 votes, 100 %', 'Piste cyclable : 2 votes, 50 %']);
    expect(consoleErrors.errors).to.deep.equal([]);
  });

  // Issue 16, finding 11: in open mode the collector cannot know a poll is single-choice, so one
  // vote of several choices (sent by hand) makes the counts add up past the total. Refused, the
  // document left every visitor's poll without results for good; the chart now shows shares of
  // the votes, which add up to 100 % again.
  it('shows a single-choice poll whose counts add up past the total (one bent vote) as shares of the votes', async () => {
    const channel = resultsChannel();
    await channel.serve({ ...document3_5_2, total: 10, counts: { parc: 6, jardin: 5, velo: 1 } });
    const el = await render(channel);
    await whenReady(el);
    expect(items(el)).to.deep.equal(['Parc : 6 votes, 50 %', 'Jardins partagés : 5 votes, 41,7 %', 'Piste cyclable : 1 vote, 8,3 %']);
    expect(figureText(el)).to.contain('10 participations');
    expect(resultsErrors(consoleErrors.errors)).to.deep.equal([]);
  });

  const malformed: Array<[string, unknown, string, boolean?]> = [
    ['not JSON', '{"subject": "/p", "total": 3,', 'JSON'],
    ['a list', [1, 2], 'a string subject'],
    ['no subject', { total: 1, counts: {}, updated: null }, 'a string subject'],
    ['no total', { subject: SUBJECT, counts: {}, updated: null }, 'total a whole number from 0, not undefined'],
    ['a negative total', { ...document3_5_2, total: -1 }, 'total a whole number from 0, not -1'],
    ['a total as text', { ...document3_5_2, total: '10' }, 'total a whole number from 0, not "10"'],
    ['no counts', { subject: SUBJECT, total: 1, updated: null }, 'a counts object'],
    ['counts as a list', { ...document3_5_2, counts: [3, 5, 2] }, 'a counts object'],
    ['a negative count', { ...document3_5_2, counts: { parc: -3, jardin: 5 } }, 'counts.parc a whole number from 0, not -3'],
    ['a count as text', { ...document3_5_2, counts: { parc: '3' } }, 'counts.parc a whole number from 0, not "3"'],
    ['a count not whole', { ...document3_5_2, counts: { parc: 1.5 } }, 'counts.parc a whole number from 0, not 1.5'],
    ['a count of null', { ...document3_5_2, counts: { jardin: null } }, 'counts.jardin a whole number from 0, not null'],
    ['a count past the total', { ...document3_5_2, counts: { parc: 11 } }, 'counts.parc at most the total (10), not 11', true],
    ['no updated', { subject: SUBJECT, total: 0, counts: {} }, 'updated a date or null, not undefined'],
    ['updated not a date', { ...document3_5_2, updated: 'hier' }, 'updated a date or null, not "hier"'],
    ['updated a number', { ...document3_5_2, updated: 123 }, 'updated a date or null, not 123'],
  ];
  for (const [name, document, expected, multiple] of malformed) {
    it(`a results document with ${name}: one named error and the error state`, async () => {
      const channel = resultsChannel();
      await channel.serve(document);
      const el = await render(channel, { multiple });
      await until(() => el.tally.state === 'error', 'the error state');
      await el.updateComplete;
      expect(resultsErrors(consoleErrors.errors)).to.deep.equal([`<test-results> results: expected a results document: ${expected}.`]);
      expect(el.tally.results).to.equal(undefined);
      expect(statusOf(el)).to.equal('Les résultats ne sont pas disponibles pour le moment.');
      expect(shadow(el).querySelector('figure')).to.equal(null);
    });
  }

  it('loading and error states in a status region, accessible', async () => {
    const channel = resultsChannel();
    await channel.serve(document3_5_2);
    await channel.hold(true);
    const el = await render(channel);
    expect(el.tally.state).to.equal('loading');
    expect(statusOf(el)).to.equal('Chargement des résultats…');
    await expect(el).to.be.accessible();
    await channel.hold(false);
    await whenReady(el);
    expect(statusOf(el)).to.equal('');

    const failing = resultsChannel();
    await failing.failWith(503);
    const refused = await render(failing);
    await until(() => refused.tally.state === 'error', 'the error state');
    await refused.updateComplete;
    expect(refused.tally.error).to.equal('HTTP 503');
    expect(statusOf(refused)).to.equal('Les résultats ne sont pas disponibles pour le moment.');
    await expect(refused).to.be.accessible();
  });

  it('keeps the figures it has when a later read fails or is malformed', async () => {
    const channel = resultsChannel();
    await channel.serve(document3_5_2);
    const el = await render(channel);
    await whenReady(el);
    await channel.failWith(503);
    await el.tally.refresh();
    expect([el.tally.state, el.tally.error]).to.deep.equal(['ready', 'HTTP 503']);
    await channel.failWith(null);
    await channel.serve({ ...document3_5_2, total: -5 });
    await el.tally.refresh();
    await el.updateComplete;
    expect(el.tally.state).to.equal('ready');
    expect(el.tally.error).to.equal('a results document: total a whole number from 0, not -5');
    expect(items(el)[0]).to.equal('Parc : 3 votes, 30 %');
    expect(statusOf(el)).to.equal('');
    // A good document again clears the error.
    await channel.serve(document3_5_2);
    await el.tally.refresh();
    expect([el.tally.state, el.tally.error]).to.deep.equal(['ready', undefined]);
  });

  it('a results URL that is not http(s) or a path: one named error, no read', async () => {
    const channel = resultsChannel();
    await channel.serve(document3_5_2);
    const el = await fixture<TestResults>(
      html`<test-results endpoint=${channel.url} results="javascript:alert(1)//{subject}"></test-results>`,
    );
    await el.updateComplete;
    expect(el.tally.state).to.equal('idle');
    expect(resultsErrors(consoleErrors.errors)).to.deep.equal([]);
    expect(consoleErrors.errors).to.deep.equal([
      '<test-results> attribute results="javascript:alert(1)//{subject}": expected an http(s) URL or a /path.',
    ]);
    expect(await channel.reads()).to.deep.equal([]);
  });

  describe('in forced-colors mode', () => {
    after(() => emulateMedia({ forcedColors: 'none' }));

    it('draws the bars in system colours, each visible against the page', async () => {
      const channel = resultsChannel();
      await channel.serve(document3_5_2);
      const el = await render(channel);
      await whenReady(el);
      await emulateMedia({ forcedColors: 'active' });
      expect(matchMedia('(forced-colors: active)').matches).to.be.true;
      // The user's colours, as the browser gives them in this mode.
      const probe = document.body.appendChild(document.createElement('span'));
      probe.style.cssText = 'color: CanvasText; background: Canvas';
      const { color: text, backgroundColor: canvas } = getComputedStyle(probe);
      probe.remove();
      const bar = shadow(el).querySelector('svg.bar')!;
      const track = getComputedStyle(bar);
      const fill = getComputedStyle(bar.querySelector('rect')!).fill;
      expect(fill, 'the bar in the text colour').to.equal(text);
      expect(track.backgroundColor, 'on the page colour').to.equal(canvas);
      expect(track.borderTopStyle).to.equal('solid');
      expect(track.borderTopColor, 'the track outlined').to.equal(text);
      await expect(el).to.be.accessible();
    });
  });
});
