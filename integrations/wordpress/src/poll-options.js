// The poll's sidebar panel: declared on the collector (the subject alone), or options typed here,
// each sent under a value made from its label (« À vélo » → a-velo), as the shortcode does.
import { Button, PanelBody, TextControl, ToggleControl } from '@wordpress/components';
import { createElement as h } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { cleanForSlug } from '@wordpress/url';

export function PollOptions({ attributes, setAttributes }) {
  const options = attributes.options ?? [];
  const write = (next) =>
    setAttributes({ options: next.map((option) => ({ value: cleanForSlug(option.label) || option.value, label: option.label })) });
  return h(
    PanelBody,
    { title: __('Options', 'voix') },
    h(ToggleControl, {
      label: __('Declared on the collector', 'voix'),
      help: attributes.declared
        ? __('The collector holds the question, the options and the dates of this subject: the block only names it.', 'voix')
        : __('The question and options are typed here.', 'voix'),
      checked: attributes.declared,
      onChange: (declared) => setAttributes({ declared }),
    }),
    !attributes.declared &&
      h(
        'div',
        { className: 'voix-poll-options' },
        options.map((option, index) =>
          h(
            'div',
            { key: index, className: 'voix-poll-option' },
            h(TextControl, {
              /* translators: %d: the option's position, from 1. */
              label: sprintf(__('Option %d', 'voix'), index + 1),
              value: option.label,
              onChange: (label) => write(options.map((each, at) => (at === index ? { ...each, label } : each))),
            }),
            h(
              Button,
              {
                variant: 'link',
                isDestructive: true,
                /* translators: %d: the option's position, from 1. */
                label: sprintf(__('Remove option %d', 'voix'), index + 1),
                onClick: () => write(options.filter((_, at) => at !== index)),
              },
              __('Remove', 'voix'),
            ),
          ),
        ),
        h(Button, { variant: 'secondary', onClick: () => write([...options, { value: '', label: '' }]) }, __('Add an option', 'voix')),
      ),
  );
}
