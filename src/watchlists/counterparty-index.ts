/**
 * Counterparties indexed by the spellings of their names, to find which of them a changed
 * designation concerns without searching them all. Pure.
 *
 *   const index = new CounterpartyIndex(members);            // once per set of watchlists
 *   index.replaceWatchlist('suppliers', members);            // an import or replace of one list
 *   index.candidates(changed, designations);                 // the few to search
 *
 * What makes a counterparty a candidate for a change: a hit means the counterparty's name,
 * searched in the designation index, returns a changed designation at or above the threshold.
 * That needs the designation (or a designation grouped with it into one entity) to hold one of
 * the counterparty's key words — the words without which its name cannot reach the threshold
 * (src/core/match/keys.ts) — exactly or within two edits. So a change in "Hangzhou Hikvision
 * Digital Technology" reaches "Hikvision Europe" through "hikvision", but not the thousands of
 * counterparties named "… Technology …": for them "technology" is not a key word. Key words
 * depend on the designation index's weights, so they are worked out per screening, and only for
 * the counterparties a changed designation's spellings reach.
 *
 * Spellings filed per counterparty: its tokens and the words they were folded from, found exactly
 * or within two edits (a trigram index). The query's other readings (query.ts) are found from
 * the changed designation's side: its word cut into a filed token and the rest ("hikvision" →
 * "hik" + "vision", for "Hik Vision"), and its word as the head or tail of a long filed word
 * ("da" or "jiang" of "dajiang"). Not covered: such a reading found only through a typo.
 */
import { TrigramIndex } from '../core/match/fuzzy.js';
import { KeyCache, type MatchTerms, type NeighbourSeed } from '../core/match/engine.js';
import type { Designation } from '../core/model.js';
import { MemberPool, segmentsOf, type MemberPoolParts } from './member-pool.js';
import { NoKeysTest, type SpellingFactsSource } from './no-keys.js';
import type { ScreenedCounterparty } from './screen.js';

/** What candidate search needs of the designation index (MatchIndex has it). */
export interface KeyedDesignations extends SpellingFactsSource {
  /** Spellings a name must hold for this query to reach the match threshold (keys.ts). */
  keySpellings(segments: readonly MatchTerms[], cache: KeyCache): string[];
  /** Start a screening with `cache`: the spellings the index filed since its last one, or null. */
  beginKeys(cache: KeyCache): string[] | null;
  /** The designations returned together with this one as one entity, itself included. */
  entityOf(key: string, source?: string): Designation[];
}

/** What `candidates` looks spellings up in besides the pool (CounterpartyIndex.lookups). */
export interface CandidateLookups {
  /** Filed spellings with a typo allowance, by number. */
  trigrams: TrigramIndex;
  /** Ids of the long spellings in sorted order, and in the order of their reversals. */
  heads: Int32Array;
  tails: Int32Array;
}

/** Words this long may be cut into two by a split reading (query.ts). */
const SPLIT_MIN_LENGTH = 6;

/** Every spelling a designation's names give: tokens and the words they were folded from. */
function designationSpellings(d: Designation, into: Set<string>): void {
  for (const raw of [d.name, ...d.aliases]) {
    for (const terms of segmentsOf(raw)) {
      for (const token of terms.tokens) into.add(token);
      for (const word of terms.words) into.add(word);
    }
  }
}

export class CounterpartyIndex {
  /** The members, their spellings (numbered) and postings. */
  private pool = new MemberPool([]);
  /** Filed spellings with a typo allowance, by number: built on first use (a full screen needs none). */
  private trigrams: TrigramIndex | null = null;
  /** Long words, sorted, and the same reversed: the words a split reading's head or tail comes from. */
  private heads: string[] | null = null;
  private tails: string[] | null = null;
  /** Typo neighbours of counterparty spellings in the designation index, kept between screenings. */
  private keyCache = this.newKeyCache();

  /**
   * `parts`: what `parts()` gave for these very members' names, in this order (a kept copy), taken
   * instead of reading the names; `lookups`: what `lookups()` gave with them, taken instead of
   * building the typo index and the sorted long words.
   */
  constructor(members: readonly ScreenedCounterparty[] = [], parts?: MemberPoolParts, lookups?: CandidateLookups) {
    this.build(members, parts);
    if (parts && lookups) {
      this.trigrams = lookups.trigrams;
      this.heads = Array.from(lookups.heads, (id) => this.pool.spellings[id]!);
      this.tails = Array.from(lookups.tails, (id) => reverse(this.pool.spellings[id]!));
    }
  }

  /** The member pool as plain data, to keep (src/worker/counterparty-copy.ts). */
  parts(): MemberPoolParts {
    return this.pool.parts();
  }

  /** The lookups candidates need (built now if not yet), to keep with the pool: the typo index packed, long words as spelling ids in sorted order. */
  lookups(): CandidateLookups {
    const trigrams = this.typos();
    trigrams.pack();
    const ids = (words: readonly string[], spelling: (word: string) => string): Int32Array => Int32Array.from(words, (word) => this.pool.idOf(spelling(word))!);
    return { trigrams, heads: ids(this.sortedHeads(), (word) => word), tails: ids(this.sortedTails(), reverse) };
  }

  get size(): number {
    return this.pool.size;
  }

  /** Every counterparty, in import order. */
  all(): ScreenedCounterparty[] {
    return [...this.pool.counterparties];
  }

  /** Swap the members of one watchlist (an import, a replace, or [] for a removal), keeping the rest. */
  replaceWatchlist(name: string, members: readonly ScreenedCounterparty[]): void {
    const kept = this.pool.counterparties.filter((c) => c.watchlist !== name);
    this.build([...kept, ...members]);
  }

  /**
   * Counterparties whose search could return one of `changed` at or above the threshold, in
   * import order; `designations` is the index the hits are scored in, holding `changed`.
   */
  candidates(changed: ReadonlyArray<{ designation: Designation; source: string }>, designations: KeyedDesignations): ScreenedCounterparty[] {
    const wanted = new Set<string>();
    for (const { designation, source } of changed) {
      const entity = designations.entityOf(designation.key, source);
      for (const d of entity.length > 0 ? entity : [designation]) designationSpellings(d, wanted);
    }
    const reached = new Set<number>();
    const reach = (spelling: string): void => {
      const id = this.pool.idOf(spelling);
      if (id !== undefined) reached.add(id);
    };
    // Typo neighbours among the counterparty spellings, asked once per spelling: the index's
    // fresh spellings (begin) are mostly the changed designations' own.
    const near = new Map<string, Array<[number, number]>>();
    const test = this.begin(designations, near);
    for (const spelling of wanted) {
      reach(spelling);
      for (const [id] of this.near(spelling, near)) reached.add(id);
    }
    const { pool } = this;
    const picked = new Uint8Array(pool.size);
    // A counterparty is reached through each word it shares (a generic one reaches thousands):
    // its key words are worked out once per screening, unless it surely has none (no-keys.ts).
    // Per position: 0 not looked at yet, 1 surely no key words, 2 key words in `keys`.
    const verdict = new Uint8Array(pool.size);
    const keys = new Map<number, ReadonlySet<string>>();
    const isKey = (position: number, spelling: string): boolean => {
      if (verdict[position] === 0) {
        if (test.noKeys(pool.encoded, pool.from[position]!, pool.to[position]!)) verdict[position] = 1;
        else {
          verdict[position] = 2;
          keys.set(position, new Set(designations.keySpellings(pool.segments(position), this.keyCache)));
        }
      }
      return verdict[position] === 2 && keys.get(position)!.has(spelling);
    };
    const offer = (spelling: string, positions: ArrayLike<number>): void => {
      for (let i = 0; i < positions.length; i++) {
        const position = positions[i]!;
        if (picked[position] === 0 && isKey(position, spelling)) picked[position] = 1;
      }
    };
    for (const id of reached) offer(pool.spellings[id]!, pool.postings(id));
    for (const spelling of wanted) {
      if (spelling.length < 2) continue;
      // Split readings: the changed designation's word as the head or tail of a counterparty's long word.
      for (const word of this.withHead(spelling)) offer(spelling, pool.postings(pool.idOf(word)!));
      for (const word of this.withTail(spelling)) offer(spelling, pool.postings(pool.idOf(word)!));
      // Glued readings: the changed designation's word as two adjacent counterparty tokens, or all of them.
      offer(spelling, this.glued(spelling));
    }
    const out: ScreenedCounterparty[] = [];
    picked.forEach((flag, position) => {
      if (flag === 1) out.push(pool.counterparties[position]!);
    });
    return out;
  }

  /**
   * Every counterparty but those whose names surely have no key words against `designations`
   * (no-keys.ts): their search returns nothing at or above the threshold, so searching the rest
   * finds every hit a search of everyone finds. In import order.
   */
  searchable(designations: KeyedDesignations): ScreenedCounterparty[] {
    const { pool } = this;
    const test = this.begin(designations);
    return pool.counterparties.filter((_, position) => !test.noKeys(pool.encoded, pool.from[position]!, pool.to[position]!));
  }

  /**
   * Work out ahead of a change what screening reads of every counterparty spelling (its typo
   * neighbours among the designations' words, kept until the index files a spelling near it) and
   * build the lookups candidates need (typo index, heads and tails of long words), so a running
   * worker's first change does not pay for them.
   */
  warmKeys(designations: KeyedDesignations): void {
    this.typos();
    this.sortedHeads();
    this.sortedTails();
    this.begin(designations).readAll();
  }

  /**
   * The typo neighbour lists of counterparty spellings worked out so far, as of the last
   * screening: kept with the designation index's copy, they start the next process's screening
   * (src/worker/lookup-copy.ts); null before any screening.
   */
  neighbourSeed(): NeighbourSeed | null {
    return this.keyCache.seed();
  }

  /**
   * Start a screening against `designations`: stale neighbour lists dropped, a fresh no-keys
   * test. `near`: the screening's answers of `near`, filled here.
   */
  private begin(designations: KeyedDesignations, near = new Map<string, Array<[number, number]>>()): NoKeysTest {
    // Neighbour lists of spellings near what the index filed since the last screening are stale.
    for (const spelling of designations.beginKeys(this.keyCache) ?? []) {
      this.keyCache.forget(spelling);
      for (const [id] of this.near(spelling, near)) this.keyCache.forget(this.pool.spellings[id]!);
    }
    return new NoKeysTest(this.pool.spellings, designations, this.keyCache);
  }

  /** Filed counterparty spellings within two edits of `spelling`, as [id, edits]; answers kept in `known`. */
  private near(spelling: string, known: Map<string, Array<[number, number]>>): Array<[number, number]> {
    let out = known.get(spelling);
    if (!out) known.set(spelling, (out = this.typos().near(spelling, () => true, 2)));
    return out;
  }

  private build(members: readonly ScreenedCounterparty[], parts?: MemberPoolParts): void {
    this.pool = new MemberPool(members, parts);
    this.trigrams = null;
    this.heads = null;
    this.tails = null;
    this.keyCache = this.newKeyCache();
  }

  private typos(): TrigramIndex {
    if (this.trigrams) return this.trigrams;
    const trigrams = new TrigramIndex();
    // Shorter spellings have no typo allowance (fuzzy.ts): they are found exactly or not at all.
    this.pool.spellings.forEach((spelling, id) => {
      if (spelling.length >= 5) trigrams.add(id, spelling);
    });
    return (this.trigrams = trigrams);
  }

  /** Neighbour lists are kept for filed spellings with a typo allowance: those `candidates` can tell are stale. */
  private newKeyCache(): KeyCache {
    return new KeyCache((spelling) => spelling.length >= 5 && this.pool.has(spelling));
  }

  /**
   * Counterparties that hold `spelling` as two adjacent tokens glued, or as all their tokens
   * glued (query.ts reads "Hik Vision" as "hikvision" too): found by cutting it where its head
   * is a filed token.
   */
  private glued(spelling: string): number[] {
    const out: number[] = [];
    for (let cut = 1; cut < spelling.length; cut++) {
      const head = this.pool.idOf(spelling.slice(0, cut));
      if (head === undefined) continue;
      const tail = this.pool.idOf(spelling.slice(cut));
      const positions = this.pool.postings(head);
      for (let i = 0; i < positions.length; i++) if (this.pool.glues(positions[i]!, head, tail, spelling)) out.push(positions[i]!);
    }
    return out;
  }

  /** Long filed spellings that start with `head` (and are longer than it by two letters or more). */
  private withHead(head: string): string[] {
    return prefixed(this.sortedHeads(), head).filter((word) => word.length >= head.length + 2);
  }

  private sortedHeads(): string[] {
    return (this.heads ??= this.pool.spellings.filter((s) => s.length >= SPLIT_MIN_LENGTH).sort());
  }

  private sortedTails(): string[] {
    return (this.tails ??= this.pool.spellings
      .filter((s) => s.length >= SPLIT_MIN_LENGTH)
      .map(reverse)
      .sort());
  }

  /** Long filed spellings that end with `tail`. */
  private withTail(tail: string): string[] {
    return prefixed(this.sortedTails(), reverse(tail))
      .map(reverse)
      .filter((word) => word.length >= tail.length + 2);
  }
}

function reverse(text: string): string {
  return [...text].reverse().join('');
}

/** The entries of a sorted array that start with `prefix`. */
function prefixed(sorted: readonly string[], prefix: string): string[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  const out: string[] = [];
  for (let i = lo; i < sorted.length && sorted[i]!.startsWith(prefix); i++) out.push(sorted[i]!);
  return out;
}
