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
 *
 * Layout: the lists live in one Int32Array (token t's names at flat[offsets[t] .. offsets[t+1]],
 * CSR), built in two passes (count, then fill) from the (token, name) pairs added since — a
 * million names are a few million pairs, not a hundred thousand growing arrays. Pairs wait in a
 * flat buffer until a read needs them; a few (a snapshot's changes after the build) then go to
 * small per-token overflow lists, many to a rebuild of the flat lists. Names are added in
 * increasing id order, so every list, read as flat part then overflow, is in the order the names
 * were added: the order a list of arrays had, and with it the order candidates are visited in.
 */
import type { QueryToken } from './score.js';

/** Pending pairs beyond this share of the flat lists (and this floor) are merged by a rebuild. */
const OVERFLOW_SHARE = 1 / 8;
const OVERFLOW_FLOOR = 4096;

export class Postings {
  /** Token t's flat list: flat[offsets[t] .. offsets[t + 1]], for t < offsets.length - 1. */
  private offsets = new Int32Array(1);
  private flat = new Int32Array(0);
  /** Lists added to since the last rebuild, read after the flat part. */
  private overflow: Array<number[] | undefined> = [];
  private overflowCount = 0;
  /** (token, name) pairs not yet in either, in the order added. */
  private pending = new Int32Array(4096);
  private pendingCount = 0;
  private accumulator = new Float64Array(1024);
  /** Scratch of candidates: the names touched by the search under way. */
  private touched = new Int32Array(1024);

  /** File name `name` under tokens[0 .. n]. */
  add(name: number, tokens: ArrayLike<number>, n: number): void {
    if (this.pendingCount + 2 * n > this.pending.length) {
      const next = new Int32Array(Math.max(this.pending.length * 2, this.pendingCount + 2 * n));
      next.set(this.pending.subarray(0, this.pendingCount));
      this.pending = next;
    }
    for (let i = 0; i < n; i++) {
      this.pending[this.pendingCount++] = tokens[i]!;
      this.pending[this.pendingCount++] = name;
    }
    if (name >= this.accumulator.length) {
      const next = new Float64Array(Math.max(name + 1, this.accumulator.length * 2));
      next.set(this.accumulator);
      this.accumulator = next;
    }
  }

  /** Names holding the token (removed ones included until the next remap). */
  count(token: number): number {
    this.settle();
    return this.flatEnd(token) - this.flatStart(token) + (this.overflow[token]?.length ?? 0);
  }

  /** Hand each name holding the token to `visit`, in the order they were added. */
  each(token: number, visit: (name: number) => void): void {
    this.settle();
    const flat = this.flat;
    for (let at = this.flatStart(token), end = this.flatEnd(token); at < end; at++) visit(flat[at]!);
    const extra = this.overflow[token];
    if (extra) for (const name of extra) visit(name);
  }

  /** Apply a renumbering of names (new id per old id, -1 for removed). */
  remap(names: Int32Array, size: number): void {
    this.rebuild(names);
    this.accumulator = new Float64Array(Math.max(1024, size * 2));
  }

  /** Merge everything into the flat lists (before the postings are kept: persist.ts). */
  pack(): void {
    if (this.pendingCount > 0 || this.overflowCount > 0) this.rebuild(null);
  }

  /** Hand every name that can still reach `threshold` for these query tokens to `visit`. */
  candidates(tokens: readonly QueryToken[], threshold: number, visit: (name: number) => void): void {
    this.settle();
    const gains = tokens.map((t) => t.expansions.reduce((most, e) => Math.max(most, e.weight * e.sim), 0));
    const floor = tokens.reduce(
      (sum, t) => sum + t.expansions.reduce((least, e) => Math.min(least, e.weight), t.missingWeight),
      0,
    );
    if (floor <= 0) return;
    const order = tokens.map((_, i) => i).sort((a, b) => gains[b]! - gains[a]!);
    let rest = gains.reduce((sum, gain) => sum + gain, 0);
    const acc = this.accumulator;
    const flat = this.flat;
    // Scratch reused across searches: at a million names a search touches thousands of names,
    // and a fresh array per search was a good part of what the garbage collector had to sweep.
    let touched = this.touched;
    let touchedCount = 0;
    const touch = (name: number): void => {
      if (touchedCount === touched.length) {
        const next = new Int32Array(touched.length * 2);
        next.set(touched);
        this.touched = touched = next;
      }
      touched[touchedCount++] = name;
    };
    for (const i of order) {
      if (rest / floor < threshold) break;
      rest -= gains[i]!;
      for (const expansion of tokens[i]!.expansions) {
        const gain = expansion.weight * expansion.sim;
        for (let at = this.flatStart(expansion.id), end = this.flatEnd(expansion.id); at < end; at++) {
          const name = flat[at]!;
          if (acc[name] === 0) touch(name);
          acc[name]! += gain;
        }
        const extra = this.overflow[expansion.id];
        if (!extra) continue;
        for (const name of extra) {
          if (acc[name] === 0) touch(name);
          acc[name]! += gain;
        }
      }
    }
    for (let t = 0; t < touchedCount; t++) {
      const name = touched[t]!;
      const bound = (acc[name]! + rest) / floor;
      acc[name] = 0;
      if (bound >= threshold) visit(name);
    }
  }

  private flatStart(token: number): number {
    return token + 1 < this.offsets.length ? this.offsets[token]! : 0;
  }

  private flatEnd(token: number): number {
    return token + 1 < this.offsets.length ? this.offsets[token + 1]! : 0;
  }

  /** Make the pending pairs readable: into the overflow lists when few, else by a rebuild. */
  private settle(): void {
    if (this.pendingCount === 0) return;
    const pairs = this.pendingCount / 2;
    if (this.overflowCount + pairs > Math.max(OVERFLOW_FLOOR, this.flat.length * OVERFLOW_SHARE)) {
      this.rebuild(null);
      return;
    }
    const pending = this.pending;
    for (let at = 0; at < this.pendingCount; at += 2) {
      const token = pending[at]!;
      const list = this.overflow[token];
      if (list) list.push(pending[at + 1]!);
      else this.overflow[token] = [pending[at + 1]!];
    }
    this.overflowCount += pairs;
    this.pendingCount = 0;
  }

  /**
   * One flat layout of flat + overflow + pending lists, in that order (the order names were
   * added), renumbered through `names` when given (-1: dropped). Two passes: count, then fill.
   */
  private rebuild(names: Int32Array | null): void {
    const keep = (name: number): number => (names ? names[name]! : name);
    const pending = this.pending;
    let tokens = this.offsets.length - 1;
    tokens = Math.max(tokens, this.overflow.length);
    for (let at = 0; at < this.pendingCount; at += 2) if (pending[at]! >= tokens) tokens = pending[at]! + 1;
    const offsets = new Int32Array(tokens + 1);
    // Pass 1: count each token's kept names (into offsets[t + 1]).
    for (let t = 0; t < tokens; t++) {
      let n = 0;
      for (let at = this.flatStart(t), end = this.flatEnd(t); at < end; at++) if (keep(this.flat[at]!) !== -1) n++;
      const extra = this.overflow[t];
      if (extra) for (const name of extra) if (keep(name) !== -1) n++;
      offsets[t + 1] = n;
    }
    for (let at = 0; at < this.pendingCount; at += 2) if (keep(pending[at + 1]!) !== -1) offsets[pending[at]! + 1]!++;
    for (let t = 0; t < tokens; t++) offsets[t + 1]! += offsets[t]!;
    // Pass 2: fill, each list in its old order, pending pairs last.
    const flat = new Int32Array(offsets[tokens]!);
    const fill = offsets.slice(0, tokens);
    for (let t = 0; t < tokens; t++) {
      for (let at = this.flatStart(t), end = this.flatEnd(t); at < end; at++) {
        const name = keep(this.flat[at]!);
        if (name !== -1) flat[fill[t]!++] = name;
      }
      const extra = this.overflow[t];
      if (extra) {
        for (const old of extra) {
          const name = keep(old);
          if (name !== -1) flat[fill[t]!++] = name;
        }
      }
    }
    for (let at = 0; at < this.pendingCount; at += 2) {
      const name = keep(pending[at + 1]!);
      if (name !== -1) flat[fill[pending[at]!]!++] = name;
    }
    this.offsets = offsets;
    this.flat = flat;
    this.overflow = [];
    this.overflowCount = 0;
    this.pendingCount = 0;
    if (this.pending.length > 4096) this.pending = new Int32Array(4096);
  }
}
