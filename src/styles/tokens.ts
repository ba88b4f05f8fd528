import { css } from 'lit';

/**
 * The base look shared by every widget. Every public token (`--voix-color-accent`,
 * `--voix-radius`, `--voix-font`…) is read with a literal fallback, so that a widget looks right
 * on a page with no theme at all. Native controls keep their forced-colors rendering.
 */
export const baseStyles = css`
  :host {
    display: block;
    color: var(--voix-color-text, #1e1e1e);
    font: var(--voix-font-size, 1rem) / 1.5 var(--voix-font, system-ui, sans-serif);
  }
  :host([state='hidden']) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  .card {
    background: var(--voix-color-surface, #fff);
    border: 1px solid var(--voix-color-border, #767676);
    border-radius: var(--voix-radius, 0.5rem);
    padding: var(--voix-space, 1rem);
    max-width: var(--voix-max-width, 40rem);
  }
  fieldset {
    border: 0;
    margin: 0 0 1rem;
    padding: 0;
    min-width: 0;
  }
  legend {
    font-weight: 700;
    padding: 0;
    margin-bottom: 0.5rem;
  }
  .hint {
    color: var(--voix-color-muted, #595959);
    margin: 0 0 0.5rem;
    font-size: 0.875em;
  }
  button {
    font: inherit;
    min-height: 2.75rem;
    min-width: 2.75rem;
    padding: 0.5rem 1.25rem;
    border-radius: var(--voix-radius, 0.5rem);
    border: 2px solid var(--voix-color-accent, #1d4fa8);
    background: var(--voix-color-surface, #fff);
    color: var(--voix-color-accent, #1d4fa8);
    cursor: pointer;
  }
  .primary {
    background: var(--voix-color-accent, #1d4fa8);
    color: var(--voix-color-on-accent, #fff);
  }
  button:hover {
    text-decoration: underline;
  }
  button:disabled {
    cursor: progress;
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
`;
