/**
 * One CSL row → one keyless designation; shared by the CSV and JSON parsers so both formats
 * give equal designations for the same entry.
 *
 * Parsers first bring a row into `CslRecord` (multi-valued fields split, addresses and ids
 * rendered as lines); `createRowMapper()` then applies the project's rules:
 * - `list` from the `source` text; rows of an unknown list, and rows with an empty name, are
 *   skipped (null) and counted in the parse's `ParseNotes` (core/guard.ts refuses the snapshot
 *   only past a share): no key or headline can be made for them.
 * - `sourceId` is the entry number on Treasury lists (so `baseKey` gives `SDN:36`), else `_id`.
 * - `countries`: ISO-2 codes of addresses, nationalities and citizenships, sorted and unique.
 * - the State Department's "and any successor, sub-unit, or subsidiary thereof" tail is cut
 *   from names: it is boilerplate, and would keep a name from matching the company's own.
 */
import { noteSkipped, type Keyless, type ParseNotes } from '../../core/identity.js';
import { LISTS, listCodeFromSource } from '../../core/lists.js';
import type { Designation, ListCode } from '../../core/model.js';
import { cleanText, iso2 } from '../../core/text.js';

/** A scalar as published: text, a number, or nothing. The mapper cleans it. */
export type RawText = string | number | null | undefined;

/** A row in format-neutral form. Lists are cleaned and unique; scalars are raw. */
export interface CslRecord {
  /** `_id` (CSV) or `id`/`_id` (JSON); null in the older CSV. */
  id: RawText;
  /** List text, e.g. "Entity List (EL) - Bureau of Industry and Security". */
  source: string;
  entityNumber: RawText;
  type: RawText;
  name: string;
  programs: string[];
  /** One line per address, "street, city, state, postal code, CC". */
  addresses: string[];
  /** ISO-2 code of each address that has one. */
  addressCountries: Array<string | null>;
  altNames: string[];
  citizenships: string[];
  nationalities: string[];
  /** One line per document, "type, number, CC". */
  ids: string[];
  federalRegisterNotice: RawText;
  startDate: RawText;
  endDate: RawText;
  licenseRequirement: RawText;
  licensePolicy: RawText;
  remarks: RawText;
  sourceInformationUrl: RawText;
}

/** Any whitespace that `cleanText` would change: a run, a non-space, or at either end. */
const NEEDS_CLEANING = /\s\s|[^\S ]|^\s|\s$/;

/**
 * `cleanText` with a fast path: most fields are empty or already clean, and testing for that
 * is much cheaper than cleanText's replace-and-trim (it is called ~30 times a row).
 */
export function text(value: RawText): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string' && !NEEDS_CLEANING.test(value)) return value === '-0-' ? null : value;
  return cleanText(value);
}

/**
 * `splitMulti` (split on ";", clean, drop empties and repeats), written for speed: trim and
 * the `text` fast path instead of a regex per part, and no Set for the few items a field has.
 */
export function splitValue(value: string | null | undefined): string[] {
  if (!value) return [];
  if (!value.includes(';')) {
    const single = text(value);
    return single === null ? [] : [single];
  }
  const out: string[] = [];
  for (const part of value.split(';')) {
    const item = text(part.trim());
    if (item !== null && !out.includes(item)) out.push(item);
  }
  return out;
}

/**
 * An address or id line in one spelling whichever format it came from: comma-separated parts
 * trimmed, empty parts dropped, joined with ", ". The CSV joins trade.gov's fields as they are
 * ("CHIH , MX", "Road, , CN"); the JSON path cleans each field first; both end up here.
 */
export function canonicalLine(line: string): string {
  if (!line.includes(',')) return line;
  if (!/\s,|,(?!\s)|,\s\s|,\s*,/.test(line)) return line;
  return line
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join(', ');
}

/** `splitValue` for address and id cells: each item a `canonicalLine`, repeats dropped. */
export function splitLines(value: string | null | undefined): string[] {
  const items = splitValue(value);
  const out: string[] = [];
  for (const item of items) {
    const line = canonicalLine(item);
    if (!out.includes(line)) out.push(line);
  }
  return out;
}

/**
 * `countryOfAddress` (the ISO-2 code after an address line's last comma) without splitting
 * the whole line into an array first.
 */
export function countryOfLine(line: string): string | null {
  return iso2(line.slice(line.lastIndexOf(',') + 1));
}

const SUCCESSOR_TAIL =
  /[;,]?\s+and (?:any successors?, sub-units?,? (?:or|and) subsidiar(?:y|ies) thereof|its sub-units and successors)\.?$/i;

/** The name without the State Department's successor boilerplate. */
export function stripSuccessorTail(name: string): string {
  if (!name.includes('uccessor') && !name.includes('UCCESSOR')) return name;
  return name.replace(SUCCESSOR_TAIL, '').trim() || name;
}

function countriesOf(record: CslRecord): string[] {
  const codes: string[] = [];
  for (const code of record.addressCountries) if (code && !codes.includes(code)) codes.push(code);
  for (const value of record.nationalities) {
    const code = iso2(value);
    if (code && !codes.includes(code)) codes.push(code);
  }
  for (const value of record.citizenships) {
    const code = iso2(value);
    if (code && !codes.includes(code)) codes.push(code);
  }
  return codes.length > 1 ? codes.sort() : codes;
}

/**
 * A mapper for one parse. It remembers the list code of each `source` text it has seen (a
 * snapshot has about a dozen), so the list is not re-derived for every row. `where` turns the
 * number a parser passes with each row into words for errors ("CSV row 12").
 */
export function createRowMapper(
  where: (row: number) => string,
  notes: ParseNotes,
): (record: CslRecord, row: number) => Keyless | null {
  const lists = new Map<string, { list: ListCode; listName: string } | null>();
  return (record, row) => {
    notes.rows++;
    // The name first: an empty row (every field empty, as the real CSL has carried) is "no name".
    const cleanName = text(record.name);
    if (!cleanName) {
      noteSkipped(notes, 'noName', `${where(row)}: row with an empty name`);
      return null;
    }
    let known = lists.get(record.source);
    if (known === undefined) {
      const list = listCodeFromSource(record.source);
      known = list ? { list, listName: text(record.source) ?? record.source } : null;
      lists.set(record.source, known);
    }
    if (!known) {
      noteSkipped(notes, 'noList', `${where(row)}: no known list in source ${JSON.stringify(record.source.slice(0, 80))}`);
      return null;
    }
    const { list, listName } = known;
    const entityNumber = text(record.entityNumber);
    const designation: Designation = {
      list,
      listName,
      name: stripSuccessorTail(cleanName),
      aliases: record.altNames,
      type: text(record.type),
      countries: countriesOf(record),
      addresses: record.addresses,
      programs: record.programs,
      frCitation: text(record.federalRegisterNotice),
      startDate: text(record.startDate),
      endDate: text(record.endDate),
      licenseRequirement: text(record.licenseRequirement),
      licensePolicy: text(record.licensePolicy),
      ids: record.ids,
      remarks: text(record.remarks),
      sourceId: LISTS[list].keyedBy === 'entry-number' && entityNumber ? entityNumber : text(record.id),
      sourceUrl: text(record.sourceInformationUrl),
      // Filled in by assignKeys. Reserving the slot here lets it set the key in place instead
      // of adding a property to each of 30,000 objects (which reshapes them: ~40 ms a parse).
      key: '',
    };
    return designation;
  };
}
