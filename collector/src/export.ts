import { readFileSync, readdirSync } from 'node:fs';
import type { ExportRow } from './storage/storage.js';

const COLUMNS = ['id', 'receivedAt', 'time', 'type', 'subject', 'site', 'placement', 'locale', 'widget', 'widgetVersion', 'source'] as const;

/** One column per answer field that any schema in schemas/ describes (useful, reasons, comment, choices…). */
const answerFields = (() => {
  const folder = new URL('../../schemas/', import.meta.url);
  const fields = new Set<string>();
  for (const file of readdirSync(folder).filter((name) => /^voix\..+\.schema\.json$/.test(name)).sort()) {
    const schema = JSON.parse(readFileSync(new URL(file, folder), 'utf8')) as { properties?: Record<string, unknown> };
    for (const field of Object.keys(schema.properties ?? {})) if (field !== 'personal') fields.add(field);
  }
  return [...fields];
})();

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
