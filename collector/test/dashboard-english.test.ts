// The dashboard in French and in English (issue 17, item 7): French unless the team asks for
// English, by ?lang= or by its browser's Accept-Language; every text of the page in the language
// chosen, dates and numbers in that language's format, what people wrote as they wrote it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dashboardPage } from '../src/admin.js';
import { dashboardLanguage } from '../src/dashboard-text.js';
import { dateEn, dayEn, wholeEn } from '../src/english.js';
import { petition, subject, updated } from './dashboard-fixtures.js';
import { ADMIN, backends, collectorOn, envelope, post } from './support.js';

/** The page's text, every run of spaces (the no-break ones too) made one space. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/[\s\u202f]+/g, ' ');

describe('the dashboard’s language', () => {
  it('takes ?lang= first, then the first of French and English the browser prefers, else French', () => {
    assert.equal(dashboardLanguage('en', 'fr-FR,fr;q=0.9'), 'en');
    assert.equal(dashboardLanguage('fr', 'en-GB,en;q=0.9'), 'fr');
    assert.equal(dashboardLanguage(undefined, 'en-GB,en;q=0.9'), 'en');
    assert.equal(dashboardLanguage(undefined, 'de-DE,de;q=0.9,en;q=0.8,fr;q=0.7'), 'en');
    assert.equal(dashboardLanguage(undefined, 'fr;q=0.5,en;q=0.8'), 'en', 'by q-values, not by order');
    assert.equal(dashboardLanguage(undefined, 'en;q=0,fr;q=0.1'), 'fr', 'q=0 refuses a language');
    assert.equal(dashboardLanguage(undefined, 'de, es'), 'fr');
    assert.equal(dashboardLanguage(undefined, undefined), 'fr');
    assert.equal(dashboardLanguage('de', 'en'), 'en', 'an unknown ?lang= is ignored');
  });
});

describe('English dates and numbers', () => {
  it('writes « 1 March 2027, 9:05 » in Paris time, and numbers as en-GB does', () => {
    assert.equal(dayEn('2027-03-01'), '1 March 2027');
    assert.equal(dateEn('2026-12-01T08:05:00Z'), '1 December 2026, 9:05');
    assert.equal(dateEn('2027-07-14T08:05:00Z'), '14 July 2027, 10:05');
    assert.equal(dateEn('2026-12-31T23:30:00Z'), '1 January 2027, 0:30');
    assert.equal(wholeEn(2000), '2,000');
  });
});

describe('dashboard HTML in English', () => {
  const pulse = subject('intranet/courrier', 'voix.pulse', [{ helps: 1 }]);
  const html = dashboardPage(
    [
      subject('/contact', 'voix.feedback', [{ useful: true }, { useful: false }]),
      {
        ...subject('parc', 'voix.poll.vote', [{ choices: ['jardins'] }, { choices: ['berges'] }]),
        others: { count: 1, latest: [{ receivedAt: updated, text: 'Un kiosque', locale: 'fr' }] },
      },
      petition('parc-petition', { closes: '2027-03-01' }),
      petition('petition/close', { closes: '2026-11-30T23:00:00Z', signatures: 3000 }),
      { ...pulse, results: { ...pulse.results, withheld: true, minimum: 5 } },
    ],
    [{ subject: '/contact', receivedAt: updated, comment: 'Il manque les horaires.', locale: 'fr' }],
    1,
    new Date('2026-12-01T10:00:00Z'),
    { waiting: 2, failed: 1 },
    'en',
  );
  const shown = text(html);

  it('says every text in English, with English plurals, dates and numbers', () => {
    assert.match(html, /<html lang="en">/);
    assert.match(html, /<title>Voix · dashboard<\/title>/);
    assert.match(shown, /1 answer received in all\./);
    assert.match(shown, /Confirmation e-mails: 2 waiting to be sent; 1 given up after \d+ attempts/);
    assert.match(shown, /Results by subject/);
    assert.match(shown, /Page feedback · 2 answers · last on 26 November 2026, 11:00/);
    assert.match(html, /<caption>Answers for <bdi>\/contact<\/bdi><\/caption>/);
    assert.match(shown, /Answer Count Share Yes, useful 1 50% No 1 50%/);
    assert.match(shown, /2 votes in all\./);
    assert.match(shown, /“Other” specified: 1 vote \(50% of votes\)\./);
    assert.match(shown, /620 signatures counted · 12 awaiting confirmation by e-mail\./);
    assert.match(shown, /Débat en conseil municipal 2,800 signatures 2180 signatures to go/);
    assert.match(shown, /620 of 2,800 signatures \(22%\)/);
    assert.match(shown, /Closes on 1 March 2027: 90 days left\./);
    assert.match(shown, /Petition closed on 1 December 2026\./);
    assert.match(shown, /Every threshold is reached\./);
    assert.match(shown, /Results withheld: fewer than 5 answers\./);
    assert.match(shown, /Latest comments/);
    assert.match(html, /<a href="\/v1\/export\.csv">Export as CSV<\/a>/);
    assert.doesNotMatch(shown, /réponse|Résultats|Clôture|en tout/);
  });

  it('shows what people wrote as they wrote it, in its own language', () => {
    assert.match(html, /<blockquote lang="fr" dir="auto">Il manque les horaires\.<\/blockquote>/);
    assert.match(html, /<blockquote lang="fr" dir="auto">Un kiosque<\/blockquote>/);
    assert.match(html, /<bdi>Débat en conseil municipal<\/bdi>/);
  });

  it('links to the French page, the link in French', () => {
    assert.match(html, /<a href="\?lang=fr" lang="fr" hreflang="fr">Français<\/a>/);
  });
});

for (const backend of backends) {
  describe(`dashboard in English (${backend.name})`, () => {
    const collector = collectorOn(backend);
    const dashboard = async (query: string, headers: Record<string, string> = {}) => {
      const response = await fetch(`${collector.url}/admin${query}`, { headers: { Authorization: `Bearer ${ADMIN}`, ...headers } });
      assert.equal(response.status, 200);
      return { html: await response.text(), vary: response.headers.get('vary') };
    };

    it('answers in English to ?lang=en and to an English browser, in French otherwise', async () => {
      const rating = envelope({ type: 'voix.rating', subject: 'mairie/accueil', answers: { score: 3 } });
      Object.assign(rating.data, {
        definition: { id: 'rating', version: '0a1b2c3d', questions: { score: 'smileys' }, labels: { score: 'Comment ça s’est passé ?' } },
      });
      assert.equal((await post(collector.url, rating)).status, 201);
      for (const { html, vary } of [await dashboard('?lang=en'), await dashboard('', { 'Accept-Language': 'en-GB,en;q=0.9' })]) {
        const shown = text(html);
        assert.match(html, /<html lang="en">/);
        assert.match(shown, /Voix · dashboard/);
        assert.match(shown, /Service rating · 1 answer · last on/);
        assert.match(shown, /Question “ Comment ça s’est passé \? ” · smileys, 1 to 3 Answer Count Share Very good 1 100%/);
        assert.match(html, /<a href="\?lang=fr" lang="fr" hreflang="fr">Français<\/a>/);
        assert.match(vary ?? '', /Accept-Language/);
      }
      for (const { html } of [await dashboard(''), await dashboard('?lang=fr', { 'Accept-Language': 'en-GB,en;q=0.9' })]) {
        assert.match(html, /<html lang="fr">/);
        assert.match(text(html), /Note d’un service · 1 réponse · dernière le/);
        assert.match(html, /<a href="\?lang=en" lang="en" hreflang="en">English<\/a>/);
      }
    });
  });
}
