// The plugin's blocks, one per widget an Éditeur places on a page. scripts/build-wordpress.mjs
// writes each voix/blocks/<name>/block.json from this table and the element's attributes in
// custom-elements.json (never typed by hand); src/blocks.js registers them in the editor.
// Titles and descriptions are in English, translated by WordPress from languages/voix-<locale>.po
// (msgctxt "block title" / "block description").

/** Attributes the site's settings give every widget (Réglages → Voix), not each block. */
export const SETTINGS_ATTRIBUTES = ['endpoint', 'lang', 'kiosk'];

/** Attributes shown under « Advanced » in the sidebar; the others under the block's own panel. */
export const ADVANCED_ATTRIBUTES = ['placement', 'sample', 'once', 'audience', 'results', 'refresh', 'privacy-href'];

/**
 * Each block: its name (voix/<name>), the element, title, description, Dashicon, keywords, the
 * attributes' defaults, and the attributes of its own beyond the element's.
 */
export const BLOCKS = [
  {
    name: 'feedback',
    element: 'voix-feedback',
    title: 'Page feedback',
    description: 'Asks visitors whether the page was useful, with the reasons when it was not.',
    icon: 'feedback',
    keywords: ['opinion', 'feedback', 'useful'],
  },
  {
    name: 'rating',
    element: 'voix-rating',
    title: 'Service rating',
    description:
      'A card to rate a service (the reception desk, an online procedure), by default with the State’s « Je donne mon avis » questions.',
    icon: 'star-filled',
    keywords: ['rating', 'JDMA', 'service', 'satisfaction'],
    defaults: { preset: 'jdma' },
  },
  {
    name: 'poll',
    element: 'voix-poll',
    title: 'Poll',
    description: 'A question with options to vote for, edited in the sidebar, or a poll declared on the collector.',
    icon: 'chart-bar',
    keywords: ['poll', 'vote', 'consultation'],
    // The options as the Éditeur typed them ({ value, label }), written as the poll's <option>s;
    // `declared`: the collector holds the question and options, the block only names the subject.
    own: { options: { type: 'array', default: [] }, declared: { type: 'boolean', default: false } },
  },
  {
    name: 'petition',
    element: 'voix-petition',
    title: 'Petition',
    description: 'A petition to sign, with its count and the thresholds that oblige the council.',
    icon: 'megaphone',
    keywords: ['petition', 'signature'],
    // The petition's text, paragraphs separated by a blank line: its children, shown with the
    // widget and alone without JavaScript; so no fallback sentence, which would show with them.
    own: { text: { type: 'string', default: '' } },
    fallback: false,
  },
  {
    name: 'idea',
    element: 'voix-idea',
    title: 'Idea box',
    description: 'Residents propose an idea for the commune, with a theme.',
    icon: 'lightbulb',
    keywords: ['idea', 'proposal', 'participation'],
  },
  {
    name: 'report',
    element: 'voix-report',
    title: 'Report a problem',
    description: 'Residents report a difficulty with a service, in a category.',
    icon: 'flag',
    keywords: ['report', 'difficulty', 'problem'],
  },
  {
    name: 'survey',
    element: 'voix-survey',
    title: 'Questionnaire',
    description: 'Questions from a definition pasted in the sidebar or given by its address, checked in the editor.',
    icon: 'forms',
    keywords: ['questionnaire', 'survey', 'form'],
    // A pasted definition: kept in the block's comment, written into the page when it is shown
    // (WordPress strips a <script> an Éditeur saves, so it cannot live in the saved markup).
    own: { definitionText: { type: 'string', default: '' } },
  },
];

/** The no-JavaScript fallback every block saves inside its element: a sentence, and a link when given. */
export const FALLBACK_ATTRIBUTES = {
  fallbackText: { type: 'string', default: '' },
  fallbackHref: { type: 'string', default: '' },
};

/** The literal values of a manifest type such as `'smileys' | 'stars' | 'nps' | undefined`, or null. */
export function literals(typeText = '') {
  const parts = typeText.split('|').map((part) => part.trim());
  const quoted = parts.filter((part) => /^'[^']*'$/.test(part)).map((part) => part.slice(1, -1));
  return quoted.length && quoted.length + parts.filter((part) => part === 'undefined').length === parts.length ? quoted : null;
}

/** block.json of one block, from its row and the element's declaration in custom-elements.json. */
export function blockJson(block, declaration, version) {
  const attributes = {};
  for (const attribute of declaration.attributes ?? []) {
    if (SETTINGS_ATTRIBUTES.includes(attribute.name)) continue;
    const type = attribute.type?.text ?? 'string';
    const values = literals(type);
    attributes[attribute.name] = /^boolean( \| undefined)?$/.test(type)
      ? { type: 'boolean', default: false }
      : { type: 'string', ...(values ? { enum: ['', ...values] } : {}), default: block.defaults?.[attribute.name] ?? '' };
  }
  return {
    $schema: 'https://schemas.wp.org/trunk/block.json',
    apiVersion: 2,
    name: `voix/${block.name}`,
    version,
    title: block.title,
    category: 'widgets',
    icon: block.icon,
    description: block.description,
    keywords: block.keywords,
    textdomain: 'voix',
    attributes: { ...attributes, ...block.own, ...(block.fallback === false ? {} : FALLBACK_ATTRIBUTES) },
    supports: { html: false, align: ['wide', 'full'] },
    editorScript: 'voix-blocks',
    editorStyle: 'voix-blocks',
  };
}
