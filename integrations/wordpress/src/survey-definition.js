// The questionnaire's definition, pasted or at an address, checked in the editor by the widgets'
// own checker (dist/engine/check-definition.js): the first bad place as a JSON pointer.
import { Notice, PanelBody, TextareaControl } from '@wordpress/components';
import { createElement as h, useEffect, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { checkDefinition } from '../../../dist/engine/check-definition.js';

/** '' when the text is a usable definition, else why not, in words. */
export function definitionProblem(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    /* translators: %s: the JSON parser's message. */
    return sprintf(__('This is not JSON: %s', 'voix'), error.message);
  }
  const checked = checkDefinition(value);
  return 'error' in checked
    ? /* translators: 1: where, as a JSON pointer (/steps/0/questions/2/kind); 2: what is expected there. */
      sprintf(__('Refused at %1$s: %2$s expected.', 'voix'), checked.error.pointer || '/', checked.error.expected)
    : '';
}

/**
 * The definition's check, for the sidebar and the preview: { problem, checking }. Pasted text at
 * once, an address once fetched (the preview waits for it: a widget given a bad address would only
 * complain in the console).
 */
export function useDefinitionCheck(text = '', url = '') {
  const [check, setCheck] = useState(() => ({
    problem: text.trim() ? definitionProblem(text) : '',
    checking: !text.trim() && Boolean(url.trim()),
  }));
  useEffect(() => {
    if (text.trim()) return setCheck({ problem: definitionProblem(text), checking: false });
    if (!url.trim()) return setCheck({ problem: '', checking: false });
    let current = true;
    setCheck({ problem: '', checking: true });
    const done = (problem) => current && setCheck({ problem, checking: false });
    fetch(url.trim(), { credentials: 'omit' })
      .then((response) => (response.ok ? response.text() : Promise.reject(new Error(`HTTP ${response.status}`))))
      .then((body) => done(definitionProblem(body)))
      /* translators: %s: why the address could not be read (HTTP 404, a network error). */
      .catch((error) => done(sprintf(__('The address could not be read: %s', 'voix'), error.message)));
    return () => {
      current = false;
    };
  }, [text, url]);
  return check;
}

export function DefinitionPanel({ attributes, setAttributes, check: { problem, checking } }) {
  const given = attributes.definitionText.trim() || attributes.definition.trim();
  return h(
    PanelBody,
    { title: __('Definition', 'voix') },
    h(TextareaControl, {
      label: __('Definition pasted here (JSON)', 'voix'),
      help: __('Or its address under Widget. A pasted definition comes first.', 'voix'),
      rows: 8,
      value: attributes.definitionText,
      onChange: (definitionText) => setAttributes({ definitionText }),
    }),
    given &&
      !checking &&
      h(
        Notice,
        { status: problem ? 'error' : 'success', isDismissible: false, politeness: 'polite' },
        problem || __('The definition is valid.', 'voix'),
      ),
  );
}

/** In the preview, a pasted definition as the element's child (on the page, includes/blocks.php writes it). */
export const definitionChild = (block, attributes) =>
  block.name === 'survey' && attributes.definitionText?.trim()
    ? [h('script', { key: 'definition', type: 'application/json', dangerouslySetInnerHTML: { __html: attributes.definitionText } })]
    : [];
