// The team's dashboard (/admin): what its HTML says to assistive technologies, and how it reads
// in a real Chromium on a 320 px wide screen (WCAG 1.4.10 reflow), checked by axe.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dashboardPage } from '../src/admin.js';
import { aggregate } from '../src/results.js';
import { axeViolations, dashboardOn, openDashboard, pageWidth } from './dashboard-browser.js';
import { ADMIN, envelope, post } from './support.js';

const updated = '2026-11-26T10:00:00.000Z';
const subject = (name: string, type: string, rows: Array<Record<string, unknown>>) => ({
  subject: name,
  type,
  total: rows.length,
  updated,
  results: aggregate(name, rows.map((answers) => ({ type, answers, audience: null, definition: null })), updated),
});

describe('dashboard HTML', () => {
  const html = dashboardPage(
    [
      subject('/contact', 'voix.feedback', [{ useful: true }, { useful: false }]),
      subject('/budget<2027>', 'voix.poll.vote', [{ choices: ['parc'] }]),
    ],
    [
      { subject: '/contact', receivedAt: updated, comment: 'The opening hours are missing.', locale: 'en' },
      { subject: '/contact', receivedAt: updated, comment: 'Sans langue connue.' },
    ],
    3,
  );

  it('gives every table a caption naming its subject', () => {
    const tables = html.match(/<table\b/g) ?? [];
    const captions = [...html.matchAll(/<table\b[^>]*>\s*<caption>([^<]*)<\/caption>/g)].map((match) => match[1]);
    assert.equal(tables.length, 2);
    assert.deepEqual(captions, ['Réponses pour /contact', 'Réponses pour /budget&lt;2027&gt;']);
  });

  it('marks each comment with the language it was written in, when known', () => {
    assert.match(html, /<blockquote lang="en">The opening hours are missing\.<\/blockquote>/);
    assert.match(html, /<blockquote>Sans langue connue\.<\/blockquote>/, 'no lang: the page’s French applies');
  });

  it('opens with a link that skips to the main content', () => {
    const body = html.slice(html.indexOf('<body>'));
    const firstLink = body.match(/<a\b[^>]*href="([^"]*)"[^>]*>([^<]*)<\/a>/);
    assert.deepEqual([firstLink?.[1], firstLink?.[2]], ['#main', 'Aller au contenu']);
    assert.match(html, /<main id="main"/);
  });
});

describe('dashboard in Chromium at 320 px', () => {
  const dashboard = dashboardOn(async (url) => {
    const answers = [
      { subject: '/contact', answers: { useful: true } },
      { subject: '/contact', answers: { useful: false, reasons: ['incomplete'], comment: 'Il manque les horaires du samedi matin.' } },
      // Long values with no place to break a line, as people do write them.
      { subject: '/contact', answers: { useful: false, comment: 'Öffnungszeitenübersichtsseitevollständigfehlend' } },
      { subject: '/budget-participatif-2027/quartier-nord', type: 'voix.poll.vote', answers: { choices: ['reamenagementcompletdelaplacedelamairieavecarbres'] } },
      { subject: '/budget-participatif-2027/quartier-nord', type: 'voix.poll.vote', answers: { choices: ['piste-cyclable'] } },
    ];
    for (const answer of answers) assert.equal((await post(url, envelope(answer))).status, 201);
    const english = envelope({ subject: '/contact', answers: { useful: false, comment: 'The opening hours are missing.' } });
    english.data.locale = 'en';
    assert.equal((await post(url, english)).status, 201);
  });

  it('marks a stored comment with the locale it was sent in', async () => {
    const html = await (await fetch(`${dashboard.url}/admin`, { headers: { Authorization: `Bearer ${ADMIN}` } })).text();
    assert.match(html, /<blockquote lang="en">The opening hours are missing\.<\/blockquote>/);
    assert.match(html, /<blockquote lang="fr">Il manque les horaires du samedi matin\.<\/blockquote>/);
  });

  it('reflows without horizontal scrolling, has no axe violation, and shows the skip link on focus', async () => {
    const page = await openDashboard(dashboard.browser, dashboard.url);
    await page.screenshot({ path: '/tmp/admin-320.png', fullPage: true });

    const width = await pageWidth(page);
    assert.ok(width <= 320, `the page is ${width} px wide at a 320 px viewport`);
    const violations = await axeViolations(page);
    assert.deepEqual(violations, []);

    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Aller au contenu' });
    assert.ok(await skip.evaluate((link) => link === document.activeElement), 'the first Tab reaches the skip link');
    const box = await skip.boundingBox();
    assert.ok(box && box.width > 20 && box.height > 10 && box.x >= 0 && box.y >= 0 && box.x + box.width <= 320, `the focused skip link is visible: ${JSON.stringify(box)}`);
    await page.context().close();
  });
});
