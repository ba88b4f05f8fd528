// The team's dashboard (/admin): what its HTML says to assistive technologies, and how it reads
// in a real Chromium on a 320 px wide screen (WCAG 1.4.10 reflow), checked by axe.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dashboardPage } from '../src/admin.js';
import { aggregate } from './recount.js';
import { petition, subject, updated } from './dashboard-fixtures.js';
import { axeViolations, dashboardOn, openDashboard, pageWidth } from './dashboard-browser.js';
import { ADMIN, envelope, post } from './support.js';

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
    const captions = [...html.matchAll(/<table\b[^>]*>\s*<caption>(.*?)<\/caption>/g)].map((match) => match[1]);
    assert.equal(tables.length, 2);
    assert.deepEqual(captions, ['Réponses pour <bdi>/contact</bdi>', 'Votes pour <bdi>/budget&lt;2027&gt;</bdi>']);
  });

  it('marks each comment with the language it was written in, when known', () => {
    assert.match(html, /<blockquote lang="en" dir="auto">The opening hours are missing\.<\/blockquote>/);
    assert.match(html, /<blockquote dir="auto">Sans langue connue\.<\/blockquote>/, 'no lang: the page’s French applies');
  });

  it('opens with a link that skips to the main content', () => {
    const body = html.slice(html.indexOf('<body>'));
    const firstLink = body.match(/<a\b[^>]*href="([^"]*)"[^>]*>([^<]*)<\/a>/);
    assert.deepEqual([firstLink?.[1], firstLink?.[2]], ['#main', 'Aller au contenu']);
    assert.match(html, /<main id="main"/);
  });
});

describe('dashboard HTML: what people wrote is bidi-isolated', () => {
  // Right-to-left texts in every place the dashboard shows what someone wrote or sent: each one
  // isolated (<bdi>, or dir="auto" on an element of its own), so that it cannot reorder the French around it.
  const written = {
    subject: 'استطلاع-الحي',
    option: 'حديقة',
    other: 'كشك-موسيقى',
    comment: 'شكرا-لكم',
    category: 'קטגוריה',
    what: 'הטופס-נכשל',
    where: 'העירייה',
    title: 'ספסלים',
    description: 'בצל-העצים',
    place: 'הגדה',
    blocks: 'התוכנה-קורסת',
    idea: 'פגישת-צוות',
    threshold: 'פגישה-עם-הנבחרת',
    question: 'שאלה',
  };
  const defined = (type: string, questions: Record<string, string>, rows: Array<[Record<string, unknown>, string?]>) => ({
    subject: written.subject,
    type,
    total: rows.length,
    updated,
    results: aggregate(
      written.subject,
      rows.map(([answers, audience]) => ({ type, answers, audience: audience ?? null, definition: { id: 'x', version: '1', questions } })),
      updated,
    ),
  });
  const latest = (answers: Record<string, unknown>) => [{ receivedAt: updated, locale: 'he', answers }];
  const unsigned = subject(written.subject, 'voix.petition.signature', []);
  const html = dashboardPage(
    [
      {
        ...subject(written.subject, 'voix.poll.vote', [{ choices: [written.option] }]),
        others: { count: 1, latest: [{ receivedAt: updated, text: written.other, locale: 'ar' }] },
      },
      {
        ...defined('voix.report', { category: 'choice', where: 'text', what: 'text' }, [
          [{ category: written.category, what: written.what }],
        ]),
        texts: latest({ what: written.what, where: written.where }),
      },
      {
        ...defined('voix.idea', { title: 'text', description: 'text', place: 'text' }, [[{ title: written.title }]]),
        texts: latest({ title: written.title, description: written.description, place: written.place }),
      },
      {
        ...defined('voix.pulse', { helps: 'agree', blocks: 'text', idea: 'text' }, [[{ helps: 4 }, 'agent']]),
        texts: latest({ blocks: written.blocks, idea: written.idea }),
      },
      defined('voix.rating', { [written.question]: 'smileys' }, [[{ [written.question]: 3 }], [{ [written.question]: 2 }, 'agent']]),
      {
        ...unsigned,
        results: { ...unsigned.results, petition: { signatures: 1, pending: 0, thresholds: [{ count: 500, label: written.threshold }] } },
      },
    ],
    [{ subject: written.subject, receivedAt: updated, comment: written.comment, locale: 'ar' }],
    9,
  );

  it('isolates every subject, option, category sent, comment, quoted text, place, threshold label and question id', () => {
    for (const [field, text] of Object.entries(written)) {
      const found = [...html.matchAll(new RegExp(text, 'g'))].map((match) => match.index);
      assert.ok(found.length, `${field} is shown`);
      for (const at of found) {
        // From the tag it is in to the text: <bdi>, or an element of its own with dir="auto" (a quoted text).
        const opened = html.slice(html.lastIndexOf('<', at), at);
        assert.match(opened, /^<bdi>$|^<(blockquote|h3)\b[^>]*\sdir="auto"/, `${field}: …${html.slice(at - 80, at + 40)}…`);
      }
    }
  });
});

describe('dashboard HTML for polls and petitions', () => {
  const votes = [['jardins'], ['jardins', 'berges'], ['jardins'], ['berges'], ['vergers']].map((choices) => ({ choices }));
  const poll = {
    ...subject('parc-naturel-urbain-projets', 'voix.poll.vote', votes),
    others: {
      count: 2,
      latest: [
        { receivedAt: updated, text: 'Un <kiosque>', locale: 'fr' },
        { receivedAt: updated, text: 'A skate park', locale: 'en' },
      ],
    },
  };
  // The server's clock: 1 December 2026, 11:00 in Paris.
  const now = new Date('2026-12-01T10:00:00Z');
  const html = dashboardPage(
    [
      poll,
      petition('parc-naturel-urbain-petition', { closes: '2027-03-01' }),
      petition('petition/derniere-journee', { closes: '2026-12-01' }),
      petition('petition/close', { closes: '2026-11-30T23:00:00Z', signatures: 3000 }),
    ],
    [],
    5,
    now,
  );
  const article = (name: string) => html.slice(html.indexOf(`<h3><bdi>${name}</bdi></h3>`)).split('</article>')[0];
  const text = (fragment: string) => fragment.replace(/<[^>]+>/g, ' ').replace(/[\s\u202f]+/g, ' ');

  it('draws a poll’s votes per option with the bars of every table, its total, and its « Autre » texts like comments', () => {
    const shown = article('parc-naturel-urbain-projets');
    assert.match(shown, /<caption>Votes pour <bdi>parc-naturel-urbain-projets<\/bdi><\/caption>/);
    assert.deepEqual(
      [...shown.matchAll(/<th scope="row"><bdi>([^<]*)<\/bdi><\/th><td>(\d+)<\/td>/g)].map((match) => `${match[1]}=${match[2]}`),
      ['jardins=3', 'berges=2', 'vergers=1'],
    );
    assert.equal((shown.match(/<svg class="bar"/g) ?? []).length, 3);
    assert.match(text(shown), /5 votes en tout\./);
    assert.match(text(shown), /« Autre » précisé : 2 votes \(40 % des votes\)\./);
    assert.match(shown, /<blockquote lang="fr" dir="auto">Un &lt;kiosque&gt;<\/blockquote>/);
    assert.match(shown, /<blockquote lang="en" dir="auto">A skate park<\/blockquote>/);
  });

  it('gives a petition its signatures, pending ones, each threshold reached or how far, progress toward the next and the days left', () => {
    const shown = article('parc-naturel-urbain-petition');
    assert.match(text(shown), /620 signatures comptées · 12 en attente de confirmation par courriel\./);
    assert.match(shown, /<caption>Paliers de <bdi>parc-naturel-urbain-petition<\/bdi><\/caption>/);
    assert.deepEqual(
      [
        ...shown.matchAll(/<tr><th scope="row"><bdi>([^<]*)<\/bdi><br><span class="meta">([^<]*)<\/span><\/th><td>([^<]*)<\/td><\/tr>/g),
      ].map((match) => text(match.slice(1).join(' · '))),
      ['Rencontre avec l’élue ou l’élu · 500 signatures · atteint', 'Débat en conseil municipal · 2 800 signatures · à 2180 signatures'],
    );
    const progress = /<label for="([^"]+)">(.*?)<\/label><br>\s*<progress id="([^"]+)" max="2800" value="620">/.exec(shown);
    assert.ok(progress, shown);
    assert.equal(progress[1], progress[3], 'the label names the progress bar');
    assert.equal(text(progress[2]), 'Vers le palier « Débat en conseil municipal »');
    assert.match(text(shown), /620 sur 2 800 signatures \(22 %\)/, 'the progress in text too');
    assert.match(text(shown), /Clôture le 1er mars 2027 : encore 90 jours\./);
    assert.match(text(article('petition/derniere-journee')), /Clôture le 1er décembre 2026 : dernier jour\./);
  });

  it('says a petition is closed once its deadline has passed, and when every threshold is reached', () => {
    const shown = text(article('petition/close'));
    assert.match(shown, /Pétition clôturée le 1er décembre 2026\./, '23:00 UTC on 30 November is 1 December in Paris');
    assert.match(shown, /Tous les paliers sont atteints\./);
    assert.doesNotMatch(article('petition/close'), /<progress/);
  });

  it('gives every table a caption', () => {
    assert.equal((html.match(/<table\b/g) ?? []).length, (html.match(/<table\b[^>]*>\s*<caption>/g) ?? []).length);
  });
});

describe('dashboard in Chromium at 320 px', () => {
  const dashboard = dashboardOn(async (url) => {
    const answers = [
      { subject: '/contact', answers: { useful: true } },
      { subject: '/contact', answers: { useful: false, reasons: ['incomplete'], comment: 'Il manque les horaires du samedi matin.' } },
      // Long values with no place to break a line, as people do write them.
      { subject: '/contact', answers: { useful: false, comment: 'Öffnungszeitenübersichtsseitevollständigfehlend' } },
      {
        subject: '/budget-participatif-2027/quartier-nord',
        type: 'voix.poll.vote',
        answers: { choices: ['reamenagementcompletdelaplacedelamairieavecarbres'] },
      },
      { subject: '/budget-participatif-2027/quartier-nord', type: 'voix.poll.vote', answers: { choices: ['piste-cyclable'] } },
    ];
    for (const answer of answers) assert.equal((await post(url, envelope(answer))).status, 201);
    // A poll with « Autre » texts, and a petition with its terms (no SMTP: counted at once).
    for (const answers of [
      { choices: ['jardins', 'berges'] },
      { choices: ['vergers'], other: 'Un kiosque à musique près de la passerelle' },
      { choices: ['aires-de-jeux'] },
    ]) {
      assert.equal((await post(url, envelope({ subject: 'parc-naturel-urbain-projets', type: 'voix.poll.vote', answers }))).status, 201);
    }
    const terms = {
      thresholds: [
        { count: 2, label: 'Rencontre avec l’élue ou l’élu' },
        { count: 2800, label: 'Débat en conseil municipal' },
      ],
      closes: '2027-03-01',
    };
    for (const name of ['Alice', 'Bruno', 'Chloé']) {
      const signed = envelope({
        subject: 'parc-naturel-urbain-petition',
        type: 'voix.petition.signature',
        answers: { eligible: true, personal: { name } },
      });
      assert.equal(
        (await post(url, { ...signed, data: { ...signed.data, widget: { name: 'voix-petition', version: '0.1.0' }, petition: terms } }))
          .status,
        201,
      );
    }
    // Reported irritants, an agents' pulse at the threshold and one under it.
    const defined = (type: string, subject: string, answers: Record<string, unknown>, questions: Record<string, string>) => {
      const event = envelope({ type, subject, answers });
      Object.assign(event.data, {
        definition: { id: type.slice('voix.'.length), version: '0a1b2c3d', questions },
        ...(type === 'voix.pulse' && { audience: 'agent' }),
      });
      return event;
    };
    const report = { category: 'choice', where: 'text', what: 'text', often: 'choice' };
    for (const answers of [
      {
        category: 'demarche-en-ligne',
        where: 'Téléservice de demande d’aide sociale facultativeenligneetsansrendezvous',
        what: 'Le formulaire perd mes pièces jointes.',
        often: 'toujours',
      },
      { category: 'delais', what: 'Trois semaines sans réponse.', often: 'souvent' },
      { category: 'horaires', where: 'Mairie annexe', what: 'Fermée le samedi.' },
    ]) {
      assert.equal((await post(url, defined('voix.report', 'cahors/irritants', answers, report))).status, 201);
    }
    const pulse = { helps: 'agree', blocks: 'text', idea: 'text' };
    for (const helps of [4, 5, 3, 4, 2]) {
      const answers = { helps, blocks: `Le logiciel de rendez-vous plante (${helps})`, idea: 'Un point d’équipe le lundi' };
      assert.equal((await post(url, defined('voix.pulse', 'intranet/guichet-unique', answers, pulse))).status, 201);
    }
    for (const helps of [1, 2]) assert.equal((await post(url, defined('voix.pulse', 'intranet/courrier', { helps }, pulse))).status, 201);
    const english = envelope({ subject: '/contact', answers: { useful: false, comment: 'The opening hours are missing.' } });
    english.data.locale = 'en';
    assert.equal((await post(url, english)).status, 201);
  });

  it('marks a stored comment with the locale it was sent in', async () => {
    const html = await (await fetch(`${dashboard.url}/admin`, { headers: { Authorization: `Bearer ${ADMIN}` } })).text();
    assert.match(html, /<blockquote lang="en" dir="auto">The opening hours are missing\.<\/blockquote>/);
    assert.match(html, /<blockquote lang="fr" dir="auto">Il manque les horaires du samedi matin\.<\/blockquote>/);
  });

  it('reflows without horizontal scrolling, has no axe violation, and shows the skip link on focus', async () => {
    const page = await openDashboard(dashboard.browser, dashboard.url);
    await page.screenshot({ path: '/tmp/admin-320.png', fullPage: true });
    assert.equal(await page.getByRole('progressbar', { name: 'Vers le palier « Débat en conseil municipal »' }).count(), 1);
    assert.equal(await page.getByRole('table', { name: 'Votes pour parc-naturel-urbain-projets' }).count(), 1);
    assert.equal(await page.getByRole('table', { name: 'Signalements par catégorie pour cahors/irritants' }).count(), 1);
    assert.equal(await page.getByRole('table', { name: 'Question « helps » · accord, de 1 à 5' }).count(), 1);
    assert.equal(await page.getByText('Résultats masqués\u00a0: moins de 5 réponses.', { exact: false }).count(), 1);

    const width = await pageWidth(page);
    assert.ok(width <= 320, `the page is ${width} px wide at a 320 px viewport`);
    const violations = await axeViolations(page);
    assert.deepEqual(violations, []);

    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Aller au contenu' });
    assert.ok(await skip.evaluate((link) => link === document.activeElement), 'the first Tab reaches the skip link');
    const box = await skip.boundingBox();
    assert.ok(
      box && box.width > 20 && box.height > 10 && box.x >= 0 && box.y >= 0 && box.x + box.width <= 320,
      `the focused skip link is visible: ${JSON.stringify(box)}`,
    );
    await page.context().close();
  });

  it('reads in English for an English browser: reflows, no axe violation, a link back to French', async () => {
    const page = await openDashboard(dashboard.browser, dashboard.url, 'en-GB');
    await page.screenshot({ path: '/tmp/admin-320-en.png', fullPage: true });
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    assert.equal(await page.getByRole('heading', { level: 1, name: 'Voix · dashboard' }).count(), 1);
    assert.equal(await page.getByRole('progressbar', { name: 'Towards the threshold “Débat en conseil municipal”' }).count(), 1);
    assert.equal(await page.getByRole('table', { name: 'Reports by category for cahors/irritants' }).count(), 1);
    assert.equal(await page.getByText('Results withheld: fewer than 5 answers.', { exact: false }).count(), 1);

    const width = await pageWidth(page);
    assert.ok(width <= 320, `the page is ${width} px wide at a 320 px viewport`);
    assert.deepEqual(await axeViolations(page), []);

    await page.getByRole('link', { name: 'Français' }).click();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
    assert.equal(await page.getByRole('heading', { level: 1, name: 'Voix · tableau de bord' }).count(), 1);
    await page.context().close();
  });
});
