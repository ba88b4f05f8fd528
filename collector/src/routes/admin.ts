import type { FastifyInstance } from 'fastify';
import { eventType } from '../../../dist/event-types.js';
import { dashboardCss, dashboardPage } from '../admin.js';
import { shownCount, withheldSubjects } from '../anonymity.js';
import { dashboardLanguage } from '../dashboard-text.js';
import { declaredOptions, declaredTitle } from '../labels.js';
import type { SubjectSummary } from '../storage/storage.js';

/** The latest « Autre » texts of a poll shown on the dashboard (the export has them all). */
const OTHERS_SHOWN = 10;

/** The latest texts of a report, an idea or a pulse shown on the dashboard (their registry entry's `quoted` answers). */
const TEXTS_SHOWN = 10;

/** The most subjects the dashboard lists, petitions aside. */
const SUBJECTS_SHOWN = 50;

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The subjects the dashboard lists, in order: newest first, then the withheld ones by name and type,
 * cut after that order (moving up, or coming back into the list, a withheld subject's card would
 * tell when an agent answered); petitions and declared subjects are always listed, so that posts
 * on new subjects cannot push one off.
 */
function listed(summaries: SubjectSummary[], withheld: ReadonlySet<string>, declared: ReadonlySet<string>): SubjectSummary[] {
  const hidden = summaries
    .filter(({ subject }) => withheld.has(subject))
    .sort((a, b) => compare(a.subject, b.subject) || compare(a.type, b.type));
  let others = 0;
  return [...summaries.filter(({ subject }) => !withheld.has(subject)), ...hidden].filter(
    ({ subject, type }) => eventType(type)?.signature || declared.has(subject) || others++ < SUBJECTS_SHOWN,
  );
}

/** `?lang=fr` or `?lang=en`: the dashboard's language, whatever the browser asks for; any other value is ignored. */
const querystring = { type: 'object', properties: { lang: { type: 'string', maxLength: 35 } } } as const;

/** GET /admin: the team's dashboard (admin.ts), in French or English (dashboard-text.ts), and its stylesheet. */
export async function adminRoutes(app: FastifyInstance): Promise<void> {
  const { config, storage, now, teamOnly } = app;
  app.get<{ Querystring: { lang?: string } }>('/admin', { schema: { querystring }, preValidation: teamOnly }, async (request, reply) => {
    const language = dashboardLanguage(request.query.lang, request.headers['accept-language']);
    // The subjects first, then which are withheld: a pulse's first answer in between is in neither.
    const summaries = await storage.subjects();
    const subjects = listed(summaries, await withheldSubjects(storage, config.pulseMinAnswers), new Set(await storage.declaredSubjects()));
    const withResults = await Promise.all(
      subjects.map(async (summary) => {
        const { results } = await app.readResults(summary.subject, undefined, summary.updated);
        const { quoted, otherText, definition } = eventType(summary.type) ?? {};
        // A withheld pulse's texts are never read.
        const fields = !results.withheld ? quoted : undefined;
        const declared = await storage.declaredSubject(summary.subject);
        return {
          ...summary,
          results,
          title: declaredTitle(declared),
          options: declaredOptions(declared),
          ...(definition && !results.withheld && { labels: await storage.questionLabels(summary.subject, summary.type) }),
          ...(otherText && { others: await storage.otherTexts(summary.subject, summary.type, otherText, OTHERS_SHOWN) }),
          ...(fields && { texts: await storage.latestAnswers(summary.subject, summary.type, [...fields], TEXTS_SHOWN) }),
        };
      }),
    );
    reply
      .type('text/html; charset=utf-8')
      .header(
        'Content-Security-Policy',
        "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      )
      .header('Cache-Control', 'no-store')
      .header('Vary', 'Accept-Language');
    // Its total leaves out a withheld pulse's answers: it would move with each.
    const mails = app.mailer ? await storage.mailQueue() : undefined;
    const total = await shownCount(storage, config.pulseMinAnswers);
    return dashboardPage(withResults, await storage.comments(20), total, now(), mails, language);
  });
  app.get('/admin.css', async (_request, reply) => reply.type('text/css; charset=utf-8').send(dashboardCss));
}
