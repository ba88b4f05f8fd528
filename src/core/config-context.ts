import { ContextEvent, createContext } from '@lit/context';
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

/**
 * Asks the nearest <voix-config> around `element` for its settings, now and at every change
 * (the context protocol that @lit/context implements; a controller would add nothing here).
 * Returns the function that stops listening.
 */
export function requestConfig(element: Element, onConfig: (value: VoixConfigValue) => void): () => void {
  let stop = () => {};
  element.dispatchEvent(
    new ContextEvent(
      voixConfigContext,
      element,
      (value, unsubscribe) => {
        if (unsubscribe) stop = unsubscribe;
        onConfig(value);
      },
      true,
    ),
  );
  return () => stop();
}
