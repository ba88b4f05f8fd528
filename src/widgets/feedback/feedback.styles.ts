import { css } from 'lit';

export const feedbackStyles = css`
  :host {
    /* The space kept before upgrade (dist/cdn/voix.css) and after it, so that the page does not shift. */
    min-height: var(--voix-feedback-min-height, 7.5rem);
  }
`;
