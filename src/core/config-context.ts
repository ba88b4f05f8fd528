import { createContext } from '@lit/context';
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


