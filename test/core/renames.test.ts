import { describe, expect, it } from 'vitest';
import { diffSnapshots } from '../../src/core/diff.js';
import { fingerprint } from '../../src/core/fingerprint.js';
import type { Designation } from '../../src/core/model.js';
import { isRename, pairRenames } from '../../src/core/renames.js';
import { makeDesignation } from '../helpers/designations.js';

const old = makeDesignation({
  name: 'Hefei Exampel Optics Co.',
  list: 'EL',
  addresses: ['2 Lake Road, Hefei, CN'],
  frCitation: '88 FR 2000',
  startDate: '2023-02-01',
  aliases: ['HEO', 'Hefei Optics'],
});
const fixed = makeDesignation({ ...old, key: undefined as unknown as string, name: 'Hefei Example Optics Co.' });

describe('renames', () => {
  const cases: Array<[string, Partial<Designation>, boolean]> = [
    ['the same entry under a repaired name', {}, true],
    ['most aliases kept', { aliases: ['HEO', 'Hefei Optics', 'HEOC'] }, true],
    ['another address', { addresses: ['9 Hill Road, Hefei, CN'] }, false],
    ['another citation', { frCitation: '89 FR 1' }, false],
    ['another start date', { startDate: '2024-01-01' }, false],
    ['most aliases different', { aliases: ['Other'] }, false],
    ['another list', { list: 'MEU', listName: 'Military End User (MEU) List - Bureau of Industry and Security' }, false],
  ];
  it.each(cases)('%s → %s', (_name, change, expected) => {
    expect(isRename(old, { ...fixed, ...change })).toBe(expected);
  });

  it('never pairs two people named on one order (same address, citation and dates, no aliases)', () => {
    const order = { list: 'DPL' as const, addresses: ['605 Example Lake Drive, Richardson, TX, US'], frCitation: '67 FR 100', startDate: '2002-03-04', aliases: [] };
    const one = makeDesignation({ ...order, name: 'ABDUL EXAMPLE NASSER' });
    const other = makeDesignation({ ...order, name: 'I. SAMPLE' });
    const brother = makeDesignation({ ...order, name: 'BAYAN EXAMPLE' });
    expect(isRename(one, other)).toBe(false);
    expect(isRename(makeDesignation({ ...order, name: 'GHASSAN EXAMPLE' }), brother)).toBe(false);
  });

  it('pairs a reordered name and a new name that keeps the old one as an alias', () => {
    const base = { list: 'PLC' as const, addresses: ['Tulkarim, West Bank, PS'], ids: ['Passport, 123'], frCitation: null, startDate: null };
    expect(isRename(makeDesignation({ ...base, name: 'EXAMPLEH, Mohammed' }), makeDesignation({ ...base, name: 'Mohammed EXAMPLEH' }))).toBe(true);
    const renamed = makeDesignation({ ...base, name: 'Blue Harbor Photonics', aliases: ['Old Lake Optics'] });
    expect(isRename(makeDesignation({ ...base, name: 'Old Lake Optics', aliases: [] }), renamed)).toBe(false); // aliases mostly different
    expect(isRename(makeDesignation({ ...base, name: 'Old Lake Optics', aliases: ['Old Lake Optics'] }), renamed)).toBe(true);
  });

  it('never pairs rows that only share empty fields', () => {
    const bare = makeDesignation({ name: 'Alpha', list: 'EL' });
    expect(isRename(bare, makeDesignation({ name: 'Beta', list: 'EL' }))).toBe(false);
  });

  it('leaves two look-alike renames unpaired (ambiguous)', () => {
    const twin = makeDesignation({ ...fixed, key: undefined as unknown as string, name: 'Hefei Example Optic Co.' });
    expect(pairRenames([old], [fixed, twin])).toEqual({ renamed: [], removed: [old], added: [fixed, twin] });
  });

  it('is one amendment of the name in the diff, worded "renamed from …"', () => {
    const diff = diffSnapshots([old], [fixed], fingerprint);
    expect([diff.added, diff.removed]).toEqual([[], []]);
    expect(diff.amended.map((a) => [a.before.key, a.after.key, a.fields.map((f) => [f.field, f.summary])])).toEqual([
      ['EL:hefei exampel optics co', 'EL:hefei example optics co', [['name', 'renamed from "Hefei Exampel Optics Co."']]],
    ]);
  });
});
