/** <voix-launcher>'s own French, in its chunk (see fr.ts); English in en.ts. */
export const launcherFr = {
  launcherLabel: 'Je donne mon avis',
  launcherClose: 'Fermer',
};
