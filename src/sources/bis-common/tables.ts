/**
 * A generic walker over the two table markups the Entity List is printed in. Pure.
 *
 * - Federal Register (FEDREG) XML: `<GPOTABLE COLS="5">` with `<BOXHD><CHED H="1">…</CHED></BOXHD>`
 *   column headings and `<ROW><ENT>…</ENT></ROW>` body rows.
 * - eCFR versioner XML: HTML-style `<TABLE>` with `<TR><TH>…</TH></TR>` heading rows (often in
 *   `<THEAD>`) and `<TR><TD>…</TD></TR>` body rows, wrapped in `<DIV class="gpotbl_div">`.
 *
 * Both come out as headings plus rows of cell elements; reading the cells is the caller's job.
 */
import { childrenNamed, descendantsNamed, textOf, type XmlElement } from './xml.js';

export interface XmlTable {
  /** Which markup the table came from. */
  kind: 'gpotable' | 'html';
  /** Top-level column headings, whitespace collapsed ("License review policy"). */
  headings: string[];
  /** Body rows, each the list of its cell elements (`ENT` or `TD`). */
  rows: XmlElement[][];
  /** The table element itself. */
  element: XmlElement;
}

function readGpoTable(element: XmlElement): XmlTable {
  const headings: string[] = [];
  for (const boxhd of childrenNamed(element, 'BOXHD')) {
    for (const ched of childrenNamed(boxhd, 'CHED')) {
      // H="2" and deeper are sub-headings under a spanning H="1" heading.
      if ((ched.attrs.H ?? '1') === '1') headings.push(textOf(ched));
    }
  }
  const rows = descendantsNamed(element, 'ROW').map((row) => childrenNamed(row, 'ENT'));
  return { kind: 'gpotable', headings, rows, element };
}

function readHtmlTable(element: XmlElement): XmlTable {
  let headings: string[] = [];
  const rows: XmlElement[][] = [];
  for (const tr of descendantsNamed(element, 'TR')) {
    const cells = childrenNamed(tr, 'TD', 'TH');
    if (cells.length === 0) continue;
    const isHeading = cells.every((cell) => cell.tag.toUpperCase() === 'TH');
    if (isHeading) {
      if (headings.length === 0) headings = cells.map((cell) => textOf(cell));
      continue;
    }
    rows.push(cells);
  }
  return { kind: 'html', headings, rows, element };
}

/** Read one `GPOTABLE` or `TABLE` element. */
export function readTable(element: XmlElement): XmlTable {
  return element.tag.toUpperCase() === 'GPOTABLE' ? readGpoTable(element) : readHtmlTable(element);
}

/** Every table under `root` (and `root` itself when it is one), in document order. */
export function findTables(root: XmlElement): XmlTable[] {
  const tables = descendantsNamed(root, 'GPOTABLE', 'TABLE');
  const tag = root.tag.toUpperCase();
  if (tag === 'GPOTABLE' || tag === 'TABLE') tables.unshift(root);
  return tables.map(readTable);
}
