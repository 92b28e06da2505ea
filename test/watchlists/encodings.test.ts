/**
 * What spreadsheets write, read right or refused plainly: the same three counterparties saved
 * as UTF-8 (with and without BOM), as Excel's "Unicode Text" (UTF-16 LE/BE with BOM, tab-
 * separated), and as Windows-1252; anything else is refused with "save it as CSV UTF-8", and no
 * name with NUL or control characters is ever returned.
 */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { parseCounterpartyCsv } from '../../src/watchlists/parse-csv.js';

const COMMA = 'name,country,reference\r\nSkyRizon Défense SA,United Arab Emirates,SUP-1\r\nHikvision,CN,SUP-2\r\n“Quoted” Trading,,SUP-3\r\n';
const TABS = COMMA.replace(/,/g, '\t');
const EXPECTED = [
  { name: 'SkyRizon Défense SA', country: 'AE', reference: 'SUP-1' },
  { name: 'Hikvision', country: 'CN', reference: 'SUP-2' },
  { name: '“Quoted” Trading', country: null, reference: 'SUP-3' },
];

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return le;
}

/** Windows-1252 bytes: Latin-1 plus its 0x80–0x9F characters (here the curly quotes). */
function cp1252(text: string): Buffer {
  return Buffer.from(text.replace(/“/g, '\x93').replace(/”/g, '\x94'), 'latin1');
}

function problem(input: Buffer): string {
  try {
    parseCounterpartyCsv(input);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error('expected a UsageError');
}

const SAVE_AS = 'save it as CSV UTF-8 (in Excel: File › Save As › "CSV UTF-8 (Comma delimited)")';

describe('watchlist CSV encodings', () => {
  it.each([
    ['UTF-8', Buffer.from(COMMA, 'utf8')],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(COMMA, 'utf8')])],
    ['UTF-16 LE with BOM, tab-separated (Excel "Unicode Text")', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TABS, 'utf16le')])],
    ['UTF-16 BE with BOM, tab-separated', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(TABS)])],
    ['Windows-1252 (Excel "CSV" on Windows)', cp1252(COMMA)],
    ['Windows-1252 ending in a DOS EOF byte', Buffer.concat([cp1252(COMMA), Buffer.from([0x1a])])],
  ])('reads %s', (_, bytes) => {
    expect(parseCounterpartyCsv(bytes)).toEqual(EXPECTED);
  });

  it('refuses UTF-16 without a BOM rather than import NUL-laced garbage', () => {
    expect(problem(Buffer.from(TABS, 'utf16le'))).toBe(`the bytes look like UTF-16 without a byte-order mark: ${SAVE_AS}`);
  });

  it('refuses an Excel workbook', () => {
    expect(problem(Buffer.from('PK\x03\x04\x14\x00\x06\x00', 'latin1'))).toBe(`this is a spreadsheet workbook (.xlsx or .zip), not a CSV file: ${SAVE_AS}`);
  });

  it('never returns a name with NUL or control characters: the line is named', () => {
    expect(problem(Buffer.from('name\nAcme\nEvil\u0000Corp\n'))).toBe(`line 3: control character 0x00 — the file is not plain text in a known encoding: ${SAVE_AS}`);
    expect(problem(Buffer.from('name\nAcme\u001b[31m\n'))).toMatch(/^line 2: control character 0x1B/);
    // 0x81 is undefined in Windows-1252: such bytes are not text in an encoding we know.
    expect(problem(Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x41, 0x81, 0x0a]))).toMatch(/^line 2: control character 0x81/);
  });

  it('names an unsupported delimiter', () => {
    expect(problem(Buffer.from('name|country|reference\nAcme|DE|1\n'))).toBe(
      'line 1 separates columns with "|", which is not supported: use commas, semicolons or tabs (save it as CSV UTF-8)',
    );
  });
});
