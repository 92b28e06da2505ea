/**
 * The tables of an HTML page as headings and rows of cell text, each with the heading above it
 * (the page's section). For lists published as web pages (DHS UFLPA Entity List, FCC Covered
 * List). Pure; cheerio is loaded on first use (it costs ~16 MB).
 *
 *   htmlTables('<h2>Section A</h2><table><tr><th>Entity</th></tr><tr><td>Alpha</td></tr></table>')
 *   // [{ section: 'Section A', headings: ['Entity'], rows: [[{ text: 'Alpha', lines: ['Alpha'] }]] }]
 */
import { createRequire } from 'node:module';
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

const requireLazily = createRequire(import.meta.url);
function load(html: string): CheerioAPI {
  return (requireLazily('cheerio') as typeof import('cheerio')).load(html);
}

export interface HtmlCell {
  /** The cell's text on one line, whitespace collapsed. */
  text: string;
  /** The text split at <br>, <p>, <li> and <div>: one alias or one name per line, as pages print them. */
  lines: string[];
}

export interface HtmlTable {
  /** The nearest heading (h1–h4) or caption before the table; null when there is none. */
  section: string | null;
  /** Column headings (the `<th>` row, else the first row), whitespace collapsed. */
  headings: string[];
  /** Body rows, cells in column order. */
  rows: HtmlCell[][];
}

const LINE_BREAK = new Set(['br', 'p', 'li', 'div', 'ul', 'ol']);

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function cellLines(cell: Cheerio<Element>): string[] {
  const parts: string[] = [''];
  const walk = (nodes: AnyNode[]): void => {
    for (const node of nodes) {
      if (node.type === 'text') parts[parts.length - 1] += node.data;
      else if (node.type === 'tag') {
        const breaks = LINE_BREAK.has(node.name);
        if (breaks) parts.push('');
        walk(node.children);
        if (breaks) parts.push('');
      }
    }
  };
  walk(cell.toArray().flatMap((element) => element.children));
  return parts.map(collapse).filter(Boolean);
}

function sectionOf($: CheerioAPI, table: Element): string | null {
  const caption = collapse($(table).children('caption').text());
  if (caption) return caption;
  // The last heading before the table in document order.
  let found: string | null = null;
  $('h1, h2, h3, h4, table').each((_i, element) => {
    if (element === table) return false;
    if (element.name !== 'table') found = collapse($(element).text()) || found;
    return undefined;
  });
  return found;
}

/** Every table of the page, in document order. */
export function htmlTables(html: string): HtmlTable[] {
  const $ = load(html);
  return $('table')
    .toArray()
    .map((table) => {
      const rows = $(table).find('tr').toArray();
      const cellsOf = (row: Element) => $(row).children('th, td').toArray();
      const headingRow = rows.find((row) => cellsOf(row).length > 0 && cellsOf(row).every((cell) => cell.name === 'th')) ?? rows[0];
      const headings = headingRow ? cellsOf(headingRow).map((cell) => collapse($(cell).text())) : [];
      const body = rows
        .filter((row) => row !== headingRow)
        .map((row) => cellsOf(row).map((cell) => ({ text: collapse($(cell).text()), lines: cellLines($(cell)) })))
        .filter((cells) => cells.some((cell) => cell.text !== ''));
      return { section: sectionOf($, table), headings, rows: body };
    });
}

/** The index of the first heading matching `pattern`, or -1. */
export function columnOf(table: HtmlTable, pattern: RegExp): number {
  return table.headings.findIndex((heading) => pattern.test(heading));
}

/** "March 12, 2021", "Mar 12, 2021", "Sept. 20, 2022", "3/12/2021", "2021-03-12" → "2021-03-12"; null when not a date. */
export function isoDate(text: string | null | undefined): string | null {
  if (!text) return null;
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(text);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const us = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/.exec(text);
  if (us) return `${us[3]}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}`;
  const words = /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})\b/i.exec(text);
  if (!words) return null;
  const month = MONTHS.indexOf(words[1]!.toLowerCase()) + 1;
  return `${words[3]}-${String(month).padStart(2, '0')}-${words[2]!.padStart(2, '0')}`;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
