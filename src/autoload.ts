/**
 * The script-tag entry (dist/cdn/voix.js): loads each widget's code only when its tag is on the
 * page, now or later, so that a page pays for the widgets it uses.
 */
const elements: Record<string, () => Promise<unknown>> = {
  'voix-config': () => import('./core/config.js'),
  'voix-feedback': () => import('./widgets/feedback/feedback.js'),
};

const requested = new Set<string>();

function load(root: ParentNode): void {
  for (const [tag, importElement] of Object.entries(elements)) {
    if (requested.has(tag) || !root.querySelector(tag)) continue;
    requested.add(tag);
    importElement().catch((error: unknown) => console.error(`Voix could not load <${tag}>:`, error));
  }
}

load(document);
new MutationObserver(() => load(document)).observe(document.documentElement, { childList: true, subtree: true });
