import { eventType, eventTypes } from '../../dist/event-types.js';
import type { ExportRow } from './storage/storage.js';

const COLUMNS = [
  'id',
  'receivedAt',
  'time',
  'type',
  'subject',
  'site',
  'placement',
  'locale',
  'widget',
  'widgetVersion',
  'source',
  'audience',
] as const;

/**
 * One column per answer field that a type's answers schema names in the registry (useful, reasons,
 * comment, choices…), the types in name order so that the columns stay where they were.
 * Personal fields are not answers: they go in the `personal` column, when asked for.
 */
const answerFields = [
  ...new Set(
    [...eventTypes]
      .sort()
      .flatMap((type) => Object.keys((eventType(type)!.answers.properties as Record<string, unknown> | undefined) ?? {})),
  ),
];

/**
 * A CSV cell: quoted when it holds a separator, a quote or a line break; and neutralised with a
 * leading apostrophe when it starts like a formula (= + - @, tab, carriage return), so that a
 * spreadsheet opening the open-data file never runs what a resident typed.
 */
export function csvCell(value: unknown): string {
  let text =
    value === null || value === undefined
      ? ''
      : Array.isArray(value)
        ? value.join(' ; ')
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The answer columns: the fields the schemas describe, in their order, then every other key the
 * exported answers hold (one per question of a survey or a rating), sorted so that two exports of
 * the same answers have the same columns.
 */
export function answerColumns(keysInAnswers: Iterable<string>): string[] {
  const described = new Set(answerFields);
  return [...answerFields, ...[...new Set(keysInAnswers)].filter((key) => !described.has(key)).sort()];
}

/** `keysInAnswers`: every answer key of the rows, known before the first row is read (the header comes first). */
export async function* csvLines(
  rows: AsyncIterable<ExportRow>,
  personal: boolean,
  keysInAnswers: Iterable<string> = [],
): AsyncGenerator<string> {
  const fields = answerColumns(keysInAnswers);
  const header = [...COLUMNS, 'definition', ...fields.map((field) => `answers.${field}`), ...(personal ? ['personal'] : [])];
  // Keys are checked by the schemas (^[a-z0-9][a-z0-9_-]*$ for a definition's answers); quoted all the same.
  yield `${header.map(csvCell).join(',')}\r\n`;
  for await (const row of rows) {
    const cells = [
      ...COLUMNS.map((column) => row[column]),
      row.definition && `${row.definition.id}@${row.definition.version}`,
      ...fields.map((field) => (Object.hasOwn(row.answers, field) ? row.answers[field] : undefined)),
      ...(personal ? [row.personal] : []),
    ];
    yield `${cells.map(csvCell).join(',')}\r\n`;
  }
}

/**
 * JSON.stringify leaves U+2028 and U+2029 raw: valid JSON, but line breaks for JavaScript before
 * ES2019 and for some line readers, which would split one answer in two.
 */
const lineSeparators = /[\u2028\u2029]/g;

export async function* ndjsonLines(rows: AsyncIterable<ExportRow>): AsyncGenerator<string> {
  for await (const { hash: _hash, ...row } of rows) {
    yield `${JSON.stringify(row).replace(lineSeparators, (separator) => `\\u${separator.charCodeAt(0).toString(16)}`)}\n`;
  }
}
