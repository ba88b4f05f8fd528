import { answersSchemas } from '../../schemas/validate.mjs';
import type { ExportRow } from './storage/storage.js';

const COLUMNS = ['id', 'receivedAt', 'time', 'type', 'subject', 'site', 'placement', 'locale', 'widget', 'widgetVersion', 'source'] as const;

/** One column per answer field that an answers schema in schemas/ describes (useful, reasons, comment, choices…). */
const answerFields = [
  ...new Set([...answersSchemas().values()].flatMap((schema) => Object.keys(schema.properties ?? {})).filter((field) => field !== 'personal')),
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

export async function* csvLines(rows: AsyncIterable<ExportRow>, personal: boolean): AsyncGenerator<string> {
  const header = [...COLUMNS, ...answerFields.map((field) => `answers.${field}`), ...(personal ? ['personal'] : [])];
  yield `${header.join(',')}\r\n`;
  for await (const row of rows) {
    const cells = [
      ...COLUMNS.map((column) => row[column]),
      ...answerFields.map((field) => row.answers[field]),
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
