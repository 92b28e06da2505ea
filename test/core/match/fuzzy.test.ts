import { describe, expect, it } from 'vitest';
import { editDistance, reach, similarity, TrigramIndex } from '../../../src/core/match/fuzzy.js';
import { SYLLABLES_WITHOUT_A, syllableWords } from '../../helpers/syllable-words.js';

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

  it('finds exactly what a scan of every filed spelling with reach() finds (syllable-alike vocabulary)', () => {
    // Tokens built from a few shared syllables, like the generated million-name corpus: most
    // share trigrams and letters with each other, which is what the letter filters must not over-prune.
    const { next, word } = syllableWords(7, SYLLABLES_WITHOUT_A);
    const filed: string[] = [];
    const index = new TrigramIndex();
    for (let id = 0; id < 3000; id++) {
      const text = word(2 + next(3));
      filed.push(text);
      index.add(id, text);
    }
    const typo = (text: string): string => {
      const at = next(text.length);
      const edits = [text.slice(0, at) + text.slice(at + 1), text.slice(0, at) + 'x' + text.slice(at), text.slice(0, at) + 'a' + text.slice(at + 1)];
      return edits[next(edits.length)]!;
    };
    let compared = 0;
    for (let q = 0; q < 300; q++) {
      const query = q % 3 === 0 ? word(3) : typo(q % 3 === 1 ? filed[next(filed.length)]! : typo(filed[next(filed.length)]!));
      for (const cap of [1, 2]) {
        const expected = new Map<number, number>();
        filed.forEach((text, id) => {
          if (text.length < 4 || text === query) return;
          const edits = reach(query, text, cap);
          if (edits !== null && edits > 0) expected.set(id, edits);
        });
        const found = new Map(index.near(query, () => true, cap));
        expect(found).toEqual(expected);
        compared += expected.size;
      }
    }
    // The queries do reach neighbours: the comparison is not of empty answers.
    expect(compared).toBeGreaterThan(300);
  });
});
