import type { Messages } from '../core/localize.js';

/** <voix-launcher>'s own French, in its chunk (see fr.ts); English in en.ts. */
export const launcherFr = {
  launcherLabel: 'Je donne mon avis',
  launcherClose: 'Fermer',
};

// Its keys in VoixStrings (en.ts must have them too), through an alias: the .d.ts would drop the
// import of Messages if only the augmentation used it.
type LauncherStrings = Messages<typeof launcherFr>;
declare module '../core/localize.js' {
  interface VoixStrings extends LauncherStrings {}
}
