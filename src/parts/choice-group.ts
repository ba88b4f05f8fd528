import { html, nothing, type TemplateResult } from 'lit';
import type { Choice } from '../core/settings.js';

export interface ChoiceGroupOptions {
  /** Names the inputs (radios of one group share it). */
  name: string;
  legend: string;
  multiple: boolean;
  choices: Choice[];
  selected: readonly string[];
  onChange: (selected: string[]) => void;
  /** The id of a message about the whole group (an error), read with its legend. */
  describedby?: string;
}

/** Native radios (one answer) or checkboxes (several), each inside its label, in a fieldset with a legend. */
export function choiceGroup(options: ChoiceGroupOptions): TemplateResult {
  const { name, legend, multiple, choices, selected, onChange, describedby } = options;
  const change = (event: Event) => {
    const checked = (event.currentTarget as HTMLFieldSetElement).querySelectorAll<HTMLInputElement>(':checked');
    onChange([...checked].map((input) => input.value));
  };
  return html`<fieldset part="field choices" class="choices" aria-describedby=${describedby ?? nothing} @change=${change}>
    <legend part="legend">${legend}</legend>
    ${choices.map(
      (choice) => html`<label class="choice" part="choice">
        <input
          type=${multiple ? 'checkbox' : 'radio'}
          name=${name}
          .value=${choice.value}
          .checked=${selected.includes(choice.value)}
        />
        ${choice.label}
      </label>`,
    )}
  </fieldset>`;
}
