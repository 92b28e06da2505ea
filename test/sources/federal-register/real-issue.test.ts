/**
 * The real GPO daily issue of 2024-02-12 (staged under /work/shared/data; see SOURCES.md). It holds
 * 13 rules, 75 notices and 70 tables but no list rule or notice: the parsers must read it without error and find nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isBisTable } from '../../../src/sources/bis-common/bis-table.js';
import { findTables } from '../../../src/sources/bis-common/tables.js';
import { descendantsNamed, parseXml, textOf } from '../../../src/sources/bis-common/xml.js';
import { noticeEntries } from '../../../src/sources/federal-register-common/notice-entries.js';
import { parseEntityListRule } from '../../../src/sources/federal-register/parse-rule.js';
import { SHARED_DATA_URL } from '../../helpers/shared-data.js';

const file = new URL('fedreg/FR-2024-02-12_full_issue.xml', SHARED_DATA_URL);

describe.skipIf(!existsSync(file))('the real Federal Register issue of 2024-02-12', () => {
  const xml = existsSync(file) ? readFileSync(file, 'utf8') : '';

  it('parses as a rule without actions (it has no Entity List rule)', () => {
    const rule = parseEntityListRule(xml);
    expect(rule.actions).toEqual([]);
    // With no list rule in it, the first rule is read; its citation comes from the contents.
    expect(rule).toMatchObject({ documentNumber: '2024-02930', citation: '89 FR 9741', effectiveDate: '2024-02-12' });
  });

  it('lets the generic table walker find every GPOTABLE, none of them a BIS list table', () => {
    const tables = parseXml(xml).flatMap((root) => findTables(root));
    expect(tables.length).toBe((xml.match(/<GPOTABLE\b/g) ?? []).length);
    expect(tables.reduce((rows, table) => rows + table.rows.length, 0)).toBe((xml.match(/<ROW\b/g) ?? []).length);
    expect(tables[0]!.headings).toEqual(['Action', 'Labor cost', 'Parts cost', 'Cost per product', 'Cost on U.S. operators']);
    expect(tables.every((table) => table.kind === 'gpotable')).toBe(true);
    expect(tables.filter(isBisTable)).toEqual([]);
  });

  it('finds no list change in any of its rules and notices with the notice reader (none changes a list)', () => {
    const documents = parseXml(xml).flatMap((root) => descendantsNamed(root, 'RULE', 'NOTICE'));
    expect(documents.length).toBe((xml.match(/<(?:RULE|NOTICE)>/g) ?? []).length);
    const found = documents.flatMap((document) => {
      const body = descendantsNamed(document, 'SUPLINF')[0] ?? document;
      return noticeEntries(descendantsNamed(body, 'P', 'FP', 'LI').map((element) => textOf(element)));
    });
    expect(found).toEqual([]);
  });
});
