import { describe, expect, it } from 'vitest';
import { blankDesignation, type Designation } from '../../../src/core/model.js';
import { SnapshotRefusedError } from '../../../src/errors.js';
import { parseOfacSdn } from '../../../src/sources/ofac-sdn/parse.js';
import { bodyOf, fixture, SDN_DIR, textBody } from './helpers.js';

const PARTS = ['ADD.CSV', 'ALT.CSV', 'SDN_COMMENTS.CSV'];
const LIST_NAME = 'Specially Designated Nationals (SDN) - Treasury Department';
const URL_SDN = 'https://ofac.treasury.gov/specially-designated-nationals-and-blocked-persons-list-sdn-human-readable-lists';

function designation(fields: Partial<Designation> & Pick<Designation, 'key' | 'name' | 'sourceId'>): Designation {
  return blankDesignation({ list: 'SDN', listName: LIST_NAME, type: 'Entity', sourceUrl: URL_SDN, ...fields });
}

function refusal(run: () => unknown): SnapshotRefusedError {
  try {
    run();
  } catch (err) {
    if (err instanceof SnapshotRefusedError) return err;
    throw err;
  }
  throw new Error('expected a SnapshotRefusedError');
}

const SDN_TEXT = fixture(SDN_DIR, 'SDN.CSV').toString('latin1');

describe('parseOfacSdn on the full fixture set', () => {
  const rows = parseOfacSdn(bodyOf(SDN_DIR, 'SDN.CSV', PARTS));
  const byKey = new Map(rows.map((d) => [d.key, d]));

  it('keys every entry by its entry number, in file order', () => {
    expect(rows.map((d) => d.key)).toEqual(['SDN:101', 'SDN:102', 'SDN:103', 'SDN:104', 'SDN:105', 'SDN:106']);
  });

  it('joins strong aliases, weak remark aliases, addresses and countries; splits programs', () => {
    expect(byKey.get('SDN:101')).toEqual(
      designation({
        key: 'SDN:101',
        sourceId: '101',
        name: 'ALPHA TRADING CO., LTD.',
        aliases: ['ALPHA TRADING COMPANY LIMITED', 'OLD ALPHA LLC', 'ALPHA TC'],
        countries: ['HK', 'IR'],
        addresses: ['Room 5, 12 Harbour Road, Wan Chai, Hong Kong', 'Tehran, Iran'],
        programs: ['SDGT', 'IRGC'],
        remarks: "Website www.alpha-example.test; a.k.a. 'ALPHA TC'; Linked To: BETA HOLDINGS.",
      }),
    );
  });

  it('reads nationality, citizenship and documents out of the remarks', () => {
    expect(byKey.get('SDN:102')).toEqual(
      designation({
        key: 'SDN:102',
        sourceId: '102',
        name: 'PETROV, Ivan Sergeyevich',
        type: 'Individual',
        aliases: ['PETROV, Ivan'],
        countries: ['CY', 'RU'],
        addresses: ['Moscow, Russia', 'Limassol, Cyprus, Registered office'],
        programs: ['RUSSIA-EO14024'],
        ids: ['Passport, 7100000, RU', 'Passport, K0000001, CY'],
        remarks:
          'DOB 01 Jan 1970; POB Tula, Russia; nationality Russia; citizen Cyprus; Passport 7100000 (Russia); alt. Passport K0000001 (Cyprus) issued 01 Feb 2015; Gender Male.',
      }),
    );
  });

  it('keeps vessel columns as id lines and maps OFAC regions to countries', () => {
    expect(byKey.get('SDN:103')).toEqual(
      designation({
        key: 'SDN:103',
        sourceId: '103',
        name: 'SEA BREEZE',
        type: 'Vessel',
        aliases: ['NEW BREEZE', 'OCEAN PEARL'],
        countries: ['UA'],
        addresses: ['Region: Crimea'],
        programs: ['IRAN'],
        ids: [
          'Call Sign, 9XYZ1',
          'Vessel Type, Crude Oil Tanker',
          'Tonnage, 150,000',
          'GRT, 80,000',
          'Vessel Flag, Panama',
          'Vessel Owner, GULF SHIPPING LTD',
          'Vessel Registration Identification IMO, 9000001',
          'MMSI, 355000001',
        ],
        remarks: "Vessel Registration Identification IMO 9000001; MMSI 355000001; f.k.a. 'OCEAN PEARL'; Linked To: GULF SHIPPING LTD.",
      }),
    );
  });

  it('reads "-0-" with or without its trailing space as empty, and skips unknown countries', () => {
    expect(byKey.get('SDN:104')).toEqual(
      designation({
        key: 'SDN:104',
        sourceId: '104',
        name: 'SKY RUNNER',
        type: 'Aircraft',
        addresses: ['undetermined'],
        programs: ['VENEZUELA-EO13850'],
      }),
    );
    expect(byKey.get('SDN:106')).toEqual(designation({ key: 'SDN:106', sourceId: '106', name: 'GAMMA BANK', programs: ['SDGT'] }));
  });

  it('continues remarks cut in SDN.CSV with SDN_COMMENTS.CSV, without a separator', () => {
    const kim = byKey.get('SDN:105');
    expect(kim?.remarks).toBe(
      "DOB 02 Feb 1985; nationality Korea, North; Gender Male; a.k.a. 'KIM CHOL-SU'; a.k.a. 'TIGER CUB'; Linked To: EXAMPLE GROUP.",
    );
    expect(kim?.aliases).toEqual(['KIM CHOL-SU', 'TIGER CUB']);
    expect(kim?.countries).toEqual(['KP']);
    expect(kim?.programs).toEqual(['DPRK3', 'CYBER2']);
  });

  it('ignores part rows whose entry is not in SDN.CSV', () => {
    expect(rows.flatMap((d) => d.addresses).some((line) => line.includes('Nowhere'))).toBe(false);
  });
});

describe('parseOfacSdn on SDN.CSV alone', () => {
  const rows = parseOfacSdn(bodyOf(SDN_DIR, 'SDN.CSV'));

  it('gives the same entries with only what SDN.CSV holds', () => {
    expect(rows.map((d) => d.key)).toEqual(['SDN:101', 'SDN:102', 'SDN:103', 'SDN:104', 'SDN:105', 'SDN:106']);
    expect(rows.map((d) => d.addresses)).toEqual([[], [], [], [], [], []]);
    expect(rows.map((d) => d.aliases)).toEqual([['ALPHA TC'], [], ['OCEAN PEARL'], [], ['KIM CHOL-SU'], []]);
    expect(rows.map((d) => d.countries)).toEqual([[], ['CY', 'RU'], [], [], ['KP'], []]);
  });

  it('keeps a remark cut at the file limit as published', () => {
    expect(rows[4]?.remarks).toBe("DOB 02 Feb 1985; nationality Korea, North; Gender Male; a.k.a. 'KIM CHOL-SU'; a.k.a. 'TIGER");
  });

  it('reads a file without the DOS end-of-file marker or final line break', () => {
    const trimmed = SDN_TEXT.replace(/\r\n\u001a$/, '');
    expect(/[\r\n\u001a]$/.test(trimmed)).toBe(false);
    expect(parseOfacSdn(textBody(trimmed))).toEqual(rows);
  });

  it('refuses bytes that are not UTF-8 as encoding, naming the file and byte', () => {
    const latin = Buffer.concat([Buffer.from('7,"CAF'), Buffer.from([0xc9]), Buffer.from('",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n')]);
    const err = refusal(() => parseOfacSdn(textBody(latin)));
    expect([err.code, err.message]).toEqual([
      'encoding',
      'SDN.CSV: the bytes are not valid UTF-8 at byte 6; save the file as UTF-8',
    ]);
  });
});

describe('parseOfacSdn refusals', () => {
  it('refuses a file cut inside a quoted field as truncated', () => {
    const cut = SDN_TEXT.slice(0, SDN_TEXT.indexOf('POB Tula'));
    const err = refusal(() => parseOfacSdn(textBody(cut)));
    expect(err.code).toBe('truncated');
  });

  it('refuses a file cut between fields of its last row as truncated', () => {
    const cut = SDN_TEXT.slice(0, SDN_TEXT.indexOf(',"RUSSIA-EO14024"'));
    const err = refusal(() => parseOfacSdn(textBody(cut)));
    expect(err.code).toBe('truncated');
    expect(err.message).toContain('line 2');
  });

  it('refuses a row with fewer than 12 columns, naming the line', () => {
    const lines = SDN_TEXT.split('\r\n');
    lines.splice(2, 0, '107,"SHORT ROW",-0- ,"SDGT"');
    const err = refusal(() => parseOfacSdn(textBody(lines.join('\r\n'))));
    expect({ code: err.code, message: err.message }).toEqual({ code: 'unparseable', message: 'SDN.CSV line 3: 4 columns, expected 12' });
  });

  it('refuses a non-numeric entry number, naming the line', () => {
    const text = SDN_TEXT.replace('103,"SEA BREEZE"', 'X103,"SEA BREEZE"');
    const err = refusal(() => parseOfacSdn(textBody(text)));
    expect(err.code).toBe('unparseable');
    expect(err.message).toBe('SDN.CSV line 3: the entry number "X103" is not a number');
  });

  it('names the part file when a part has a bad row', () => {
    const body = bodyOf(SDN_DIR, 'SDN.CSV', ['ADD.CSV', 'ALT.CSV', 'SDN_COMMENTS.CSV']);
    body.parts = { ...body.parts, 'ALT.CSV': Buffer.from('101,301,"aka"\r\n') };
    const err = refusal(() => parseOfacSdn(body));
    expect({ code: err.code, message: err.message }).toEqual({ code: 'unparseable', message: 'ALT.CSV line 1: 3 columns, expected 5' });
  });

  it('refuses empty bodies, a file of only the end marker, and HTML pages', () => {
    expect(refusal(() => parseOfacSdn(textBody(''))).code).toBe('empty');
    expect(refusal(() => parseOfacSdn(textBody('\r\n\u001a'))).code).toBe('empty');
    expect(refusal(() => parseOfacSdn(textBody('<!DOCTYPE html><html><body>Maintenance</body></html>'))).code).toBe('html');
  });

  it('survives a stray quote inside an unquoted field', () => {
    const text = '8,"NAME",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1960"\r\n9,"OTHER",-0- ,"SDGT",-0- ,9"X,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n';
    expect(parseOfacSdn(textBody(text)).map((d) => [d.key, d.ids])).toEqual([
      ['SDN:8', []],
      ['SDN:9', ['Call Sign, 9"X']],
    ]);
  });
});
