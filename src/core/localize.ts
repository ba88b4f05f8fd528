import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { fr } from '../locales/fr.js';
import type { Language } from './languages.js';
import type { VoixElement } from './voix-element.js';

/** A message, or one form per plural category (Intl.PluralRules), `other` being required. */
export type Message = string | ({ other: string } & Partial<Record<Intl.LDMLPluralRule, string>>);
/** A catalogue's keys, each a Message: what a French catalogue adds to VoixStrings. */
export type Messages<Catalogue> = { [Key in keyof Catalogue]: Message };

/**
 * Every key of the text. Declared here with the core's keys (fr.ts); each widget's French
 * catalogue, in its chunk, adds its own by augmenting this interface, so that the core knows no
 * widget's text:
 *
 *     type PollStrings = Messages<typeof pollFr>;
 *     declare module '../core/localize.js' {
 *       interface VoixStrings extends PollStrings {}
 *     }
 *
 * en.ts, typed with it, must then have every key of every catalogue.
 */
export interface VoixStrings extends Messages<typeof fr> {}

/** core/languages.ts, once an element has asked for a language other than French. */
let languages: typeof import('./languages.js') | undefined;

/** The element's own `lang`, <voix-config>'s, then text overrides, weakest first. */
export type TextSettings = () => [
  lang: string | undefined,
  inherited: string | undefined,
  ...overrides: Array<Partial<VoixStrings> | undefined>,
];

/**
 * Text in the nearest language: the element's `lang`, then <voix-config>'s, then the closest
 * `lang` in the page, then French. Per-instance overrides come through `strings`.
 */
export class LocalizeController implements ReactiveController {
  lang = 'fr';
  /** The writing direction of `lang`, set on each widget's card (and the launcher's button and dialog). */
  dir: 'ltr' | 'rtl' = 'ltr';
  /** False while the catalogue of `lang` is loading; the widget then renders nothing yet. */
  ready = true;
  #strings: Partial<VoixStrings>;

  /** `base`: the widget's own French, under the language's catalogue and the overrides. */
  constructor(
    private readonly host: ReactiveControllerHost & VoixElement,
    private readonly settings: TextSettings,
    private readonly base?: Partial<VoixStrings>,
  ) {
    // French until the language's catalogue is there (a widget renders nothing meanwhile).
    this.#strings = { ...base, ...fr };
    host.addController(this);
  }

  hostUpdate(): void {
    const [own, inherited, ...overrides] = this.settings();
    const page = this.host.parentElement?.closest('[lang]')?.getAttribute('lang');
    const wanted = own || inherited || page;
    // French needs nothing more; any other language (or an unknown one, to report) needs languages.ts.
    if (!languages && wanted && !/^fr(-|$)/i.test(wanted)) {
      this.ready = false;
      void import('./languages.js').then((loaded) => {
        languages = loaded;
        this.host.requestUpdate();
      });
      return;
    }
    const [lang, dir, catalogue]: Language = languages?.languageOf(this.host, own, inherited, page) ?? ['fr', 'ltr', fr];
    this.lang = lang;
    this.dir = dir;
    this.ready = !('then' in catalogue);
    if ('then' in catalogue) void catalogue.then(() => this.host.requestUpdate());
    else this.#strings = Object.assign({}, fr, this.base, catalogue, ...overrides);
  }

  /**
   * The message for `key`, with `{name}` replaced from `values` and the plural form chosen by `count`;
   * a number is written as the language writes it (« 2 800 » in French, with a narrow no-break space).
   */
  t(key: keyof VoixStrings, values: Record<string, string | number> = {}): string {
    // A widget asks only for its own keys and the core's, which its base and fr.ts always give.
    const message = this.#strings[key]!;
    const text =
      typeof message === 'string' ? message : (message[new Intl.PluralRules(this.lang).select(+(values.count ?? 0))] ?? message.other);
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = values[name] ?? whole;
      return typeof value === 'number' ? new Intl.NumberFormat(this.lang).format(value) : value;
    });
  }
}
