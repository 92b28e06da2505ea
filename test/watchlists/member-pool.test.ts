/**
 * The compact member store of CounterpartyIndex (src/watchlists/member-pool.ts) gives back what
 * the names give: each member's segments as the engine reads them, postings of every spelling,
 * and the glued readings the candidate search asks about.
 */
import { describe, expect, it } from 'vitest';
import { generateCounterparties } from '../../bench/generate-counterparties.js';
import { syntheticCorpus } from '../../bench/lookup-synthetic.js';
import { MAX_QUERY_WORDS } from '../../src/core/match/query.js';
import { MemberPool, segmentsOf } from '../../src/watchlists/member-pool.js';
import type { ScreenedCounterparty } from '../../src/watchlists/screen.js';

const member = (name: string, watchlist = 'customers'): ScreenedCounterparty => ({ watchlist, name, country: null, reference: null });

describe('MemberPool', () => {
  const docs = syntheticCorpus(7, 300).map((doc) => doc.designation);
  const longName = Array.from({ length: 30 }, (_, i) => `Word${String.fromCharCode(97 + (i % 26))}${i}`).join(' ');
  const counterparties = [
    ...generateCounterparties(docs, 600, 5),
    member('Hik Vision Trading (a.k.a. Quantum C Tek)'),
    member('Hik Vision Trading (a.k.a. Quantum C Tek)', 'suppliers'),
    member(longName),
  ];
  const pool = new MemberPool(counterparties);

  it('decodes each member to its segments, MAX_QUERY_WORDS tokens each at most', () => {
    counterparties.forEach((c, position) => {
      const expected = segmentsOf(c.name).map(({ tokens, words }) => ({ tokens: tokens.slice(0, MAX_QUERY_WORDS), words: words.slice(0, MAX_QUERY_WORDS) }));
      expect(pool.segments(position)).toEqual(expected);
    });
    expect(pool.segments(counterparties.length - 1)[0]!.tokens).toHaveLength(MAX_QUERY_WORDS);
  });

  it('posts every spelling of a name to it, the ones beyond MAX_QUERY_WORDS too, in position order', () => {
    const expected = new Map<string, number[]>();
    counterparties.forEach((c, position) => {
      const mine = new Set(segmentsOf(c.name).flatMap(({ tokens, words }) => [...tokens, ...words]));
      for (const spelling of mine) expected.set(spelling, [...(expected.get(spelling) ?? []), position]);
    });
    expect(pool.spellings.length).toBe(expected.size);
    for (const [spelling, positions] of expected) expect([...pool.postings(pool.idOf(spelling)!)]).toEqual(positions);
    expect(pool.idOf('nowhere')).toBeUndefined();
  });

  it('tells adjacent tokens and all tokens glued, per segment', () => {
    const at = counterparties.length - 3;
    const id = (s: string): number => pool.idOf(s)!;
    expect(pool.segments(at).map((s) => s.tokens)).toEqual([
      ['hik', 'vision', 'trading'],
      ['quantum', 'c', 'tek'],
    ]);
    expect(pool.glues(at, id('hik'), id('vision'), 'hikvision')).toBe(true);
    expect(pool.glues(at + 1, id('hik'), id('vision'), 'hikvision')).toBe(true);
    expect(pool.glues(at, id('vision'), id('trading'), 'visiontrading')).toBe(true);
    // Not adjacent in that order, nor in one segment.
    expect(pool.glues(at, id('vision'), id('hik'), 'visionhik')).toBe(false);
    expect(pool.glues(at, id('trading'), id('quantum'), 'tradingquantum')).toBe(false);
    // All three tokens of the second segment; the first token must lead.
    expect(pool.glues(at, id('quantum'), undefined, 'quantumctek')).toBe(true);
    expect(pool.glues(at, id('c'), undefined, 'ctek')).toBe(false);
    expect(pool.glues(at, id('quantum'), undefined, 'quantumc')).toBe(false);
  });
});
