/**
 * The script-tag entry (dist/cdn/voix.js): the runtime every widget needs (Lit and core/), and a
 * loader that fetches each element's code only when its tag is on the page, now or later, so
 * that a page pays for the widgets it uses. It exports VoixWidget, for a page to build a widget of its own.
 */
export { VoixWidget } from './core/voix-widget.js';

const elements: Record<string, () => Promise<unknown>> = {
  'voix-config': () => import('./core/config.js'),
  // generated: widgets (scripts/generate.mjs, from src/event-types.ts: edit the registry, then npm run generate)
  'voix-feedback': () => import('./widgets/feedback/feedback.js'),
  'voix-rating': () => import('./widgets/rating/rating.js'),
  'voix-survey': () => import('./widgets/survey/survey.js'),
  'voix-poll': () => import('./widgets/poll/poll.js'),
  'voix-petition': () => import('./widgets/petition/petition.js'),
  'voix-idea': () => import('./widgets/idea/idea.js'),
  'voix-report': () => import('./widgets/report/report.js'),
  'voix-pulse': () => import('./widgets/pulse/pulse.js'),
  // end of generated widgets
  'voix-launcher': () => import('./widgets/launcher/launcher.js'),
};

function load(): void {
  for (const [tag, importElement] of Object.entries(elements)) {
    if (!document.querySelector(tag)) continue;
    delete elements[tag];
    importElement().catch(console.error);
  }
}

// Imported on a server (SSR) there is no page yet: the browser loads the elements. (voix.js, for a
// <script> tag, is built without this check: rollup.config.mjs.)
if (globalThis.document) {
  load();
  new MutationObserver(load).observe(document.documentElement, { childList: true, subtree: true });
}
