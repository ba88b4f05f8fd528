// One mailbox, however its address is spelled: what a petition's signers are told apart by
// (petition.ts's signerKey) and what an idea's contact address is erased by (docs/collector.md).

/** Domains that deliver to the same mailboxes as another, under the same names. */
export const DOMAIN_ALIASES: Readonly<Record<string, string>> = {
  'googlemail.com': 'gmail.com',
  'me.com': 'icloud.com',
  'mac.com': 'icloud.com',
  'protonmail.com': 'proton.me',
  'protonmail.ch': 'proton.me',
  'pm.me': 'proton.me',
};

/** Domains (after their aliases) whose mailboxes ignore the dots of their names. */
export const DOTLESS_DOMAINS: ReadonlySet<string> = new Set(['gmail.com']);

/**
 * The mailbox an address reaches: trimmed and in lower case, its domain's alias resolved, a
 * `+suffix` of its name dropped (on every domain: sub-addressing), and the dots of its name
 * dropped where the provider ignores them (Gmail).
 */
export function mailbox(address: string): string {
  const folded = address.trim().toLowerCase();
  const at = folded.lastIndexOf('@');
  if (at < 1) return folded;
  const host = folded.slice(at + 1).replace(/\.$/, '');
  const domain = DOMAIN_ALIASES[host] ?? host;
  const name = folded.slice(0, at);
  const plus = name.indexOf('+');
  const base = plus > 0 ? name.slice(0, plus) : name;
  return `${DOTLESS_DOMAINS.has(domain) ? base.replaceAll('.', '') : base}@${domain}`;
}

/** An idea's contact address as the stores read it (ideaContacts of queries.ts). */
export interface IdeaContact {
  id: string;
  email: string | null;
}

/** The ids of the contacts whose address reaches the same mailbox as `address`. */
export function sameMailbox(contacts: IdeaContact[], address: string): string[] {
  const wanted = mailbox(address);
  return contacts.filter(({ email }) => email !== null && mailbox(email) === wanted).map(({ id }) => id);
}

/** How earlier versions compared addresses (trimmed, in lower case): the signer hashes they stored. */
export const foldedAddress = (address: string) => address.trim().toLowerCase();
