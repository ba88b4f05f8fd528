// The pages a confirmation link opens, in French, without script or style: opening the link shows
// what it would confirm (a mail scanner that fetches it counts nothing); only the page's form,
// posted back to the link, confirms the signature or withdraws it.
import { dateFr } from './french.js';
import { CONFIRMATION_DAYS } from './petition.js';
import type { ConfirmOutcome, LinkState } from './storage/storage.js';

/** Its own policy: nothing loads, nothing frames it, and its form posts only to the collector. */
export const CONFIRMATION_CSP = "default-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: unknown) => String(text).replace(/[&<>"']/g, (char) => ENTITIES[char]);

const OUTCOMES: Record<ConfirmOutcome | 'expired' | 'unknown', { status: number; title: string; text: string }> = {
  confirmed: { status: 200, title: 'Signature confirmée', text: 'Merci\u00a0: votre signature est confirmée et comptée.' },
  refused: {
    status: 200,
    title: 'Signature retirée',
    text: 'Cette signature ne sera jamais comptée, et les données envoyées avec elle sont effacées. Si vous recevez d’autres courriels de confirmation que vous n’avez pas demandés, ignorez-les\u00a0: rien n’est compté sans confirmation.',
  },
  used: { status: 410, title: 'Lien déjà utilisé', text: 'Ce lien a déjà servi\u00a0: votre signature est déjà confirmée et comptée.' },
  expired: {
    status: 410,
    title: 'Lien expiré',
    text: `Ce lien a expiré (il est valable ${CONFIRMATION_DAYS} jours)\u00a0: votre signature n’a pas été comptée. Vous pouvez signer à nouveau.`,
  },
  unknown: {
    status: 404,
    title: 'Lien inconnu',
    text: 'Ce lien n’est pas valable\u00a0: il a expiré, la signature a été retirée, ou une signature plus récente avec la même adresse l’a remplacé (seul le dernier lien reçu compte). Vous pouvez signer à nouveau.',
  },
};

const page = (title: string, body: string) =>
  `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;

/** The signature waiting behind the link, as a list of what was sent: the petition, where, when, and what the signer gave. */
function details({ row, personal, expiresAt }: Extract<LinkState, { outcome: 'waiting' }>): string {
  const comment = (row.answers as { comment?: unknown }).comment;
  const items: Array<[string, unknown]> = [
    ['Pétition', row.subject],
    ['Page où elle a été signée', row.source],
    ['Envoyée le', dateFr(row.receivedAt)],
    ['Nom', personal?.name],
    ['Code postal', personal?.postcode],
    ['Adresse électronique', personal?.email],
    ['Commentaire', comment],
  ];
  const list = items
    .filter(([, value]) => typeof value === 'string' && value !== '')
    .map(([term, value]) => `<dt>${term}</dt><dd>${escapeHtml(value)}</dd>`)
    .join('');
  return `<p>Une signature de la pétition « ${escapeHtml(row.subject)} » a été envoyée avec votre adresse électronique. Elle ne comptera que si vous la confirmez.</p>
<dl>${list}</dl>
<form method="post"><p><button type="submit" name="action" value="confirm">Confirmer ma signature</button></p><p><button type="submit" name="action" value="refuse">Ce n’est pas moi</button></p></form>
<p>« Ce n’est pas moi » retire cette signature et efface les données envoyées avec elle\u00a0: elle ne comptera jamais. Ce lien est valable jusqu’au ${dateFr(expiresAt)}.</p>`;
}

/** The page of a link opened (what it would confirm, or why it leads nowhere) or of a button pressed: its status and HTML. */
export function confirmationPage(state: LinkState | { outcome: ConfirmOutcome }): { status: number; html: string } {
  if (state.outcome === 'waiting') return { status: 200, html: page('Confirmer votre signature', details(state)) };
  const { status, title, text } = OUTCOMES[state.outcome];
  return { status, html: page(title, `<p>${text}</p>`) };
}
