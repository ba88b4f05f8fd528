// The sidebar's words: each element attribute's label and help, each listed value's name. The
// attributes themselves come from block.json (written from custom-elements.json).
import { __ } from '@wordpress/i18n';

const LIST = () => __('Items separated by « ; », each « value:Label » or a label.', 'voix');
const DATE = () => __('A date (2027-03-01) or a date and time (2027-03-01T18:00).', 'voix');

/** [label, help] of each attribute, in the language of the editor. */
export const attributeWords = () => ({
  subject: [
    __('Subject', 'voix'),
    __('What the answers are about, as the collector files them (letters, digits, dashes); by default, the page’s address.', 'voix'),
  ],
  question: [__('Question', 'voix'), __('Empty: the widget’s own question.', 'voix')],
  label: [__('Title', 'voix'), __('Empty: the widget’s own title.', 'voix')],
  heading: [__('Title', 'voix'), ''],
  'heading-level': [__('Title level in the page (2 to 6)', 'voix'), ''],
  reasons: [__('Reasons offered after « Non »', 'voix'), LIST()],
  comment: [
    __('Offer a comment', 'voix'),
    __('Whatever is typed is scrubbed of e-mail addresses and phone numbers before it is sent.', 'voix'),
  ],
  scale: [__('Scale', 'voix'), ''],
  criteria: [__('Criteria rated', 'voix'), LIST()],
  preset: [__('Questions', 'voix'), ''],
  categories: [__('Categories offered', 'voix'), LIST()],
  definition: [__('Address of the definition (URL)', 'voix'), __('A JSON file reachable from the visitors’ browsers.', 'voix')],
  multiple: [__('Several answers', 'voix'), ''],
  max: [__('At most (with several answers)', 'voix'), ''],
  other: [__('Offer « Autre » with a text', 'voix'), ''],
  opens: [__('Opens', 'voix'), DATE()],
  closes: [__('Closes', 'voix'), DATE()],
  'show-results': [__('Results shown', 'voix'), ''],
  thresholds: [__('Thresholds', 'voix'), __('« count:What it brings » items separated by « ; », in increasing order.', 'voix')],
  fields: [__('Personal fields asked', 'voix'), __('Among name, postcode and email, separated by « ; ».', 'voix')],
  eligibility: [__('Eligibility declaration', 'voix'), __('Empty: « Je réside, travaille ou étudie dans la commune concernée. »', 'voix')],
  placement: [__('Placement', 'voix'), __('Which spot of the page, sent with each answer.', 'voix')],
  sample: [__('Share of visitors who see it', 'voix'), __('From 0 to 1; empty: everyone.', 'voix')],
  once: [__('Hide it once answered on a device', 'voix'), ''],
  audience: [__('Who answers', 'voix'), ''],
  results: [__('Address of the results', 'voix'), __('Empty: the one of Settings → Voix.', 'voix')],
  refresh: [__('Seconds between two reads of the results', 'voix'), __('At least 10; empty: read once.', 'voix')],
  'privacy-href': [__('Privacy page', 'voix'), __('Empty: the one of Settings → Voix.', 'voix')],
});

/** The name of each listed value, '' being the widget's default. */
export const valueWords = () => ({
  '': __('Default', 'voix'),
  smileys: __('Three faces', 'voix'),
  stars: __('Stars, 1 to 5', 'voix'),
  nps: __('From 0 to 10', 'voix'),
  jdma: __('« Je donne mon avis » (the State’s questions)', 'voix'),
  'after-vote': __('After voting', 'voix'),
  'after-close': __('After the vote closes', 'voix'),
  always: __('Always', 'voix'),
  never: __('Never', 'voix'),
  user: __('Users (residents)', 'voix'),
  agent: __('Agents (staff)', 'voix'),
});
