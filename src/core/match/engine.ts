/**
 * The in-memory name index behind `/entity`, `entitywatch lookup` and watchlist screening. Pure:
 * no I/O; callers feed it designations and ask it names.
 *
 *   const index = new MatchIndex(designations);
 *   index.search('Hikvision');   // [{ name: 'Hangzhou Hikvision Digital Technology Co., Ltd.', score: 1, … }]
 *   index.upsert(changed, 'csl'); index.remove('EL:old name', 'csl');
 *
 * Every name and alias of a designation (and the parts of an "a.k.a." name, and the name without
 * its parenthesised part) is indexed as its own token set (names.ts) with postings from token to
 * names (postings.ts). A search reads the query (query.ts), takes the candidates that can still
 * reach the threshold, scores them (score.ts), ranks the hits (rank.ts) and groups them into
 * entities (groups.ts).
 */
import type { Designation } from '../model.js';
import { CoverageBound } from './bound.js';
import { KeyCache, keptNeighbours, keySpellings, neighbourSeed, spellingFacts, type KeptNeighbours, type NeighbourSeed, type SpellingFacts } from './keys.js';
export { KeyCache, type KeptNeighbours, type NeighbourSeed, type SpellingFacts } from './keys.js';
import { EntryStore } from './entries.js';
import { groupMembers, kindOf, type EntityKind, type GroupingView } from './groups.js';
import { NAME_GROUPING, NAME_PRIMARY, NameStore } from './names.js';
import { matchTermsInto, splitAliasText, surnameTokens, TermScratch, withoutParentheses, type MatchTerms } from './normalise.js';
export type { MatchTerms } from './normalise.js';
import { exportIndex, importIndex, type IndexParts, type IndexState, type JsonChunks } from './persist.js';
export type { IndexState, JsonChunks } from './persist.js';
import { Postings } from './postings.js';
import { planQuery, type QueryVariant } from './query.js';
import { rankHits, type Hit } from './rank.js';
import { MATCH_THRESHOLD, scoreName } from './score.js';
import { Vocabulary } from './vocab.js';

export interface MatchResult {
  /** Display name of the matched entity (primary name of its first designation). */
  name: string;
  /** The name or alias that matched best. */
  matchedName: string;
  /** 0..1; a result is only returned when score >= MATCH_THRESHOLD (or the threshold asked for). */
  score: number;
  /** Every designation of this entity (several lists, e.g. EL and CMIC, come back as ONE match). */
  designations: Designation[];
}

export interface SearchOptions {
  /** Most results (entities) to return; default 10. */
  limit?: number;
  /** Lowest score returned; default MATCH_THRESHOLD. */
  threshold?: number;
}

export class MatchIndex {
  private vocab = new Vocabulary();
  private names = new NameStore();
  private entries = new EntryStore();
  private byKey = new Map<string, number>();
  private postings = new Postings();
  private liveNames = 0;
  private deadNames = 0;
  private found = new Float64Array(64);
  /** Scratch of addVariant: a name's token ids. */
  private nameIds = new Int32Array(64);
  /** Scratch of upsert: the terms of the name being added (normalise.ts matchTermsInto). */
  private readonly terms = new TermScratch();
  /** Scratch of upsert and removeEntry: one designation's distinct token ids (what it adds to document frequencies). */
  private entryTokens = new Int32Array(64);
  private readonly bound = new CoverageBound();
  /** Typo neighbour lists kept with the copy this index was restored from (adoptNeighbours), decoded at the first screening. */
  private seed: KeptNeighbours | NeighbourSeed | null = null;
  /** sameNames answers for the search under way (cleared by each search). */
  private readonly sameNamesMemo = new Map<string, readonly number[]>();
  private readonly grouping: GroupingView = {
    kind: (entry) => this.entries.kind(entry),
    primaryName: (entry) => this.entries.primaryOf(entry),
    aliasNames: (entry) => this.entries.aliasesOf(entry),
    sameNames: (name) => this.sameNames(name),
    isPrimary: (name) => (this.names.flags[name]! & NAME_PRIMARY) !== 0,
    entryOf: (name) => this.names.entry[name]!,
  };

  constructor(designations?: Iterable<Designation>) {
    if (designations) for (const d of designations) this.upsert(d);
  }

  /**
   * The index as plain data to keep (persist.ts); `MatchIndex.fromState` gives back an index
   * answering the same. With `json`, the designations' JSON bytes go there instead of into the state.
   */
  toState(json?: JsonChunks): IndexState {
    return exportIndex(this as unknown as IndexParts, json);
  }

  /** The index a `toState()` was taken from, or null when the state is of another format. */
  static fromState(state: IndexState): MatchIndex | null {
    const index = new MatchIndex();
    return importIndex(index as unknown as IndexParts, state) ? index : null;
  }

  /**
   * Merge what was added since the last search into the read structures now rather than at the
   * next search (a bulk build leaves its postings and typo index pending: postings.ts, fuzzy.ts).
   * Answers do not change.
   */
  settle(): void {
    this.postings.pack();
    this.vocab.pack();
  }

  /** Designations indexed. */
  get size(): number {
    return this.byKey.size;
  }

  /** Add a designation, or replace the one with the same source and key. */
  upsert(designation: Designation, source = ''): void {
    const key = `${source}\u0000${designation.key}`;
    const old = this.byKey.get(key);
    if (old !== undefined) this.removeEntry(old);
    const kind = kindOf(designation.type);
    const id = this.entries.add(designation, kind, this.names.size);
    const raws = [designation.name, ...designation.aliases];
    for (let r = 0; r < raws.length; r++) {
      const segments = splitAliasText(raws[r]!);
      for (let s = 0; s < segments.length; s++) {
        const segment = segments[s]!;
        const flags = (r === 0 ? NAME_PRIMARY : 0) | (s === 0 ? NAME_GROUPING : 0);
        const name = this.addVariant(id, kind, segment, matchTermsInto(segment, this.terms), flags);
        if (s === 0 && name !== -1) {
          if (r === 0) this.entries.setPrimary(id, name);
          else this.entries.addAlias(id, name);
        }
        const bare = withoutParentheses(segment);
        if (bare !== null) this.addVariant(id, kind, segment, matchTermsInto(bare, this.terms), flags & NAME_PRIMARY);
      }
    }
    this.entries.close(id, this.names.size);
    this.vocab.count(this.entryTokens, this.distinctTokens(id), 1);
    this.byKey.set(key, id);
  }

  /** Remove the designation with this key (and source); a no-op when it is not indexed. */
  remove(key: string, source = ''): void {
    const id = this.byKey.get(`${source}\u0000${key}`);
    if (id === undefined) return;
    this.removeEntry(id);
    this.byKey.delete(`${source}\u0000${key}`);
  }

  /** The indexed designation with this key (and source), or undefined. */
  get(key: string, source = ''): Designation | undefined {
    const id = this.byKey.get(`${source}\u0000${key}`);
    return id === undefined ? undefined : this.entries.designation(id);
  }

  /** The designations a search returns together with this one (one entity on several lists), itself included, in index order. */
  entityOf(key: string, source = ''): Designation[] {
    const id = this.byKey.get(`${source}\u0000${key}`);
    if (id === undefined || !this.entries.live(id)) return [];
    this.sameNamesMemo.clear();
    return groupMembers(id, this.grouping).map((member) => this.entries.designation(member)!);
  }

  /** Spellings a name must hold for this query to reach the threshold against it (keys.ts), after `beginKeys(cache)`. */
  keySpellings(segments: readonly MatchTerms[], cache?: KeyCache, threshold = MATCH_THRESHOLD): string[] {
    return keySpellings(segments, this.vocab, threshold, cache);
  }

  /** What keys.ts's hopeless test reads of one spelling, after `beginKeys(cache)`. */
  spellingFacts(spelling: string, cache: KeyCache): SpellingFacts {
    return spellingFacts(this.vocab, spelling, cache);
  }

  /** Whether the index uses this token now (a glued reading needs one, query.ts `joined`). */
  uses(token: string): boolean {
    const id = this.vocab.id(token);
    return id !== undefined && this.vocab.frequency(id) > 0;
  }

  /** Start a screening with `cache` (keys.ts): the spellings filed since its last one (or since the adopted seed's), or null. */
  beginKeys(cache: KeyCache): string[] | null {
    if (this.seed !== null && !('owner' in this.seed)) this.seed = neighbourSeed(this, this.seed);
    return cache.begin(this, this.vocab, this.seed);
  }

  /**
   * `seed` (a KeyCache's, keys.ts) as plain data to keep with this index's copy, when its lists
   * hold for this index as it is now: taken from a screening against it, with nothing filed since.
   */
  keptNeighbours(seed: NeighbourSeed | null): KeptNeighbours | null {
    return seed !== null && seed.owner === this && seed.mark === this.vocab.spellingCount ? keptNeighbours(seed) : null;
  }

  /** Start the next screening's KeyCache from lists kept with this index's copy (`keptNeighbours` of the index it was restored from). */
  adoptNeighbours(kept: KeptNeighbours): void {
    if (kept.mark === this.vocab.spellingCount) this.seed = kept;
  }

  search(query: string, options: SearchOptions = {}): MatchResult[] {
    const threshold = options.threshold ?? MATCH_THRESHOLD;
    const limit = options.limit ?? 10;
    if (limit <= 0 || this.size === 0) return [];
    const plan = planQuery(query, this.vocab);
    const hits = new Map<number, Hit>();
    this.sameNamesMemo.clear();
    for (const variant of plan.variants) this.collect(variant, threshold, hits);
    return this.results(hits, limit, plan.literals);
  }

  /**
   * Index one name of a designation unless it repeats one already indexed for it; returns its
   * name id, or -1. A name that repeats an earlier one still becomes the grouping name when it is
   * the first part of a published name (its earlier twin then carries the flag).
   */
  private addVariant(entry: number, kind: EntityKind, text: string, n: number, flags: number): number {
    if (n === 0) return -1;
    const terms = this.terms;
    if (n > this.nameIds.length) this.nameIds = new Int32Array(2 * n);
    const ids = this.nameIds;
    // Each token looked up once, without interning: a token the vocabulary lacks is in none of
    // the designation's names (no twin), and the ids found are the ones interning gives (a
    // name's tokens are distinct, so interning one does not change another's).
    let known = true;
    for (let i = 0; i < n; i++) {
      const id = this.vocab.id(terms.tokens[i]!);
      if (id === undefined) known = false;
      ids[i] = id ?? -1;
    }
    const twin = known ? this.twinOf(entry, ids, n) : -1;
    if (twin !== -1) {
      this.names.flags[twin]! |= flags;
      return twin;
    }
    for (let i = 0; i < n; i++) ids[i] = this.vocab.intern(terms.tokens[i]!, terms.words[i], ids[i] === -1 ? undefined : ids[i]);
    let surname: number[] | null = null;
    if (kind === 'person') {
      // "SURNAME, Given": the part before the comma; otherwise either end may be the family name.
      const family = surnameTokens(text);
      const first = ids[0]!;
      const last = ids[n - 1]!;
      surname = family ? family.map((token) => this.vocab.intern(token)) : first === last ? [first] : [first, last];
    }
    const id = this.names.add(entry, text, ids, n, surname, flags);
    this.postings.add(id, ids, n);
    this.liveNames++;
    return id;
  }

  /**
   * The first of the designation's names with exactly these token ids (ids[0 .. n]) in this
   * order, or -1: the same test as comparing the tokens joined by spaces (tokens hold no spaces),
   * without a string per name or a Set per designation.
   */
  private twinOf(entry: number, ids: Int32Array, n: number): number {
    // The entry's names so far: from its first name id to the last one added (entries.ts).
    const first = this.entries.firstNameOf(entry);
    const end = this.names.size;
    const { start, count, pool } = this.names;
    for (let name = first; name < end; name++) {
      if (count[name] !== n) continue;
      const at = start[name]!;
      let i = 0;
      while (i < n && pool[at + i] === ids[i]) i++;
      if (i === n) return name;
    }
    return -1;
  }

  /**
   * Entry `id`'s distinct token ids over all its names, in order of first appearance, into
   * `entryTokens`; returns how many. The same set whenever it is asked (at the upsert, and at
   * the removal), so a removal takes back exactly what the upsert counted.
   */
  private distinctTokens(id: number): number {
    const first = this.entries.firstNameOf(id);
    const end = first + this.entries.nameCountOf(id);
    const { start, count, pool } = this.names;
    let n = 0;
    for (let name = first; name < end; name++) {
      for (let at = start[name]!, stop = at + count[name]!; at < stop; at++) {
        const token = pool[at]!;
        let i = 0;
        while (i < n && this.entryTokens[i] !== token) i++;
        if (i < n) continue;
        if (n === this.entryTokens.length) {
          const next = new Int32Array(2 * n);
          next.set(this.entryTokens);
          this.entryTokens = next;
        }
        this.entryTokens[n++] = token;
      }
    }
    return n;
  }

  private removeEntry(id: number): void {
    if (!this.entries.live(id)) return;
    const first = this.entries.firstNameOf(id);
    const count = this.entries.nameCountOf(id);
    this.vocab.count(this.entryTokens, this.distinctTokens(id), -1);
    for (let name = first; name < first + count; name++) this.names.remove(name);
    this.liveNames -= count;
    this.deadNames += count;
    this.entries.remove(id);
    if (this.deadNames > this.liveNames) this.compact();
  }

  /**
   * Once removed names outnumber live ones, renumber names and designations without the removed
   * ones and drop them from the postings, so an index that lives through many snapshot changes
   * stays the size of what it holds.
   */
  private compact(): void {
    const names = this.names.compact();
    const entries = this.entries.compact(names);
    for (let name = 0; name < this.names.size; name++) this.names.entry[name] = entries[this.names.entry[name]!]!;
    for (const [key, id] of this.byKey) this.byKey.set(key, entries[id]!);
    this.postings.remap(names, this.names.size);
    this.deadNames = 0;
  }

  /**
   * Live grouping names with the same tokens as `name`, found through the postings of its rarest
   * token. Memoised per search by token set: a group of twenty designations often repeats the same
   * aliases twenty times.
   */
  private sameNames(name: number): readonly number[] {
    const start = this.names.start[name]!;
    const count = this.names.count[name]!;
    const key = Array.from(this.names.pool.subarray(start, start + count)).sort((a, b) => a - b).join(' ');
    const known = this.sameNamesMemo.get(key);
    if (known) return known;
    let rarest = -1;
    let fewest = 0;
    for (let i = 0; i < count; i++) {
      const token = this.names.pool[start + i]!;
      const n = this.postings.count(token);
      if (rarest === -1 || n < fewest) [rarest, fewest] = [token, n];
    }
    const out: number[] = [];
    if (rarest !== -1) {
      this.postings.each(rarest, (other) => {
        if (this.names.live(other) && (this.names.flags[other]! & NAME_GROUPING) !== 0 && this.names.sameTokens(name, other)) out.push(other);
      });
    }
    this.sameNamesMemo.set(key, out);
    return out;
  }

  /** Score the candidates of one reading of the query; keep each designation's best name. */
  private collect(variant: QueryVariant, threshold: number, hits: Map<number, Hit>): void {
    const weightOf = (id: number): number => this.vocab.weight(id);
    const rarityOf = (id: number): number => this.vocab.rarity(id);
    const names = this.names;
    this.bound.prepare(variant.tokens);
    this.postings.candidates(variant.tokens, threshold, (name) => {
      // The bound first: it drops most candidates, and reads what the score would read anyway.
      if (!this.bound.reaches(names.pool, names.start[name]!, names.count[name]!, variant.factor, threshold)) return;
      if (!names.live(name)) return;
      if (names.count[name]! > this.found.length) this.found = new Float64Array(names.count[name]!);
      const score = scoreName(variant.tokens, names, name, weightOf, this.found, rarityOf, variant.factor, threshold);
      this.offer(hits, name, score.score * variant.factor, score.nameCoverage, threshold);
    });
    this.bound.release();
  }

  private offer(hits: Map<number, Hit>, name: number, score: number, nameCoverage: number, threshold: number): void {
    if (score < threshold) return;
    const entry = this.names.entry[name]!;
    const current = hits.get(entry);
    if (current && (current.score > score || (current.score === score && current.nameCoverage >= nameCoverage))) return;
    hits.set(entry, { entry, name, score, nameCoverage });
  }

  /** Rank the hits (rank.ts) and group them into entities, best first. */
  private results(hits: Map<number, Hit>, limit: number, literals: readonly string[]): MatchResult[] {
    const ranked = rankHits(
      hits.values(),
      literals,
      (name) => this.names.texts[name]!,
      (name) => (this.names.flags[name]! & NAME_PRIMARY) !== 0,
    );
    const claimed = new Set<number>();
    const out: MatchResult[] = [];
    for (const hit of ranked) {
      if (claimed.has(hit.entry)) continue;
      const members = groupMembers(hit.entry, this.grouping);
      for (const member of members) claimed.add(member);
      const designations = members.map((member) => this.entries.designation(member)!);
      out.push({
        name: designations[0]!.name,
        matchedName: this.names.texts[hit.name]!,
        score: Math.round(hit.score * 1000) / 1000,
        designations,
      });
      if (out.length >= limit) break;
    }
    return out;
  }
}
