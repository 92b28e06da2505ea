import { describe, expect, it } from 'vitest';
import { editDistance, reach, similarity, TrigramIndex } from '../../../src/core/match/fuzzy.js';

describe('editDistance', () => {
  it.each([
    ['hikvision', 'hikvision', 0],
    ['hikvison', 'hikvision', 1],
    ['huaewi', 'huawei', 1],
    ['rosoboroneksport', 'rosoboronexport', 2],
    ['kitten', 'sitting', 3],
  ])('%s / %s = %i (bounded at 3)', (a, b, expected) => {
    expect(editDistance(a, b, 3)).toBe(expected);
  });

  it('gives up past the bound', () => {
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
    expect(editDistance('abc', 'abcdef', 2)).toBe(3);
  });
});

describe('reach', () => {
  it.each([
    ['hikvison', 'hikvision', 1],
    ['dahau', 'dahua', 1], // five letters: a swap is a typo
    ['intel', 'inter', null], // five letters: a substitution is another word
    ['canon', 'cason', null],
    ['megvi', 'megvii', 1],
    ['sony', 'sonu', null], // four letters: exact only
    ['petrobras', 'petroiran', null], // nine letters: one edit only
    ['rosoboroneksport', 'rosoboronexport', 2],
  ])('%s / %s → %s', (a, b, expected) => {
    expect(reach(a, b)).toBe(expected);
  });
});

describe('similarity', () => {
  it('is 1 for exact, about 0.9 for one edit, lower for two', () => {
    expect(similarity(0, 8)).toBe(1);
    expect(similarity(1, 9)).toBeGreaterThan(0.9);
    expect(similarity(2, 15)).toBeLessThan(similarity(1, 15));
  });
});

describe('TrigramIndex', () => {
  it('finds the filed tokens within reach, under any spelling, and skips dead ones', () => {
    const index = new TrigramIndex();
    const words = ['hikvision', 'huawei', 'hikari', 'vision', 'rastrojo', 'rosoboronexport'];
    words.forEach((word, id) => index.add(id, word));
    index.add(4, 'rastrojos'); // the unfolded spelling of token 4
    const live = (id: number): boolean => id !== 3;
    expect(index.near('hikvison', live)).toEqual([[0, 1]]);
    expect(index.near('huaewi', live)).toEqual([[1, 1]]);
    expect(index.near('rastrojs', live)).toEqual([[4, 1]]);
    expect(index.near('rosoboroneksport', live)).toEqual([[5, 2]]);
    expect(index.near('visoin', live)).toEqual([]); // token 3 is dead
    expect(index.near('sony', live)).toEqual([]);
  });
});
