/**
 * French as the collector's pages and mails write it, in Paris time: « 1er décembre 2026 »,
 * « à 9 h 05 » (Intl writes « 1 décembre 2026 » and « 09:05 »), whole numbers with a narrow
 * no-break space (« 2 000 »).
 */
/** A day's (and time's) parts as `locale` names them, in Paris unless told: english.ts writes its own with them. */
export const partsOf = (time: Date, options: Intl.DateTimeFormatOptions, locale = 'fr-FR') =>
  Object.fromEntries(
    new Intl.DateTimeFormat(locale, { timeZone: 'Europe/Paris', day: 'numeric', month: 'long', year: 'numeric', ...options })
      .formatToParts(time)
      .map(({ type, value }) => [type, value]),
  );

const dayOf = (parts: Record<string, string>) => `${parts.day === '1' ? '1er' : parts.day} ${parts.month} ${parts.year}`;

/** A calendar day (YYYY-MM-DD, a Paris day already): « 1er mars 2027 ». */
export const dayFr = (day: string) => dayOf(partsOf(new Date(`${day}T12:00:00Z`), { timeZone: 'UTC' }));

/** An instant: « 1er décembre 2026 à 9 h 05 », in Paris. */
export function dateFr(iso: string): string {
  const parts = partsOf(new Date(iso), { hour: 'numeric', minute: '2-digit' });
  return `${dayOf(parts)} à ${Number(parts.hour)}\u00a0h\u00a0${parts.minute}`;
}

/** A whole number: « 2 000 », with the narrow no-break space French puts between thousands. */
export const whole = (count: number) => count.toLocaleString('fr-FR');
