/**
 * TrigramIndex files a spelling's trigrams by numeric code (fuzzy.ts trigramCodes) and falls back
 * to trigram strings for a char code of 1024 or more; lookups read the trigrams as strings. Both
 * must name the same trigrams: spellings of either kind, mixed, with repeated trigrams, are found
 * as a scan with reach() finds them, and a kept index without the code cache (as one from
 * before it) answers the same, in the same order.
 */
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { reach, TrigramIndex } from '../../../src/core/match/fuzzy.js';

import { syllableWords as generator } from '../../helpers/syllable-words.js';

describe('TrigramIndex trigram codes', () => {
  it('finds spellings filed by code and by string alike', () => {
    const { next, word } = generator(11);
    // ASCII, Latin-1 ("é" codes below 1024), Cyrillic and CJK (past it), and repeats ("aaaa…", "abab…").
    const extras = ['д', 'é', '中', 'ж', 'ß'];
    const filings: Array<[number, string]> = [];
    for (let id = 0; id < 4000; id++) {
      let text = word(2 + next(3));
      if (id % 3 === 0) {
        const at = next(text.length);
        text = text.slice(0, at) + extras[next(extras.length)]! + text.slice(at + 1);
      }
      if (id % 97 === 0) text = 'ab'.repeat(2 + next(4));
      if (id % 89 === 0) text = 'a'.repeat(4 + next(6));
      filings.push([id, text]);
    }
    const queries = Array.from({ length: 120 }, (_, q) => {
      const text = filings[next(filings.length)]![1];
      const at = next(text.length);
      return q % 2 === 0 ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, at) + 'x' + text.slice(at);
    });
    const live = (): boolean => true;

    const once = new TrigramIndex();
    for (const [id, text] of filings) once.add(id, text);
    const half = new TrigramIndex();
    for (const [id, text] of filings.slice(0, filings.length / 2)) half.add(id, text);
    half.pack();
    const kept = deserialize(serialize(half)) as { gramCodes?: unknown };
    expect(kept.gramCodes).toBeInstanceOf(Map);
    delete kept.gramCodes;
    const copy = Object.setPrototypeOf(kept, TrigramIndex.prototype) as TrigramIndex;
    for (const [id, text] of filings.slice(filings.length / 2)) copy.add(id, text);

    let compared = 0;
    for (const query of queries) {
      const expected = once.near(query, live);
      expect(copy.near(query, live), query).toEqual(expected);
      const scan = new Map<number, number>();
      for (const [id, text] of filings) {
        if (text.length < 4 || text === query) continue;
        const edits = reach(query, text);
        if (edits !== null && edits > 0 && edits < (scan.get(id) ?? 3)) scan.set(id, edits);
      }
      expect(new Map(expected), query).toEqual(scan);
      compared += expected.length;
    }
    expect(compared).toBeGreaterThan(100);
    expect(queries.some((query) => /[^\u0000-\u03ff]/.test(query))).toBe(true);
  });
});
