/**
 * The CSL as JSON (`consolidated.json`, `{ "results": [...] }`) → designations. Pure.
 *
 * Address and id objects are rendered as the CSV's lines ("address, city, state, postal_code,
 * CC" and "type, number, CC"), so a row reads the same whichever format it came in.
 *
 * Refusals: a body JSON.parse rejects is 'truncated' when it does not end with `}` or `]`
 * (the download stopped), else 'unparseable'. A document without a `results` array, a row
 * whose `source` or `name` is not text, or a field of the wrong type is 'unparseable'. An
 * empty `results` gives [] (the guard decides what an empty list means). A row whose `source`
 * or `name` is null, missing or empty is skipped and counted (map.ts).
 */
import type { z } from 'zod';
import { assignKeys, emptyNotes, type Keyless, type ParseNotes } from '../../core/identity.js';
import type { Designation } from '../../core/model.js';
import { SnapshotRefusedError, SourceUnavailableError } from '../../errors.js';
import { publisherErrorOf } from '../publisher-error.js';
import { countryOfLine, createRowMapper, splitLines, splitValue, text } from './map.js';
import { arrayElementRanges } from './json-scan.js';
import { allMapped, keyRowsReusing, rowDigest, type ReusingParse, type RowReuse } from '../../core/row-reuse.js';
import { CslResults, type CslResultFields, type CslText } from './schema.js';

type Row = Record<string, unknown>;

/** Refuses a value of the wrong type, naming where it sits: row 13 (`results[12].addresses`). */
function wrongType(value: unknown, index: number, field: string, expected: string): never {
  const got = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  throw new SnapshotRefusedError(
    'unparseable',
    `CSL JSON row ${index + 1} (results[${index}].${field}): expected ${expected}, got ${got}`,
  );
}

function scalar(value: unknown, index: number, field: string): CslText {
  if (value === null || value === undefined || typeof value === 'string' || typeof value === 'number') return value;
  return wrongType(value, index, field, 'text or a number');
}

function field(row: Row, name: keyof CslResultFields, index: number): CslText {
  return scalar(row[name], index, name);
}

/**
 * An array of text, or one "a; b" string; cleaned and unique like the CSV's split fields. An
 * array item may itself hold several names joined by "; " (trade.gov's JSON does this in
 * `alt_names`): it is split the way the CSV's cell is, so both formats give the same list.
 */
function list(row: Row, name: keyof CslResultFields, index: number): string[] {
  const value = row[name];
  if (value === null || value === undefined) return [];
  if (typeof value === 'string') return splitValue(value);
  if (!Array.isArray(value)) return wrongType(value, index, name, 'an array or text');
  const out: string[] = [];
  for (const item of value) {
    const raw = scalar(item, index, name);
    if (typeof raw === 'string' && raw.includes(';')) {
      for (const part of splitValue(raw)) if (!out.includes(part)) out.push(part);
      continue;
    }
    const cleaned = text(raw);
    if (cleaned !== null && !out.includes(cleaned)) out.push(cleaned);
  }
  return out;
}

/** The items of an array of objects (or ready-made line strings); nulls dropped. */
function items(row: Row, name: 'addresses' | 'ids', index: number): Array<Row | string> {
  const value = row[name];
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) return wrongType(value, index, name, 'an array');
  const out: Array<Row | string> = [];
  for (const item of value) {
    if (item === null || item === undefined) continue;
    if (typeof item === 'string' || (typeof item === 'object' && !Array.isArray(item))) out.push(item);
    else wrongType(item, index, `${name}[]`, 'an object');
  }
  return out;
}

/** An object's non-empty parts, in `keys` order, joined with ", "; a string item as it is. */
function lineOf(item: Row | string, keys: readonly string[], index: number): string | null {
  if (typeof item === 'string') return text(item);
  // One join, not repeated concatenation: the line is kept, and a chain of cons strings
  // would keep every piece alive beside it.
  const parts: string[] = [];
  for (const key of keys) {
    const part = text(scalar(item[key], index, key));
    if (part !== null) parts.push(part);
  }
  return parts.length > 0 ? parts.join(', ') : null;
}

const ADDRESS_KEYS = ['address', 'city', 'state', 'postal_code', 'country'] as const;
const ID_KEYS = ['type', 'number', 'country'] as const;

/**
 * Address lines (unique) and the ISO-2 country of each. Lines go through `splitLines` as the
 * CSV's cells do (a ";" inside a field splits it there too), and each line's country is read
 * from its last part, as the CSV's is: the object's `country` is that last part when present.
 */
function addressesOf(row: Row, index: number): { lines: string[]; countries: Array<string | null> } {
  const lines: string[] = [];
  for (const item of items(row, 'addresses', index)) {
    for (const line of splitLines(lineOf(item, ADDRESS_KEYS, index))) if (!lines.includes(line)) lines.push(line);
  }
  return { lines, countries: lines.map(countryOfLine) };
}

function idsOf(row: Row, index: number): string[] {
  const lines: string[] = [];
  for (const item of items(row, 'ids', index)) {
    for (const line of splitLines(lineOf(item, ID_KEYS, index))) if (!lines.includes(line)) lines.push(line);
  }
  return lines;
}

function refusalOfSyntax(err: unknown, body: string): SnapshotRefusedError {
  const end = body.trimEnd().slice(-1);
  if (end !== '}' && end !== ']') {
    return new SnapshotRefusedError('truncated', 'CSL JSON ends mid-document (cut off?)', { cause: err });
  }
  const detail = err instanceof Error ? `: ${err.message}` : '';
  return new SnapshotRefusedError('unparseable', `CSL JSON is not valid JSON${detail}`, { cause: err });
}

/** "results[12].name: Invalid input: expected string, received null" for zod's first issue. */
function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid document';
  let path = '';
  for (const key of issue.path) path += typeof key === 'number' ? `[${key}]` : `${path ? '.' : ''}${String(key)}`;
  return `${path || '(document)'}: ${issue.message}`;
}

/** Map one JSON row (already known to be an object) to a keyless designation, or null to skip. */
function mapRow(row: Row, i: number, toKeyless: ReturnType<typeof createRowMapper>): Keyless | null {
  const source = row.source;
  const name = row.name;
  // A missing or null source/name is an empty one: the mapper skips and counts the row.
  if (source !== null && source !== undefined && typeof source !== 'string') return wrongType(source, i, 'source', 'text');
  if (name !== null && name !== undefined && typeof name !== 'string') return wrongType(name, i, 'name', 'text');
  const addresses = addressesOf(row, i);
  return toKeyless(
    {
      id: field(row, 'id', i) ?? field(row, '_id', i),
      source: source ?? '',
      entityNumber: field(row, 'entity_number', i),
      type: field(row, 'type', i),
      name: name ?? '',
      programs: list(row, 'programs', i),
      addresses: addresses.lines,
      addressCountries: addresses.countries,
      altNames: list(row, 'alt_names', i),
      citizenships: list(row, 'citizenships', i),
      nationalities: list(row, 'nationalities', i),
      ids: idsOf(row, i),
      federalRegisterNotice: field(row, 'federal_register_notice', i),
      startDate: field(row, 'start_date', i),
      endDate: field(row, 'end_date', i),
      licenseRequirement: field(row, 'license_requirement', i),
      licensePolicy: field(row, 'license_policy', i),
      remarks: field(row, 'remarks', i),
      sourceInformationUrl: field(row, 'source_information_url', i),
    },
    i,
  );
}

/** Parse a CSL JSON body (text, BOM already removed) whole. Throws SnapshotRefusedError. */
export function parseCslJson(body: string, notes: ParseNotes = emptyNotes()): Designation[] {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (err) {
    throw refusalOfSyntax(err, body);
  }
  const published = publisherErrorOf(data);
  if (published) {
    // The publisher's own words, on one line; a rate limit is transient (retry next poll).
    const message = `trade.gov answered with an error instead of the list: ${published.message}`;
    if (published.transient) throw new SourceUnavailableError(message);
    throw new SnapshotRefusedError('unparseable', message);
  }
  const checked = CslResults.safeParse(data);
  if (!checked.success) {
    // No `cause`: zod's message is a multi-line dump; describeIssue already names path and problem.
    throw new SnapshotRefusedError('unparseable', `CSL JSON ${describeIssue(checked.error)}`);
  }
  const raw = (data as { results: Row[] }).results;
  const toKeyless = createRowMapper((i) => `JSON row ${i + 1} (results[${i}])`, notes);
  const rows: Keyless[] = [];
  for (let i = 0; i < raw.length; i++) {
    const designation = mapRow(raw[i]!, i, toKeyless);
    if (designation) rows.push(designation);
  }
  return assignKeys(rows, notes);
}

/** Parse the element at `start..end` of `results`, which must be an object. */
function parseElement(bytes: Buffer, start: number, end: number, i: number): Row {
  let row: unknown;
  try {
    row = JSON.parse(bytes.toString('utf8', start, end));
  } catch (err) {
    throw new SnapshotRefusedError('unparseable', `CSL JSON row ${i + 1} (results[${i}]) is not valid JSON`, { cause: err });
  }
  if (row === null || typeof row !== 'object' || Array.isArray(row)) wrongType(row, i, '', 'an object');
  return row as Row;
}

/** The whole document, parsed at once: for a body the scanner cannot walk (precise refusals). */
function parseWhole(bytes: Buffer, notes: ParseNotes): Designation[] {
  const text = bytes.toString('utf8');
  return parseCslJson(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, notes);
}

/**
 * Parse a CSL JSON body from its bytes one `results` element at a time (see json-scan.ts), so
 * the whole tree never exists at once. A document the scanner cannot walk is parsed whole,
 * which gives the precise refusal (cut off, not JSON, no `results`). Throws SnapshotRefusedError.
 */
export function parseCslJsonBytes(bytes: Buffer, notes: ParseNotes = emptyNotes()): Designation[] {
  const ranges = arrayElementRanges(bytes, 'results');
  if (ranges === null) return parseWhole(bytes, notes);
  const toKeyless = createRowMapper((i) => `JSON row ${i + 1} (results[${i}])`, notes);
  const rows: Keyless[] = [];
  for (let i = 0; i < ranges.length / 2; i++) {
    const designation = mapRow(parseElement(bytes, ranges[2 * i]!, ranges[2 * i + 1]!, i), i, toKeyless);
    if (designation) rows.push(designation);
  }
  return assignKeys(rows, notes);
}

/**
 * `parseCslJsonBytes` with row reuse (core/row-reuse.ts): a row is the bytes of one `results`
 * element, and a row whose hash `reuse` knows is neither parsed nor mapped. Such bytes were an
 * object that mapped without error when stored, so skipping them refuses nothing `parse` would
 * accept. The document's other fields are not read by the mapping, so they are not in the hash.
 *
 * Known rows are not even walked byte by byte: the scanner guesses where each element ends and
 * the guess stands when the bytes up to it hash to a stored row (json-scan.ts `Vouch`), which
 * only a whole element's bytes can. The digest and lookup made for a right guess are the row's
 * own, so each row is hashed and looked up once.
 */
export function parseCslJsonReusing(bytes: Buffer, notes: ParseNotes, reuse: RowReuse): ReusingParse {
  const known = reuse.rowsByDigest('json');
  // Per element vouched for: the stored row its guessed bytes matched (-1: none), the digest of
  // those bytes and where the guess ended. Taken by lookedUp and digestOf once the ranges are known.
  const matched: number[] = [];
  const guessed: Array<string | undefined> = [];
  const guessedEnd: number[] = [];
  const vouch = (start: number, end: number, i: number): boolean => {
    const digest = rowDigest(bytes.subarray(start, end));
    const at = known.get(digest) ?? -1;
    matched[i] = at;
    guessed[i] = digest;
    guessedEnd[i] = end;
    return at !== -1;
  };
  const ranges = arrayElementRanges(bytes, 'results', known.size > 0 ? vouch : undefined);
  if (ranges === null) return allMapped(parseWhole(bytes, notes));
  // A guess that was not the element says nothing about the element's own bytes.
  const rightGuess = (i: number) => guessedEnd[i] === ranges[2 * i + 1];
  const toKeyless = createRowMapper((i) => `JSON row ${i + 1} (results[${i}])`, notes);
  return keyRowsReusing(
    ranges.length / 2,
    'json',
    (i) => {
      const digest = rightGuess(i) ? guessed[i] : undefined;
      guessed[i] = undefined;
      return digest ?? rowDigest(bytes.subarray(ranges[2 * i]!, ranges[2 * i + 1]!));
    },
    (i) => mapRow(parseElement(bytes, ranges[2 * i]!, ranges[2 * i + 1]!, i), i, toKeyless),
    reuse,
    notes,
    undefined,
    (i) => (rightGuess(i) ? matched[i] : undefined),
  );
}
