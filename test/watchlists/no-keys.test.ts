/**
 * The quick no-key-words test (src/watchlists/no-keys.ts) never passes by a name keySpellings
 * would give key words, and passes by most of the names a change's generic words reach.
 */
import { describe, expect, it } from 'vitest';
import { generateCounterparties } from '../../bench/generate-counterparties.js';
import { syntheticCorpus } from '../../bench/lookup-synthetic.js';
import { KeyCache, MatchIndex, type MatchTerms } from '../../src/core/match/engine.js';
import { matchTerms, splitAliasText } from '../../src/core/match/normalise.js';
import { encodeMember, NoKeysTest } from '../../src/watchlists/no-keys.js';
import { makeDesignation } from '../helpers/designations.js';

function segmentsOf(name: string): MatchTerms[] {
  return splitAliasText(name).map((segment) => matchTerms(segment)).filter((terms) => terms.tokens.length > 0);
}

/** For each name: [quick test's answer, keySpellings], through one cache as CounterpartyIndex uses them. */
function verdicts(index: MatchIndex, names: readonly string[]): Array<{ name: string; none: boolean; keys: string[] }> {
  const spellings: string[] = [];
  const ids = new Map<string, number>();
  const idOf = (spelling: string): number => {
    let id = ids.get(spelling);
    if (id === undefined) ids.set(spelling, (id = spellings.push(spelling) - 1));
    return id;
  };
  const pool: number[] = [];
  const at = [0];
  const segments = names.map((name) => {
    const terms = segmentsOf(name);
    encodeMember(terms, idOf, pool);
    at.push(pool.length);
    return terms;
  });
  const cache = new KeyCache((spelling) => spelling.length >= 5 && ids.has(spelling));
  index.beginKeys(cache);
  const test = new NoKeysTest(spellings, index, cache);
  const encoded = Int32Array.from(pool);
  return names.map((name, i) => ({ name, none: test.noKeys(encoded, at[i]!, at[i + 1]!), keys: index.keySpellings(segments[i]!, cache) }));
}

describe('the quick no-key-words test', () => {
  it('passes by invented names and keeps every name with key words, glued or split readings included', () => {
    const index = new MatchIndex(
      ['Hangzhou Hikvision Digital Technology Co., Ltd.', 'Import and Export Trading Co.', 'Quantum CTek Co., Ltd.', 'Da Jiang Innovations'].map((name) =>
        makeDesignation({ name, list: 'EL' }),
      ),
    );
    const names = ['Kelvertar Import and Export GmbH', 'Chicago Torquinwal Technology', 'Hikvision Europe', 'Hikvision Digital', 'Hikvison', 'Hik Vision', 'QuantumCTek', 'Quantum C Tek', 'Dajiang', 'Kelvertar', 'Hik Vision'];
    expect(verdicts(index, names).map(({ name, none, keys }) => [name, none, keys.length === 0])).toEqual([
      ['Kelvertar Import and Export GmbH', true, true],
      ['Chicago Torquinwal Technology', true, true],
      // "europe", on no list, weighs more than "hikvision" could make up for (as in screen.test.ts).
      ['Hikvision Europe', true, true],
      ['Hikvision Digital', false, false],
      ['Hikvison', false, false],
      ['Hik Vision', false, false],
      ['QuantumCTek', false, false],
      ['Quantum C Tek', false, false],
      ['Dajiang', false, false],
      ['Kelvertar', true, true],
      // Again, its glued pair now answered from the test's memo.
      ['Hik Vision', false, false],
    ]);
  });

  it('on generated lists and watchlists: never for a name with key words, and for most of the rest', () => {
    const docs = syntheticCorpus(7, 3_000).map((doc) => doc.designation);
    const index = new MatchIndex();
    for (const d of docs) index.upsert(d, 'synthetic');
    const names = generateCounterparties(docs, 6_000, 31).map((c) => c.name);
    const all = verdicts(index, names);
    expect(all.filter(({ none, keys }) => none && keys.length > 0)).toEqual([]);
    const keyless = all.filter(({ keys }) => keys.length === 0);
    expect(keyless.length).toBeGreaterThan(names.length / 2);
    expect(keyless.filter(({ none }) => none).length).toBeGreaterThan(0.8 * keyless.length);
    expect(all.some(({ keys }) => keys.length > 0)).toBe(true);
  });
});
