import { ContextRoot, createContext } from '@lit/context';
import type { VoixStrings } from './localize.js';
import type { TransportName, VoixSend } from './transport.js';

/** Settings shared by every widget inside a <voix-config>, already validated. */
export interface VoixConfigValue {
  endpoint?: string;
  results?: string;
  site?: string;
  lang?: string;
  placement?: string;
  privacyHref?: string;
  transport?: TransportName;
  strings?: Partial<VoixStrings>;
  send?: VoixSend;
}

/** A string key, so that two copies of Voix on one page (CDN and npm) still share settings. */
export const voixConfigContext = createContext<VoixConfigValue>('voix-config');


// Widgets may upgrade before the <voix-config> around them (separate chunks, any import order):
// a ContextRoot replays their requests when the provider arrives. One is enough per document.
const rootFlag = Symbol.for('voix.context-root');
const globals = globalThis as { [rootFlag]?: boolean };
if (typeof document !== 'undefined' && !globals[rootFlag]) {
  globals[rootFlag] = true;
  new ContextRoot().attach(document.documentElement);
}
