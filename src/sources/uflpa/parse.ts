/**
 * The DHS UFLPA Entity List page (https://www.dhs.gov/uflpa-entity-list) → designations on the
 * list `UFLPA`. Pure.
 *
 * The page prints the list as tables, one per section of the statute (entities that mine or
 * produce with forced labor, that work with the Xinjiang government, that export such goods, …),
 * each under its heading. Columns are found by heading: the entity name ("Entity", "Entity Name",
 * "Name"); aliases ("Alias", "Also Known As") when given; the Federal Register notice or the
 * effective date ("Federal Register Notice", "Effective Date", "Date Added"). A name cell may
 * carry its aliases inline ("Alpha Co., Ltd. (also known as Alpha; Alpha Group)").
 *
 * A challenge page is refused as `blocked`; a page without such a table as `unparseable` (the
 * page was redesigned); a table with no rows as `empty`. Never "everything was removed".
 */
import { frLinks } from '../../core/alerts.js';
import { assignKeys, type Keyless } from '../../core/identity.js';
import { blankKeyless, type Designation } from '../../core/model.js';
import { SnapshotRefusedError } from '../../errors.js';
import { cleanItem } from '../bis-common/entity-cell.js';
import { checkPage } from '../html-common/challenge.js';
import { columnOf, htmlTables, isoDate, type HtmlCell, type HtmlTable } from '../html-common/tables.js';
import { readText } from '../read-text.js';
import type { SnapshotBody } from '../types.js';

export const UFLPA_LIST_NAME = 'UFLPA Entity List (UFLPA) - Department of Homeland Security';

export const UFLPA_BLOCKED_HINT =
  'set UFLPA_URL (or sources.uflpa.url in the config file) to a mirror of the page, or to a copy saved from a browser (a local file)';

const INLINE_ALIASES = /\s*[(,]?\s*\b(?:also known as|a\.k\.a\.|aka|f\.k\.a\.|formerly known as)\s*:?\s*/i;

interface Columns {
  name: number;
  aliases: number;
  citation: number;
  date: number;
}

function columnsOf(table: HtmlTable): Columns | null {
  const name = columnOf(table, /\bentit(?:y|ies)\b|^name/i);
  if (name === -1) return null;
  return {
    name,
    aliases: columnOf(table, /alias|also known/i),
    citation: columnOf(table, /federal register|citation|notice/i),
    date: columnOf(table, /date/i),
  };
}

function splitAliases(lines: readonly string[]): string[] {
  return lines
    .flatMap((line) => line.split(/;\s*/))
    .map((alias) => cleanItem(alias.replace(/^\(|\)$/g, '')))
    .filter((alias) => alias !== '' && !/^(?:n\/?a|none|—|-)$/i.test(alias));
}

/** "Alpha Co., Ltd. (also known as A; B)" → name and inline aliases. */
function nameAndAliases(cell: HtmlCell): { name: string; aliases: string[] } {
  const [first = '', ...more] = cell.lines.length > 0 ? cell.lines : [cell.text];
  const mark = INLINE_ALIASES.exec(first);
  if (!mark) return { name: cleanItem(first), aliases: splitAliases(more) };
  const inline = first.slice(mark.index + mark[0].length).replace(/\)\s*\.?$/, '');
  return { name: cleanItem(first.slice(0, mark.index)), aliases: splitAliases([inline, ...more]) };
}

function rowDesignation(table: HtmlTable, columns: Columns, cells: HtmlCell[], location: string): Keyless | null {
  const nameCell = cells[columns.name];
  if (!nameCell || nameCell.text === '') return null;
  const { name, aliases } = nameAndAliases(nameCell);
  if (name === '') return null;
  const aliasCell = columns.aliases === -1 ? undefined : cells[columns.aliases];
  const citationText = columns.citation === -1 ? null : (cells[columns.citation]?.text ?? null);
  const dateText = columns.date === -1 ? null : (cells[columns.date]?.text ?? null);
  const citation = frLinks(citationText).map((link) => link.label).join('; ') || null;
  return blankKeyless({
    list: 'UFLPA',
    listName: UFLPA_LIST_NAME,
    name,
    aliases: [...new Set([...aliases, ...splitAliases(aliasCell?.lines ?? [])])],
    type: 'Entity',
    programs: table.section ? [table.section] : [],
    frCitation: citation,
    startDate: isoDate(dateText) ?? isoDate(citationText),
    sourceUrl: /^https?:\/\//i.test(location) ? location : null,
  });
}

/** Parse the page. Throws SnapshotRefusedError ('blocked' | 'unparseable' | 'empty'). */
export function parseUflpaPage(html: string, location = 'https://www.dhs.gov/uflpa-entity-list'): Designation[] {
  checkPage(html, location, UFLPA_BLOCKED_HINT);
  const tables = htmlTables(html)
    .map((table) => ({ table, columns: columnsOf(table) }))
    .filter((t): t is { table: HtmlTable; columns: Columns } => t.columns !== null);
  if (tables.length === 0) {
    throw new SnapshotRefusedError('unparseable', 'no UFLPA Entity List table (a column headed "Entity" or "Name") on the page: has the page been redesigned?');
  }
  const rows = tables.flatMap(({ table, columns }) => table.rows.map((cells) => rowDesignation(table, columns, cells, location))).filter((d): d is Keyless => d !== null);
  if (rows.length === 0) throw new SnapshotRefusedError('empty', 'the UFLPA Entity List tables have no entries');
  return assignKeys(rows);
}

export function parseUflpa(body: SnapshotBody): Designation[] {
  return parseUflpaPage(readText(body.bytes, 'the UFLPA Entity List page'), body.location);
}
