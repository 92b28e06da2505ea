/**
 * Reading OFAC's legacy CSV files: decoding, the DOS end-of-file marker, and refusals.
 *
 *   const rows = readRows(decodeText(bytes), 'SDN.CSV', PrimaryRow, 12);
 *
 * A file cut inside a quoted field is 'truncated'; a row with too few columns or a
 * non-numeric entry number is 'unparseable' and the message names the file and line. A short
 * last row in a file that does not end with a line break is also 'truncated': the download
 * stopped between fields.
 */
import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import { SnapshotRefusedError } from '../../errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const windows1252 = new TextDecoder('windows-1252');

/**
 * The file as text. OFAC's files are ASCII in practice; valid UTF-8 is read as such, anything
 * else as Windows-1252 (the usual encoding of such legacy files), so a stray byte never fails a poll.
 */
export function decodeText(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return windows1252.decode(bytes);
  }
}

/** Text without the trailing 0x1A (DOS EOF) line OFAC's files end with. */
export function stripEofMarker(text: string): string {
  return text.replace(/[\r\n]*\u001a[\s\u001a]*$/, '\n');
}

class RowProblem extends Error {
  constructor(
    readonly line: number,
    readonly short: boolean,
    message: string,
  ) {
    super(message);
  }
}

const QUOTE_ERRORS = new Set(['INVALID_OPENING_QUOTE', 'CSV_INVALID_CLOSING_QUOTE']);

function csvRecords(text: string, relaxQuotes: boolean): string[][] {
  return parse(text, { relax_column_count: true, relax_quotes: relaxQuotes, skip_empty_lines: true, bom: true });
}

/** The line (1-based, where the record ends) of record `index`; re-reads the file, so only for errors. */
function lineOf(text: string, index: number, relaxQuotes: boolean): number {
  let line = 0;
  parse(text, {
    relax_column_count: true,
    relax_quotes: relaxQuotes,
    skip_empty_lines: true,
    bom: true,
    on_record: (_record: string[], context) => {
      if (context.records === index + 1) line = context.lines;
      return null;
    },
  });
  return line;
}

/**
 * Rows of one file, each checked against `schema`. `columns` is the count the schema needs,
 * only for messages. Quotes are read strictly; a stray quote (not seen in real files, but cheap
 * to survive) triggers one relaxed re-read, whose rows are still checked column by column.
 */
export function readRows<T>(text: string, file: string, schema: z.ZodType<T>, columns: number): T[] {
  const clean = stripEofMarker(text);
  const read = (relaxQuotes: boolean): T[] => {
    const records = csvRecords(clean, relaxQuotes);
    const rows: T[] = [];
    for (let i = 0; i < records.length; i++) {
      const record = records[i]!;
      const result = schema.safeParse(record);
      if (result.success) {
        rows.push(result.data);
        continue;
      }
      const line = lineOf(clean, i, relaxQuotes);
      if (record.length < columns) {
        throw new RowProblem(line, true, `${file} line ${line}: ${record.length} columns, expected ${columns}`);
      }
      throw new RowProblem(line, false, `${file} line ${line}: the entry number ${JSON.stringify(record[0])} is not a number`);
    }
    return rows;
  };
  try {
    try {
      return read(false);
    } catch (err) {
      if (!isCsvError(err) || !QUOTE_ERRORS.has(err.code)) throw err;
      return read(true);
    }
  } catch (err) {
    throw refusal(err, clean, file);
  }
}

function isCsvError(err: unknown): err is Error & { code: string; lines?: number } {
  return err instanceof Error && typeof (err as { code?: unknown }).code === 'string';
}

function lineCount(text: string): number {
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < text.length - 1; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

function refusal(err: unknown, text: string, file: string): SnapshotRefusedError {
  if (err instanceof RowProblem) {
    const cutShort = err.short && !/[\r\n]$/.test(text) && err.line >= lineCount(text);
    if (cutShort) return new SnapshotRefusedError('truncated', `${file} ends in the middle of a row (line ${err.line})`, { cause: err });
    return new SnapshotRefusedError('unparseable', err.message, { cause: err });
  }
  if (isCsvError(err) && err.code === 'CSV_QUOTE_NOT_CLOSED') {
    return new SnapshotRefusedError('truncated', `${file} ends inside a quoted field (line ${err.lines ?? '?'})`, { cause: err });
  }
  const reason = err instanceof Error ? err.message : String(err);
  return new SnapshotRefusedError('unparseable', `${file} is not valid CSV: ${reason}`, { cause: err });
}
