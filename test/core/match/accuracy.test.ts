/**
 * Accuracy of the matcher on the labelled query set (test/fixtures/lookup/queries.json) over the
 * hand-written corpus. Prints top-1 / top-3 accuracy and the false-match rate, and lists every
 * query that went wrong.
 */
import { describe, expect, it } from 'vitest';
import { MatchIndex, type MatchResult } from '../../../src/core/match/index.js';
import { loadCorpus, loadQueries, type LabelledQuery } from './fixture.js';

interface Outcome {
  query: LabelledQuery;
  results: MatchResult[];
  top1: boolean;
  top3: boolean;
  falseMatch: boolean;
}

function judge(query: LabelledQuery, results: MatchResult[]): Outcome {
  const holds = (result: MatchResult | undefined): boolean =>
    result !== undefined && result.designations.some((d) => d.name === query.expect);
  if (query.expect === null) {
    return { query, results, top1: results.length === 0, top3: results.length === 0, falseMatch: results.length > 0 };
  }
  const top1 = holds(results[0]);
  return { query, results, top1, top3: results.slice(0, 3).some(holds), falseMatch: results.length > 0 && !top1 };
}

function share(part: number, whole: number): string {
  return `${((100 * part) / whole).toFixed(1)}%`;
}

describe('lookup accuracy on the labelled query set', () => {
  const corpus = loadCorpus();
  const queries = loadQueries();
  const index = new MatchIndex(corpus);
  const outcomes = queries.map((query) => judge(query, index.search(query.query, { limit: 3 })));
  const listed = outcomes.filter((o) => o.query.expect !== null);
  const unlisted = outcomes.filter((o) => o.query.expect === null);
  const top1 = listed.filter((o) => o.top1).length / listed.length;
  const top3 = listed.filter((o) => o.top3).length / listed.length;
  const falseMatches = outcomes.filter((o) => o.falseMatch).length / outcomes.length;

  it('has a query set of the promised size and shape', () => {
    expect(new Set(corpus.map((d) => d.key)).size).toBe(corpus.length);
    expect(queries.length).toBeGreaterThanOrEqual(150);
    expect(unlisted.length).toBeGreaterThanOrEqual(30);
    const names = new Set(corpus.map((d) => d.name));
    expect(listed.filter((o) => !names.has(o.query.expect!)).map((o) => o.query.expect)).toEqual([]);
  });

  it('finds the listed entity first for at least 98% of queries and never matches falsely', () => {
    const wrong = outcomes.filter((o) => !o.top1 || o.falseMatch);
    console.log(
      [
        `lookup accuracy: ${queries.length} queries (${listed.length} listed, ${unlisted.length} on no list), ${corpus.length} designations`,
        `  top-1 ${share(top1 * listed.length, listed.length)}  top-3 ${share(top3 * listed.length, listed.length)}  false matches ${share(falseMatches * outcomes.length, outcomes.length)}` +
          `  (no-list queries matched: ${unlisted.filter((o) => o.falseMatch).length})`,
        ...wrong.map(
          (o) =>
            `  ✗ [${o.query.kind}] "${o.query.query}" → ${o.results.map((r) => `${r.name} (${r.score})`).join(' | ') || 'nothing'}; expected ${o.query.expect ?? 'nothing'}`,
        ),
      ].join('\n'),
    );
    expect(top1).toBeGreaterThanOrEqual(0.98);
    expect(outcomes.filter((o) => o.falseMatch).map((o) => o.query.query)).toEqual([]);
  });
});
