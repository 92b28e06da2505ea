/**
 * One OFAC legacy CSV set (primary file plus optional addresses, aliases and comments) → one
 * joined entry per entry number, in the primary file's order. Shared by the SDN and the
 * consolidated (non-SDN) sources, whose files differ only in name.
 *
 *   const entries = readOfacSet(body, SDN_FILES); // body.parts may be absent: SDN.CSV alone works
 *
 * Joins, and why:
 * - Remarks: SDN.CSV cuts Remarks at 1,000 characters, mid-word; the comments file holds the
 *   rest, so the two are concatenated as they are, with no separator.
 * - Aliases: ALT.CSV names (strong aliases, in file order), then the weak aliases quoted in the
 *   remarks. OFAC keeps the two apart, so both are always read, with or without ALT.CSV.
 * - Addresses: one line per ADD.CSV row, "Address, City/State/Postal Code, Country[, remarks]".
 * - Countries: ISO-2 codes of the ADD.CSV countries and of "nationality"/"citizen" remarks.
 * - ids: vessel columns (call sign, type, tonnage, GRT, flag, owner) as "Call Sign, 9XYZ1"
 *   lines, then documents found in the remarks (see remarks.ts).
 * Rows of the part files whose entry number is not in the primary file are ignored. An entry
 * without a name is skipped and counted in `notes` (`rows` counts every primary row), for the
 * guard to judge (core/guard.ts `checkParseNotes`).
 */
import type { z } from 'zod';
import { countryCode } from '../../core/countries.js';
import { noteSkipped, type Keyless, type ParseNotes } from '../../core/identity.js';
import { checkBody } from '../../core/guard.js';
import type { ListCode } from '../../core/model.js';
import { cleanText, uniqueStrings } from '../../core/text.js';
import { SnapshotRefusedError } from '../../errors.js';
import type { SnapshotBody } from '../types.js';
import { readText } from '../read-text.js';
import { readRows } from './csv.js';
import { remarkCountries, remarkIds, weakAliases } from './remarks.js';
import { AddressRow, AliasRow, CommentRow, PrimaryRow } from './schema.js';

/** File names of one set, as published and as keys of `SnapshotBody.parts`. */
export interface OfacFileNames {
  primary: string;
  addresses: string;
  aliases: string;
  comments: string;
}

/** One entry with its parts joined; list-neutral. */
export interface OfacEntry {
  /** OFAC entry number (ent_num), digits only. */
  entNum: string;
  name: string;
  /** Individual, Entity, Vessel or Aircraft (OFAC leaves entities' type empty). */
  type: string;
  /** Program tags, split out of "SDGT] [IRGC". */
  programs: string[];
  aliases: string[];
  addresses: string[];
  /** Sorted, unique ISO-2 codes. */
  countries: string[];
  ids: string[];
  remarks: string | null;
}

const TYPES: Record<string, string> = { individual: 'Individual', vessel: 'Vessel', aircraft: 'Aircraft', entity: 'Entity' };

const VESSEL_COLUMNS = [
  [5, 'Call Sign'],
  [6, 'Vessel Type'],
  [7, 'Tonnage'],
  [8, 'GRT'],
  [9, 'Vessel Flag'],
  [10, 'Vessel Owner'],
] as const;

type Primary = z.infer<typeof PrimaryRow>;

interface Draft {
  row: Primary;
  aliases: string[];
  addresses: string[];
  addressCountries: string[];
  comments: string;
}

/** `cleanText`, skipping its regexes for OFAC's "-0- " placeholder (most fields of most rows). */
function field(value: string | undefined): string | null {
  if (value === undefined || value === '-0- ' || value === '-0-' || value === '') return null;
  return cleanText(value);
}

/** Split "SDGT] [IRGC" (outer brackets already stripped by OFAC) into tags. */
export function splitPrograms(value: string): string[] {
  const text = field(value);
  if (!text) return [];
  return uniqueStrings(text.split(/\]\s*\[/).map((tag) => cleanText(tag.replace(/^\[|\]$/g, ''))));
}

function typeOf(value: string): string {
  const text = field(value);
  if (!text) return 'Entity';
  return TYPES[text.toLowerCase()] ?? text;
}

/** A part's bytes by name, ignoring case (a local directory may spell it sdn_comments.csv). */
function part(body: SnapshotBody, name: string): Buffer | null {
  if (!body.parts) return null;
  const exact = body.parts[name];
  if (exact) return exact;
  const wanted = name.toLowerCase();
  for (const [key, bytes] of Object.entries(body.parts)) if (key.toLowerCase() === wanted) return bytes;
  return null;
}

function joinLine(parts: string[]): string | null {
  const kept = parts.map((p) => field(p)).filter((p): p is string => p !== null);
  return kept.length > 0 ? kept.join(', ') : null;
}

export function readOfacSet(body: SnapshotBody, names: OfacFileNames, notes?: ParseNotes): OfacEntry[] {
  checkBody(body.bytes, body.contentType);
  if (/\.xml$/i.test(body.location)) {
    throw new SnapshotRefusedError('unparseable', `${names.primary}: the XML format is not supported, use the CSV files`);
  }
  const drafts = new Map<string, Draft>();
  for (const row of readRows(readText(body.bytes, names.primary), names.primary, PrimaryRow, 12)) {
    drafts.set(row[0].trim(), { row, aliases: [], addresses: [], addressCountries: [], comments: '' });
  }
  if (drafts.size === 0) throw new SnapshotRefusedError('empty', `${names.primary} has no entries`);

  const addresses = part(body, names.addresses);
  if (addresses) {
    for (const [ent, , address, city, country, remarks] of readRows(readText(addresses, names.addresses), names.addresses, AddressRow, 6)) {
      const draft = drafts.get(ent.trim());
      if (!draft) continue;
      const line = joinLine([address, city, country, remarks]);
      if (line) draft.addresses.push(line);
      const code = countryCode(field(country));
      if (code) draft.addressCountries.push(code);
    }
  }
  const aliases = part(body, names.aliases);
  if (aliases) {
    for (const [ent, , , name] of readRows(readText(aliases, names.aliases), names.aliases, AliasRow, 5)) {
      const alias = field(name);
      if (alias) drafts.get(ent.trim())?.aliases.push(alias);
    }
  }
  const comments = part(body, names.comments);
  if (comments) {
    for (const [ent, text] of readRows(readText(comments, names.comments), names.comments, CommentRow, 2)) {
      const draft = drafts.get(ent.trim());
      if (draft && field(text)) draft.comments += text;
    }
  }

  const entries: OfacEntry[] = [];
  if (notes) notes.rows += drafts.size;
  for (const [entNum, draft] of drafts) {
    const entry = finish(entNum, draft);
    if (entry) entries.push(entry);
    else if (notes) noteSkipped(notes, 'noName', `${names.primary} entry ${entNum}: no name`);
  }
  return entries;
}

/** The joined entry, or null when it has no name. */
function finish(entNum: string, draft: Draft): OfacEntry | null {
  const { row } = draft;
  const name = field(row[1]);
  if (!name) return null;
  const own = field(row[11]);
  const remarks = draft.comments ? field((own === null ? '' : row[11]) + draft.comments) : own;
  const vessel: string[] = [];
  for (const [column, label] of VESSEL_COLUMNS) {
    const value = field(row[column]);
    if (value) vessel.push(`${label}, ${value}`);
  }
  return {
    entNum,
    name,
    type: typeOf(row[2]),
    programs: splitPrograms(row[3]),
    aliases: uniqueStrings([...draft.aliases, ...weakAliases(remarks)]).filter((alias) => alias !== name),
    addresses: uniqueStrings(draft.addresses),
    countries: [...new Set([...draft.addressCountries, ...remarkCountries(remarks)])].sort(),
    ids: uniqueStrings([...vessel, ...remarkIds(remarks)]),
    remarks,
  };
}

/** The designation of an entry on one list; `key` is assigned later by `assignKeys`. */
export function toKeyless(entry: OfacEntry, list: ListCode, listName: string, sourceUrl: string): Keyless {
  return {
    list,
    listName,
    name: entry.name,
    aliases: entry.aliases,
    type: entry.type,
    countries: entry.countries,
    addresses: entry.addresses,
    programs: entry.programs,
    frCitation: null,
    startDate: null,
    endDate: null,
    licenseRequirement: null,
    licensePolicy: null,
    ids: entry.ids,
    remarks: entry.remarks,
    sourceId: entry.entNum,
    sourceUrl,
  };
}
