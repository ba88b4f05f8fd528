import { css, html, nothing, svg, type TemplateResult } from 'lit';
import type { LocalizeController } from '../core/localize.js';
import { longDay } from '../core/dates.js';
import type { ResultsController } from './results.js';
import type { Choice } from '../core/settings.js';

/**
 * A subject's results as bars: a list in a figure, so that a screen reader reads each option as
 * one sentence ("Parc : 3 votes, 30 %") and the bars, drawn beside, are hidden from it. Values the
 * widget does not list are added up under "Autres réponses": they are part of the total, and the
 * shares would not add up without them. Shares are of participations (several per person when
 * choices are multiple), each rounded to a tenth, so that equal counts show equal shares (1/1/1:
 * 33,3 % each; the sum stays within a few tenths of 100). A total of 0 gives 0 %. A single-choice
 * poll whose counts add up past the total (votes of several choices sent to an undeclared subject:
 * the collector cannot know the poll takes one) shows shares of the votes instead, which add up to
 * 100 % again, rather than no results at all.
 * Loading and error are told in a status region that is always there, so that the change is read;
 * so is the figures' arrival when `announce` (after a vote on this page, not when shown at load).
 * The figure is named by its caption (Chromium names a figure by its figcaption in no API).
 * The bars are SVG rects sized by an attribute: a `style` would need 'unsafe-inline' under a strict CSP.
 */
export function resultsChart(
  controller: ResultsController,
  options: readonly Choice[],
  i18n: LocalizeController,
  announce?: boolean,
): TemplateResult {
  const { state, results } = controller;
  const status =
    state === 'loading'
      ? i18n.t('resultsLoading')
      : state === 'error'
        ? i18n.t('resultsError')
        : results && announce
          ? i18n.t('resultsShown')
          : nothing;
  return html`<div part="results-status" role="status">${status}</div>${results ? figure() : nothing}`;

  function figure() {
    const { total, counts, others, updated } = results!;
    const number = new Intl.NumberFormat(i18n.lang);
    const percent = new Intl.NumberFormat(i18n.lang, { style: 'percent', maximumFractionDigits: 1 });
    const othersCount = Object.values(others).reduce((sum, count) => sum + count, 0);
    const rows = options.map(({ value, label }) => [label, counts[value] ?? 0] as const);
    if (othersCount) rows.push([i18n.t('resultsOthers'), othersCount]);
    const votes = rows.reduce((sum, [, count]) => sum + count, 0);
    const base = controller.multiple ? total : Math.max(total, votes);
    // The {time} of the message becomes an element: the text around it is kept as it is.
    const [before, after] = i18n.t('resultsUpdated').split('{time}');
    return html`<figure part="results" class="results" aria-labelledby="results-title">
      <figcaption id="results-title">${i18n.t('resultsTitle')}</figcaption>
      <ul>
        ${rows.map(([label, count]) => {
          const share = base ? count / base : 0;
          // A formatted count ("1 234") selects `other`, the right form for any count past 1.
          return html`<li>
            ${i18n.t('resultsOption', { label, count: number.format(count), share: percent.format(share) })}
            <svg class="bar" aria-hidden="true">${svg`<rect height="100%" width=${`${share * 100}%`}></rect>`}</svg>
          </li>`;
        })}
      </ul>
      <p>${i18n.t('resultsTotal', { count: number.format(total) })}</p>
      ${
        updated
          ? html`<p>${before}<time datetime=${updated}>${longDay(i18n.lang, Date.parse(updated), false, true)}</time>${after}</p>`
          : nothing
      }
    </figure>`;
  }
}

/** The chart's look, added by each widget that shows results after baseStyles. */
export const resultsChartStyles = css`
  .results {
    margin: 1rem 0 0;
  }
  .results figcaption {
    font-weight: 700;
  }
  .results ul {
    list-style: none;
    margin: 0.5rem 0;
    padding: 0;
  }
  .results li {
    margin: 0 0 0.75rem;
  }
  .results p {
    margin: 0;
    color: var(--voix-color-muted, #595959);
  }
  .bar {
    display: block;
    box-sizing: border-box;
    width: 100%;
    height: 0.75rem;
    border: 1px solid var(--voix-color-border, #767676);
    border-radius: 0.25rem;
  }
  /* The bar grows from where the line starts: the right, in a language written right to left. */
  .bar:dir(rtl) {
    scale: -1 1;
  }
  .bar rect {
    fill: var(--voix-results-bar-color, var(--voix-color-accent, #1d4fa8));
  }
  /* System colours chosen here rather than left to the browser, which may not force an SVG fill. */
  @media (forced-colors: active) {
    .bar {
      forced-color-adjust: none;
      background: Canvas;
      border-color: CanvasText;
    }
    .bar rect {
      fill: CanvasText;
    }
  }
`;
