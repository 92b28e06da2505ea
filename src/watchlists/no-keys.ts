/**
 * A quick, exact test that a counterparty's name has no key words against the designation index
 * (src/core/match/keys.ts), so change screening can pass it by without working them out. Pure.
 *
 *   const test = new NoKeysTest(spellings, designations, cache);   // once per screening
 *   test.noKeys(pool, from, to);                                     // per counterparty reached
 *
 * A change's generic words ("technology", "import") reach tens of thousands of counterparties,
 * and nearly all of them (98% of those reached in the generated benchmark) are names that cannot
 * reach the threshold against any designation: they hold a word on no list, with nothing on a
 * list within two edits of it, that weighs more than the rest of the name could make up for
 * ("Kelvertar Import and Export GmbH"). keys.ts's `hopeless` finds that per name; this is the
 * same test on facts read once per spelling per screening (`spellingFacts`), so a name costs a
 * few array reads. It answers true only when `hopeless` holds for every alias segment of the
 * name and none has a glued or split reading — then keySpellings returns nothing — and false
 * otherwise, leaving the name to keySpellings (test/watchlists/no-keys.test.ts checks both on
 * generated names).
 *
 * Members are encoded in a pool of spelling ids (CounterpartyIndex): per alias segment its token
 * count k (at most MAX_QUERY_WORDS, as keys.ts reads a query), k token ids, then k word ids.
 */
import type { KeyCache, MatchTerms, SpellingFacts } from '../core/match/engine.js';
import { MATCH_THRESHOLD } from '../core/match/index.js';
import { MAX_QUERY_WORDS } from '../core/match/query.js';

/** Append a member's alias segments to `pool` in the encoding above; `idOf` numbers spellings. */
export function encodeMember(segments: readonly MatchTerms[], idOf: (spelling: string) => number, pool: number[]): void {
  for (const { tokens, words } of segments) encodeSegment(tokens.map(idOf), words.map(idOf), pool);
}

/** Append one alias segment, its tokens and words numbered already, in the encoding above. */
export function encodeSegment(tokens: readonly number[], words: readonly number[], pool: number[]): void {
  const k = Math.min(tokens.length, MAX_QUERY_WORDS);
  pool.push(k);
  for (let i = 0; i < k; i++) pool.push(tokens[i]!);
  for (let i = 0; i < k; i++) pool.push(words[i]!);
}

/** What the test needs of the designation index (MatchIndex has it). */
export interface SpellingFactsSource {
  /** keys.ts `spellingFacts`: what `hopeless` reads of one spelling, through `cache`. */
  spellingFacts(spelling: string, cache: KeyCache): SpellingFacts;
  /** Whether the index uses this token now (a glued reading needs one). */
  uses(token: string): boolean;
}

export class NoKeysTest {
  private readonly facts: Array<SpellingFacts | undefined>;
  /** Whether the index uses two spellings glued, by pair of ids (first × spellings + second): names share pairs ("import export"). */
  private readonly gluedPairs = new Map<number, boolean>();

  /** `cache` has begun this screening (KeyedDesignations.beginKeys). */
  constructor(
    private readonly spellings: readonly string[],
    private readonly index: SpellingFactsSource,
    private readonly cache: KeyCache,
  ) {
    this.facts = new Array<SpellingFacts | undefined>(spellings.length);
  }

  /** The facts of every spelling: fills the cache's neighbour lists, for a warm-up. */
  readAll(): void {
    for (let id = 0; id < this.spellings.length; id++) this.fact(id);
  }

  /** True only when the member encoded at pool[from, to) surely has no key words. */
  noKeys(pool: Int32Array, from: number, to: number): boolean {
    let at = from;
    while (at < to) {
      const k = pool[at]!;
      const tokens = at + 1;
      const words = tokens + k;
      if (!this.hopeless(pool, tokens, words, k) && !this.literalKeyless(pool, tokens, words, k)) return false;
      if (this.hasReading(pool, tokens, k)) return false;
      at = words + k;
    }
    return true;
  }

  private fact(id: number): SpellingFacts {
    let known = this.facts[id];
    if (!known) this.facts[id] = known = this.index.spellingFacts(this.spellings[id]!, this.cache);
    return known;
  }

  /** keys.ts `hopeless` for one segment, on its facts, summing in the same order. */
  private hopeless(pool: Int32Array, tokens: number, words: number, k: number): boolean {
    for (let i = 0; i < k; i++) {
      const u = this.fact(pool[tokens + i]!);
      if (u.live || u.special || u.liveNeighbour) continue;
      const word = pool[words + i]!;
      if (word !== pool[tokens + i] && this.fact(word).liveNeighbour) continue;
      const cost = u.weight;
      let rest = 0;
      for (let j = 0; j < k; j++) {
        if (j === i) continue;
        const t = this.fact(pool[tokens + j]!);
        rest += t.live ? t.weight : cost;
      }
      if (rest >= MATCH_THRESHOLD * cost) continue;
      return true;
    }
    return false;
  }

  /**
   * keys.ts `keysOf` of the segment as written comes out empty — what it can add cannot reach
   * the threshold of what it weighs at least — decided only when no word of it has a spelling in
   * use within two edits (so each bound is `alone`); false otherwise.
   */
  private literalKeyless(pool: Int32Array, tokens: number, words: number, k: number): boolean {
    let gain = 0;
    let floor = 0;
    for (let i = 0; i < k; i++) {
      const token = pool[tokens + i]!;
      const word = pool[words + i]!;
      const t = this.fact(token);
      if (t.liveNeighbour || (word !== token && this.fact(word).liveNeighbour)) return false;
      gain += t.alone.gain;
      floor += t.alone.floor;
    }
    return floor <= 0 || gain / floor < MATCH_THRESHOLD;
  }

  private gluedInUse(first: number, second: number): boolean {
    const pair = first * this.spellings.length + second;
    let used = this.gluedPairs.get(pair);
    if (used === undefined) this.gluedPairs.set(pair, (used = this.index.uses(this.spellings[first]! + this.spellings[second]!)));
    return used;
  }

  /** query.ts `joined` or `split` has a reading of this segment. */
  private hasReading(pool: Int32Array, tokens: number, k: number): boolean {
    for (let i = 0; i < k; i++) if (this.fact(pool[tokens + i]!).splits) return true;
    for (let i = 0; i + 1 < k; i++) if (this.gluedInUse(pool[tokens + i]!, pool[tokens + i + 1]!)) return true;
    if (k <= 2) return false;
    let all = '';
    for (let i = 0; i < k; i++) all += this.spellings[pool[tokens + i]!]!;
    return this.index.uses(all);
  }
}
