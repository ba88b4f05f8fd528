import { html, nothing } from 'lit';
import type { Choice } from '../core/settings.js';

export interface ChoiceGroupOptions {
  /** Unique within the shadow root: names the inputs and prefixes their ids. */
  name: string;
  legend: string;
  hint?: string;
  multiple: boolean;
  choices: Choice[];
  selected: readonly string[];
  onChange: (selected: string[]) => void;
}

/** Native radios (one answer) or checkboxes (several) in a fieldset with a legend. */
export function choiceGroup(options: ChoiceGroupOptions) {
  const { name, legend, hint, multiple, choices, selected, onChange } = options;
  const change = (event: Event) => {
    const inputs = (event.currentTarget as HTMLFieldSetElement).querySelectorAll('input');
    onChange(Array.from(inputs).filter((input) => input.checked).map((input) => input.value));
  };
  return html`<fieldset part="choices" class="choices" aria-describedby=${hint ? `${name}-hint` : nothing} @change=${change}>
    <legend part="legend">${legend}</legend>
    ${hint ? html`<p class="hint" id="${name}-hint">${hint}</p>` : nothing}
    ${choices.map(
      (choice, index) => html`<div class="choice">
        <input
          type=${multiple ? 'checkbox' : 'radio'}
          id="${name}-${index}"
          name=${name}
          .value=${choice.value}
          .checked=${selected.includes(choice.value)}
        />
        <label for="${name}-${index}">${choice.label}</label>
      </div>`,
    )}
  </fieldset>`;
}
