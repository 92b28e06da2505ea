/**
 * Token → names postings and the candidate search over them. Pure.
 *
 *   postings.add(nameId, tokenIds);
 *   postings.candidates(queryTokens, 0.8, (nameId) => score(nameId));
 *
 * A name's query coverage (score.ts) is at most (what its tokens can add) / (the least the query
 * can weigh). `candidates` takes query tokens by what they can add, largest first, until the rest
 * could not lift a name to the threshold on their own; only names holding one of the taken tokens
 * (or their typo neighbours) are looked at, and only those whose accumulated bound still reaches
 * the threshold are handed to the caller for exact scoring. Postings may hold removed names until
 * `remap`; callers skip them.
 */
import type { QueryToken } from './score.js';

export class Postings {
  private lists: Array<number[] | undefined> = [];
  private accumulator = new Float64Array(1024);

  add(name: number, tokens: readonly number[]): void {
    for (const token of tokens) {
      const list = this.lists[token];
      if (list) list.push(name);
      else this.lists[token] = [name];
    }
    if (name >= this.accumulator.length) {
      const next = new Float64Array(Math.max(name + 1, this.accumulator.length * 2));
      next.set(this.accumulator);
      this.accumulator = next;
    }
  }

  /** Names holding the token (removed ones included until the next remap). */
  of(token: number): readonly number[] | undefined {
    return this.lists[token];
  }

  /** Apply a renumbering of names (new id per old id, -1 for removed). */
  remap(names: Int32Array, size: number): void {
    for (let token = 0; token < this.lists.length; token++) {
      const list = this.lists[token];
      if (!list) continue;
      const kept = list.map((name) => names[name]!).filter((name) => name !== -1);
      this.lists[token] = kept.length > 0 ? kept : undefined;
    }
    this.accumulator = new Float64Array(Math.max(1024, size * 2));
  }

  /** Hand every name that can still reach `threshold` for these query tokens to `visit`. */
  candidates(tokens: readonly QueryToken[], threshold: number, visit: (name: number) => void): void {
    const gains = tokens.map((t) => t.expansions.reduce((most, e) => Math.max(most, e.weight * e.sim), 0));
    const floor = tokens.reduce(
      (sum, t) => sum + t.expansions.reduce((least, e) => Math.min(least, e.weight), t.missingWeight),
      0,
    );
    if (floor <= 0) return;
    const order = tokens.map((_, i) => i).sort((a, b) => gains[b]! - gains[a]!);
    let rest = gains.reduce((sum, gain) => sum + gain, 0);
    const acc = this.accumulator;
    const touched: number[] = [];
    for (const i of order) {
      if (rest / floor < threshold) break;
      rest -= gains[i]!;
      for (const expansion of tokens[i]!.expansions) {
        const gain = expansion.weight * expansion.sim;
        for (const name of this.lists[expansion.id] ?? []) {
          if (acc[name] === 0) touched.push(name);
          acc[name]! += gain;
        }
      }
    }
    for (const name of touched) {
      const bound = (acc[name]! + rest) / floor;
      acc[name] = 0;
      if (bound >= threshold) visit(name);
    }
  }
}
