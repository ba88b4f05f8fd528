// The editor's side of every block: the real widget as a preview (inert: nothing is sent from the
// editor) inside a <voix-config> carrying the site's settings, and the sidebar with the element's
// attributes, the poll's options or the questionnaire's definition, and the no-JS fallback.
import { InspectorControls, useBlockProps } from '@wordpress/block-editor';
import { getBlockType } from '@wordpress/blocks';
import { PanelBody, Placeholder, SelectControl, TextareaControl, TextControl, ToggleControl } from '@wordpress/components';
import { createElement as h, useEffect } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { ADVANCED_ATTRIBUTES, FALLBACK_ATTRIBUTES } from './catalogue.mjs';
import { attributeWords, valueWords } from './controls.js';
import { widget } from './markup.js';
import { PollOptions } from './poll-options.js';
import { DefinitionPanel, definitionChild, useDefinitionCheck } from './survey-definition.js';

/** What the plugin tells the editor (wp_add_inline_script in includes/blocks.php). */
const site = () => globalThis.voixBlocks ?? { config: {}, contact: '' };

/** The poll's attributes that a declared poll takes from the collector instead. */
const DECLARED_ELSEWHERE = ['question', 'multiple', 'max', 'other', 'opens', 'closes'];

function control(name, definition, value, set) {
  const [label, help] = attributeWords()[name] ?? [name, ''];
  const onChange = (next) => set({ [name]: next });
  if (definition.type === 'boolean') return h(ToggleControl, { key: name, label, help, checked: Boolean(value), onChange });
  if (definition.enum) {
    const words = valueWords();
    const options = definition.enum.map((choice) => ({
      value: choice,
      label: choice === '' && name === 'preset' ? __('The card’s own questions', 'voix') : (words[choice] ?? choice),
    }));
    return h(SelectControl, { key: name, label, help, value, options, onChange });
  }
  return h(TextControl, { key: name, label, help, value, onChange });
}

export const edit = (block) =>
  function Edit({ attributes, setAttributes }) {
    const definitions = getBlockType(`voix/${block.name}`).attributes;
    // A questionnaire's definition, checked (other blocks have none: nothing to check).
    const check = useDefinitionCheck(attributes.definitionText, block.name === 'survey' ? attributes.definition : '');
    const own = { ...block.own, ...FALLBACK_ATTRIBUTES };
    // A new block's fallback: a link to the contact page set in Réglages → Voix, else a sentence.
    useEffect(() => {
      if (block.fallback === false || attributes.fallbackText || attributes.fallbackHref) return;
      const { contact } = site();
      setAttributes(
        contact
          ? { fallbackText: __('Give us your opinion', 'voix'), fallbackHref: contact }
          : { fallbackText: __('This form needs JavaScript.', 'voix') },
      );
    }, []);

    // The subject first: what the answers are filed under.
    const names = ['subject', ...Object.keys(definitions).filter((name) => name !== 'subject')].filter(
      (name) => !(name in own) && !(attributes.declared && DECLARED_ELSEWHERE.includes(name)),
    );
    const controls = (advanced) =>
      names
        .filter((name) => ADVANCED_ATTRIBUTES.includes(name) === advanced)
        .map((name) => control(name, definitions[name], attributes[name], setAttributes));

    const sidebar = h(
      InspectorControls,
      null,
      block.name === 'poll' && h(PollOptions, { attributes, setAttributes }),
      block.name === 'survey' && h(DefinitionPanel, { attributes, setAttributes, check }),
      block.name === 'petition' &&
        h(
          PanelBody,
          { title: __('Text of the petition', 'voix') },
          h(TextareaControl, {
            label: __('What the signers ask', 'voix'),
            help: __('Paragraphs separated by a blank line; shown above the form, and alone without JavaScript.', 'voix'),
            rows: 6,
            value: attributes.text,
            onChange: (text) => setAttributes({ text }),
          }),
        ),
      h(PanelBody, { title: __('Widget', 'voix') }, controls(false)),
      block.fallback !== false &&
        h(
          PanelBody,
          { title: __('Without JavaScript', 'voix'), initialOpen: false },
          h(TextControl, {
            label: __('Sentence shown', 'voix'),
            value: attributes.fallbackText,
            onChange: (fallbackText) => setAttributes({ fallbackText }),
          }),
          h(TextControl, {
            label: __('Its link (a contact form, say)', 'voix'),
            type: 'url',
            value: attributes.fallbackHref,
            onChange: (fallbackHref) => setAttributes({ fallbackHref }),
          }),
        ),
      h(PanelBody, { title: __('Advanced', 'voix'), initialOpen: false }, controls(true)),
    );
    return h('div', useBlockProps(), sidebar, preview(block, definitions, attributes, check));
  };

/** The widget as visitors will see it, or what is missing for it. */
function preview(block, definitions, attributes, check) {
  const missing = whatIsMissing(block, attributes, check);
  if (missing) return h(Placeholder, { icon: block.icon, label: blockTitle(block), instructions: missing });
  const config = site().config;
  // Keyed on the attributes: a widget reads its settings and children when it connects.
  return h(
    'div',
    { className: 'voix-block-preview', inert: '' },
    h(
      'voix-config',
      { ...config, key: JSON.stringify(attributes) },
      widget(block, definitions, attributes, definitionChild(block, attributes)),
    ),
  );
}

const blockTitle = (block) => getBlockType(`voix/${block.name}`).title;

function whatIsMissing(block, attributes, { problem, checking }) {
  if (block.name === 'poll' && attributes.declared && !attributes.subject.trim())
    return __('Give the subject the poll is declared under on the collector (Widget → Subject).', 'voix');
  if (block.name === 'poll' && !attributes.declared && (attributes.options ?? []).filter((option) => option.label.trim()).length < 2)
    return __('Add two options or more in the sidebar (Options), or declare the poll on the collector.', 'voix');
  if (block.name === 'survey' && !attributes.definitionText.trim() && !attributes.definition.trim())
    return __('Paste a definition, or give its address, in the sidebar (Definition).', 'voix');
  // A definition is shown once it is usable (the sidebar says why not).
  if (block.name === 'survey' && checking) return __('Reading the definition…', 'voix');
  if (block.name === 'survey' && problem) return problem;
  return '';
}
