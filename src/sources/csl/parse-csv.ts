/**
 * The CSL as CSV (`consolidated.csv`) → designations. Pure.
 *
 * The header row names the columns (the current file leads with `_id`, the older one does not);
 * records are read as arrays and fields picked by header index, so the header is checked once
 * and no per-row schema runs. Rows repeating the header (the 2023 file has its header twice)
 * are skipped. Multi-valued fields are "; "-joined and split here.
 *
 * Refusals: a body that ends inside a quoted field, or whose last record is short, is
 * 'truncated'; a missing header column or a malformed record is 'unparseable'. Rows are
 * numbered from the first after the header in messages ("CSV row 12").
 */
import { CsvError, parse } from 'csv-parse/sync';
import { assignKeys, emptyNotes, type Keyless, type ParseNotes } from '../../core/identity.js';
import type { Designation } from '../../core/model.js';
import { SnapshotRefusedError } from '../../errors.js';
import { countryOfLine, createRowMapper, splitLines, splitValue } from './map.js';
import { CSL_CSV_COLUMNS, type CslCsvColumn } from './schema.js';
import { recordSlices } from './csv-records.js';
import { allMapped, keyRowsReusing, rowDigest, type ReusingParse, type RowReuse } from '../../core/row-reuse.js';

/** Header index of each column read; `id` is -1 in the older file without `_id`. */
interface ColumnIndex extends Record<CslCsvColumn, number> {
  id: number;
}

function indexHeader(header: string[]): ColumnIndex {
  const positions = new Map(header.map((name, i) => [name.trim(), i]));
  const missing = CSL_CSV_COLUMNS.filter((name) => !positions.has(name));
  if (missing.length > 0) {
    const shown = header.slice(0, 5).join(',').slice(0, 120);
    throw new SnapshotRefusedError(
      'unparseable',
      `CSL CSV header lacks column(s) ${missing.join(', ')} (header starts "${shown}")`,
    );
  }
  const at = (name: CslCsvColumn): number => positions.get(name) ?? -1;
  return {
    id: positions.get('_id') ?? -1,
    source: at('source'),
    entity_number: at('entity_number'),
    type: at('type'),
    programs: at('programs'),
    name: at('name'),
    addresses: at('addresses'),
    federal_register_notice: at('federal_register_notice'),
    start_date: at('start_date'),
    end_date: at('end_date'),
    license_requirement: at('license_requirement'),
    license_policy: at('license_policy'),
    remarks: at('remarks'),
    alt_names: at('alt_names'),
    citizenships: at('citizenships'),
    nationalities: at('nationalities'),
    source_information_url: at('source_information_url'),
    ids: at('ids'),
  };
}

const OPTIONS = { bom: true, skip_empty_lines: true } as const;

/**
 * Why csv-parse stopped, as a refusal. A body whose first row is not a CSL header is refused
 * for that, whatever else is wrong with it. A record with too few fields counts as cut off
 * only when nothing but whitespace follows it; anywhere else it is malformed.
 */
function refusalOf(err: unknown, bytes: Buffer): SnapshotRefusedError {
  if (!(err instanceof CsvError)) {
    return new SnapshotRefusedError('unparseable', 'CSL CSV could not be read', { cause: err });
  }
  let header: string[] | undefined;
  try {
    header = parse(bytes, { ...OPTIONS, to: 1 })[0];
  } catch {
    // The first record is itself broken (e.g. cut inside its quotes): judge by err below.
  }
  if (header) indexHeader(header); // throws 'unparseable' when the first row is no CSL header
  const where = typeof err.lines === 'number' ? ` at line ${err.lines}` : '';
  if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
    return new SnapshotRefusedError('truncated', `CSL CSV ends inside a quoted field${where}`, { cause: err });
  }
  if (err.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH') {
    const { record, bytes: consumed } = err;
    const short = Array.isArray(record) && header !== undefined && record.length < header.length;
    const atEnd = typeof consumed === 'number' && bytes.subarray(consumed).toString('utf8').trim() === '';
    if (short && atEnd) {
      return new SnapshotRefusedError('truncated', `CSL CSV ends inside its last record${where}`, { cause: err });
    }
  }
  return new SnapshotRefusedError('unparseable', `CSL CSV is malformed${where}: ${err.message}`, { cause: err });
}

/** The records of a body (header first), or the refusal of a body csv-parse rejects. */
function readRecords(bytes: Buffer): Array<string[] | undefined> {
  try {
    return parse(bytes, OPTIONS);
  } catch (err) {
    throw refusalOf(err, bytes);
  }
}

/**
 * One data record (`n` from 1) → a keyless row; null when skipped: a repeated header row (not
 * counted), or a row the mapper skips and counts. The record's slot is released once read.
 */
function mapRecord(
  records: Array<string[] | undefined>,
  n: number,
  c: ColumnIndex,
  toKeyless: ReturnType<typeof createRowMapper>,
): Keyless | null {
  const fields = records[n]!;
  records[n] = undefined;
  const source = fields[c.source] ?? '';
  if (source === 'source') return null;
  const addresses = splitLines(fields[c.addresses]);
  return toKeyless(
    {
      id: c.id === -1 ? null : fields[c.id],
      source,
      entityNumber: fields[c.entity_number],
      type: fields[c.type],
      name: fields[c.name] ?? '',
      programs: splitValue(fields[c.programs]),
      addresses,
      addressCountries: addresses.map(countryOfLine),
      altNames: splitValue(fields[c.alt_names]),
      citizenships: splitValue(fields[c.citizenships]),
      nationalities: splitValue(fields[c.nationalities]),
      ids: splitLines(fields[c.ids]),
      federalRegisterNotice: fields[c.federal_register_notice],
      startDate: fields[c.start_date],
      endDate: fields[c.end_date],
      licenseRequirement: fields[c.license_requirement],
      licensePolicy: fields[c.license_policy],
      remarks: fields[c.remarks],
      sourceInformationUrl: fields[c.source_information_url],
    },
    n,
  );
}

/**
 * Parse a CSL CSV body. Throws SnapshotRefusedError.
 *
 * Records come back as one array and are mapped in a loop, each slot released once read:
 * csv-parse's `on_record` hook builds an info object per record, which cost ~15% more.
 */
export function parseCslCsv(bytes: Buffer, notes: ParseNotes = emptyNotes()): Designation[] {
  const records = readRecords(bytes);
  const header = records[0];
  if (!header) throw new SnapshotRefusedError('empty', 'CSL CSV has no header row');
  const c = indexHeader(header);
  const toKeyless = createRowMapper((n) => `CSV row ${n}`, notes);
  const rows: Keyless[] = [];
  for (let n = 1; n < records.length; n++) {
    const row = mapRecord(records, n, c, toKeyless);
    if (row) rows.push(row);
  }
  return assignKeys(rows, notes);
}

/** Thrown inside the reusing parse when csv-parse rejects the rows it was given: parse whole instead. */
class ReadWhole extends Error {}

/**
 * `parseCslCsv` with row reuse (core/row-reuse.ts). A row is the bytes of one record
 * (csv-records.ts); the hash prefix holds the header's, since the header decides what each
 * field means. Only the header and the rows to map go through csv-parse, in one call per pass:
 * a reused record's bytes were read as exactly one valid record under this same header before,
 * and a valid record leaves csv-parse where the next record starts, so the body reads as the
 * rows it was cut into. Anything that does not check out (csv-parse rejects the rows given, or
 * they are not one record each) is parsed whole, as `parseCslCsv` does, for the same refusal.
 */
export function parseCslCsvReusing(bytes: Buffer, notes: ParseNotes, reuse: RowReuse): ReusingParse {
  const slices = recordSlices(bytes);
  if (slices.length === 0) return allMapped(parseCslCsv(bytes, notes));
  const [headStart, headEnd] = slices[0]!;
  const headBytes = bytes.subarray(headStart, headEnd);
  // Each record as it stands in the body: with the line feed after it, when one follows.
  const withEnd = (start: number, end: number) => bytes.subarray(start, bytes[end] === 0x0a ? end + 1 : end);
  let header: string[] | undefined;
  try {
    header = (parse(withEnd(headStart, headEnd), OPTIONS) as string[][])[0];
  } catch {
    // A header csv-parse cannot read: the whole parse gives the refusal.
  }
  if (!header) return allMapped(parseCslCsv(bytes, notes));
  const c = indexHeader(header);
  const before = { ...notes, examples: [...notes.examples] };
  const toKeyless = createRowMapper((n) => `CSV row ${n}`, notes);
  // records[n] is data row n (1-based, as parseCslCsv numbers them), read once its pass is prepared.
  const records: Array<string[] | undefined> = new Array<string[] | undefined>(slices.length);
  const prepare = (rows: readonly number[]) => {
    if (rows.length === slices.length - 1) {
      // Every row (a first snapshot): the body itself is read, not a copy of it, and refused as parseCslCsv would.
      const read = readRecords(bytes);
      if (read.length !== slices.length) throw new ReadWhole();
      for (let n = 1; n < read.length; n++) records[n] = read[n];
      return;
    }
    const parts: Buffer[] = [withEnd(headStart, headEnd)];
    for (const k of rows) parts.push(withEnd(slices[k + 1]![0], slices[k + 1]![1]));
    let read: string[][];
    try {
      read = parse(Buffer.concat(parts), OPTIONS) as string[][];
    } catch {
      throw new ReadWhole();
    }
    if (read.length !== rows.length + 1) throw new ReadWhole();
    rows.forEach((k, j) => (records[k + 1] = read[j + 1]));
  };
  try {
    return keyRowsReusing(
      slices.length - 1,
      `csv-${rowDigest(headBytes).slice(0, 16)}`,
      (k) => rowDigest(bytes.subarray(slices[k + 1]![0], slices[k + 1]![1])),
      (k) => mapRecord(records, k + 1, c, toKeyless),
      reuse,
      notes,
      prepare,
    );
  } catch (err) {
    if (!(err instanceof ReadWhole)) throw err;
    Object.assign(notes, before);
    return allMapped(parseCslCsv(bytes, notes));
  }
}
