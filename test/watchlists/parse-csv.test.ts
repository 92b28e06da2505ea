import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { parseCounterpartyCsv } from '../../src/watchlists/parse-csv.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/watchlists/${name}`, import.meta.url));

function problem(input: string): string {
  try {
    parseCounterpartyCsv(input);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('parseCounterpartyCsv', () => {
  it('reads name, country (code or English name) and reference; ignores other columns and blank lines', () => {
    expect(parseCounterpartyCsv(fixture('suppliers.csv'))).toEqual([
      { name: 'Hikvision', country: 'CN', reference: 'SUP-0042' },
      { name: 'Acme Trading, Inc.', country: 'DE', reference: 'SUP-0043' },
      { name: 'Toshiba', country: null, reference: 'SUP-0044' },
      { name: 'Northwind Traders', country: null, reference: null },
    ]);
  });

  it('skips a UTF-8 byte order mark, as Excel writes one', () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fixture('suppliers.csv')]);
    expect(parseCounterpartyCsv(withBom)).toEqual(parseCounterpartyCsv(fixture('suppliers.csv')));
    expect(parseCounterpartyCsv('\uFEFFname\nHikvision\n')).toEqual([{ name: 'Hikvision', country: null, reference: null }]);
  });

  it('accepts other spellings of the columns and semicolon-separated files', () => {
    expect(parseCounterpartyCsv(fixture('customers-semicolon.csv'))).toEqual([
      { name: 'Hikvision', country: 'CN', reference: 'C-1' },
      { name: 'Megvii', country: null, reference: 'C-2' },
    ]);
    expect(parseCounterpartyCsv('Counterparty,ID\nAcme,7\n')).toEqual([{ name: 'Acme', country: null, reference: '7' }]);
    expect(parseCounterpartyCsv('COUNTERPARTY NAME\tREF\nAcme\tR1\n')).toEqual([{ name: 'Acme', country: null, reference: 'R1' }]);
  });

  it('trims cells and tolerates rows with missing trailing cells', () => {
    expect(parseCounterpartyCsv('name,country,reference\n  Acme Ltd  , de \nBeta\n')).toEqual([
      { name: 'Acme Ltd', country: 'DE', reference: null },
      { name: 'Beta', country: null, reference: null },
    ]);
  });

  it('refuses an unknown country, naming the line, and returns nothing', () => {
    expect(problem('name,country\nHikvision,CN\nAcme,Atlantis\n')).toBe(
      'nothing imported: line 3: unknown country "Atlantis" (use an ISO-2 code such as DE, or an English country name)',
    );
    expect(problem('name,country\nAcme,XX\n')).toMatch(/line 2: unknown country "XX"/);
  });

  it('refuses a row without a name, naming every bad line', () => {
    expect(problem('name,country,reference\nHikvision,CN,1\n,DE,2\nAcme,,3\n,,4\n')).toBe('nothing imported: line 3: no name; line 5: no name');
  });

  it('refuses a file without a name column or without rows', () => {
    expect(problem('supplier,country\nAcme,DE\n')).toBe('line 1 must be a header with a "name" column (or "counterparty", "company"); found "supplier", "country"');
    expect(problem('')).toMatch(/the file is empty/);
    expect(problem('name,country\n\n')).toBe('the file has a header but no counterparties');
  });

  it('refuses malformed CSV with the line', () => {
    expect(problem('name,reference\n"Acme,1\n')).toMatch(/^line \d+: the file is not valid CSV/);
  });

  it('refuses names and references over the length limits', () => {
    expect(problem(`name\n${'x'.repeat(301)}\n`)).toBe('nothing imported: line 2: a counterparty name is at most 300 characters');
  });

  it('reads 100,000 rows and refuses one more', () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => `Company ${i},,R${i}`);
    const parsed = parseCounterpartyCsv(`name,country,reference\n${rows.join('\n')}\n`);
    expect(parsed).toHaveLength(100_000);
    expect(parsed[99_999]).toEqual({ name: 'Company 99999', country: null, reference: 'R99999' });
    expect(problem(`name\n${rows.join('\n')}\nOne More\n`)).toMatch(/at most 100,000 counterparties/);
  });
});
