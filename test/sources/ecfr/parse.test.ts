import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { baseKey } from '../../../src/core/identity.js';
import type { Designation } from '../../../src/core/model.js';
import { ECFR_ENTITY_LIST_PAGE, parseEcfrPart744 } from '../../../src/sources/ecfr-entity-list/parse.js';
import { refusalOf } from '../../helpers/refusal.js';

const xml = readFileSync(new URL('../../fixtures/ecfr-entity-list/part744.xml', import.meta.url), 'utf8');

function wrap(table: string): string {
  return `<DIV5 N="744" TYPE="PART"><DIV9 N="Supplement No. 4 to Part 744" TYPE="APPENDIX"><HEAD>Supplement No. 4 to Part 744—Entity List</HEAD>${table}</DIV9></DIV5>`;
}

describe('parseEcfrPart744', () => {
  const designations = parseEcfrPart744(xml);
  const byName = (name: string): Designation[] => designations.filter((d) => d.name === name);

  it('reads every entry of Supplement No. 4 and nothing of the other supplements', () => {
    expect(designations.map((d) => [d.name, d.countries])).toEqual([
      ['Amber River Semiconductor Co., Ltd.', ['CN']],
      ['Beijing Example Computing Center', ['CN']],
      ['Example Global Logistics Ltd.', ['CN', 'HK']],
      ['Jade Harbor Optics Institute', ['CN']],
      ['Caspian Example Industries', ['IR']],
      ['Persepolis Example Parts Trading', ['IR']],
      ['AO Example Avionics', ['RU']],
      ['Example Global Logistics Ltd.', ['RU']],
    ]);
  });

  it('reads one entry in full', () => {
    expect(byName('Amber River Semiconductor Co., Ltd.')).toEqual([
      {
        key: 'EL:amber river semiconductor co ltd',
        list: 'EL',
        listName: 'Entity List (EL) - Bureau of Industry and Security',
        name: 'Amber River Semiconductor Co., Ltd.',
        aliases: ['Amber River Semi', 'ARS Hefei'],
        type: null,
        countries: ['CN'],
        addresses: ['No. 9 Example Road, High-Tech Zone, Hefei, Anhui, China'],
        programs: [],
        frCitation: '85 FR 51596, 8/20/20. 88 FR 18983, 3/30/23.',
        startDate: '2020-08-20',
        endDate: null,
        licenseRequirement: 'For all items subject to the EAR. (See §§ 734.9(e) (footnote 1) and 744.11 of the EAR)',
        licensePolicy: 'Presumption of denial.',
        ids: [],
        remarks: null,
        sourceId: null,
        sourceUrl: ECFR_ENTITY_LIST_PAGE,
      },
    ]);
  });

  it('reads inline and single aliases', () => {
    expect(byName('Persepolis Example Parts Trading')[0]).toMatchObject({
      aliases: ['PEPT', 'Persepolis Parts', 'Persepolis Example Co.'],
      addresses: ['No. 44, Example Boulevard, Isfahan, Iran'],
    });
    expect(byName('Jade Harbor Optics Institute')[0]).toMatchObject({
      aliases: ['JHOI'],
      addresses: ['200 Example Street, Nanjing, Jiangsu, China'],
      licensePolicy: 'Case-by-case review for ECCNs 1A004.c, 1A004.d; presumption of denial for all other items subject to the EAR.',
    });
  });

  it('keys entries as the CSL does (list + normalised name), with suffixes only for a repeated name', () => {
    const single = designations.filter((d) => d.name !== 'Example Global Logistics Ltd.');
    expect(single.map((d) => d.key)).toEqual(single.map((d) => baseKey(d)));
    expect(single.map((d) => d.key)).toContain('EL:beijing example computing center');
    const repeated = byName('Example Global Logistics Ltd.').map((d) => d.key);
    expect(repeated).toHaveLength(2);
    expect(repeated.every((key) => key.startsWith('EL:example global logistics ltd#'))).toBe(true);
    expect(new Set(repeated).size).toBe(2);
  });

  it('gives the same keys for the same XML (stable across snapshots)', () => {
    expect(parseEcfrPart744(xml).map((d) => d.key)).toEqual(designations.map((d) => d.key));
  });

  it('reads GPO table markup too, and carries the country across a list split into tables', () => {
    const gpo = (country: string, name: string): string =>
      `<GPOTABLE COLS="5"><BOXHD><CHED H="1">Country</CHED><CHED H="1">Entity</CHED><CHED H="1">License requirement</CHED><CHED H="1">License review policy</CHED><CHED H="1">Federal Register citation</CHED></BOXHD>` +
      `<ROW><ENT I="01">${country}</ENT><ENT>${name}, 1 Example Road, Minsk, Belarus.</ENT><ENT>For all items subject to the EAR.</ENT><ENT>Policy of denial.</ENT><ENT>87 FR 13048, 3/8/22.</ENT></ROW></GPOTABLE>`;
    const parsed = parseEcfrPart744(wrap(gpo('BELARUS', 'Example Minsk Plant') + gpo('', 'Example Gomel Works')));
    expect(parsed.map((d) => [d.key, d.countries, d.startDate, d.licensePolicy])).toEqual([
      ['EL:example minsk plant', ['BY'], '2022-03-08', 'Policy of denial.'],
      ['EL:example gomel works', ['BY'], '2022-03-08', 'Policy of denial.'],
    ]);
  });

  it.each([
    ['an HTML page', '<!DOCTYPE html><html><body>Service unavailable</body></html>', 'html'],
    ['XML cut off', xml.slice(0, Math.floor(xml.length * 0.6)), 'unparseable'],
    ['part 744 without Supplement No. 4', '<DIV5 N="744" TYPE="PART"><HEAD>PART 744</HEAD></DIV5>', 'unparseable'],
    ['Supplement No. 4 without a table', wrap('<P>[Reserved]</P>'), 'unparseable'],
    [
      'a table without entries',
      wrap('<TABLE><TR><TH>Country</TH><TH>Entity</TH><TH>License requirement</TH><TH>License review policy</TH><TH>Federal Register citation</TH></TR></TABLE>'),
      'empty',
    ],
  ])('refuses %s', (_label, body, code) => {
    expect(refusalOf(() => parseEcfrPart744(body))?.[0]).toBe(code);
  });
});
