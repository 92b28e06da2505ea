import { describe, expect, it } from 'vitest';
import { LISTS } from '../../../src/core/lists.js';
import type { Designation } from '../../../src/core/model.js';
import { cleanText, countryOfAddress, splitMulti } from '../../../src/core/text.js';
import { parseCsl } from '../../../src/sources/csl/index.js';
import { countryOfLine, splitValue, text } from '../../../src/sources/csl/map.js';
import { body, byKey, fixture, parseFixture } from './helpers.js';

const current = parseFixture('consolidated-current.csv');
const legacy = parseFixture('consolidated-legacy.csv');
const json = parseFixture('consolidated.json');

function sortedByKey(designations: Designation[]): Designation[] {
  return [...designations].sort((a, b) => a.key.localeCompare(b.key));
}

/** The older CSV has no `_id`: only Treasury rows (keyed by entry number) have a sourceId there. */
function withoutContentIds(designations: Designation[]): Designation[] {
  return designations.map((d) => (LISTS[d.list].keyedBy === 'entry-number' ? d : { ...d, sourceId: null }));
}

describe('CSL formats', () => {
  it('read the same entries from current CSV, legacy CSV and JSON', () => {
    expect(current).toHaveLength(9);
    expect(sortedByKey(json)).toEqual(sortedByKey(current));
    expect(sortedByKey(legacy)).toEqual(sortedByKey(withoutContentIds(current)));
  });

  it('keys entries by list and name, Treasury ones by entry number', () => {
    expect(current.map((d) => d.key).sort()).toEqual([
      'CMIC:39999',
      expect.stringMatching(/^DPL:john q example#[0-9a-f]{8}$/),
      expect.stringMatching(/^DPL:john q example#[0-9a-f]{8}$/),
      'EL:brightstar optics technology co ltd',
      'EL:volga precision instruments llc',
      'ISN:northern lantern trading company',
      'MEU:tianjin example aeroengine research institute',
      'SDN:36',
      'SDN:51234',
    ]);
  });

  it('maps a Treasury row with its entry number, ids and countries', () => {
    expect(byKey(json).get('SDN:51234')).toEqual({
      key: 'SDN:51234',
      list: 'SDN',
      listName: 'Specially Designated Nationals (SDN) - Treasury Department',
      name: 'PAK, Chol Example',
      aliases: ['PAK, Chol-ho'],
      type: 'Individual',
      countries: ['CN', 'KP'],
      addresses: ['Dandong, Liaoning, CN', 'Pyongyang, KP'],
      programs: ['NPWMD', 'DPRK3'],
      frCitation: null,
      startDate: null,
      endDate: null,
      licenseRequirement: null,
      licensePolicy: null,
      ids: ['Passport, 927111222, KP', 'Gender, Male'],
      remarks: null,
      sourceId: '51234',
      sourceUrl: 'https://ofac.example/sdn-list',
    } satisfies Designation);
  });

  it('maps an Entity List row with its _id, addresses and licence texts', () => {
    const el = byKey(current).get('EL:brightstar optics technology co ltd');
    expect(el).toEqual({
      key: 'EL:brightstar optics technology co ltd',
      list: 'EL',
      listName: 'Entity List (EL) - Bureau of Industry and Security',
      name: 'Brightstar Optics Technology Co., Ltd.',
      aliases: ['Brightstar Optics', 'BSO Tech'],
      type: null,
      countries: ['CN', 'HK'],
      addresses: [
        'Room 501, Building 3, Keji Road, Nanshan District, Shenzhen, Guangdong, 518057, CN',
        'Flat 12, 88 Harbour Road, Wan Chai, HK',
      ],
      programs: [],
      frCitation: '88 FR 12345',
      startDate: '2023-03-02',
      endDate: null,
      licenseRequirement: 'For all items subject to the EAR. (See §744.11 of the EAR).',
      licensePolicy: 'Presumption of denial.',
      ids: [],
      remarks: null,
      sourceId: 'a1f3c9e2b7d04e5f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b',
      sourceUrl: 'https://www.bis.example/entity-list',
    } satisfies Designation);
  });

  it('cuts the successor boilerplate from ISN names', () => {
    const isn = current.find((d) => d.list === 'ISN');
    expect(isn?.name).toBe('Northern Lantern Trading Company');
    expect(isn?.programs).toEqual(['INKSNA', 'EO 13382']);
  });

  it('splits multi-valued CSV fields on ";" and trims them', () => {
    const volga = byKey(legacy).get('EL:volga precision instruments llc');
    expect(volga?.aliases).toEqual(['VPI', 'Volga Pribor', 'OOO Volga Precision']);
    expect(volga?.frCitation).toBe('87 FR 13048; 89 FR 2001');
    const cmic = byKey(current).get('CMIC:39999');
    expect(cmic?.ids).toEqual(['Unified Social Credit Code (USCC), 91330000EXAMPLE01X, CN', 'ISIN, CNE000000EX1']);
  });

  it('skips rows that repeat the header, and rows of unknown lists', () => {
    expect(current.some((d) => d.name === 'name' || d.listName === 'source')).toBe(false);
    expect(current.some((d) => d.name === 'Future Listed Company')).toBe(false);
    expect(json.some((d) => d.name === 'Future Listed Company')).toBe(false);
  });

  it('keeps one person under two Denied Persons orders apart, with stable keys', () => {
    const orders = current.filter((d) => d.list === 'DPL');
    expect(orders.map((d) => d.addresses[0])).toEqual([
      '100 MAIN STREET, SPRINGFIELD, IL, 62701, US',
      'FCI EXAMPLE, P.O. BOX 10, FORT EXAMPLE, TX, 76101, US',
    ]);
    expect(new Set(orders.map((d) => d.key)).size).toBe(2);

    // The same rows in the other order keep their keys: the key follows the order, not the row position.
    const text = fixture('consolidated-current.csv').toString('utf8').split('\n');
    const dplLines = text.filter((line) => line.includes('Denied Persons List'));
    const swapped = text.map((line) => (line === dplLines[0] ? dplLines[1] : line === dplLines[1] ? dplLines[0] : line));
    const reparsed = parseCsl(body(swapped.join('\n'))).filter((d) => d.list === 'DPL');
    const keyOf = (list: Designation[], address: string) => list.find((d) => d.addresses[0] === address)?.key;
    for (const order of orders) expect(keyOf(reparsed, order.addresses[0]!)).toBe(order.key);
  });

  it('collects countries from addresses, nationalities and citizenships, ISO-2 only', () => {
    const header = fixture('consolidated-legacy.csv').toString('utf8').split('\n')[0]!;
    const fields = new Map<string, string>([
      ['source', 'Specially Designated Nationals (SDN) - Treasury Department'],
      ['entity_number', '7'],
      ['name', 'DOE, Jane'],
      ['addresses', 'Dubai, AE; Somewhere, Syria; Istanbul, TR; Dubai, AE'],
      ['citizenships', 'Iran'],
      ['nationalities', 'RU; SY'],
    ]);
    const row = header.split(',').map((column) => `"${fields.get(column) ?? ''}"`);
    const [jane] = parseCsl(body(`${header}\n${row.join(',')}\n`));
    expect(jane?.countries).toEqual(['AE', 'RU', 'SY', 'TR']);
    expect(jane?.addresses).toEqual(['Dubai, AE', 'Somewhere, Syria', 'Istanbul, TR']);
  });

  it('reads a JSON document whatever the body location says, and CSV the same', () => {
    expect(parseCsl(body(fixture('consolidated.json'), '/data/consolidated.csv'))).toEqual(json);
    expect(parseCsl(body(fixture('consolidated-current.csv'), 'file:///data/csl.txt'))).toEqual(current);
  });

  it('accepts a UTF-8 BOM and surrounding whitespace', () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    expect(parseCsl(body(Buffer.concat([bom, fixture('consolidated.json')])))).toEqual(json);
    expect(parseCsl(body(Buffer.concat([bom, Buffer.from('\n  '), fixture('consolidated.json')])))).toEqual(json);
    expect(parseCsl(body(Buffer.concat([bom, fixture('consolidated-current.csv')])))).toEqual(current);
  });

  it('gives no designations for an empty results array or a header-only CSV', () => {
    expect(parseCsl(body('{"results":[],"total":0}'))).toEqual([]);
    const header = fixture('consolidated-current.csv').toString('utf8').split('\n')[0]!;
    expect(parseCsl(body(`${header}\n`))).toEqual([]);
  });

  it('is lenient about null, "" and missing JSON fields, and numbers for text', () => {
    const rows = parseCsl(
      body(
        JSON.stringify({
          results: [
            {
              source: 'Specially Designated Nationals (SDN) - Treasury Department',
              name: ' SMITH,  John ',
              entity_number: 99,
              ids: [{ type: 'Passport', number: 12345 }],
              programs: 'SDGT; IRAN',
              addresses: ['Tehran, IR'],
              remarks: '',
            },
          ],
        }),
      ),
    );
    expect(rows).toEqual([
      expect.objectContaining({
        key: 'SDN:99',
        name: 'SMITH, John',
        sourceId: '99',
        ids: ['Passport, 12345'],
        programs: ['SDGT', 'IRAN'],
        addresses: ['Tehran, IR'],
        countries: ['IR'],
        remarks: null,
        aliases: [],
      }),
    ]);
  });
});

describe('CSL text helpers', () => {
  const samples = [
    '',
    'one',
    ' one ',
    'a; b; c',
    'a;b;;c;',
    ' a ;  b  b ; a ; -0- ; c',
    'tab\there; new\nline',
    '\u00a0nbsp\u00a0; x',
    '; ;',
    '-0-',
    'Passport, 123, KP; Gender, Male; Passport, 123, KP',
  ];

  it.each(samples)('splitValue(%j) equals splitMulti', (sample) => {
    expect(splitValue(sample)).toEqual(splitMulti(sample));
  });

  it.each([...samples, 'x  y', ' lead', 'trail ', 'in\tside'])('text(%j) equals cleanText', (sample) => {
    expect(text(sample)).toEqual(cleanText(sample));
  });

  const lines = ['Room 5, Beijing, CN', 'Havana, cu', 'TR', 'Tehran, Iran', '', 'a, b, C N', 'x,  kp '];
  it.each(lines)('countryOfLine(%j) equals countryOfAddress', (sample) => {
    expect(countryOfLine(sample)).toEqual(countryOfAddress(sample));
  });
});
