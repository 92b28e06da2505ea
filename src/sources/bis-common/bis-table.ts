/**
 * Reading the BIS list tables of 15 CFR part 744 — Supplement No. 4 (Entity List), No. 6
 * (Unverified List), No. 7 (Military End-User List) — out of a generic table (tables.ts). Pure.
 * Shared by the Federal Register rule parser and the eCFR source, so both read a row alike.
 *
 * Columns are found by heading: Country | Entity (UVL: "Listed person and address") |
 * License requirement | License review policy | Federal Register citation; the MEU and UVL
 * tables have only country, entity and citation. The country cell is printed on the first row
 * of each country only, so it is carried down. Rows of asterisks ("* * *", meaning "entries
 * not shown") and "[Reserved]" rows are skipped.
 */
import { countryCode } from '../../core/countries.js';
import type { Keyless } from '../../core/identity.js';
import { uniqueStrings } from '../../core/text.js';
import { parseEntityCell, type EntityCell } from './entity-cell.js';
import type { XmlTable } from './tables.js';
import { linesOf, textOf, type XmlElement } from './xml.js';

export type BisListCode = 'EL' | 'UVL' | 'MEU';

/** List names as the CSL spells them in its `source` field. */
export const BIS_LIST_NAMES: Record<BisListCode, string> = {
  EL: 'Entity List (EL) - Bureau of Industry and Security',
  UVL: 'Unverified List (UVL) - Bureau of Industry and Security',
  MEU: 'Military End User (MEU) List - Bureau of Industry and Security',
};

/** Supplement number to 15 CFR part 744 → the list it holds. (No. 2 is an item list, not MEU.) */
const SUPPLEMENT_LISTS: Record<string, BisListCode> = { '4': 'EL', '6': 'UVL', '7': 'MEU' };

const SUPPLEMENT = /supplement\s+no\.?\s*(\d+)\s+to\s+(?:part\s+)?744\b/i;

/** The list a text names by its supplement ("Supplement No. 4 to part 744 is amended…"), or null. */
export function supplementList(text: string): BisListCode | null {
  const match = SUPPLEMENT.exec(text);
  return match ? (SUPPLEMENT_LISTS[match[1]!] ?? null) : null;
}

interface Columns {
  country: number;
  entity: number;
  requirement: number | null;
  policy: number | null;
  citation: number | null;
}

function columnsOf(table: XmlTable): Columns | null {
  const find = (pattern: RegExp): number | null => {
    const index = table.headings.findIndex((heading) => pattern.test(heading));
    return index === -1 ? null : index;
  };
  const country = find(/^country/i);
  const entity = find(/entity|listed person|^name/i);
  if (country === null || entity === null) return null;
  return {
    country,
    entity,
    requirement: find(/license requirement/i),
    policy: find(/review policy/i),
    citation: find(/federal register|citation/i),
  };
}

/** Whether a table has the Country and Entity columns of a BIS list table. */
export function isBisTable(table: XmlTable): boolean {
  return columnsOf(table) !== null;
}

/** The list a table's columns suggest: only the Entity List has license columns. */
export function listOfColumns(table: XmlTable): BisListCode | null {
  const columns = columnsOf(table);
  if (!columns) return null;
  if (columns.requirement !== null || columns.policy !== null) return 'EL';
  if (table.headings.some((heading) => /listed person/i.test(heading))) return 'UVL';
  return null;
}

export interface BisRow {
  /** The country as printed (carried down from the row that prints it). */
  countryText: string | null;
  /** Its ISO-2 code, or null when not recognised. */
  country: string | null;
  entity: EntityCell;
  licenseRequirement: string | null;
  licensePolicy: string | null;
  /** The citation cell as printed, e.g. "89 FR [INSERT FR PAGE NUMBER] 2/12/24." */
  frCitation: string | null;
}

const FOOTNOTE = { footnote: (marker: string) => ` (footnote ${marker})` };

function cellText(cells: XmlElement[], index: number | null): string | null {
  if (index === null) return null;
  const cell = cells[index];
  if (!cell) return null;
  const text = textOf(cell, FOOTNOTE);
  return text === '' ? null : text;
}

/** Asterisk rows stand for entries the amendment leaves alone. */
function isFiller(text: string | null): boolean {
  return text === null || /^[*\s]+$/.test(text) || /^\[reserved\]$/i.test(text);
}

/**
 * The rows of a BIS list table, country carried down; [] when the table is not one.
 * `carried` is the country in force where the table starts (a list split over several tables).
 */
export function readBisRows(table: XmlTable, carried: string | null = null): BisRow[] {
  const columns = columnsOf(table);
  if (!columns) return [];
  const rows: BisRow[] = [];
  let countryText: string | null = carried;
  for (const cells of table.rows) {
    const printedCountry = cellText(cells, columns.country);
    if (!isFiller(printedCountry)) countryText = printedCountry;
    const entityCell = cells[columns.entity];
    const entityText = cellText(cells, columns.entity);
    if (!entityCell || isFiller(entityText)) continue;
    const entity = parseEntityCell(linesOf(entityCell));
    if (entity.name === '') continue;
    rows.push({
      countryText,
      country: countryCode(countryText),
      entity,
      licenseRequirement: cellText(cells, columns.requirement),
      licensePolicy: cellText(cells, columns.policy),
      frCitation: cellText(cells, columns.citation),
    });
  }
  return rows;
}

/** YYYY-MM-DD of the first "m/d/yy" date in a citation ("76 FR 71869, 11/21/11."), or null. */
export function citationDate(citation: string | null): string | null {
  const match = citation ? /\b(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})\b/.exec(citation) : null;
  if (!match) return null;
  const [, month, day, year] = match;
  // The lists began in the 1990s: two-digit years from 90 are 19xx.
  const fullYear = year!.length === 4 ? year! : Number(year) >= 90 ? `19${year}` : `20${year}`;
  return `${fullYear}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
}

/** What a published document says about itself, to fill the manuscript's "[INSERT …]" placeholders. */
export interface PublishedFacts {
  /** The first page of the document ("67317" of "86 FR 67317"); null before publication. */
  page: string | null;
  /** YYYY-MM-DD of the issue it was published in; null when unknown. */
  publicationDate: string | null;
}

function shortDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${Number(month)}/${Number(day)}/${year!.slice(2)}`;
}

function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const PAGE_PLACEHOLDER = /\[INSERT\s+FR\s+PAGE\s+NUMBER\]/gi;
const DATE_PLACEHOLDER = /\[INSERT\s+DATE\s+OF\s+PUBLICATION[^\]]*\]/gi;
const DAYS_AFTER_PLACEHOLDER = /\[INSERT\s+DATE\s+(\d+)\s+DAYS\s+AFTER\s+(?:THE\s+)?DATE\s+OF\s+PUBLICATION[^\]]*\]/gi;

/**
 * A citation cell with BIS's manuscript placeholders filled from the published document:
 * "86 FR [INSERT FR PAGE NUMBER], 11/26/21." → "86 FR 67317, 11/26/21.", and
 * "89 FR [INSERT FR PAGE NUMBER] [INSERT DATE OF PUBLICATION IN THE FEDERAL REGISTER]." →
 * "89 FR 41001, 5/9/24.". A placeholder whose fact is unknown is left as printed.
 */
export function fillCitation(text: string, facts: PublishedFacts): string {
  let out = text;
  if (facts.page) out = out.replace(PAGE_PLACEHOLDER, facts.page);
  if (facts.publicationDate) {
    const published = facts.publicationDate;
    out = out.replace(DAYS_AFTER_PLACEHOLDER, (_m, days: string) => shortDate(addDays(published, Number(days))));
    out = out.replace(DATE_PLACEHOLDER, shortDate(published)).replace(/(\bFR\s+\d+)\s+(\d{1,2}\/\d{1,2}\/\d{2})/g, '$1, $2');
  }
  return out;
}

/** YYYY-MM-DD for "[INSERT DATE OF PUBLICATION …]" or "[INSERT DATE 30 DAYS AFTER …]" in a DATES text; null otherwise. */
export function placeholderDate(text: string, publicationDate: string | null): string | null {
  if (!publicationDate) return null;
  const after = new RegExp(DAYS_AFTER_PLACEHOLDER.source, 'i').exec(text);
  if (after) return addDays(publicationDate, Number(after[1]));
  return new RegExp(DATE_PLACEHOLDER.source, 'i').test(text) ? publicationDate : null;
}

/** ISO-2 codes of the row's country and of each address that ends in a country name. */
function countriesOf(country: string | null, addresses: string[]): string[] {
  const codes = addresses.map((address) => countryCode(address.split(',').pop()));
  return uniqueStrings([country, ...codes]).sort();
}

export interface DesignationExtras {
  /** Used when the row has no citation of its own. */
  frCitation?: string | null;
  startDate?: string | null;
  sourceUrl?: string | null;
}

/** One row as a keyless designation on `list`. */
export function rowDesignation(row: BisRow, list: BisListCode, extras: DesignationExtras = {}): Keyless {
  return {
    list,
    listName: BIS_LIST_NAMES[list],
    name: row.entity.name,
    aliases: row.entity.aliases,
    type: null,
    countries: countriesOf(row.country, row.entity.addresses),
    addresses: row.entity.addresses,
    programs: [],
    frCitation: row.frCitation ?? extras.frCitation ?? null,
    startDate: extras.startDate ?? null,
    endDate: null,
    licenseRequirement: row.licenseRequirement,
    licensePolicy: row.licensePolicy,
    ids: [],
    remarks: null,
    sourceId: null,
    sourceUrl: extras.sourceUrl ?? null,
  };
}
