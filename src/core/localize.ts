import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FormStrings } from '../locales/form.js';
import { fr } from '../locales/fr.js';

/** A message, or one form per plural category (Intl.PluralRules), `other` being required. */
export type Message = string | ({ other: string } & Partial<Record<Intl.LDMLPluralRule, string>>);
// The form engine's keys are optional: their catalogue (locales/form.ts) loads only with the engine.
export type VoixStrings = { [Key in keyof typeof fr]: Message } & Partial<FormStrings>;

/** French ships with the core; other catalogues load when a widget first needs them. */
const loaders: Record<string, () => Promise<VoixStrings>> = {
  fr: async () => fr,
  en: async () => (await import('../locales/en.js')).en,
};
const catalogues: Record<string, VoixStrings | Promise<VoixStrings>> = { fr };
export const supportedLanguages = Object.keys(loaders);

/** The primary language subtag if Voix has a catalogue for it (`fr-FR` -> `fr`), else undefined. */
export function supportedLanguage(lang: string | null | undefined): string | undefined {
  const primary = lang?.toLowerCase().split('-')[0];
  return primary && primary in loaders ? primary : undefined;
}

/** The element's own language (validated) or its <voix-config>'s, then text overrides, weakest first. */
export type TextSettings = () => [lang: string | undefined, ...overrides: Array<Partial<VoixStrings> | undefined>];

/**
 * Text in the nearest language: the element's `lang`, then <voix-config>'s, then the closest
 * `lang` in the page, then French. Per-instance overrides come through `strings`.
 */
export class LocalizeController implements ReactiveController {
  lang = 'fr';
  /** False while the catalogue of `lang` is loading; the widget then renders nothing yet. */
  ready = true;
  #strings: VoixStrings = fr;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly settings: TextSettings,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const [ownLang, ...overrides] = this.settings();
    const lang = ownLang ?? supportedLanguage(this.host.parentElement?.closest('[lang]')?.getAttribute('lang')) ?? 'fr';
    this.lang = lang;
    const catalogue = (catalogues[lang] ??= loaders[lang]().then((loaded) => (catalogues[lang] = loaded)));
    this.ready = !('then' in catalogue);
    if (this.ready) this.#strings = Object.assign({}, catalogue, ...overrides);
    else void (catalogue as Promise<VoixStrings>).then(() => this.host.requestUpdate());
  }

  /** The message for `key`, with `{name}` replaced from `values` and the plural form chosen by `count`. */
  t(key: keyof VoixStrings, values: Record<string, string | number> = {}): string {
    // An engine key is always among the overrides when the engine asks for it (parts/question-form.ts).
    const message = (this.#strings[key] ?? (fr as VoixStrings)[key])!;
    const text = typeof message === 'string' ? message : (message[new Intl.PluralRules(this.lang).select(+(values.count ?? 0))] ?? message.other);
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));
  }
}
