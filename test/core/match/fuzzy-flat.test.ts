/**
 * TrigramIndex keeps its lists flat (fuzzy.ts): spellings filed after a lookup go to overflow
 * lists, or, when many, to a rebuild. However the filings and lookups interleave, a lookup
 * returns the same pairs in the same order as an index filed all at once, and what a scan with
 * reach() finds.
 */
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { reach, TrigramIndex } from '../../../src/core/match/fuzzy.js';

import { syllableWords as generator } from '../../helpers/syllable-words.js';

describe('TrigramIndex flat lists', () => {
  it('answers alike, in the same order, however filings and lookups interleave', () => {
    const { next, word } = generator(5);
    // Several spellings per id (as a token's folded and published forms), some far longer.
    const filings: Array<[number, string]> = [];
    for (let id = 0; id < 12_000; id++) {
      filings.push([id, word(2 + next(4))]);
      if (id % 7 === 0) filings.push([id, word(6 + next(6))]);
    }
    const queries = Array.from({ length: 150 }, (_, q) => {
      const text = filings[next(filings.length)]![1];
      const at = next(text.length);
      return q % 2 === 0 ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, at) + 'x' + text.slice(at);
    });
    const live = (id: number): boolean => id % 5 !== 0;

    const once = new TrigramIndex();
    for (const [id, text] of filings) once.add(id, text);
    // Looked up after every few filings: a few pending pairs go to the overflow lists, a large
    // batch (past the overflow share) to a rebuild; both happen here.
    const stepwise = new TrigramIndex();
    let q = 0;
    let step = 1;
    for (let at = 0; at < filings.length; ) {
      const end = Math.min(filings.length, at + step);
      for (; at < end; at++) stepwise.add(...filings[at]!);
      stepwise.near(queries[q++ % queries.length]!, live);
      step = step < 2000 ? step * 2 : 3;
    }
    // A packed copy through v8 serialisation, filed to afterwards (the CLI's lookup copy, then a new snapshot).
    const half = new TrigramIndex();
    for (const [id, text] of filings.slice(0, filings.length / 2)) half.add(id, text);
    half.pack();
    const copy = Object.setPrototypeOf(deserialize(serialize(half)), TrigramIndex.prototype) as TrigramIndex;
    for (const [id, text] of filings.slice(filings.length / 2)) copy.add(id, text);

    let compared = 0;
    for (const query of queries) {
      for (const cap of [1, 2]) {
        const expected = once.near(query, live, cap);
        expect(stepwise.near(query, live, cap), `${query} cap ${cap}`).toEqual(expected);
        expect(copy.near(query, live, cap), `${query} cap ${cap}`).toEqual(expected);
        const scan = new Map<number, number>();
        for (const [id, text] of filings) {
          if (text.length < 4 || text === query || !live(id)) continue;
          const edits = reach(query, text, cap);
          if (edits !== null && edits > 0 && edits < (scan.get(id) ?? 3)) scan.set(id, edits);
        }
        expect(new Map(expected)).toEqual(scan);
        compared += expected.length;
      }
    }
    expect(compared).toBeGreaterThan(300);
  });
});
