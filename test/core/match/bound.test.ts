import { describe, expect, it } from 'vitest';
import { CoverageBound } from '../../../src/core/match/bound.js';
import { NameStore } from '../../../src/core/match/names.js';
import { scoreName, type QueryToken } from '../../../src/core/match/score.js';

describe('CoverageBound', () => {
  it('never drops a name whose score × factor reaches the threshold, and drops most that cannot', () => {
    let state = 11;
    const next = (n: number): number => (state = (state * 1103515245 + 12345) % 2147483648) % n;
    const weight = (id: number): number => 0.05 + (id % 17) / 2;
    const rarity = (id: number): number => (id % 17) / 16;
    const names = new NameStore();
    for (let i = 0; i < 400; i++) {
      const tokens = [...new Set(Array.from({ length: 1 + next(5) }, () => next(40)))];
      names.add(i, `name ${i}`, tokens, tokens.length, i % 5 === 0 ? [tokens[0]!] : null, 0);
    }
    let kept = 0;
    let dropped = 0;
    for (let q = 0; q < 200; q++) {
      const query: QueryToken[] = Array.from({ length: 1 + next(4) }, (_, i) => ({
        text: `t${i}`,
        missingWeight: 0.05 + next(10) / 2,
        missingRarity: next(10) / 10,
        expansions: Array.from({ length: 1 + next(3) }, (_, e) => {
          const id = next(40);
          return { id, sim: e === 0 ? 1 : 0.9, weight: weight(id), rarity: rarity(id) };
        }),
      }));
      const factor = q % 2 === 0 ? 1 : 0.97;
      const bound = new CoverageBound();
      bound.prepare(query);
      for (let id = 0; id < names.size; id++) {
        const score = scoreName(query, names, id, weight, new Float64Array(8), rarity).score * factor;
        const reaches = bound.reaches(names.pool, names.start[id]!, names.count[id]!, factor, 0.8);
        if (score >= 0.8) expect(reaches).toBe(true);
        if (score >= 0.8) kept++;
        if (!reaches) dropped++;
      }
      bound.release();
    }
    expect(kept).toBeGreaterThan(20);
    expect(dropped).toBeGreaterThan(200 * 400 * 0.3);
  });
});
