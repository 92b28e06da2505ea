/**
 * A watched page's region as lines of text. Pure.
 *
 * The text of every element the selector matches (an element inside another match counts once),
 * with a line break at each block element and <br> (never at a line break in the source), and
 * a table row's cells on one line separated by " | ". Lines are whitespace-normalised; empty ones are dropped.
 *
 *   regionLines('<main><table><tr><td>Huawei</td><td>2021-03-12</td></tr></table></main>', 'main table')
 *   // → { matched: 1, lines: ['Huawei | 2021-03-12'] }
 */
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { loadHtml } from './cheerio.js';

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li',
  'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'tfoot', 'thead', 'tr', 'ul',
]);
const CELL = new Set(['td', 'th']);
/** Never shown as text. */
const HIDDEN = new Set(['script', 'style', 'template', 'noscript', 'head', 'title', 'iframe', 'object', 'svg', 'select']);

/** Marks a cell boundary until lines are split; then becomes " | " between non-empty cells. */
const CELL_MARK = '\u0000';

function appendText(element: Element, out: string[]): void {
  for (const node of element.children) {
    if (node.type === 'text') {
      // Source line breaks are layout, not structure: only elements break lines.
      out.push(node.data.replace(/\s+/g, ' '));
      continue;
    }
    if (!isElement(node) || HIDDEN.has(node.name) || 'hidden' in node.attribs) continue;
    if (node.name === 'br') {
      out.push('\n');
      continue;
    }
    const block = BLOCK.has(node.name);
    if (block) out.push('\n');
    if (CELL.has(node.name)) out.push(CELL_MARK);
    appendText(node, out);
    if (CELL.has(node.name)) out.push(CELL_MARK);
    if (block) out.push('\n');
  }
}

function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

/** Collapse whitespace (including no-break spaces) and trim. */
export function normaliseLine(line: string): string {
  return line.replace(/\s+/g, ' ').trim();
}

/** Lines of a text with cell marks: whitespace-normalised, cells joined by " | ", empty lines dropped. */
export function textLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.split(CELL_MARK).map(normaliseLine).filter(Boolean).join(' | '))
    .filter(Boolean);
}

export interface Region {
  /** How many elements the selector matched (0: the page no longer has the region). */
  matched: number;
  lines: string[];
}

/** The lines of the region of `html` that `selector` names (parsed with cheerio). */
export function regionLines(html: string, selector: string): Region {
  const $: CheerioAPI = loadHtml(html);
  const found = $(selector).toArray().filter(isElement);
  const set = new Set<AnyNode>(found);
  const outermost = found.filter((element) => !hasAncestorIn(element, set));
  const out: string[] = [];
  for (const element of outermost) {
    out.push('\n');
    appendText(element, out);
    out.push('\n');
  }
  return { matched: found.length, lines: textLines(out.join('')) };
}

function hasAncestorIn(element: Element, set: Set<AnyNode>): boolean {
  for (let node = element.parent; node; node = node.parent) if (set.has(node)) return true;
  return false;
}
