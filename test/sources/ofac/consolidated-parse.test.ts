import { describe, expect, it } from 'vitest';
import { parseOfacConsolidated } from '../../../src/sources/ofac-consolidated/parse.js';
import { listsOf } from '../../../src/sources/ofac-consolidated/lists.js';
import { bodyOf, CONS_DIR } from './helpers.js';

const PARTS = ['CONS_ADD.CSV', 'CONS_ALT.CSV', 'CONS_COMMENTS.CSV'];

describe('parseOfacConsolidated on the fixture set', () => {
  const rows = parseOfacConsolidated(bodyOf(CONS_DIR, 'CONS_PRIM.CSV', PARTS));
  const byKey = new Map(rows.map((d) => [d.key, d]));

  it('puts each entry on the list its programs name, twice when it is on two', () => {
    expect(rows.map((d) => [d.key, d.listName])).toEqual([
      ['SSI:2001', 'Sectoral Sanctions Identifications List (SSI) - Treasury Department'],
      ['SSI:2002', 'Sectoral Sanctions Identifications List (SSI) - Treasury Department'],
      ['MBS:2002', 'Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department'],
      ['MBS:2003', 'Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department'],
      ['CMIC:2004', 'Non-SDN Chinese Military-Industrial Complex Companies List (CMIC) - Treasury Department'],
      ['PLC:2005', 'Palestinian Legislative Council List (PLC) - Treasury Department'],
      ['PLC:2006', 'Palestinian Legislative Council List (PLC) - Treasury Department'],
      ['FSE:2007', 'Foreign Sanctions Evaders (FSE) - Treasury Department'],
      ['CAP:2008', 'Capta List (CAP) - Treasury Department'],
      ['MBS:2009', 'Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department'],
      ['MBS:2010', 'Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department'],
    ]);
  });

  it('gives both list entries of one OFAC entry the same joined content', () => {
    const { key: ssiKey, list: ssiList, listName: ssiName, ...ssi } = byKey.get('SSI:2002')!;
    const { key: mbsKey, list: mbsList, listName: mbsName, ...mbs } = byKey.get('MBS:2002')!;
    expect([ssiKey, ssiList, mbsKey, mbsList]).toEqual(['SSI:2002', 'SSI', 'MBS:2002', 'MBS']);
    expect(ssiName).not.toBe(mbsName);
    expect(mbs).toEqual(ssi);
    expect(ssi.aliases).toEqual(['EASTERN GAS']);
    expect(ssi.programs).toEqual(['UKRAINE-EO13662', 'RUSSIA-EO14024']);
  });

  it('joins addresses, aliases and comments as for the SDN set', () => {
    expect(byKey.get('CMIC:2004')).toMatchObject({
      name: 'SHENZHEN EXAMPLE TECH CO., LTD.',
      type: 'Entity',
      aliases: ['SHENZHEN EXAMPLE TECHNOLOGY', 'SZET'],
      addresses: ['Shenzhen, Guangdong, China'],
      countries: ['CN'],
      sourceId: '2004',
      sourceUrl: 'https://ofac.treasury.gov/other-ofac-sanctions-lists',
    });
    expect(byKey.get('PLC:2005')).toMatchObject({ type: 'Individual', countries: ['PS'], addresses: ['Gaza, Region: Gaza'] });
    expect(byKey.get('CAP:2008')).toMatchObject({
      ids: ['SWIFT/BIC, EXMPCNBJ'],
      remarks:
        'SWIFT/BIC EXMPCNBJ; United States financial institutions are prohibited from opening or maintaining a correspondent account or a payable-through account for this institution.',
    });
    expect(byKey.get('SSI:2001')?.ids).toEqual(['Registration Number, 1000000000001, RU']);
  });

  it('parses CONS_PRIM.CSV alone', () => {
    const bare = parseOfacConsolidated(bodyOf(CONS_DIR, 'CONS_PRIM.CSV'));
    expect(bare.map((d) => d.key)).toEqual(rows.map((d) => d.key));
    expect(bare.flatMap((d) => d.addresses)).toEqual([]);
  });
});

describe('listsOf', () => {
  it.each([
    [['UKRAINE-EO13662'], null, ['SSI']],
    [['UKRAINE-EO13662', 'RUSSIA-EO14024'], 'Executive Order 13662 Directive Determination - Subject to Directive 1', ['SSI']],
    [['UKRAINE-EO13662', 'RUSSIA-EO14024'], 'Listing Date (EO 14024 Directive 2): 24 Feb 2022', ['SSI']],
    [['UKRAINE-EO13662', 'RUSSIA-EO14024'], 'Executive Order 14024 Directive Information, Subject to Directive 4 - …', ['SSI', 'MBS']],
    [['UKRAINE-EO13662', 'RUSSIA-EO14024'], 'Listing Date (EO 14024 Directive 2): x; Listing Date (EO 14024 Directive 3): x', ['SSI']],
    [['RUSSIA-EO14024'], null, ['MBS']],
    [['CMIC-EO13959'], null, ['CMIC']],
    [['SDGT', 'NS-PLC'], null, ['PLC']],
    [['FSE-SY'], null, ['FSE']],
    [['561-Related'], null, ['CAP']],
    [['HKAA'], null, ['MBS']],
    [['BURMA-EO14014'], null, ['MBS']],
    [['SOMETHING-NEW'], null, ['MBS']],
    [[], null, ['MBS']],
  ] as const)('%j → %j', (programs, remarks, expected) => {
    expect(listsOf(programs, remarks)).toEqual(expected);
  });
});
