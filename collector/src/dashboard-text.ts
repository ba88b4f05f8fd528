// Every text of the team's dashboard (admin.ts), per language: French first, then English. admin.ts
// reads one language's table and never names a language itself. What people wrote is not here:
// it is shown as written, in whatever language the dashboard speaks.
import { MAIL_ATTEMPTS } from './petition.js';
import { dateEn, dayEn, wholeEn } from './english.js';
import { dateFr, dayFr, whole } from './french.js';
import { ideaCategories, kindLabel, reportCategories, typeLabel, valueLabel, type Language } from './labels.js';

export type { Language } from './labels.js';

/** Nouns the page counts: each language says « 1 réponse » / "1 answer", « 2 réponses » / "2 answers". */
type Noun = 'answer' | 'vote' | 'signature' | 'day' | 'report' | 'idea';

/** Arguments ending in `Html` are HTML already (what people wrote in them isolated); the others are plain text. */
export interface DashboardText {
  readonly language: Language;
  /** The other language, and the link's text in it (« English », « Français »). */
  readonly other: { readonly language: Language; readonly name: string };
  readonly count: (count: number, noun: Noun) => string;
  readonly date: (iso: string) => string;
  readonly day: (day: string) => string;
  readonly whole: (count: number) => string;
  readonly decimal: (value: number) => string;
  readonly percent: (value: number) => string;
  /** « X\u00a0: Y » in French, "X: Y" in English. */
  readonly colon: string;
  readonly quote: (html: string) => string;
  readonly typeLabel: (type: string) => string;
  readonly kindLabel: (kind: string) => string;
  readonly valueLabel: (kind: string, value: string) => string;
  readonly reportCategories: Record<string, string>;
  readonly ideaCategories: Record<string, string>;
  readonly useful: Record<string, string>;
  readonly page: Record<'title' | 'skip' | 'subjects' | 'comments' | 'noAnswers' | 'noComments' | 'csv' | 'ndjson', string>;
  readonly received: (total: number) => string;
  readonly mails: (waiting: number, failed: number) => string;
  readonly withheld: (minimum: number) => string;
  readonly meta: (namedHtml: string, total: number, last: string) => string;
  readonly table: Record<'answer' | 'count' | 'share', string>;
  readonly answersFor: (titleHtml: string) => string;
  readonly question: (labelHtml: string, kind: string) => string;
  readonly mean: (mean: string, max: number | undefined, answered: string) => string;
  readonly gap: Record<'caption' | 'question' | 'users' | 'agents' | 'gap' | 'byQuestion', string>;
  readonly inAll: (countText: string) => string;
  readonly poll: {
    readonly votesFor: (titleHtml: string) => string;
    readonly other: (votes: number, share: string) => string;
    readonly latest: string;
  };
  readonly petition: {
    readonly counted: (signatures: number, pending: string) => string;
    readonly toward: (labelHtml: string) => string;
    readonly progress: (signatures: string, next: string, share: string) => string;
    readonly allReached: string;
    readonly thresholdsOf: (subjectHtml: string) => string;
    readonly threshold: string;
    readonly state: string;
    readonly signatures: (count: string) => string;
    readonly reached: string;
    readonly toGo: (left: number) => string;
    readonly closed: (day: string) => string;
    readonly closes: (day: string, left: number) => string;
  };
  readonly categorised: Record<'voix.report' | 'voix.idea', { noun: Noun; caption: string; latest: string }> & {
    readonly captionFor: (caption: string, titleHtml: string) => string;
    readonly others: string;
  };
  readonly pulse: { readonly blocks: string; readonly idea: string; readonly answers: (total: number) => string; readonly latest: string };
}

/** Intl's plural categories for each language: French says « 0 réponse », English "0 answers". */
const pluralOf = (language: Language, forms: Record<Noun, [one: string, other: string]>) => {
  const rules = new Intl.PluralRules(language);
  return (count: number, noun: Noun) => `${count} ${forms[noun][rules.select(count) === 'one' ? 0 : 1]}`;
};

const fr: DashboardText = {
  language: 'fr',
  other: { language: 'en', name: 'English' },
  count: pluralOf('fr', {
    answer: ['réponse', 'réponses'],
    vote: ['vote', 'votes'],
    signature: ['signature', 'signatures'],
    day: ['jour', 'jours'],
    report: ['signalement', 'signalements'],
    idea: ['idée', 'idées'],
  }),
  date: dateFr,
  day: dayFr,
  whole,
  decimal: (value) => value.toLocaleString('fr-FR', { maximumFractionDigits: 2 }),
  percent: (value) => `${value} %`,
  colon: '\u00a0:',
  quote: (html) => `« ${html} »`,
  typeLabel: (type) => typeLabel(type, 'fr'),
  kindLabel: (kind) => kindLabel(kind, 'fr'),
  valueLabel: (kind, value) => valueLabel(kind, value, 'fr'),
  reportCategories: reportCategories('fr'),
  ideaCategories: ideaCategories('fr'),
  useful: { yes: 'Oui, utile', no: 'Non' },
  page: {
    title: 'Voix · tableau de bord',
    skip: 'Aller au contenu',
    subjects: 'Résultats par sujet',
    comments: 'Derniers commentaires',
    noAnswers: 'Aucune réponse pour l’instant.',
    noComments: 'Aucun commentaire pour l’instant.',
    csv: 'Exporter en CSV',
    ndjson: 'Exporter en NDJSON',
  },
  received: (total) => `${total} réponse${total > 1 ? 's' : ''} reçue${total > 1 ? 's' : ''} en tout.`,
  mails: (waiting, failed) =>
    `Courriels de confirmation\u00a0: ${waiting} en attente d’envoi${
      failed
        ? `\u00a0; <strong>${failed} abandonné${failed > 1 ? 's' : ''}</strong> après ${MAIL_ATTEMPTS} essais (le serveur SMTP les refuse ou ne répond pas\u00a0: voir les journaux du collecteur)`
        : ''
    }.`,
  withheld: (minimum) =>
    `Résultats masqués\u00a0: moins de ${minimum} réponses. Une enquête d’agents ne montre rien avant ce nombre, pour qu’aucune réponse ne puisse être attribuée.`,
  meta: (namedHtml, total, last) => `${namedHtml} · ${fr.count(total, 'answer')} · dernière le ${last}`,
  table: { answer: 'Réponse', count: 'Nombre', share: 'Part' },
  answersFor: (titleHtml) => `Réponses pour ${titleHtml}`,
  question: (labelHtml, kind) => `Question « ${labelHtml} » · ${kind}`,
  mean: (mean, max, answered) => `Moyenne\u00a0: ${mean}${max === undefined ? '' : ` sur ${max}`} (${answered}).`,
  gap: {
    caption: 'Usagers et agents\u00a0: l’écart de perception (moyennes)',
    question: 'Question',
    users: 'Usagers',
    agents: 'Agents',
    gap: 'Écart',
    byQuestion: 'Par question',
  },
  inAll: (countText) => `${countText} en tout.`,
  poll: {
    votesFor: (titleHtml) => `Votes pour ${titleHtml}`,
    other: (votes, share) => `« Autre » précisé\u00a0: ${fr.count(votes, 'vote')} (${share} des votes).`,
    latest: 'Derniers textes « Autre »',
  },
  petition: {
    counted: (signatures, pending) =>
      `${fr.count(signatures, 'signature')} ${signatures > 1 ? 'comptées' : 'comptée'} · ${pending} en attente de confirmation par courriel.`,
    toward: (labelHtml) => `Vers le palier « ${labelHtml} »`,
    progress: (signatures, next, share) => `${signatures} sur ${next} signatures (${share})`,
    allReached: 'Tous les paliers sont atteints.',
    thresholdsOf: (subjectHtml) => `Paliers de ${subjectHtml}`,
    threshold: 'Palier',
    state: 'État',
    signatures: (count) => `${count} signatures`,
    reached: 'atteint',
    toGo: (left) => `à ${fr.count(left, 'signature')}`,
    closed: (day) => `Pétition clôturée le ${day}.`,
    closes: (day, left) => `Clôture le ${day}\u00a0: ${left ? `encore ${fr.count(left, 'day')}` : 'dernier jour'}.`,
  },
  categorised: {
    'voix.report': { noun: 'report', caption: 'Signalements par catégorie', latest: 'Derniers signalements' },
    'voix.idea': { noun: 'idea', caption: 'Idées par catégorie', latest: 'Dernières idées' },
    captionFor: (caption, titleHtml) => `${caption} pour ${titleHtml}`,
    others: 'Autres questions',
  },
  pulse: {
    blocks: 'Ce qui bloque',
    idea: 'Une idée',
    answers: (total) => `${fr.count(total, 'answer')} d’agents, anonymes.`,
    latest: 'Derniers textes (ce qui bloque, idées)',
  },
};

const en: DashboardText = {
  language: 'en',
  other: { language: 'fr', name: 'Français' },
  count: pluralOf('en', {
    answer: ['answer', 'answers'],
    vote: ['vote', 'votes'],
    signature: ['signature', 'signatures'],
    day: ['day', 'days'],
    report: ['report', 'reports'],
    idea: ['idea', 'ideas'],
  }),
  date: dateEn,
  day: dayEn,
  whole: wholeEn,
  decimal: (value) => value.toLocaleString('en-GB', { maximumFractionDigits: 2 }),
  percent: (value) => `${value}%`,
  colon: ':',
  quote: (html) => `“${html}”`,
  typeLabel: (type) => typeLabel(type, 'en'),
  kindLabel: (kind) => kindLabel(kind, 'en'),
  valueLabel: (kind, value) => valueLabel(kind, value, 'en'),
  reportCategories: reportCategories('en'),
  ideaCategories: ideaCategories('en'),
  useful: { yes: 'Yes, useful', no: 'No' },
  page: {
    title: 'Voix · dashboard',
    skip: 'Skip to content',
    subjects: 'Results by subject',
    comments: 'Latest comments',
    noAnswers: 'No answers yet.',
    noComments: 'No comments yet.',
    csv: 'Export as CSV',
    ndjson: 'Export as NDJSON',
  },
  received: (total) => `${en.count(total, 'answer')} received in all.`,
  mails: (waiting, failed) =>
    `Confirmation e-mails: ${waiting} waiting to be sent${
      failed
        ? `; <strong>${failed} given up</strong> after ${MAIL_ATTEMPTS} attempts (the SMTP server refuses them or does not answer: see the collector’s logs)`
        : ''
    }.`,
  withheld: (minimum) =>
    `Results withheld: fewer than ${minimum} answers. An agents’ survey shows nothing below this number, so that no answer can be traced to anyone.`,
  meta: (namedHtml, total, last) => `${namedHtml} · ${en.count(total, 'answer')} · last on ${last}`,
  table: { answer: 'Answer', count: 'Count', share: 'Share' },
  answersFor: (titleHtml) => `Answers for ${titleHtml}`,
  question: (labelHtml, kind) => `Question “${labelHtml}” · ${kind}`,
  mean: (mean, max, answered) => `Mean: ${mean}${max === undefined ? '' : ` out of ${max}`} (${answered}).`,
  gap: {
    caption: 'Users and agents: the perception gap (means)',
    question: 'Question',
    users: 'Users',
    agents: 'Agents',
    gap: 'Gap',
    byQuestion: 'By question',
  },
  inAll: (countText) => `${countText} in all.`,
  poll: {
    votesFor: (titleHtml) => `Votes for ${titleHtml}`,
    other: (votes, share) => `“Other” specified: ${en.count(votes, 'vote')} (${share} of votes).`,
    latest: 'Latest “Other” texts',
  },
  petition: {
    counted: (signatures, pending) => `${en.count(signatures, 'signature')} counted · ${pending} awaiting confirmation by e-mail.`,
    toward: (labelHtml) => `Towards the threshold “${labelHtml}”`,
    progress: (signatures, next, share) => `${signatures} of ${next} signatures (${share})`,
    allReached: 'Every threshold is reached.',
    thresholdsOf: (subjectHtml) => `Thresholds of ${subjectHtml}`,
    threshold: 'Threshold',
    state: 'Status',
    signatures: (count) => `${count} signatures`,
    reached: 'reached',
    toGo: (left) => `${en.count(left, 'signature')} to go`,
    closed: (day) => `Petition closed on ${day}.`,
    closes: (day, left) => `Closes on ${day}: ${left ? `${en.count(left, 'day')} left` : 'last day'}.`,
  },
  categorised: {
    'voix.report': { noun: 'report', caption: 'Reports by category', latest: 'Latest reports' },
    'voix.idea': { noun: 'idea', caption: 'Ideas by category', latest: 'Latest ideas' },
    captionFor: (caption, titleHtml) => `${caption} for ${titleHtml}`,
    others: 'Other questions',
  },
  pulse: {
    blocks: 'What gets in the way',
    idea: 'An idea',
    answers: (total) => `${en.count(total, 'answer')} from agents, anonymous.`,
    latest: 'Latest texts (what gets in the way, ideas)',
  },
};

export const DASHBOARD_TEXT: Readonly<Record<Language, DashboardText>> = { fr, en };

/** A language the dashboard speaks, or undefined: `fr-FR` is French, `de` none. */
const spoken = (tag: string): Language | undefined => {
  const primary = tag.trim().toLowerCase().split('-')[0];
  return primary === 'fr' || primary === 'en' ? primary : undefined;
};

/**
 * The dashboard's language: `?lang=fr` or `?lang=en` first, else the first of French and English
 * the browser's Accept-Language prefers (by q-value, then in its order; q=0 refuses), else French.
 */
export function dashboardLanguage(lang: string | undefined, acceptLanguage: string | undefined): Language {
  if (lang === 'fr' || lang === 'en') return lang;
  const preferred = (acceptLanguage ?? '')
    .split(',')
    .map((item, index) => {
      const [tag, ...parameters] = item.split(';');
      const q = parameters.map((parameter) => /^\s*q\s*=\s*([\d.]+)\s*$/i.exec(parameter)?.[1]).find(Boolean);
      return { language: spoken(tag), q: q === undefined ? 1 : Number(q), index };
    })
    .filter(({ language, q }) => language && q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return preferred[0]?.language ?? 'fr';
}
