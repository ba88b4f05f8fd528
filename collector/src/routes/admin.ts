import type { FastifyInstance } from 'fastify';
import { eventType } from '../../../dist/event-types.js';
import { dashboardCss, dashboardPage } from '../admin.js';
import { shownCount } from '../anonymity.js';

/** The latest « Autre » texts of a poll shown on the dashboard (the export has them all). */
const OTHERS_SHOWN = 10;

/** The latest texts of a report, an idea or a pulse shown on the dashboard (their registry entry's `quoted` answers). */
const TEXTS_SHOWN = 10;

/** GET /admin: the team's dashboard (admin.ts), and its stylesheet. */
export async function adminRoutes(app: FastifyInstance): Promise<void> {
  const { config, storage, now, teamOnly } = app;
  app.get('/admin', { preValidation: teamOnly }, async (_request, reply) => {
    const subjects = (await storage.subjects()).slice(0, 50);
    const withResults = await Promise.all(
      subjects.map(async (summary) => {
        const { results } = await app.readResults(summary.subject, undefined, summary.updated);
        const { quoted, otherText } = eventType(summary.type) ?? {};
        // A withheld pulse's texts are never read.
        const fields = !results.withheld ? quoted : undefined;
        return {
          ...summary,
          results,
          ...(otherText && { others: await storage.otherTexts(summary.subject, summary.type, otherText, OTHERS_SHOWN) }),
          ...(fields && { texts: await storage.latestAnswers(summary.subject, summary.type, [...fields], TEXTS_SHOWN) }),
        };
      }),
    );
    // Newest first, but a withheld pulse last and by name: moving up, it would tell when an agent answered.
    const rank = (card: (typeof withResults)[number]) => (card.results.withheld ? card.subject : '');
    withResults.sort((a, b) => (rank(a) === rank(b) ? 0 : !rank(a) ? -1 : !rank(b) ? 1 : rank(a) < rank(b) ? -1 : 1));
    reply
      .type('text/html; charset=utf-8')
      .header(
        'Content-Security-Policy',
        "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      )
      .header('Cache-Control', 'no-store');
    // Its total leaves out a withheld pulse's answers: it would move with each.
    return dashboardPage(withResults, await storage.comments(20), await shownCount(storage, config.pulseMinAnswers), now());
  });
  app.get('/admin.css', async (_request, reply) => reply.type('text/css; charset=utf-8').send(dashboardCss));
}
