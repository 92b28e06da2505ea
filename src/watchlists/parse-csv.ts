/**
 * An admin's counterparty CSV → counterparties. Pure: bytes in, rows out, or a UsageError that
 * names the lines to fix (nothing is imported from a file with any problem).
 *
 *   name,country,reference
 *   Hikvision,CN,SUP-0042
 *   "Acme Trading, Inc.",Germany,
 *
 * The first line is a header. Columns are found by name, case and punctuation ignored: `name`
 * (or `counterparty`, `company`) is required; `country` (an ISO-2 code or an English name) and
 * `reference` (or `ref`, `id`) are optional; other columns are ignored. Comma, semicolon and tab
 * separated files are read (the header line decides); another separator (`|`) is named in the
 * error. Bytes are decoded by src/core/user-text.ts: UTF-8 ± BOM, UTF-16 with a BOM (Excel's
 * "Unicode Text", tab-separated), Windows-1252; anything else, or text with NUL or control
 * characters, is refused with "save it as CSV UTF-8". Blank lines are skipped. At most
 * MAX_COUNTERPARTIES rows.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { countryCode, isCountryCode } from '../core/countries.js';
import { decodeUserText } from '../core/user-text.js';
import { UsageError } from '../errors.js';
import { Counterparty, MAX_COUNTERPARTIES } from './schema.js';

/** Accepted header spellings per field, normalised (lower case, letters and digits only). */
const COLUMNS = {
  name: ['name', 'counterparty', 'company', 'counterpartyname', 'companyname'],
  country: ['country', 'countrycode'],
  reference: ['reference', 'ref', 'id', 'referenceid'],
} as const;

/** Problems listed in one error before "…and N more". */
const MAX_PROBLEMS = 5;

interface Columns {
  name: number;
  country: number;
  reference: number;
}

function normaliseHeader(cell: string): string {
  return cell.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

function findColumns(header: readonly string[]): Columns {
  const names = header.map(normaliseHeader);
  const find = (accepted: readonly string[]): number => {
    for (const spelling of accepted) {
      const at = names.indexOf(spelling);
      if (at !== -1) return at;
    }
    return -1;
  };
  const columns = { name: find(COLUMNS.name), country: find(COLUMNS.country), reference: find(COLUMNS.reference) };
  if (columns.name === -1) {
    const found = header.map((cell) => `"${cell.slice(0, 40)}"`).join(', ') || 'nothing';
    throw new UsageError(`line 1 must be a header with a "name" column (or "counterparty", "company"); found ${found}`);
  }
  return columns;
}

/** Separators other programs write that this parser does not read, named in the error. */
const OTHER_SEPARATORS = ['|', '^', '~'] as const;

/**
 * The separator the header line uses: the most frequent of comma, semicolon and tab. A header
 * with none of them but another separator is a UsageError naming it (not one long "name").
 */
function delimiterOf(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  let best = ',';
  let most = 0;
  for (const candidate of [',', ';', '\t']) {
    const count = firstLine.split(candidate).length - 1;
    if (count > most) [best, most] = [candidate, count];
  }
  const other = most === 0 ? OTHER_SEPARATORS.find((s) => firstLine.includes(s)) : undefined;
  if (other) throw new UsageError(`line 1 separates columns with "${other}", which is not supported: use commas, semicolons or tabs (save it as CSV UTF-8)`);
  return best;
}

/** ISO-2 for a code or an English country name; null for an empty cell; undefined when unknown. */
function resolveCountry(cell: string): string | null | undefined {
  if (cell === '') return null;
  const upper = cell.toUpperCase();
  if (isCountryCode(upper)) return upper;
  return countryCode(cell) ?? undefined;
}

/** Parse a watchlist CSV. Throws UsageError naming the offending lines. */
export function parseCounterpartyCsv(input: Buffer | string): Counterparty[] {
  const text = typeof input === 'string' ? decodeUserText(Buffer.from(input.replace(/^\uFEFF/, ''), 'utf8')).text : decodeUserText(input).text;
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    // With `info`, csv-parse returns { record, info } per record; its typings only know string[][].
    records = parse(text, { delimiter: delimiterOf(text), skip_empty_lines: true, relax_column_count: true, trim: true, info: true }) as unknown as typeof records;
  } catch (err) {
    if (err instanceof CsvError) {
      const where = typeof err.lines === 'number' ? `line ${err.lines}: ` : '';
      throw new UsageError(`${where}the file is not valid CSV (${err.message})`, { cause: err });
    }
    throw err;
  }
  const [head, ...rows] = records;
  if (!head) throw new UsageError('the file is empty: it needs a header line with a "name" column and one line per counterparty');
  const columns = findColumns(head.record);
  const out: Counterparty[] = [];
  const problems: string[] = [];
  for (const { record, info } of rows) {
    if (record.every((cell) => cell === '')) continue;
    if (out.length + problems.length >= MAX_COUNTERPARTIES) {
      throw new UsageError(`a watchlist holds at most ${MAX_COUNTERPARTIES.toLocaleString('en-US')} counterparties; split the file`);
    }
    const cell = (at: number): string => (at === -1 ? '' : (record[at] ?? ''));
    const line = info.lines;
    const name = cell(columns.name);
    if (name === '') {
      problems.push(`line ${line}: no name`);
      continue;
    }
    const country = resolveCountry(cell(columns.country));
    if (country === undefined) {
      problems.push(`line ${line}: unknown country "${cell(columns.country).slice(0, 60)}" (use an ISO-2 code such as DE, or an English country name)`);
      continue;
    }
    const parsed = Counterparty.safeParse({ name, country, reference: cell(columns.reference) || null });
    if (!parsed.success) {
      problems.push(`line ${line}: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
      continue;
    }
    out.push(parsed.data);
  }
  if (problems.length > 0) {
    const more = problems.length > MAX_PROBLEMS ? `; …and ${problems.length - MAX_PROBLEMS} more` : '';
    throw new UsageError(`nothing imported: ${problems.slice(0, MAX_PROBLEMS).join('; ')}${more}`);
  }
  if (out.length === 0) throw new UsageError('the file has a header but no counterparties');
  return out;
}
