// How the dashboard shows a subject's results, per its type's view in the registry (`dashboard`):
// questions (users beside agents), a poll, a petition, reports and ideas, an agents' pulse.
import { eventType } from '../../dist/event-types.js';
import { chart, countRows, countsTable, escape, isolated, named, percent, questionTables, quoted, type Labels } from './dashboard-html.js';
import type { DashboardText } from './dashboard-text.js';
import { isScale } from './questions.js';
import { isClosed, isDay, parisDay } from './subjects.js';
import type { PetitionResults, QuestionResults, Results } from './results.js';
import type { LatestAnswer, SubjectSummary } from './storage/storage.js';

type PollOthers = { count: number; latest: Array<{ receivedAt: string; text: string; locale?: string }> };

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

/**
 * Users and agents side by side on a rating (the perception gap of the Voironnais barometer): per
 * question, each audience's mean and how many answered, and the gap (the agents' mean minus the users').
 */
function perceptionGap(t: DashboardText, { user, agent }: NonNullable<Results['audiences']>, labels: Labels): string {
  const ids = [...new Set([...Object.keys(user.questions), ...Object.keys(agent.questions)])].filter((id) =>
    isScale((agent.questions[id] ?? user.questions[id]).kind),
  );
  if (!ids.length) return '';
  const decimal = (value: number | undefined) => (value === undefined ? '—' : t.decimal(value));
  // Four columns, each audience's count under its mean, so that the table still reads at 320 px.
  const cell = (question: QuestionResults | undefined) =>
    `<td>${decimal(question?.mean)}<br><span class="meta">${t.count(question?.answered ?? 0, 'answer')}</span></td>`;
  return `<table class="gap">
    <caption>${t.gap.caption}</caption>
    <thead><tr><th scope="col">${t.gap.question}</th><th scope="col">${t.gap.users}</th><th scope="col">${t.gap.agents}</th><th scope="col">${t.gap.gap}</th></tr></thead>
    <tbody>${ids
      .map((id) => {
        const [users, agents] = [user.questions[id], agent.questions[id]];
        const gap =
          users?.mean !== undefined && agents?.mean !== undefined ? Math.round(100 * (agents.mean - users.mean)) / 100 : undefined;
        const signed = gap === undefined ? '—' : `${gap > 0 ? '+' : gap < 0 ? '−' : ''}${decimal(Math.abs(gap))}`;
        return `<tr><th scope="row">${isolated(named(labels, id))}<br><span class="meta">${escape(t.kindLabel((agents ?? users).kind))}</span></th>${cell(users)}${cell(agents)}<td>${signed}</td></tr>`;
      })
      .join('')}</tbody></table>`;
}

/** A subject answered through a definition: the gap for a rating both audiences answered, then each audience's questions. */
function questionResults(t: DashboardText, type: string, { questions, audiences }: Results, labels: Labels): string {
  if (!questions || !audiences) return '';
  const both = audiences.user.total > 0 && audiences.agent.total > 0;
  if (!both) return `<h4>${t.gap.byQuestion}</h4>${questionTables(t, questions, labels)}`;
  return `${eventType(type)?.mirror ? perceptionGap(t, audiences, labels) : ''}
    <div class="audiences">
      <section><h4>${t.gap.users} (${t.count(audiences.user.total, 'answer')})</h4>${questionTables(t, audiences.user.questions, labels)}</section>
      <section><h4>${t.gap.agents} (${t.count(audiences.agent.total, 'answer')})</h4>${questionTables(t, audiences.agent.questions, labels)}</section>
    </div>`;
}

/** A poll: its votes per option (the bars), the total, and how many voters wrote an « Autre » text, with the latest ones. */
function pollResults(t: DashboardText, title: string, results: Results, others: PollOthers | undefined, options: Labels = {}): string {
  const votes = `<p>${t.inAll(t.count(results.total, 'vote'))}</p>${chart(t, title, results, t.poll.votesFor, options)}`;
  if (!others?.count) return votes;
  return `${votes}
    <p>${t.poll.other(others.count, percent(t, others.count, results.total))}</p>
    <h4>${t.poll.latest}</h4>
    <ul>${others.latest.map(({ text, locale, receivedAt }) => quoted({ text, locale, metaHtml: escape(t.date(receivedAt)) })).join('')}</ul>`;
}

const DAY_MS = 86_400_000;

/**
 * A petition's deadline as the team reads it, on the server's clock: a date alone closes at the
 * end of that day (in Paris), a date-time at that instant; days left are counted in Paris days.
 */
function deadline(t: DashboardText, closes: string, now: Date): string {
  const closing = isDay(closes) ? closes : parisDay(Date.parse(closes));
  const today = parisDay(now);
  if (isClosed({ closes }, now)) return t.petition.closed(t.day(closing));
  return t.petition.closes(t.day(closing), Math.round((Date.parse(closing) - Date.parse(today)) / DAY_MS));
}

/** A petition: counted and pending signatures, each threshold reached or how far, progress toward the next, the deadline. */
export function petitionFigures(t: DashboardText, subject: string, petition: PetitionResults, now: Date, index: number): string {
  const { signatures, pending, thresholds = [], closes } = petition;
  const words = t.petition;
  const counts = `<p>${words.counted(signatures, t.whole(pending))}</p>`;
  const next = thresholds.find((threshold) => threshold.count > signatures);
  const share = next && percent(t, signatures, next.count);
  const progress = !thresholds.length
    ? ''
    : next
      ? `<p><label for="progres-${index}">${words.toward(isolated(next.label))}</label><br>
        <progress id="progres-${index}" max="${next.count}" value="${signatures}">${share}</progress>
        <span>${words.progress(t.whole(signatures), t.whole(next.count), share!)}</span></p>`
      : `<p>${words.allReached}</p>`;
  const table = thresholds.length
    ? `<table>
    <caption>${words.thresholdsOf(isolated(subject))}</caption>
    <thead><tr><th scope="col">${words.threshold}</th><th scope="col">${words.state}</th></tr></thead>
    <tbody>${thresholds
      // Two columns, the count under its label, so that labels keep whole words at 320 px.
      .map(
        ({ count, label }) =>
          `<tr><th scope="row">${isolated(label)}<br><span class="meta">${words.signatures(t.whole(count))}</span></th><td>${count <= signatures ? words.reached : words.toGo(count - signatures)}</td></tr>`,
      )
      .join('')}</tbody></table>`
    : '';
  return `${counts}${table}${progress}${closes ? `<p>${escape(deadline(t, closes, now))}</p>` : ''}`;
}

const textOf = (answers: Record<string, unknown>, id: string) => (typeof answers[id] === 'string' ? (answers[id] as string) : undefined);

/** The text and place each latest report or idea is quoted with. */
const quotes: Record<
  'voix.report' | 'voix.idea',
  (answers: Record<string, unknown>, t: DashboardText) => { text?: string; place?: string }
> = {
  'voix.report': (answers) => ({ text: textOf(answers, 'what'), place: textOf(answers, 'where') }),
  'voix.idea': (answers, t) => {
    const [title, description] = [textOf(answers, 'title'), textOf(answers, 'description')];
    return { text: title && description ? `${title}${t.colon} ${description}` : (title ?? description), place: textOf(answers, 'place') };
  },
};

/** Irritants reported, or ideas: how many, per category (the bars), the other questions, then the latest texts with their place. */
function categorisedResults(
  t: DashboardText,
  { type, title, results, texts = [], labels = {} }: DashboardSubject & { title: string },
): string {
  const { total, questions = {} } = results;
  const kind = type as keyof typeof quotes;
  const { noun, caption, latest: heading } = t.categorised[kind];
  const categories = kind === 'voix.report' ? t.reportCategories : t.ideaCategories;
  const { category, ...others } = questions;
  const byCategory = category?.answered
    ? countsTable(t, t.categorised.captionFor(escape(caption), isolated(title)), countRows(t, category, categories), category.answered)
    : '';
  const latest = texts.flatMap(({ answers, locale, receivedAt }) => {
    const { text, place } = quotes[kind](answers, t);
    const metaHtml = [...(place ? [isolated(place)] : []), escape(t.date(receivedAt))].join(' · ');
    return text === undefined ? [] : [quoted({ text, locale, metaHtml })];
  });
  return `<p>${t.inAll(t.count(total, noun))}</p>${byCategory}
    ${Object.keys(others).length ? `<h4>${t.categorised.others}</h4>${questionTables(t, others, labels)}` : ''}
    ${latest.length ? `<h4>${heading}</h4><ul>${latest.join('')}</ul>` : ''}`;
}

/**
 * An agents' pulse at or above the threshold (the server never reads a withheld one's texts): the
 * agree scale's counts and mean, then the latest texts, dated to the day only.
 */
function pulseResults(t: DashboardText, { total, questions = {} }: Results, texts: LatestAnswer[] = [], labels: Labels = {}): string {
  // Where a pulse's text answers fit: what blocks, one idea.
  const fields: Array<[id: string, label: string]> = [
    ['blocks', t.pulse.blocks],
    ['idea', t.pulse.idea],
  ];
  const latest = texts.flatMap(({ answers, locale, receivedAt }) =>
    fields.flatMap(([id, label]) => {
      const text = textOf(answers, id);
      return text === undefined ? [] : [quoted({ text, locale, metaHtml: escape(`${label} · ${t.day(parisDay(new Date(receivedAt)))}`) })];
    }),
  );
  return `<p>${t.pulse.answers(total)}</p>${questionTables(t, questions, labels)}
    ${latest.length ? `<h4>${t.pulse.latest}</h4><ul>${latest.join('')}</ul>` : ''}`;
}

/** A subject's results as its type's dashboard view shows them (the registry's `dashboard`), a petition's aside. */
export function subjectResults(t: DashboardText, summary: DashboardSubject): string {
  const { subject, title = subject, type, results, others, texts, labels = {}, options } = summary;
  const view = eventType(type)?.dashboard;
  if (view === 'poll') return pollResults(t, title, results, others, options);
  if (view === 'categorised' && Object.hasOwn(quotes, type)) return categorisedResults(t, { ...summary, title });
  if (view === 'pulse') return pulseResults(t, results, texts, labels);
  return results.questions && Object.keys(results.questions).length ? questionResults(t, type, results, labels) : chart(t, title, results);
}
