/**
 * OFAC's end-of-file quirks on invented SDN.CSV text: records end in "\r\n", the file ends with
 * a DOS end-of-file byte (0x1A), and the last entry's remarks are quoted. Appending an entry
 * must read as one addition and nothing else — the previous last entry is not "amended".
 */
import { describe, expect, it } from 'vitest';
import { diffSnapshots } from '../../../src/core/diff.js';
import { fingerprint } from '../../../src/core/fingerprint.js';
import { emptyNotes } from '../../../src/core/identity.js';
import { parseOfacSdn } from '../../../src/sources/ofac-sdn/parse.js';

const ROWS = [
  '201,"NORTH STAR METALS LLC",-0- ,"RUSSIA-EO14024",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Tax ID No. 7700000001 (Russia)."',
  '202,"KOVAL, Petr","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 30 Apr 1959; nationality Iran; Additional Sanctions Information - Subject to Secondary Sanctions; Linked To: EXAMPLE TRADING COMPANY."',
  '203,"EAST WIND SHIPPING",-0- ,"IRAN",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Registration Number 9855920 (Turkey)."',
];

function file(rows: string[], ending: string): Buffer {
  return Buffer.from(rows.join('\r\n') + ending, 'latin1');
}

function parse(bytes: Buffer) {
  return parseOfacSdn({ bytes, contentType: null, location: 'SDN.CSV' });
}

describe('OFAC SDN.CSV end-of-file quirks', () => {
  const endings: Array<[string, string]> = [
    ['CRLF then 0x1A (as OFAC publishes)', '\r\n\u001a'],
    ['0x1A then CRLF', '\r\n\u001a\r\n'],
    ['a bare LF on the last record', '\n\u001a'],
    ['no line break, 0x1A straight after the quote', '\u001a'],
    ['two 0x1A bytes', '\r\n\u001a\u001a'],
  ];

  it.each(endings)('reads the last entry without its quotes: %s', (_name, ending) => {
    const last = parse(file(ROWS.slice(0, 2), ending)).at(-1)!;
    expect([last.key, last.remarks]).toEqual([
      'SDN:202',
      'DOB 30 Apr 1959; nationality Iran; Additional Sanctions Information - Subject to Secondary Sanctions; Linked To: EXAMPLE TRADING COMPANY.',
    ]);
  });

  it.each(endings)('an appended entry is one addition, the old last entry unchanged: %s', (_name, ending) => {
    const before = parse(file(ROWS.slice(0, 2), ending));
    const after = parse(file(ROWS, '\r\n\u001a'));
    const diff = diffSnapshots(before, after, fingerprint);
    expect({ added: diff.added.map((d) => d.key), removed: diff.removed, amended: diff.amended }).toEqual({
      added: ['SDN:203'],
      removed: [],
      amended: [],
    });
  });

  it('reads CRLF and LF record endings mixed in one file the same', () => {
    const mixed = Buffer.from(`${ROWS[0]}\n${ROWS[1]}\r\n${ROWS[2]}\n`, 'latin1');
    expect(parse(mixed)).toEqual(parse(file(ROWS, '\r\n\u001a')));
  });

  it('skips and counts an entry without a name instead of refusing the file', () => {
    const nameless = '204,"",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ';
    const notes = emptyNotes();
    const rows = parseOfacSdn({ bytes: file([...ROWS, nameless], '\r\n\u001a'), contentType: null, location: 'SDN.CSV' }, notes);
    expect(rows.map((d) => d.key)).toEqual(['SDN:201', 'SDN:202', 'SDN:203']);
    expect(notes).toEqual({ rows: 4, noName: 1, noList: 0, duplicates: 0, examples: ['SDN.CSV entry 204: no name'] });
  });
});
