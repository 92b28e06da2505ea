/**
 * The FCC Covered List page (https://www.fcc.gov/supplychain/coveredlist) → designations on the
 * list `FCC`, one per entity. Pure.
 *
 * The page prints one table: "Covered Equipment or Services" | "Date of Inclusion on Covered
 * List". Each row describes equipment or a service and names who produces or provides it:
 *
 *   Video surveillance and telecommunications equipment produced by Hytera Communications
 *   Corporation, Hangzhou Hikvision Digital Technology Company, or Dahua Technology Company, to
 *   the extent it is used for the purpose of public safety, …   |   March 12, 2021
 *
 * The entities are the names after "produced by", "provided by", "supplied by" or "operated
 * by", up to the qualifying clause; a row may name several ("A, B, or C"), and an entity may be
 * on several rows (equipment and services) — it is one designation with every row's text in
 * `remarks` and the earliest date as `startDate`. A short form in parentheses ("(Huawei)") is
 * an alias, and the name is printed without it. A row naming no producer is one entry of type
 * "Equipment or service" named by its own text.
 *
 * A challenge page is refused as `blocked`; a page without the table as `unparseable`.
 */
import { assignKeys, type Keyless } from '../../core/identity.js';
import { blankKeyless, type Designation } from '../../core/model.js';
import { normaliseName } from '../../core/text.js';
import { SnapshotRefusedError } from '../../errors.js';
import { cleanItem } from '../bis-common/entity-cell.js';
import { checkPage } from '../html-common/challenge.js';
import { columnOf, htmlTables, isoDate } from '../html-common/tables.js';
import { readText } from '../read-text.js';
import type { SnapshotBody } from '../types.js';

export const FCC_LIST_NAME = 'Covered List (FCC) - Federal Communications Commission';

export const FCC_BLOCKED_HINT =
  'set FCC_COVERED_LIST_URL (or sources.fcc.url in the config file) to a mirror of the page, or to a copy saved from a browser (a local file)';

/** Where the names start: "… produced by", "provided by or operated by", "supplied by". */
const BY = /\b(?:produced|provided|supplied|operated|manufactured)(?:\s+(?:or|and)\s+(?:produced|provided|supplied|operated|manufactured))?(?:,?\s+directly or indirectly,?)?\s+by\s+/gi;
/**
 * Where they end: the clause that qualifies the equipment or service, or the sentence's stop —
 * not the stop of "Corp." or "Inc.", and not "and its wholly-owned subsidiary", which names one more.
 */
const CLAUSE_END =
  /,?\s+(?:to the extent|including|and by any|or by any|or any|and any|and its(?!\s+(?:wholly[- ]owned\s+)?subsidiar)|or its|that|which|for the purpose)\b|\s*;|(?<!\b(?:Corp|Inc|Co|Ltd|LLC|Ltda|S\.A))\.(?:\s|$)|\s+\((?:see|as defined)/i;
/** Between two names: "A, B, or C", "A and B", "A and its wholly-owned subsidiary B". */
const NAME_SEPARATOR = /\s+and its\s+(?:wholly[- ]owned\s+)?subsidiar(?:y|ies)\s+|,\s*(?:or\s+|and\s+)?|\s+or\s+|\s+and\s+(?=[A-Z])/;

function namesIn(description: string): string[] {
  const names: string[] = [];
  for (const match of description.matchAll(BY)) {
    const rest = description.slice(match.index + match[0].length);
    const end = CLAUSE_END.exec(rest);
    const span = end ? rest.slice(0, end.index) : rest;
    const parts = span.split(NAME_SEPARATOR).map((part) => cleanItem(part.replace(/^(?:the|such)\s+/i, '')));
    for (const part of parts) if (/^[A-Z0-9]/.test(part) && part.length > 2) names.push(part);
  }
  return names;
}

/** "Huawei Technologies Company (Huawei)" → "Huawei Technologies Company" and its short form "Huawei"; "(Americas)" is part of a name. */
function withoutShortForm(printed: string): { name: string; aliases: string[] } {
  const match = /\s*\(([^()]{2,30})\)\s*$/.exec(printed);
  if (!match || /^(?:USA|US|Americas|HK|Hong Kong)$/i.test(match[1]!)) return { name: printed, aliases: [] };
  return { name: printed.slice(0, match.index).trim(), aliases: [match[1]!.trim()] };
}

interface Entity {
  designation: Keyless;
  rows: string[];
}

/** Parse the page. Throws SnapshotRefusedError ('blocked' | 'unparseable' | 'empty'). */
export function parseFccCoveredListPage(html: string, location = 'https://www.fcc.gov/supplychain/coveredlist'): Designation[] {
  checkPage(html, location, FCC_BLOCKED_HINT);
  const table = htmlTables(html).find((t) => columnOf(t, /covered equipment|equipment or services/i) !== -1);
  if (!table) throw new SnapshotRefusedError('unparseable', 'no Covered List table ("Covered Equipment or Services") on the page: has the page been redesigned?');
  const what = columnOf(table, /covered equipment|equipment or services/i);
  const when = columnOf(table, /date/i);
  const byName = new Map<string, Entity>();
  for (const cells of table.rows) {
    const description = cells[what]?.text ?? '';
    if (description === '') continue;
    const date = when === -1 ? null : isoDate(cells[when]?.text);
    // A row that names no producer (a class of equipment "produced in a foreign country") is on
    // the list all the same: it is one entry, named by its own text, never dropped.
    const named = namesIn(description);
    for (const printed of named.length > 0 ? named : [cleanItem(description)]) {
      const { name, aliases } = withoutShortForm(printed);
      const key = normaliseName(name);
      const seen = byName.get(key);
      if (seen) {
        seen.rows.push(description);
        const start = seen.designation.startDate;
        if (date && (!start || date < start)) seen.designation.startDate = date;
        continue;
      }
      byName.set(key, {
        rows: [description],
        designation: blankKeyless({
          list: 'FCC',
          listName: FCC_LIST_NAME,
          name,
          aliases,
          type: named.length > 0 ? 'Entity' : 'Equipment or service',
          startDate: date,
          sourceUrl: /^https?:\/\//i.test(location) ? location : null,
        }),
      });
    }
  }
  if (byName.size === 0) throw new SnapshotRefusedError('empty', 'the Covered List table names no entity');
  return assignKeys([...byName.values()].map(({ designation, rows }) => ({ ...designation, remarks: [...new Set(rows)].join('\n') })));
}

export function parseFccCoveredList(body: SnapshotBody): Designation[] {
  return parseFccCoveredListPage(readText(body.bytes, 'the FCC Covered List page'), body.location);
}
