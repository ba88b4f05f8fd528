import { css } from 'lit';

export const feedbackStyles = css`
  :host {
    /* Space kept before and after upgrade, so that the page does not shift. */
    min-block-size: var(--voix-feedback-min-height, 7.5rem);
  }
  .question {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem 1.5rem;
    margin: 0;
  }
  .question legend {
    float: left;
    margin: 0;
  }
  .question .actions {
    clear: both;
  }
  .more {
    margin: 0 0 var(--_space);
    font-weight: 700;
  }
`;
