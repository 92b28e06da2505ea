/**
 * TrigramIndex.near reads fewer trigram lists for spellings of another length (fuzzy.ts
 * trigramsLost: an insertion breaks two trigrams, a deletion three, a swap four). Checked against
 * a scan of every filed spelling with reach(), for queries made by each kind and pair of edits.
 */
import { describe, expect, it } from 'vitest';
import { reach, TrigramIndex } from '../../../src/core/match/fuzzy.js';
import { syllableWords } from '../../helpers/syllable-words.js';

describe('TrigramIndex.near across lengths', () => {
  it('finds what a scan finds after insertions, deletions, swaps and substitutions', () => {
    const { next, word } = syllableWords(11);
    const filed: string[] = [];
    const index = new TrigramIndex();
    for (let id = 0; id < 4000; id++) {
      const text = word(2 + next(4));
      filed.push(text);
      index.add(id, text);
    }
    const edit = (text: string): string => {
      const at = next(text.length);
      switch (next(4)) {
        case 0: return text.slice(0, at) + text.slice(at + 1);
        case 1: return text.slice(0, at) + 'hgnu'[next(4)] + text.slice(at);
        case 2: return at + 1 < text.length ? text.slice(0, at) + text[at + 1] + text[at] + text.slice(at + 2) : text;
        default: return text.slice(0, at) + 'aeiu'[next(4)] + text.slice(at + 1);
      }
    };
    let compared = 0;
    for (let q = 0; q < 400; q++) {
      const source = filed[next(filed.length)]!;
      const query = q % 2 === 0 ? edit(edit(source)) : edit(source);
      for (const cap of [1, 2]) {
        const expected = new Map<number, number>();
        filed.forEach((text, id) => {
          if (text.length < 4 || text === query) return;
          const edits = reach(query, text, cap);
          if (edits !== null && edits > 0) expected.set(id, edits);
        });
        expect(new Map(index.near(query, () => true, cap)), `${query} cap ${cap}`).toEqual(expected);
        compared += expected.size;
      }
    }
    expect(compared).toBeGreaterThan(400);
  });
});
