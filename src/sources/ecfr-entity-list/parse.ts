/**
 * The eCFR's XML of 15 CFR part 744 → the Entity List (Supplement No. 4) as designations. Pure.
 *
 * The versioner API (`/api/versioner/v1/full/{date}/title-15.xml?part=744`) returns the part as
 * `<DIV5 N="744" TYPE="PART">` with one `<DIV9 TYPE="APPENDIX">` per supplement; the Entity
 * List's is `N="Supplement No. 4 to Part 744"` with `<HEAD>Supplement No. 4 to Part 744—Entity
 * List</HEAD>`. Its table is HTML-style (`TABLE`/`TR`/`TH`/`TD` in `<DIV class="gpotbl_div">`);
 * GPO's `GPOTABLE` markup is read too. Other supplements (the MEU and Unverified lists, item
 * lists) are ignored. Rows become designations on list EL keyed like the CSL's (list +
 * normalised name), so the two sources agree on identity.
 */
import { assignKeys, type Keyless, type ParseNotes } from '../../core/identity.js';
import type { Designation } from '../../core/model.js';
import { SnapshotRefusedError } from '../../errors.js';
import { citationDate, isBisTable, readBisRows, rowDesignation } from '../bis-common/bis-table.js';
import { findTables } from '../bis-common/tables.js';
import { childrenNamed, descendantsNamed, parseXml, textOf, type XmlElement } from '../bis-common/xml.js';

/** Where a person reads the Entity List on the eCFR; each designation's `sourceUrl`. */
export const ECFR_ENTITY_LIST_PAGE =
  'https://www.ecfr.gov/current/title-15/subtitle-B/chapter-VII/subchapter-C/part-744/appendix-Supplement%20No.%204%20to%20Part%20744';

const SUPPLEMENT_4 = /^supplement\s+no\.?\s*4\s+to\s+part\s+744\b/i;
const HTML_START = /^\s*(?:<!doctype\s+html|<html[\s>])/i;

function isSupplement4(element: XmlElement): boolean {
  if (SUPPLEMENT_4.test(element.attrs.N ?? '')) return true;
  const head = childrenNamed(element, 'HEAD')[0];
  return head !== undefined && SUPPLEMENT_4.test(textOf(head));
}

function supplement4Of(roots: XmlElement[]): XmlElement | null {
  for (const root of roots) {
    if (isSupplement4(root)) return root;
    const found = descendantsNamed(root, 'DIV9', 'DIV8', 'DIV', 'APPENDIX').find(isSupplement4);
    if (found) return found;
  }
  return null;
}

/**
 * Parse the part 744 XML. Throws SnapshotRefusedError: 'html' for an HTML page, 'unparseable'
 * for XML that is not well-formed or has no Supplement No. 4 table, 'empty' for a table without entries.
 */
export function parseEcfrPart744(xml: string, notes?: ParseNotes): Designation[] {
  if (HTML_START.test(xml.slice(0, 1024))) throw new SnapshotRefusedError('html', 'the eCFR answered with an HTML page, not part 744 XML');
  const appendix = supplement4Of(parseXml(xml, 'eCFR part 744'));
  if (!appendix) throw new SnapshotRefusedError('unparseable', 'the eCFR XML has no "Supplement No. 4 to Part 744" (Entity List)');
  const tables = findTables(appendix).filter(isBisTable);
  if (tables.length === 0) throw new SnapshotRefusedError('unparseable', 'Supplement No. 4 to Part 744 has no Country/Entity table');
  const rows: Keyless[] = [];
  let carried: string | null = null;
  for (const table of tables) {
    for (const row of readBisRows(table, carried)) {
      carried = row.countryText;
      rows.push(rowDesignation(row, 'EL', { startDate: citationDate(row.frCitation), sourceUrl: ECFR_ENTITY_LIST_PAGE }));
    }
  }
  if (rows.length === 0) throw new SnapshotRefusedError('empty', 'the Entity List table in Supplement No. 4 to Part 744 has no entries');
  if (notes) notes.rows += rows.length;
  return assignKeys(rows, notes);
}
