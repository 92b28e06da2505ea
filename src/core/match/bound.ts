/**
 * A cheap upper bound on a name's query coverage (score.ts), checked before a candidate is scored.
 * Pure.
 *
 *   bound.prepare(variant.tokens);
 *   if (bound.reaches(names.pool, names.start[id], names.count[id], factor, threshold)) score(id);
 *   bound.release();
 *
 * One pass over the name's tokens tells which query tokens it holds (exactly or as one of their
 * expansions). Query coverage is matched / total; a held token adds at most its best expansion's
 * weight × similarity to `matched` and at least its lightest expansion's weight to `total`; a
 * token the name lacks adds nothing and exactly its missing weight. So
 *
 *   coverage ≤ Σ held gain / (Σ held floor + Σ lacking missingWeight)
 *
 * and, since the score is the coverage times factors of at most 1, a name whose bound × factor
 * falls below the threshold cannot be returned. Postings.candidates cannot tell which of the
 * query's other words a name holds, so it passes on every name a common typo neighbour reaches
 * ("dalian" for "Datian": 8,000 names at a million); this drops them for a few array reads each.
 */
import type { QueryToken } from './score.js';

/** Query tokens beyond this (31 bits of a mask) are not bounded: every candidate is scored. */
const MAX_TOKENS = 31;

/** Room for rounding: the bound is summed in another order than the score. */
const SLACK = 1e-9;

export class CoverageBound {
  /** By vocabulary id: the query tokens (bits) that id is an expansion of; zero outside prepare/release. */
  private holders = new Int32Array(1024);
  private gains: number[] = [];
  private floors: number[] = [];
  private missing: number[] = [];
  private ids: number[] = [];
  private active = false;

  prepare(tokens: readonly QueryToken[]): void {
    this.active = tokens.length <= MAX_TOKENS;
    if (!this.active) return;
    this.gains = tokens.map((t) => t.expansions.reduce((most, e) => Math.max(most, e.weight * e.sim), 0));
    this.floors = tokens.map((t) => t.expansions.reduce((least, e) => Math.min(least, e.weight), t.missingWeight));
    this.missing = tokens.map((t) => t.missingWeight);
    tokens.forEach((token, i) => {
      for (const { id } of token.expansions) {
        if (id >= this.holders.length) this.grow(id);
        if (this.holders[id] === 0) this.ids.push(id);
        this.holders[id]! |= 1 << i;
      }
    });
  }

  /** False only when the name's tokens (pool[start .. start + count]) cannot give a score × factor of `threshold`. */
  reaches(pool: Int32Array, start: number, count: number, factor: number, threshold: number): boolean {
    if (!this.active) return true;
    let held = 0;
    for (let i = 0; i < count; i++) {
      const token = pool[start + i]!;
      if (token < this.holders.length) held |= this.holders[token]!;
    }
    let matched = 0;
    let total = 0;
    for (let i = 0; i < this.gains.length; i++) {
      if ((held & (1 << i)) !== 0) {
        matched += this.gains[i]!;
        total += this.floors[i]!;
      } else total += this.missing[i]!;
    }
    if (total <= 0) return true;
    return (matched / total) * factor >= threshold - SLACK;
  }

  release(): void {
    for (const id of this.ids) this.holders[id] = 0;
    this.ids.length = 0;
    this.active = false;
  }

  private grow(id: number): void {
    const next = new Int32Array(Math.max(id + 1, this.holders.length * 2));
    next.set(this.holders);
    this.holders = next;
  }
}
