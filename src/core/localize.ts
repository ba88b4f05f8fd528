import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { chartFr } from '../results/chart.fr.js';
import type { feedbackFr } from '../locales/feedback.js';
import type { formFr } from '../engine/fr.js';
import type { ideaFr } from '../locales/idea.js';
import type { launcherFr } from '../locales/launcher.js';
import { fr } from '../locales/fr.js';
import type { petitionFr } from '../locales/petition.js';
import type { pollFr } from '../locales/poll.js';
import type { pulseFr } from '../locales/pulse.js';
import type { ratingFr } from '../locales/rating.js';
import type { reportFr } from '../locales/report.js';
import type { resultsFr } from '../results/fr.js';

/** A message, or one form per plural category (Intl.PluralRules), `other` being required. */
export type Message = string | ({ other: string } & Partial<Record<Intl.LDMLPluralRule, string>>);
/** Every key: the core's and each widget's (a widget's French ships in its chunk; en.ts has them all). */
export type VoixStrings = { [Key in keyof (typeof fr & typeof feedbackFr & typeof formFr & typeof ratingFr & typeof resultsFr & typeof chartFr & typeof pollFr & typeof petitionFr & typeof reportFr & typeof pulseFr & typeof launcherFr & typeof ideaFr)]: Message };

/** French ships with the core; other catalogues load when a widget first needs them. */
const loaders: Record<string, () => Promise<Partial<VoixStrings>>> = {
  fr: async () => fr,
  en: async () => (await import('../locales/en.js')).en,
};
const catalogues: Record<string, Partial<VoixStrings> | Promise<Partial<VoixStrings>>> = { fr };
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
  #strings: Partial<VoixStrings>;

  /** `base`: the widget's own French, under the language's catalogue and the overrides. */
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly settings: TextSettings,
    private readonly base?: Partial<VoixStrings>,
  ) {
    // French until the language's catalogue is there (a widget renders nothing meanwhile).
    this.#strings = { ...base, ...fr };
    host.addController(this);
  }

  hostUpdate(): void {
    const [ownLang, ...overrides] = this.settings();
    const lang = ownLang ?? supportedLanguage(this.host.parentElement?.closest('[lang]')?.getAttribute('lang')) ?? 'fr';
    this.lang = lang;
    const catalogue = (catalogues[lang] ??= loaders[lang]().then((loaded) => (catalogues[lang] = loaded)));
    this.ready = !('then' in catalogue);
    if (this.ready) this.#strings = Object.assign({}, this.base, catalogue, ...overrides);
    else void (catalogue as Promise<unknown>).then(() => this.host.requestUpdate());
  }

  /** The message for `key`, with `{name}` replaced from `values` and the plural form chosen by `count`. */
  t(key: keyof VoixStrings, values: Record<string, string | number> = {}): string {
    // A widget asks only for its own keys and the core's, which its base and fr.ts always give.
    const message = this.#strings[key]!;
    const text = typeof message === 'string' ? message : (message[new Intl.PluralRules(this.lang).select(+(values.count ?? 0))] ?? message.other);
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));
  }
}
