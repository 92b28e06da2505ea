/**
 * A designation's name that repeats the tokens of one already indexed for it (same tokens, same
 * order) is not indexed again; the earlier twin takes its flags (engine.ts addVariant / twinOf).
 * Reads the name store directly: the search answers hide how many names stand behind them.
 */
import { describe, expect, it } from 'vitest';
import { MatchIndex } from '../../../src/core/match/index.js';
import { NAME_GROUPING, NAME_PRIMARY, type NameStore } from '../../../src/core/match/names.js';
import { makeDesignation } from '../../helpers/designations.js';

function namesOf(index: MatchIndex): Array<[string, number]> {
  const names = (index as unknown as { names: NameStore }).names;
  return Array.from({ length: names.size }, (_, id) => [names.texts[id]!, names.flags[id]!]);
}

describe('MatchIndex twin names', () => {
  it('indexes a repeated token sequence once per designation, keeping the first text and merging flags', () => {
    const index = new MatchIndex();
    index.upsert(makeDesignation({
      list: 'EL',
      name: 'Zhongke Tech (ZK) Ltd.',
      aliases: ['ZHONGKE TECH', 'Tech Zhongke', 'Zhongke Tech ZK', 'Zhongke'],
    }));
    // The same tokens on another designation are its own names.
    index.upsert(makeDesignation({ list: 'UVL', name: 'Zhongke Tech', aliases: ['Zhongke'] }));
    expect(namesOf(index)).toEqual([
      // Its variant without parentheses ("Zhongke Tech") is primary only; the alias "ZHONGKE TECH" repeats it and adds the grouping flag.
      ['Zhongke Tech (ZK) Ltd.', NAME_PRIMARY | NAME_GROUPING],
      ['Zhongke Tech (ZK) Ltd.', NAME_PRIMARY | NAME_GROUPING],
      ['Tech Zhongke', NAME_GROUPING],
      ['Zhongke', NAME_GROUPING],
      ['Zhongke Tech', NAME_PRIMARY | NAME_GROUPING],
      ['Zhongke', NAME_GROUPING],
    ]);
    expect(index.search('Zhongke Tech', { limit: 5 }).map((result) => result.designations.length).reduce((a, b) => a + b, 0)).toBe(2);
  });
});
