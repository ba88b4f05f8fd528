import { css } from 'lit';

/**
 * Design tokens and the base look shared by every widget. Each public token
 * (`--voix-color-accent`, `--voix-radius`, `--voix-font`…) ends in a literal fallback, so a widget
 * looks right on a page with no theme at all.
 */
export const baseStyles = css`
  :host {
    --_accent: var(--voix-color-accent, #1d4fa8);
    --_on-accent: var(--voix-color-on-accent, #fff);
    --_text: var(--voix-color-text, #1e1e1e);
    --_muted: var(--voix-color-muted, #595959);
    --_surface: var(--voix-color-surface, #fff);
    --_border: var(--voix-color-border, #767676);
    --_success: var(--voix-color-success, #17693a);
    --_error: var(--voix-color-error, #b3261e);
    --_radius: var(--voix-radius, 0.5rem);
    --_space: var(--voix-space, 1rem);
    display: block;
    box-sizing: border-box;
    color: var(--_text);
    font-family: var(--voix-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--voix-font-size, 1rem);
    line-height: 1.5;
  }
  :host([state='hidden']) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  .card {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    max-inline-size: var(--voix-max-width, 40rem);
  }
  fieldset {
    border: 0;
    margin: 0 0 var(--_space);
    padding: 0;
    min-inline-size: 0;
  }
  legend {
    font-weight: 700;
    padding: 0;
    margin-block-end: 0.5rem;
  }
  .hint {
    color: var(--_muted);
    margin: 0 0 0.5rem;
    font-size: 0.875em;
  }
  button {
    font: inherit;
    min-block-size: 2.75rem;
    min-inline-size: 2.75rem;
    padding: 0.5rem 1.25rem;
    border-radius: var(--_radius);
    border: 2px solid var(--_accent);
    background: var(--_surface);
    color: var(--_accent);
    cursor: pointer;
  }
  button.primary {
    background: var(--_accent);
    color: var(--_on-accent);
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
    color: var(--_accent);
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (forced-colors: active) {
    button,
    .card {
      border-color: ButtonText;
    }
    button.primary {
      forced-color-adjust: none;
      background: ButtonText;
      color: ButtonFace;
    }
    :focus-visible {
      outline-color: Highlight;
    }
  }
`;
