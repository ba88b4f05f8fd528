// What a block writes: the element with the block's attributes, a poll's <option>s, and the no-JS
// fallback; the same for the saved markup and for the editor's preview, so that what the Éditeur
// sees is what visitors get.
import { createElement as h } from '@wordpress/element';
import { FALLBACK_ATTRIBUTES } from './catalogue.mjs';

/** What a declared poll writes: the collector holds its question and options. */
const DECLARED_POLL = ['subject', 'placement', 'sample', 'once', 'show-results', 'results', 'refresh'];

/** The element's attributes from the block's: booleans bare, empty strings left out. */
export function elementAttributes(block, definitions, attributes) {
  const own = { ...block.own, ...FALLBACK_ATTRIBUTES };
  const html = {};
  for (const [name, definition] of Object.entries(definitions)) {
    if (name in own || (attributes.declared && !DECLARED_POLL.includes(name))) continue;
    const value = attributes[name];
    if (definition.type === 'boolean') {
      if (value) html[name] = '';
    } else if (typeof value === 'string' && value.trim() !== '') html[name] = value.trim();
  }
  return html;
}

/** A poll's options, as <option value>Label</option>. */
export const optionElements = (attributes) =>
  attributes.declared
    ? []
    : (attributes.options ?? [])
        .filter((option) => option.label?.trim())
        .map((option) => h('option', { key: option.value, value: option.value }, option.label.trim()));

/** A petition's text, a <p> per paragraph (separated by a blank line). */
export const textElements = (attributes) =>
  (attributes.text ?? '')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph, index) => h('p', { key: `text-${index}` }, paragraph));

/** The no-JavaScript fallback: the sentence, a link when the block has an address. */
export function fallbackElement({ fallbackText = '', fallbackHref = '' }) {
  const text = fallbackText.trim();
  if (!text) return null;
  return h('p', { key: 'fallback' }, fallbackHref.trim() ? h('a', { href: fallbackHref.trim() }, text) : text);
}

/** The widget: element, options, fallback (and, in the preview, a pasted definition). */
export function widget(block, definitions, attributes, extra = []) {
  return h(
    block.element,
    elementAttributes(block, definitions, attributes),
    ...extra,
    ...optionElements(attributes),
    ...textElements(attributes),
    fallbackElement(attributes),
  );
}
