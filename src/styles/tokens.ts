import { css } from 'lit';

/**
 * The base look shared by every widget, parts/ included. Every public token (`--voix-color-accent`,
 * `--voix-radius`, `--voix-font`…) is read with a literal fallback, so that a widget looks right
 * on a page with no theme at all. Native controls keep their forced-colors rendering.
 */
export const baseStyles = css`
  :host {
    display: block;
    color: var(--voix-color-text, #1e1e1e);
    font: var(--voix-font-size, 1rem) / 1.5 var(--voix-font, system-ui, sans-serif);
  }
  :host([state=hidden]) {
    display: none;
  }
  .card {
    background: var(--voix-color-surface, #fff);
    border: 1px solid var(--voix-color-border, #767676);
    border-radius: var(--voix-radius, 0.5rem);
    padding: var(--voix-space, 1rem);
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  legend,
  label[for] {
    display: block;
    font-weight: 700;
    margin-bottom: 0.5rem;
  }
  .hint {
    color: var(--voix-color-muted, #595959);
    margin: 0 0 0.5rem;
  }
  button {
    font: inherit;
    min-height: 2.75rem;
    padding: 0.5rem 1.25rem;
    border-radius: var(--voix-radius, 0.5rem);
    border: 2px solid var(--voix-color-accent, #1d4fa8);
    background: none;
    color: var(--voix-color-accent, #1d4fa8);
  }
  .primary {
    background: var(--voix-color-accent, #1d4fa8);
    color: var(--voix-color-on-accent, #fff);
  }
  :disabled {
    opacity: 0.7;
  }
  :focus-visible {
    outline: 3px solid var(--voix-color-focus, #0a76f6);
    outline-offset: 2px;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
  }
  a {
    color: var(--voix-color-accent, #1d4fa8);
  }
  /* parts/choice-group */
  .choice {
    display: flex;
    gap: 0.5rem;
    margin: 0.5rem 0;
  }
  input {
    flex: none;
    width: 1.5rem;
    height: 1.5rem;
    margin: 0;
    accent-color: var(--voix-color-accent, #1d4fa8);
  }
  /* parts/comment-box; its textarea's look is also that of the text fields of the engine, the poll and the petition
     (an attribute selector: it wins over input, sized for boxes) */
  .comment {
    margin: 1rem 0;
  }
  textarea,
  [type=text],
  [type=email] {
    box-sizing: border-box;
    width: 100%;
    height: auto;
    font: inherit;
    padding: 0.5rem;
  }
  /* The count that screen readers speak at a few thresholds, not shown: clipped out of sight and out of the layout. */
  [aria-live] {
    position: absolute;
    clip-path: inset(50%);
  }
  /* parts/status-region */
  [role=status] strong {
    color: var(--voix-color-success, #17693a);
  }
  [role=alert] strong {
    color: var(--voix-color-error, #b3261e);
  }
`;
