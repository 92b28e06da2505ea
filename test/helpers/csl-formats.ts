/**
 * The two CSL formats from one set of rows, for tests: JSON rows (the API's shape) → the CSV
 * file (current 29 columns with `_id`, or the older 28 without), and a CSV file → JSON rows.
 * Multi-valued cells are "; "-joined as trade.gov writes them; addresses and ids are the CSV's
 * lines ("address, city, state, postal_code, CC"), split back on their last comma.
 */
import { parse } from 'csv-parse/sync';

type Row = Record<string, unknown>;

export const CSV_COLUMNS = [
  '_id', 'source', 'entity_number', 'type', 'programs', 'name', 'title', 'addresses', 'federal_register_notice',
  'start_date', 'end_date', 'standard_order', 'license_requirement', 'license_policy', 'call_sign', 'vessel_type',
  'gross_tonnage', 'gross_registered_tonnage', 'vessel_flag', 'vessel_owner', 'remarks', 'source_list_url',
  'alt_names', 'citizenships', 'dates_of_birth', 'nationalities', 'places_of_birth', 'source_information_url', 'ids',
] as const;

const LIST_COLUMNS = new Set(['programs', 'alt_names', 'citizenships', 'nationalities', 'dates_of_birth', 'places_of_birth']);

function joinParts(item: unknown, keys: readonly string[]): string {
  if (typeof item === 'string') return item;
  const object = (item ?? {}) as Row;
  return keys.map((k) => object[k]).filter((v) => v !== null && v !== undefined && v !== '').join(', ');
}

function cell(row: Row, column: string): string {
  const value = column === '_id' ? (row.id ?? row._id) : row[column];
  if (value === null || value === undefined) return '';
  if (column === 'addresses') return (value as unknown[]).map((a) => joinParts(a, ['address', 'city', 'state', 'postal_code', 'country'])).join('; ');
  if (column === 'ids') return (value as unknown[]).map((a) => joinParts(a, ['type', 'number', 'country'])).join('; ');
  if (Array.isArray(value)) return value.join('; ');
  return String(value);
}

function quote(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/** The CSV file of JSON rows; `legacy` drops `_id` (the older 28-column file). */
export function csvOfRows(rows: readonly Row[], options: { legacy?: boolean; columns?: readonly string[] } = {}): string {
  const columns = options.columns ?? (options.legacy ? CSV_COLUMNS.slice(1) : CSV_COLUMNS);
  const lines = [columns.map(quote).join(',')];
  for (const row of rows) lines.push(columns.map((c) => quote(cell(row, c))).join(','));
  return `${lines.join('\n')}\n`;
}

/** "a, b, CN" → { head: "a, b", last: "CN" }; a line without a comma is all `last` (the CSV reads its country there). */
function splitLast(line: string): { head: string | null; last: string } {
  const at = line.lastIndexOf(',');
  return at === -1 ? { head: null, last: line } : { head: line.slice(0, at).trim(), last: line.slice(at + 1).trim() };
}

/** CSV text → the API's JSON document: arrays for list cells, address and id objects. */
export function jsonOfCsv(text: string): { results: Row[] } {
  const records = parse(text, { columns: true, bom: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  const results: Row[] = [];
  for (const record of records) {
    if (record.source === 'source') continue;
    const row: Row = {};
    for (const [column, value] of Object.entries(record)) {
      const split = value === '' ? [] : value.split(';').map((v) => v.trim()).filter((v) => v !== '');
      if (column === '_id') row.id = value || null;
      else if (column === 'addresses') {
        row.addresses = split.map((line) => {
          const { head, last } = splitLast(line);
          return { address: head, city: null, state: null, postal_code: null, country: last };
        });
      } else if (column === 'ids') {
        row.ids = split.map((line) => {
          const { head, last } = splitLast(line);
          return { type: head, number: null, country: last };
        });
      } else if (LIST_COLUMNS.has(column)) row[column] = split;
      else row[column] = value === '' ? null : value;
    }
    results.push(row);
  }
  return { results };
}
