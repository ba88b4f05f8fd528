import { createHash, timingSafeEqual } from 'node:crypto';
// The widgets' own French: the dashboard names categories as residents read them.
import { answerKind } from '../../dist/engine/kinds.js';
import { eventType } from '../../dist/event-types.js';
import { isAnonymous } from './anonymity.js';
import { dateFr, dayFr, whole } from './french.js';
import { ideaCategories, kindLabel, reportCategories, typeLabel, valueLabel } from './labels.js';
import { MAIL_ATTEMPTS } from './petition.js';
import { isScale } from './questions.js';
import { isClosed, isDay, parisDay } from './subjects.js';
import type { PetitionResults, QuestionResults, Results } from './results.js';
import type { LatestAnswer, SubjectSummary } from './storage/storage.js';

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

const escape = (text: unknown) =>
  String(text ?? '').replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

/** What people wrote or sent (a subject, an option, a place…), isolated: right-to-left text cannot reorder the French around it. */
const isolated = (text: unknown) => `<bdi>${escape(text)}</bdi>`;

/** How a page's usefulness reads in the dashboard (feedback); a poll's options read as declared, else as sent. */
const USEFUL: Record<string, string> = { yes: 'Oui, utile', no: 'Non' };

/** A bar drawn in SVG, as a percentage of its column: the page's CSP forbids inline styles. */
const bar = (share: number) =>
  `<svg class="bar" width="100%" height="14" aria-hidden="true" focusable="false"><rect width="${Math.round(100 * share)}%" height="14" fill="#1d4fa8"/></svg>`;

/**
 * A results table with a bar per row: the numbers are the data, the bars only draw them.
 * Bar lengths are SVG percentages, not inline styles, which the page's CSP forbids; so they
 * shrink with the column on a narrow screen.
 */
function countsTable(captionHtml: string, rows: Array<[label: string, count: number]>, total: number): string {
  const max = Math.max(...rows.map(([, count]) => count));
  return `<table>
    <caption>${captionHtml}</caption>
    <thead><tr><th scope="col">Réponse</th><th scope="col">Nombre</th><th scope="col">Part</th></tr></thead>
    <tbody>${rows
      .map(
        ([label, count]) => `<tr><th scope="row">${isolated(label)}</th><td>${count}</td><td class="share"><div>
          ${bar(count / max)}
          <span>${Math.round((100 * count) / total)} %</span></div></td></tr>`,
      )
      .join('')}</tbody></table>`;
}

function chart(title: string, { total, counts }: Results, what = 'Réponses', labels = USEFUL): string {
  const rows = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  if (!rows.length) return `<p>${total} réponse${total > 1 ? 's' : ''}.</p>`;
  return countsTable(
    `${what} pour ${isolated(title)}`,
    rows.map(([key, count]) => [Object.hasOwn(labels, key) ? labels[key] : key, count]),
    total,
  );
}

const plural = (count: number, word: string) => `${count} ${word}${count > 1 ? 's' : ''}`;
const decimal = (value: number | undefined) => (value === undefined ? '—' : value.toLocaleString('fr-FR', { maximumFractionDigits: 2 }));

/** A question's answers in counting order, in words: a scale's scores from low to high, options by how often chosen. */
function countRows({ kind, counts }: QuestionResults, labels: Record<string, string> = {}): Array<[string, number]> {
  const rows = Object.entries(counts);
  if (isScale(kind)) return rows.sort((a, b) => Number(a[0]) - Number(b[0])).map(([score, count]) => [valueLabel(kind, score), count]);
  return rows.sort((a, b) => b[1] - a[1]).map(([value, count]) => [labels[value] ?? valueLabel(kind, value), count]);
}

/** Question labels by id (data.definition.labels of the latest answer that sent them): its id when none. */
type Labels = Record<string, string>;
const named = (labels: Labels, id: string) => (Object.hasOwn(labels, id) ? labels[id] : id);

/** One table per question (a free text: how many answered, never what they wrote). */
function questionTables(questions: Record<string, QuestionResults>, labels: Labels): string {
  return Object.entries(questions)
    .map(([id, question]) => {
      const caption = `Question « ${isolated(named(labels, id))} » · ${escape(kindLabel(question.kind))}`;
      const answered = plural(question.answered, 'réponse');
      if (question.kind === 'text' || !question.answered) return `<p>${caption}\u00a0: ${answered}.</p>`;
      const max = answerKind(question.kind)?.max;
      const mean =
        question.mean === undefined
          ? ''
          : `<p class="meta">Moyenne\u00a0: ${decimal(question.mean)}${max === undefined ? '' : ` sur ${max}`} (${answered}).</p>`;
      return `${countsTable(caption, countRows(question), question.answered)}${mean}`;
    })
    .join('');
}

/**
 * Users and agents side by side on a rating (the perception gap of the Voironnais barometer): per
 * question, each audience's mean and how many answered, and the gap (the agents' mean minus the users').
 */
function perceptionGap({ user, agent }: NonNullable<Results['audiences']>, labels: Labels): string {
  const ids = [...new Set([...Object.keys(user.questions), ...Object.keys(agent.questions)])].filter((id) =>
    isScale((agent.questions[id] ?? user.questions[id]).kind),
  );
  if (!ids.length) return '';
  // Four columns, each audience's count under its mean, so that the table still reads at 320 px.
  const cell = (question: QuestionResults | undefined) =>
    `<td>${decimal(question?.mean)}<br><span class="meta">${plural(question?.answered ?? 0, 'réponse')}</span></td>`;
  return `<table class="gap">
    <caption>Usagers et agents\u00a0: l’écart de perception (moyennes)</caption>
    <thead><tr><th scope="col">Question</th><th scope="col">Usagers</th><th scope="col">Agents</th><th scope="col">Écart</th></tr></thead>
    <tbody>${ids
      .map((id) => {
        const [users, agents] = [user.questions[id], agent.questions[id]];
        const gap =
          users?.mean !== undefined && agents?.mean !== undefined ? Math.round(100 * (agents.mean - users.mean)) / 100 : undefined;
        const signed = gap === undefined ? '—' : `${gap > 0 ? '+' : gap < 0 ? '−' : ''}${decimal(Math.abs(gap))}`;
        return `<tr><th scope="row">${isolated(named(labels, id))}<br><span class="meta">${escape(kindLabel((agents ?? users).kind))}</span></th>${cell(users)}${cell(agents)}<td>${signed}</td></tr>`;
      })
      .join('')}</tbody></table>`;
}

/** A subject answered through a definition: the gap for a rating both audiences answered, then each audience's questions. */
function questionResults(type: string, { questions, audiences }: Results, labels: Labels): string {
  if (!questions || !audiences) return '';
  const both = audiences.user.total > 0 && audiences.agent.total > 0;
  if (!both) return `<h4>Par question</h4>${questionTables(questions, labels)}`;
  return `${eventType(type)?.mirror ? perceptionGap(audiences, labels) : ''}
    <div class="audiences">
      <section><h4>Usagers (${plural(audiences.user.total, 'réponse')})</h4>${questionTables(audiences.user.questions, labels)}</section>
      <section><h4>Agents (${plural(audiences.agent.total, 'réponse')})</h4>${questionTables(audiences.agent.questions, labels)}</section>
    </div>`;
}

/**
 * A free text as the dashboard lists it: in the language it was written in, when known, its direction
 * its own (dir="auto"), then where and when (`metaHtml`: what people wrote in it isolated).
 */
const quoted = ({ text, locale, metaHtml }: { text: string; locale?: string; metaHtml: string }) =>
  `<li><blockquote${locale ? ` lang="${escape(locale)}"` : ''} dir="auto">${escape(text)}</blockquote><p class="meta">${metaHtml}</p></li>`;

const percent = (part: number, of: number) => `${of ? Math.round((100 * part) / of) : 0} %`;

/** A poll: its votes per option (the bars), the total, and how many voters wrote an « Autre » text, with the latest ones. */
function pollResults(title: string, results: Results, others: PollOthers | undefined, options: Labels = {}): string {
  const votes = `<p>${plural(results.total, 'vote')} en tout.</p>${chart(title, results, 'Votes', options)}`;
  if (!others?.count) return votes;
  return `${votes}
    <p>« Autre » précisé\u00a0: ${plural(others.count, 'vote')} (${percent(others.count, results.total)} des votes).</p>
    <h4>Derniers textes « Autre »</h4>
    <ul>${others.latest.map(({ text, locale, receivedAt }) => quoted({ text, locale, metaHtml: escape(dateFr(receivedAt)) })).join('')}</ul>`;
}

const DAY_MS = 86_400_000;

/**
 * A petition's deadline as the team reads it, on the server's clock: a date alone closes at the
 * end of that day (in Paris), a date-time at that instant; days left are counted in Paris days.
 */
function deadline(closes: string, now: Date): string {
  const closing = isDay(closes) ? closes : parisDay(Date.parse(closes));
  const today = parisDay(now);
  if (isClosed({ closes }, now)) return `Pétition clôturée le ${dayFr(closing)}.`;
  const left = Math.round((Date.parse(closing) - Date.parse(today)) / DAY_MS);
  return `Clôture le ${dayFr(closing)}\u00a0: ${left ? `encore ${plural(left, 'jour')}` : 'dernier jour'}.`;
}

/** A petition: counted and pending signatures, each threshold reached or how far, progress toward the next, the deadline. */
function petitionFigures(subject: string, petition: PetitionResults, now: Date, index: number): string {
  const { signatures, pending, thresholds = [], closes } = petition;
  const counts = `<p>${plural(signatures, 'signature')} ${signatures > 1 ? 'comptées' : 'comptée'} · ${whole(pending)} en attente de confirmation par courriel.</p>`;
  const next = thresholds.find((threshold) => threshold.count > signatures);
  const progress = !thresholds.length
    ? ''
    : next
      ? `<p><label for="progres-${index}">Vers le palier « ${isolated(next.label)} »</label><br>
        <progress id="progres-${index}" max="${next.count}" value="${signatures}">${percent(signatures, next.count)}</progress>
        <span>${whole(signatures)} sur ${whole(next.count)} signatures (${percent(signatures, next.count)})</span></p>`
      : '<p>Tous les paliers sont atteints.</p>';
  const table = thresholds.length
    ? `<table>
    <caption>Paliers de ${isolated(subject)}</caption>
    <thead><tr><th scope="col">Palier</th><th scope="col">État</th></tr></thead>
    <tbody>${thresholds
      // Two columns, the count under its label, so that labels keep whole words at 320 px.
      .map(
        ({ count, label }) =>
          `<tr><th scope="row">${isolated(label)}<br><span class="meta">${whole(count)} signatures</span></th><td>${count <= signatures ? 'atteint' : `à ${plural(count - signatures, 'signature')}`}</td></tr>`,
      )
      .join('')}</tbody></table>`
    : '';
  return `${counts}${table}${progress}${closes ? `<p>${escape(deadline(closes, now))}</p>` : ''}`;
}

const textOf = (answers: Record<string, unknown>, id: string) => (typeof answers[id] === 'string' ? (answers[id] as string) : undefined);

/** How reports and ideas read on the dashboard: their noun, and the text and place each latest answer is quoted with. */
const categorised: Record<
  string,
  {
    noun: string;
    caption: string;
    latest: string;
    categories: Record<string, string>;
    quote: (answers: Record<string, unknown>) => { text?: string; place?: string };
  }
> = {
  'voix.report': {
    noun: 'signalement',
    caption: 'Signalements par catégorie',
    latest: 'Derniers signalements',
    categories: reportCategories,
    quote: (answers) => ({ text: textOf(answers, 'what'), place: textOf(answers, 'where') }),
  },
  'voix.idea': {
    noun: 'idée',
    caption: 'Idées par catégorie',
    latest: 'Dernières idées',
    categories: ideaCategories,
    quote: (answers) => {
      const [title, description] = [textOf(answers, 'title'), textOf(answers, 'description')];
      return { text: title && description ? `${title}\u00a0: ${description}` : (title ?? description), place: textOf(answers, 'place') };
    },
  },
};

/** Irritants reported, or ideas: how many, per category (the bars), the other questions, then the latest texts with their place. */
function categorisedResults({ type, title, results, texts = [], labels = {} }: DashboardSubject & { title: string }): string {
  const { total, questions = {} } = results;
  const { noun, caption, latest: heading, categories, quote } = categorised[type];
  const { category, ...others } = questions;
  const byCategory = category?.answered
    ? countsTable(`${escape(caption)} pour ${isolated(title)}`, countRows(category, categories), category.answered)
    : '';
  const latest = texts.flatMap(({ answers, locale, receivedAt }) => {
    const { text, place } = quote(answers);
    const metaHtml = [...(place ? [isolated(place)] : []), escape(dateFr(receivedAt))].join(' · ');
    return text === undefined ? [] : [quoted({ text, locale, metaHtml })];
  });
  return `<p>${plural(total, noun)} en tout.</p>${byCategory}
    ${Object.keys(others).length ? `<h4>Autres questions</h4>${questionTables(others, labels)}` : ''}
    ${latest.length ? `<h4>${heading}</h4><ul>${latest.join('')}</ul>` : ''}`;
}

/** Where a pulse's text answers fit: what blocks, one idea. */
const pulseTextLabels: Array<[id: string, label: string]> = [
  ['blocks', 'Ce qui bloque'],
  ['idea', 'Une idée'],
];

/**
 * An agents' pulse at or above the threshold (the server never reads a withheld one's texts): the
 * agree scale's counts and mean, then the latest texts, dated to the day only.
 */
function pulseResults({ total, questions = {} }: Results, texts: LatestAnswer[] = [], labels: Labels = {}): string {
  const latest = texts.flatMap(({ answers, locale, receivedAt }) =>
    pulseTextLabels.flatMap(([id, label]) => {
      const text = textOf(answers, id);
      return text === undefined ? [] : [quoted({ text, locale, metaHtml: escape(`${label} · ${dayFr(parisDay(new Date(receivedAt)))}`) })];
    }),
  );
  return `<p>${plural(total, 'réponse')} d’agents, anonymes.</p>${questionTables(questions, labels)}
    ${latest.length ? `<h4>Derniers textes (ce qui bloque, idées)</h4><ul>${latest.join('')}</ul>` : ''}`;
}

/**
 * What the card says of a subject: its type in words, its id when a declared title stands above it,
 * and for a pulse no count nor time finer than the day, none at all while withheld.
 */
function subjectMeta({ subject, title, type, total, updated, results }: DashboardSubject): string {
  const named = [typeLabel(type), ...(title ? [subject] : [])].join(' · ');
  if (results.withheld) return named;
  const last = isAnonymous(type) ? dayFr(parisDay(new Date(updated))) : dateFr(updated);
  return `${named} · ${plural(total, 'réponse')} · dernière le ${last}`;
}

/** A subject's results as its type's dashboard view shows them (the registry's `dashboard`), a petition's aside. */
function subjectResults(summary: DashboardSubject): string {
  const { subject, title = subject, type, results, others, texts, labels = {}, options } = summary;
  const view = eventType(type)?.dashboard;
  if (view === 'poll') return pollResults(title, results, others, options);
  if (view === 'categorised' && Object.hasOwn(categorised, type)) return categorisedResults({ ...summary, title });
  if (view === 'pulse') return pulseResults(results, texts, labels);
  return results.questions && Object.keys(results.questions).length ? questionResults(type, results, labels) : chart(title, results);
}

/**
 * A subject as its card shows it: its summary and results, a poll's « Autre » texts, the latest
 * texts of its type; `title` and `options` when the subject is declared (a poll's question and
 * option labels, a petition's heading), `labels` the questions' labels as last asked.
 */
export type DashboardSubject = SubjectSummary & {
  results: Results;
  others?: PollOthers;
  texts?: LatestAnswer[];
  title?: string;
  options?: Labels;
  labels?: Labels;
};

/** The confirmation mails' queue (plugins/mail-sender.ts): how many wait to be sent, and how many were given up. */
function mailQueueLine(mails?: { waiting: number; failed: number }): string {
  if (!mails) return '';
  const failed = mails.failed
    ? `\u00a0; <strong>${mails.failed} abandonné${mails.failed > 1 ? 's' : ''}</strong> après ${MAIL_ATTEMPTS} essais (le serveur SMTP les refuse ou ne répond pas\u00a0: voir les journaux du collecteur)`
    : '';
  return `<p>Courriels de confirmation\u00a0: ${mails.waiting} en attente d’envoi${failed}.</p>`;
}

type PollOthers = { count: number; latest: Array<{ receivedAt: string; text: string; locale?: string }> };

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
): string {
  return `<!doctype html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Voix · tableau de bord</title>
  <link rel="stylesheet" href="/admin.css">
</head>
<body>
  <a class="skip" href="#main">Aller au contenu</a>
  <header><h1>Voix · tableau de bord</h1><p>${total} réponse${total > 1 ? 's' : ''} reçue${total > 1 ? 's' : ''} en tout.</p>${mailQueueLine(mails)}</header>
  <main id="main">
    <section aria-labelledby="sujets"><h2 id="sujets">Résultats par sujet</h2>
    ${
      subjects.length
        ? subjects
            .map((summary, index) => {
              const { subject, title, results } = summary;
              return `<article>
        <h3>${isolated(title ?? subject)}</h3>
        <p class="meta">${escape(subjectMeta(summary))}</p>
        ${
          results.withheld
            ? `<p>Résultats masqués\u00a0: moins de ${results.minimum} réponses. Une enquête d’agents ne montre rien avant ce nombre, pour qu’aucune réponse ne puisse être attribuée.</p>`
            : results.petition
              ? petitionFigures(subject, results.petition, now, index)
              : subjectResults(summary)
        }
      </article>`;
            })
            .join('')
        : '<p>Aucune réponse pour l’instant.</p>'
    }
    </section>
    <section aria-labelledby="commentaires"><h2 id="commentaires">Derniers commentaires</h2>
    ${
      comments.length
        ? `<ul>${comments.map(({ subject, receivedAt, comment, locale }) => quoted({ text: comment, locale, metaHtml: `${isolated(subject)} · ${escape(dateFr(receivedAt))}` })).join('')}</ul>`
        : '<p>Aucun commentaire pour l’instant.</p>'
    }
    </section>
    <p><a href="/v1/export.csv">Exporter en CSV</a> · <a href="/v1/export.ndjson">Exporter en NDJSON</a></p>
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
