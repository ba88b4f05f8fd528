import { css } from 'lit';

export const petitionStyles = css`
  .heading {
    font-size: 1.25em;
    font-weight: 700;
    margin: 0 0 0.5rem;
  }
  .count {
    font-size: 1.125em;
    margin: 1rem 0 0.25rem;
  }
  progress {
    display: block;
    width: 100%;
    height: 1rem;
    accent-color: var(--voix-color-accent, #1d4fa8);
  }
  .thresholds {
    margin: 0.5rem 0;
    padding-inline-start: 1.25rem;
  }
  .reached {
    color: var(--voix-color-success, #17693a);
    font-weight: 700;
  }
  .field {
    margin: 0 0 1rem;
  }
  .error {
    color: var(--voix-color-error, #b3261e);
    font-weight: 700;
    margin: 0 0 0.5rem;
  }
`;
