/**
 * The script-tag entry (dist/cdn/voix.js): loads each widget's code only when its tag is on the
 * page, now or later, so that a page pays for the widgets it uses.
 */
const widgets: Record<string, () => Promise<unknown>> = {
  'voix-feedback': () => import('./widgets/feedback/feedback.js'),
};

const requested = new Set<string>();
// <voix-config> comes first, so that the widgets inside find their settings on first render.
let config: Promise<unknown> | undefined;

function load(root: ParentNode): void {
  for (const [tag, importWidget] of Object.entries(widgets)) {
    if (requested.has(tag) || !root.querySelector(tag)) continue;
    requested.add(tag);
    config ??= import('./core/config.js');
    config.then(importWidget).catch((error: unknown) => console.error(`Voix could not load <${tag}>:`, error));
  }
}

load(document);
new MutationObserver(() => load(document)).observe(document.documentElement, { childList: true, subtree: true });
