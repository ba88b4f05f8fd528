import type { FastifyInstance } from 'fastify';
import { Readable } from 'node:stream';
import { anonymousRows, shownGroups, sinceDay } from '../anonymity.js';
import { CollectorError } from '../errors.js';
import { csvLines, ndjsonLines } from '../export.js';
import { queryString, SINGLE_VALUE } from '../query-string.js';

interface ExportQuery {
  type?: string;
  subject?: string;
  /** ISO 8601: answers received at or after it. */
  since?: string;
  personal?: 'true' | 'false';
}

// All checked before the first line is sent: a bad value found while streaming can only cut the connection.
const EXPORT_QUERY = queryString(
  { type: SINGLE_VALUE, subject: SINGLE_VALUE, since: SINGLE_VALUE, personal: { ...SINGLE_VALUE, enum: ['true', 'false'] } },
  { only: true },
);

/** GET /v1/export.csv and /v1/export.ndjson: every answer that matches, streamed, for the team. */
export async function exportRoutes(app: FastifyInstance): Promise<void> {
  const { config, storage, teamOnly } = app;
  for (const format of ['csv', 'ndjson'] as const) {
    app.get<{ Querystring: ExportQuery }>(
      `/v1/export.${format}`,
      { schema: { querystring: EXPORT_QUERY }, preValidation: teamOnly },
      async (request, reply) => {
        const { type, subject, since: sinceGiven, personal: personalGiven } = request.query;
        if (sinceGiven !== undefined && Number.isNaN(Date.parse(sinceGiven))) {
          throw new CollectorError(400, 'invalid_since', `since: "${sinceGiven}" is not an ISO 8601 date.`);
        }
        const personal = personalGiven === 'true';
        const since = sinceGiven && new Date(sinceGiven).toISOString();
        // From the start of since's day: pulse answers are selected by whole days (anonymity.ts), the others from since itself.
        const filter = { type, subject, since: since && sinceDay(since), personal };
        // Pulse answers only from the subjects and sites at or above the threshold when the export starts.
        const shown = await shownGroups(storage, config.pulseMinAnswers);
        const rows = anonymousRows(storage.export(filter), shown, since);
        // The CSV header needs every answer key first: one cheap query over the same filter, not the rows buffered.
        const lines = format === 'csv' ? csvLines(rows, personal, await storage.answerKeys(filter)) : ndjsonLines(rows);
        reply
          .header('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
          .header('Content-Disposition', `attachment; filename="voix-export.${format}"`)
          .header('Cache-Control', 'no-store');
        return reply.send(Readable.from(lines));
      },
    );
  }
}
