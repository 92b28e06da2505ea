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
