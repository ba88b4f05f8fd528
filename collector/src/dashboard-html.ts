// The dashboard's building blocks (admin.ts, dashboard-views.ts): escaping, isolation of what people
// wrote, results tables with their bars, quoted texts; each one's words from the language's table.
import { answerKind } from '../../dist/engine/kinds.js';
import type { DashboardText } from './dashboard-text.js';
import { isScale } from './questions.js';
import type { QuestionResults, Results } from './results.js';

export const escape = (text: unknown) =>
  String(text ?? '').replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

/** What people wrote or sent (a subject, an option, a place…), isolated: right-to-left text cannot reorder the page's text around it. */
export const isolated = (text: unknown) => `<bdi>${escape(text)}</bdi>`;

/** A bar drawn in SVG, as a percentage of its column: the page's CSP forbids inline styles. */
const bar = (share: number) =>
  `<svg class="bar" width="100%" height="14" aria-hidden="true" focusable="false"><rect width="${Math.round(100 * share)}%" height="14" fill="#1d4fa8"/></svg>`;

/** A part of a whole as a rounded percentage, « 22 % » or "22%". */
export const percent = (t: DashboardText, part: number, of: number) => t.percent(of ? Math.round((100 * part) / of) : 0);

/**
 * A results table with a bar per row: the numbers are the data, the bars only draw them.
 * Bar lengths are SVG percentages, not inline styles, which the page's CSP forbids; so they
 * shrink with the column on a narrow screen.
 */
export function countsTable(t: DashboardText, captionHtml: string, rows: Array<[label: string, count: number]>, total: number): string {
  const max = Math.max(...rows.map(([, count]) => count));
  return `<table>
    <caption>${captionHtml}</caption>
    <thead><tr><th scope="col">${t.table.answer}</th><th scope="col">${t.table.count}</th><th scope="col">${t.table.share}</th></tr></thead>
    <tbody>${rows
      .map(
        ([label, count]) => `<tr><th scope="row">${isolated(label)}</th><td>${count}</td><td class="share"><div>
          ${bar(count / max)}
          <span>${percent(t, count, total)}</span></div></td></tr>`,
      )
      .join('')}</tbody></table>`;
}

/** Values counted (feedback, a poll's options) with bars, in words when `labels` names them (a page's usefulness). */
export function chart(t: DashboardText, title: string, { total, counts }: Results, captionOf = t.answersFor, labels = t.useful): string {
  const rows = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  if (!rows.length) return `<p>${t.count(total, 'answer')}.</p>`;
  return countsTable(
    t,
    captionOf(isolated(title)),
    rows.map(([key, count]) => [Object.hasOwn(labels, key) ? labels[key] : key, count]),
    total,
  );
}

/** A question's answers in counting order, in words: a scale's scores from low to high, options by how often chosen. */
export function countRows(
  t: DashboardText,
  { kind, counts }: QuestionResults,
  labels: Record<string, string> = {},
): Array<[string, number]> {
  const rows = Object.entries(counts);
  if (isScale(kind)) return rows.sort((a, b) => Number(a[0]) - Number(b[0])).map(([score, count]) => [t.valueLabel(kind, score), count]);
  return rows.sort((a, b) => b[1] - a[1]).map(([value, count]) => [labels[value] ?? t.valueLabel(kind, value), count]);
}

/** Question labels by id (data.definition.labels of the latest answer that sent them): its id when none. */
export type Labels = Record<string, string>;
export const named = (labels: Labels, id: string) => (Object.hasOwn(labels, id) ? labels[id] : id);

/** One table per question (a free text: how many answered, never what they wrote). */
export function questionTables(t: DashboardText, questions: Record<string, QuestionResults>, labels: Labels): string {
  return Object.entries(questions)
    .map(([id, question]) => {
      const caption = t.question(isolated(named(labels, id)), escape(t.kindLabel(question.kind)));
      const answered = t.count(question.answered, 'answer');
      if (question.kind === 'text' || !question.answered) return `<p>${caption}${t.colon} ${answered}.</p>`;
      const max = answerKind(question.kind)?.max;
      const mean = question.mean === undefined ? '' : `<p class="meta">${t.mean(t.decimal(question.mean), max, answered)}</p>`;
      return `${countsTable(t, caption, countRows(t, question), question.answered)}${mean}`;
    })
    .join('');
}

/**
 * A free text as the dashboard lists it: in the language it was written in, when known, its direction
 * its own (dir="auto"), then where and when (`metaHtml`: what people wrote in it isolated).
 */
export const quoted = ({ text, locale, metaHtml }: { text: string; locale?: string; metaHtml: string }) =>
  `<li><blockquote${locale ? ` lang="${escape(locale)}"` : ''} dir="auto">${escape(text)}</blockquote><p class="meta">${metaHtml}</p></li>`;
