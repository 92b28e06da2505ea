/**
 * The 1260H list built from a baseline and DoD's notices (own fixtures: an invented baseline,
 * and one notice in FEDREG XML and in the Federal Register's plain text).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { refusalOf } from '../../helpers/refusal.js';
import type { Designation } from '../../../src/core/model.js';
import { noticeEntries, noticeLines } from '../../../src/sources/federal-register-common/notice-entries.js';
import { apply1260hChanges, parse1260h, parseBaseline } from '../../../src/sources/1260h/parse.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/1260h/${name}`, import.meta.url), 'utf8');
const body = (text: string, location = 'file.txt') => ({ bytes: Buffer.from(text), contentType: null, location });

const NOTICE_ENTRIES = [
  { action: 'added', name: 'Example Lidar Technology Co., Ltd. (ELT)', aliases: ['ELT'], parent: null },
  { action: 'added', name: 'Example Battery Group Co., Ltd.', aliases: [], parent: null },
  { action: 'added', name: 'Example Battery Materials Co., Ltd.', aliases: [], parent: 'Example Battery Group Co., Ltd.' },
  { action: 'added', name: 'Example Biotech Holdings Limited', aliases: ['Example Bio'], parent: null },
  { action: 'removed', name: 'Example Memory Technologies Co., Ltd.', aliases: [], parent: null },
  { action: 'removed', name: 'Example Drone Technology Co., Ltd.', aliases: [], parent: null },
];

describe('1260H notices', () => {
  it.each(['notice-2025-10001.xml', 'notice-2025-10001.txt'])('reads what %s adds and removes, subsidiaries under their parent', (name) => {
    expect(noticeEntries(noticeLines(fixture(name)))).toEqual(NOTICE_ENTRIES);
  });

  it('reads a one-company notice whose entity stands on its own line', () => {
    const text = [
      'Notice of Designation of Chinese Military Company',
      'The Deputy Secretary of Defense has determined that the following entity is a “Chinese military company” and adds it to the list:',
      'Example Wireless Solutions Co., Ltd.',
      'Dated: October 18, 2024.',
    ].join('\n\n');
    expect(noticeEntries(noticeLines(text))).toEqual([{ action: 'added', name: 'Example Wireless Solutions Co., Ltd.', aliases: [], parent: null }]);
  });
});

describe('the 1260H list', () => {
  const baseline = parse1260h(body(fixture('baseline.txt')));

  it('seeds the current edition from the baseline, with its edition date and citation', () => {
    expect(parseBaseline(fixture('baseline.txt'))).toMatchObject({ edition: '2025-01-07', citation: '90 FR 1000' });
    expect(baseline.map((d) => [d.key, d.aliases, d.frCitation, d.startDate])).toEqual([
      ['1260H:example aerospace industries corporation of china', ['EAIC'], '90 FR 1000', '2025-01-07'],
      ['1260H:example shipbuilding group co ltd', ['ESG', 'Example Shipbuilding'], '90 FR 1000', '2025-01-07'],
      ['1260H:example memory technologies co ltd', [], '90 FR 1000', '2025-01-07'],
      ['1260H:example nuclear power corporation', [], '90 FR 1000', '2025-01-07'],
      ['1260H:example satellite communications co ltd', [], '90 FR 1000', '2025-01-07'],
      ['1260H:example drone technology co ltd', [], '90 FR 1000', '2025-01-07'],
    ]);
  });

  it('applies a notice to the stored list: additions in, removals out', () => {
    const next = apply1260hChanges(body(fixture('notice-2025-10001.xml'), 'notice.xml'), baseline) as Designation[];
    expect(next.map((d) => d.name)).toEqual([
      'Example Aerospace Industries Corporation of China',
      'Example Shipbuilding Group Co., Ltd.',
      'Example Nuclear Power Corporation',
      'Example Satellite Communications Co., Ltd.',
      'Example Lidar Technology Co., Ltd. (ELT)',
      'Example Battery Group Co., Ltd.',
      'Example Battery Materials Co., Ltd.',
      'Example Biotech Holdings Limited',
    ]);
    expect(next.find((d) => d.name === 'Example Battery Materials Co., Ltd.')).toMatchObject({ remarks: 'Listed under Example Battery Group Co., Ltd.', frCitation: 'FR Doc. 2025-10001' });
  });

  it('builds the same list from a bundle (baseline + notices since), with the notice’s citation and date', () => {
    const bundle = { format: 'entitywatch-1260h-bundle', baseline: fixture('baseline.txt'), notices: [{ documentNumber: '2025-10001', citation: '90 FR 24001', publicationDate: '2025-06-10', htmlUrl: 'https://www.federalregister.gov/d/2025-10001', text: fixture('notice-2025-10001.xml') }] };
    const list = parse1260h(body(JSON.stringify(bundle)));
    expect(list.map((d) => d.name)).toHaveLength(8);
    expect(list.find((d) => d.name === 'Example Biotech Holdings Limited')).toMatchObject({
      aliases: ['Example Bio'],
      frCitation: '90 FR 24001',
      startDate: '2025-06-10',
      sourceUrl: 'https://www.federalregister.gov/d/2025-10001',
    });
  });

  it('refuses a notice with nothing stored, a lone notice as a whole list, and a notice naming nothing', () => {
    const refusal = refusalOf;
    expect(refusal(() => apply1260hChanges(body(fixture('notice-2025-10001.xml')), []))?.[0]).toBe('empty');
    expect(refusal(() => parse1260h(body(fixture('notice-2025-10001.xml'))))).toEqual([
      'unparseable',
      'a 1260H notice only changes the list: ingest it onto a stored list (entitywatch ingest 1260h NOTICE.xml, after a baseline)',
    ]);
    expect(refusal(() => apply1260hChanges(body('<NOTICE><SUPLINF><P>Nothing here.</P></SUPLINF><FRDOC>[FR Doc. 2025-1 Filed]</FRDOC></NOTICE>'), baseline))?.[0]).toBe('unparseable');
    expect(refusal(() => parse1260h(body('# only a comment\n')))?.[0]).toBe('empty');
    // UTF-16 without a byte-order mark is refused, not read as garbage.
    expect(refusal(() => parse1260h({ bytes: Buffer.from('Example Co.\n', 'utf16le'), contentType: null, location: 'b.txt' }))?.[0]).toBe('encoding');
  });

  it('reads a baseline with a BOM and CRLF, and refuses one saved as Windows-1252, naming the file (save it as UTF-8)', () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Example Co.\r\n')]);
    expect(parse1260h({ bytes: bom, contentType: null, location: 'b.txt' }).map((d) => d.name)).toEqual(['Example Co.']);
    const cp1252 = Buffer.from([...Buffer.from('Example Caf'), 0xe9, ...Buffer.from(' Holdings\r\n')]);
    expect(refusalOf(() => parse1260h({ bytes: cp1252, contentType: null, location: 'b.txt' }))?.[0]).toBe('encoding');
  });
});
