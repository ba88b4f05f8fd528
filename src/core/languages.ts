import { fr } from '../locales/fr.js';
import type { VoixStrings } from './localize.js';
import type { VoixElement } from './voix-element.js';

/**
 * Every language but French: a chunk that voix.js loads only the first time an element, its
 * <voix-config> or the page asks for another language (see LocalizeController), so that a French
 * page pays nothing for them.
 */

type Catalogue = Partial<VoixStrings>;
/** A language as an element speaks it: its tag (sent as `data.locale`), its direction, its text. */
export type Language = [tag: string, dir: 'ltr' | 'rtl', catalogue: Catalogue | Promise<Catalogue>];

/** The shipped catalogues, each a chunk of its own that only pages in that language load. */
const loaders: Record<string, () => Catalogue | Promise<Catalogue>> = {
  fr: () => fr,
  en: () => import('../locales/en.js').then((loaded) => loaded.en),
  es: () => import('../locales/es.js').then((loaded) => loaded.es),
  de: () => import('../locales/de.js').then((loaded) => loaded.de),
  ar: () => import('../locales/ar.js').then((loaded) => loaded.ar),
};
const catalogues: Record<string, Catalogue | Promise<Catalogue>> = {};

/** Languages written right to left (their primary subtag), whose widgets are mirrored. */
const RIGHT_TO_LEFT = /^(ar|ckb|dv|fa|he|ps|sd|ug|ur|yi)\b/;

/**
 * Adds a language, or replaces one's text: `lang="de"` (on a widget, on <voix-config> or in the
 * page) then uses this catalogue, and answers say `data.locale: "de"`. Keys it lacks are taken
 * from French. `tag` is a language tag (`de`, `de-CH`), kept as BCP 47 writes it; `lang="de-AT"`
 * uses `de` when no `de-AT` is known. Call it before the widgets are in the page. French itself is
 * changed with `strings`, not here.
 */
export function registerLocale(tag: string, catalogue: Catalogue): void {
  const canonical = Intl.getCanonicalLocales(tag)[0];
  catalogues[canonical] = catalogue;
  loaders[canonical] = () => catalogue;
}

/**
 * The page's `<script type="application/json" data-voix-locale="de">{…}</script>`, each read once,
 * when a language is looked up: this chunk loads only once an element asks for a language other
 * than French, after the page is parsed (voix.js is a module), so a script placed after the
 * widgets counts, and one the page adds later is read at the next look-up.
 */
const read = new WeakSet<Element>();
function readPageLocales(): void {
  for (const script of document.querySelectorAll('script[data-voix-locale]')) {
    if (read.has(script)) continue;
    read.add(script);
    const tag = script.getAttribute('data-voix-locale');
    try {
      registerLocale(tag!, JSON.parse(script.textContent!));
    } catch {
      console.error(`<script data-voix-locale="${tag}">: expected a language tag and a JSON object of texts.`);
    }
  }
}

/** The known tag for `lang`: itself, else without its last subtag, and so on (`fr-FR` -> `fr`). */
function known(lang: string | null | undefined): string | undefined {
  for (let tag = lang?.toLowerCase(); tag; tag = tag.replace(/-?[^-]*$/, '')) {
    for (const name in loaders) if (name.toLowerCase() === tag) return name;
  }
}

/** `lang` if known, else one named console error on `el` (which then follows the next setting). */
function checkLanguage(el: VoixElement | null, lang: string | undefined): string | undefined {
  const tag = known(lang);
  if (lang && !tag) {
    el?.reportBadValue(
      'lang',
      lang,
      `${Object.keys(loaders).join(', ')} or a language added by registerLocale() or <script data-voix-locale>`,
    );
  }
  return tag;
}

/**
 * The language `el` speaks: its own `lang`, else its <voix-config>'s, else the closest `lang` in
 * the page, else French. An unknown `lang` is reported by the element that has it (the nearest
 * <voix-config> with a `lang` is the one whose language the widget inherits); the page's is the page's.
 */
export function languageOf(el: VoixElement, own?: string, inherited?: string, page?: string | null): Language {
  readPageLocales();
  const tag = checkLanguage(el, own) ?? checkLanguage(el.closest('voix-config[lang]'), inherited) ?? known(page) ?? 'fr';
  const catalogue = (catalogues[tag] ??= loaders[tag]());
  if ('then' in catalogue) void catalogue.then((loaded) => (catalogues[tag] = loaded));
  return [tag, RIGHT_TO_LEFT.test(tag) ? 'rtl' : 'ltr', catalogue];
}
