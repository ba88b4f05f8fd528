import { createHash, timingSafeEqual } from 'node:crypto';
import { isAnonymous } from './anonymity.js';
import { escape, isolated, quoted } from './dashboard-html.js';
import { DASHBOARD_TEXT, type DashboardText, type Language } from './dashboard-text.js';
import { petitionFigures, subjectResults, type DashboardSubject } from './dashboard-views.js';
import { parisDay } from './subjects.js';

export type { DashboardSubject } from './dashboard-views.js';

/**
 * True when the request carries the admin token: as a Bearer token (scripts, exports), or as
 * the password of HTTP Basic authentication (the dashboard in a browser, any user name).
 */
export function hasAdminToken(authorization: string | undefined, token: string): boolean {
  if (!authorization) return false;
  const [scheme, value = ''] = authorization.split(' ');
  const given =
    scheme.toLowerCase() === 'bearer'
      ? value
      : scheme.toLowerCase() === 'basic'
        ? Buffer.from(value, 'base64').toString().split(':').slice(1).join(':')
        : '';
  // Digests of equal length: the comparison takes the same time whatever the length given.
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(token));
}

/**
 * What the card says of a subject: its type in words, its id when a declared title stands above it,
 * and for a pulse no count nor time finer than the day, none at all while withheld.
 */
function subjectMeta(t: DashboardText, { subject, title, type, total, updated, results }: DashboardSubject): string {
  const named = [t.typeLabel(type), ...(title ? [subject] : [])].join(' · ');
  if (results.withheld) return named;
  const last = isAnonymous(type) ? t.day(parisDay(new Date(updated))) : t.date(updated);
  return t.meta(named, total, last);
}

/** A subject's card: its title, what it is, then its results (none while withheld). */
function subjectCard(t: DashboardText, summary: DashboardSubject, now: Date, index: number): string {
  const { subject, title, results } = summary;
  return `<article>
        <h3>${isolated(title ?? subject)}</h3>
        <p class="meta">${escape(subjectMeta(t, summary))}</p>
        ${
          results.withheld
            ? `<p>${t.withheld(results.minimum ?? 0)}</p>`
            : results.petition
              ? petitionFigures(t, subject, results.petition, now, index)
              : subjectResults(t, summary)
        }
      </article>`;
}

/** The confirmation mails' queue (plugins/mail-sender.ts): how many wait to be sent, and how many were given up. */
const mailQueueLine = (t: DashboardText, mails?: { waiting: number; failed: number }) =>
  mails ? `<p>${t.mails(mails.waiting, mails.failed)}</p>` : '';

/** The link to the page in the other language, in that language (its own `lang`, and `hreflang` for where it goes). */
const languageLink = ({ other }: DashboardText) =>
  `<p><a href="?lang=${other.language}" lang="${other.language}" hreflang="${other.language}">${other.name}</a></p>`;

export function dashboardPage(
  /** `texts`: a report's or a pulse's latest answers holding a text (none for a withheld pulse). */
  subjects: DashboardSubject[],
  /** `locale` is the envelope's: the language the comment was written in, when the storage gives it. */
  comments: Array<{ subject: string; receivedAt: string; comment: string; locale?: string }>,
  total: number,
  /** The server's clock: a petition's days left. */
  now = new Date(),
  /** With SMTP: the confirmation mails waiting in the queue, and those given up. */
  mails?: { waiting: number; failed: number },
  /** The page's language (dashboard-text.ts): what the team reads; what people wrote stays as written. */
  language: Language = 'fr',
): string {
  const t = DASHBOARD_TEXT[language];
  return `<!doctype html>
<html lang="${t.language}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${t.page.title}</title>
  <link rel="stylesheet" href="/admin.css">
</head>
<body>
  <a class="skip" href="#main">${t.page.skip}</a>
  <header>${languageLink(t)}<h1>${t.page.title}</h1><p>${t.received(total)}</p>${mailQueueLine(t, mails)}</header>
  <main id="main">
    <section aria-labelledby="sujets"><h2 id="sujets">${t.page.subjects}</h2>
    ${subjects.length ? subjects.map((summary, index) => subjectCard(t, summary, now, index)).join('') : `<p>${t.page.noAnswers}</p>`}
    </section>
    <section aria-labelledby="commentaires"><h2 id="commentaires">${t.page.comments}</h2>
    ${
      comments.length
        ? `<ul>${comments.map(({ subject, receivedAt, comment, locale }) => quoted({ text: comment, locale, metaHtml: `${isolated(subject)} · ${escape(t.date(receivedAt))}` })).join('')}</ul>`
        : `<p>${t.page.noComments}</p>`
    }
    </section>
    <p><a href="/v1/export.csv">${t.page.csv}</a> · <a href="/v1/export.ndjson">${t.page.ndjson}</a></p>
  </main>
</body>
</html>`;
}

// Reflows down to 320 px (WCAG 1.4.10): tables take the width they are given and long words
// (subjects, option values, comments) break anywhere rather than widen the page.
export const dashboardCss = `body{font:1rem/1.5 system-ui,sans-serif;color:#1e1e1e;margin:0 auto;padding:1rem;max-width:60rem}
.skip{position:absolute;left:1rem;top:-10rem;padding:.5rem 1rem;background:#fff;border:2px solid #1d4fa8}.skip:focus{top:1rem}
h1{font-size:1.5rem}article{border:1px solid #767676;border-radius:.5rem;padding:1rem;margin:1rem 0}
h3{margin:0;font-size:1.1rem}h3,.meta,caption,tbody th,blockquote{overflow-wrap:anywhere}.meta{color:#595959;margin:.25rem 0 .75rem}
table{border-collapse:collapse;width:100%;max-width:40rem}caption{text-align:left;font-weight:600;padding-bottom:.25rem}
th,td{text-align:left;padding:.25rem .5rem .25rem 0;vertical-align:middle}
.share{width:40%}.share div{display:flex;align-items:center;gap:.5rem;white-space:nowrap}.bar{flex:1;min-width:1rem;max-width:16rem}
h4{margin:1rem 0 .5rem;font-size:1rem}table+table,table+p,p+table{margin-top:1rem}
.audiences{display:flex;flex-wrap:wrap;gap:1rem}.audiences section{flex:1 1 16rem;min-width:0}
.gap th,.gap td{padding-right:.25rem}.gap .meta{font-size:.875rem;overflow-wrap:normal}@media (max-width:24rem){body{padding:.5rem}.gap{font-size:.875rem}.gap .meta{font-size:.8125rem}.gap th,.gap td{padding-right:.125rem}}
progress{width:100%;max-width:16rem;height:1rem}
blockquote{margin:0;font-style:italic}ul{padding-left:1.25rem}li{margin:.5rem 0}a{color:#1d4fa8}`;
