/**
 * Reading OFAC's legacy CSV files: line endings, the DOS end-of-file marker, quotes, refusals.
 *
 *   const rows = readRows(readText(bytes, 'SDN.CSV'), 'SDN.CSV', PrimaryRow, 12);
 *
 * Decoding is src/sources/read-text.ts's (UTF-8 ± BOM, UTF-16 with BOM; anything else refused
 * as `encoding`). OFAC's files end in "\r\n" plus a 0x1A byte; decode.ts drops the 0x1A and
 * `withoutEofMarker` any 0x1A line left (e.g. "\x1a\r\n"), keeping the last record's own line
 * ending. Records may end in "\r\n" or "\n" in one file: csv-parse would otherwise take the
 * first line's ending as the only one, read a closing quote before a bare "\n" as a stray quote,
 * and (relaxed) keep the quotes in that field — the phantom "remarks amended" of the last entry.
 *
 * A file cut inside a quoted field is 'truncated'; a row with too few columns or a
 * non-numeric entry number is 'unparseable' and the message names the file and line. A short
 * last row in a file that does not end with a line break is also 'truncated': the download
 * stopped between fields.
 */
import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import { SnapshotRefusedError } from '../../errors.js';

/** Text without a trailing 0x1A (DOS EOF) and what follows it; the line ending before it stays. */
export function withoutEofMarker(text: string): string {
  const at = text.lastIndexOf('\u001a');
  if (at === -1 || text.slice(at).trim().replace(/\u001a/g, '') !== '') return text;
  let start = at;
  while (start > 0 && text.charCodeAt(start - 1) === 0x1a) start--;
  return text.slice(0, start);
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

/** Either line ending ends a record (see the module comment). */
const RECORD_DELIMITER = ['\r\n', '\n'];

function csvRecords(text: string, relaxQuotes: boolean): string[][] {
  return parse(text, {
    relax_column_count: true,
    relax_quotes: relaxQuotes,
    skip_empty_lines: true,
    bom: true,
    record_delimiter: RECORD_DELIMITER,
  });
}

/** The line (1-based, where the record ends) of record `index`; re-reads the file, so only for errors. */
function lineOf(text: string, index: number, relaxQuotes: boolean): number {
  let line = 0;
  parse(text, {
    relax_column_count: true,
    relax_quotes: relaxQuotes,
    skip_empty_lines: true,
    bom: true,
    record_delimiter: RECORD_DELIMITER,
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
  const clean = withoutEofMarker(text);
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
