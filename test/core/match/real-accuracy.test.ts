/**
 * Lookup accuracy on the real lists: the staged CSL files plus the real OFAC SDN legacy set
 * (../shared/data, the corpus bench/lookup.ts uses), with the benchmark's derived labelled
 * queries — exact names, lower-cased, legal form dropped, one-letter typos of complete names,
 * swapped words — and no-list queries: invented words, real companies on no list, and brand-like
 * words one letter off a distinctive word of a longer listed name. Holds the engine to ≥ 98%
 * top-1 and no false match at all. Skips when the data is not there (the run says so once).
 */
import { describe, expect, it } from 'vitest';
import { labelledQueries, realCorpus } from '../../../bench/lookup-data.js';
import { entitywatchEngine } from '../../../bench/lookup-engines.js';
import { SHARED_DATA, hasSharedData } from '../../helpers/shared-data.js';

const DATA = SHARED_DATA;
const present = hasSharedData('csl', 'ofac_sdn_legacy');

describe.skipIf(!present)('lookup accuracy on the real CSL + SDN lists', () => {
  it('finds the listed entity first for ≥ 98% of queries and never matches a no-list query', () => {
    const docs = realCorpus(DATA);
    const queries = labelledQueries(docs, 20261202, 300);
    const engine = entitywatchEngine();
    engine.build(docs);
    let listed = 0;
    let top1 = 0;
    const wrong: string[] = [];
    const falseMatches: string[] = [];
    for (const q of queries) {
      const results = engine.search(q.query);
      if (q.accept === null) {
        if (results.length > 0) falseMatches.push(`[${q.kind}] "${q.query}" → ${results[0]!.join(', ')}`);
        continue;
      }
      listed++;
      const accept = q.accept;
      if (results[0]?.some((id) => accept.has(id))) top1++;
      else wrong.push(`[${q.kind}] "${q.query}" → ${results[0]?.join(', ') ?? 'nothing'}`);
    }
    const brands = queries.filter((q) => q.kind.startsWith('no-list (brand')).length;
    console.log(
      [
        `real-list lookup accuracy: ${docs.length} designations; ${queries.length} queries (${listed} listed, ${queries.length - listed} on no list, ${brands} of them brand-like)`,
        `  top-1 ${((100 * top1) / listed).toFixed(1)}%  false matches ${falseMatches.length}`,
        ...wrong.slice(0, 20).map((line) => `  ✗ ${line}`),
        ...falseMatches.map((line) => `  ! ${line}`),
      ].join('\n'),
    );
    expect(brands).toBeGreaterThan(100);
    expect(top1 / listed).toBeGreaterThanOrEqual(0.98);
    expect(falseMatches).toEqual([]);
  });
});
