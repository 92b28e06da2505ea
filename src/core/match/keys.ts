/**
 * Key words of a query: the words a name must hold (or hold within typo reach) for the query to
 * reach a threshold against it. Pure. Watchlist screening uses them to find, for a changed
 * designation, the few counterparties whose search could return it, without searching all.
 *
 *   keySpellings([matchTerms('Hikvision Digital Technology')], vocab, 0.8, cache)   // ['hikvision']
 *
 * The bound is the one `Postings.candidates` applies to a search, on the same expanded tokens
 * (query.ts): a token can add at most its best expansion's weight × similarity; the query weighs
 * at least the sum of each token's cheapest outcome (missing, or found as its lightest
 * expansion). Tokens are taken by what they can add, largest first, until the rest could not
 * lift a name to the threshold; a name holding none of the taken ones (nor a typo neighbour of
 * them) cannot reach it. Glued and split readings (query.ts) add their own keys.
 *
 * Expanding a token reads the typo index, so a caller screening many queries keeps a `KeyCache`:
 * bounds are reused within one screening (tokens repeat across names), and the typo neighbours of
 * its own spellings across screenings — valid until the index files a spelling near one of them,
 * which the caller learns from `begin` (the spellings filed since) and answers with `forget`.
 */
import type { MatchTerms } from './normalise.js';
import { LEGAL_FORM_TOKENS } from './legal-forms.js';
import { expand, joined, MAX_QUERY_WORDS, nearLegalForm, split } from './query.js';
import { GENERIC_WORDS, SOFT_WORDS } from './tokens.js';
import type { Vocabulary } from './vocab.js';

/** What one query token can add to a name's coverage, and the least it can weigh. */
export interface TokenBound {
  gain: number;
  floor: number;
}

/**
 * Beyond this many spellings filed since the last screening (a new list), and more than the kept
 * neighbour lists, every kept neighbour list is dropped.
 */
const FRESH_LIMIT = 2_000;

/**
 * Typo neighbour lists of a KeyCache, to start another process's cache with (kept in the index
 * copy beside the database, src/worker/lookup-copy.ts): each spelling's [id, edits] pairs against
 * the vocabulary of the index `owner` as it stood at `mark` filings (Vocabulary.spellingCount).
 */
export interface NeighbourSeed {
  owner: object;
  mark: number;
  lists: ReadonlyMap<string, Array<[number, number]>>;
}

/**
 * A seed's lists as plain data (for v8.serialize): the spellings joined by "\n", and spelling i's
 * pairs at pairs[2·at[i] .. 2·at[i+1]] as id, edits, id, edits …
 */
export interface KeptNeighbours {
  mark: number;
  spellings: string;
  at: Int32Array;
  pairs: Int32Array;
}

/** A seed as plain data; a spelling holding the separator (none does, folded) is left out: its list is worked out again. */
export function keptNeighbours(seed: NeighbourSeed): KeptNeighbours {
  const spellings: string[] = [];
  let total = 0;
  for (const [spelling, list] of seed.lists) {
    if (spelling.includes('\n')) continue;
    spellings.push(spelling);
    total += list.length;
  }
  const at = new Int32Array(spellings.length + 1);
  const pairs = new Int32Array(2 * total);
  let n = 0;
  spellings.forEach((spelling, i) => {
    at[i] = n;
    for (const [id, edits] of seed.lists.get(spelling)!) {
      pairs[2 * n] = id;
      pairs[2 * n + 1] = edits;
      n++;
    }
  });
  at[spellings.length] = n;
  return { mark: seed.mark, spellings: spellings.join('\n'), at, pairs };
}

/** The seed `keptNeighbours` was taken from, for the index `owner` it was kept with (a restored copy of the same). */
export function neighbourSeed(owner: object, kept: KeptNeighbours): NeighbourSeed {
  const lists = new Map<string, Array<[number, number]>>();
  const spellings = kept.spellings === '' ? [] : kept.spellings.split('\n');
  const { at, pairs } = kept;
  spellings.forEach((spelling, i) => {
    const list: Array<[number, number]> = [];
    for (let n = at[i]!; n < at[i + 1]!; n++) list.push([pairs[2 * n]!, pairs[2 * n + 1]!]);
    lists.set(spelling, list);
  });
  return { owner, mark: kept.mark, lists };
}

export class KeyCache {
  /** Bounds by token and word, for the screening under way. */
  readonly bounds = new Map<string, TokenBound>();
  /** A word's split reading (query.ts `split`), for the screening under way: [head, tail] or null. */
  readonly splits = new Map<string, readonly [string, string] | null>();
  /** Typo neighbours (two edits, in use or not) of the caller's spellings, across screenings. */
  private neighbours = new Map<string, Array<[number, number]>>();
  private owner: object | null = null;
  private mark = 0;

  /** `kept(spelling)`: whether the caller can tell this spelling's neighbours are stale (see forget). */
  constructor(private readonly kept: (spelling: string) => boolean) {}

  /**
   * Start a screening against `vocab` (of the index `owner`): returns the spellings filed since the
   * last screening, for the caller to `forget` the spellings within two edits of them; null when
   * nothing was kept (a first screening, another index, or too much new). A first screening
   * against `owner` starts from `seed` when it is that index's: the spellings filed since its mark
   * are returned to forget, as after a screening of this cache's own.
   */
  begin(owner: object, vocab: Vocabulary, seed?: NeighbourSeed | null): string[] | null {
    this.bounds.clear();
    this.splits.clear();
    let fresh: string[] | null = null;
    if (owner === this.owner) fresh = vocab.spellingsSince(this.mark);
    else if (seed && seed.owner === owner && seed.mark <= vocab.spellingCount) {
      // The lists themselves are shared: a list is replaced (forget, then a new one), never changed.
      this.neighbours = new Map(seed.lists);
      fresh = vocab.spellingsSince(seed.mark);
    }
    this.owner = owner;
    this.mark = vocab.spellingCount;
    // Forgetting costs a lookup per fresh spelling, dropping everything one per kept list later.
    if (fresh === null || fresh.length > Math.max(FRESH_LIMIT, this.neighbours.size)) {
      this.neighbours.clear();
      return null;
    }
    return fresh;
  }

  forget(spelling: string): void {
    this.neighbours.delete(spelling);
  }

  /**
   * The neighbour lists as a seed: they hold for the index of the last screening as it stood then
   * (the index tells whether it filed anything since: MatchIndex.keptNeighbours); null before any.
   */
  seed(): NeighbourSeed | null {
    return this.owner === null ? null : { owner: this.owner, mark: this.mark, lists: this.neighbours };
  }

  neighboursOf(vocab: Vocabulary, spelling: string): Array<[number, number]> {
    if (!this.kept(spelling)) return vocab.nearAny(spelling, 2);
    let known = this.neighbours.get(spelling);
    if (!known) this.neighbours.set(spelling, (known = vocab.nearAny(spelling, 2)));
    return known;
  }
}

function boundOf(vocab: Vocabulary, token: string, word: string, cache: KeyCache): TokenBound {
  const key = word === token ? token : `${token}\u0000${word}`;
  let bound = cache.bounds.get(key);
  if (!bound) {
    const near = word === token ? cache.neighboursOf(vocab, token) : [...cache.neighboursOf(vocab, token), ...cache.neighboursOf(vocab, word)];
    bound = expandedBound(vocab, token, word, near);
    cache.bounds.set(key, bound);
  }
  return bound;
}

function expandedBound(vocab: Vocabulary, token: string, word: string, near: ReadonlyArray<readonly [number, number]>): TokenBound {
  const q = expand(vocab, token, word, near);
  return {
    gain: q.expansions.reduce((most, e) => Math.max(most, e.weight * e.sim), 0),
    floor: q.expansions.reduce((least, e) => Math.min(least, e.weight), q.missingWeight),
  };
}

/** One reading's key tokens, by the bound above. */
function keysOf(tokens: readonly string[], spelling: ReadonlyMap<string, string>, vocab: Vocabulary, threshold: number, cache: KeyCache): string[] {
  const bounds = tokens.map((token) => boundOf(vocab, token, spelling.get(token) ?? token, cache));
  const floor = bounds.reduce((sum, b) => sum + b.floor, 0);
  // As Postings.candidates: a query that weighs nothing finds nothing.
  if (floor <= 0) return [];
  const order = tokens.map((_, i) => i).sort((a, b) => bounds[b]!.gain - bounds[a]!.gain);
  let rest = bounds.reduce((sum, b) => sum + b.gain, 0);
  const keys: string[] = [];
  for (const i of order) {
    if (rest / floor < threshold) break;
    rest -= bounds[i]!.gain;
    keys.push(tokens[i]!);
  }
  return keys;
}

/** query.ts `split`, word by word through the cache: each word's split tried once per screening. */
function splitReadings(vocab: Vocabulary, tokens: readonly string[], cache: KeyCache): string[][] {
  const out: string[][] = [];
  tokens.forEach((token, i) => {
    let cut = cache.splits.get(token);
    if (cut === undefined) {
      const [reading] = split(vocab, [token]);
      cache.splits.set(token, (cut = reading ? [reading[0]!, reading[1]!] : null));
    }
    if (cut) out.push([...tokens.slice(0, i), cut[0], cut[1], ...tokens.slice(i + 1)]);
  });
  return out;
}

/**
 * True when a reading as written can reach no name, decided without expanding its words: it holds
 * a word on no list with no typo neighbour there (so it adds nothing and costs its full weight,
 * the most any word costs) while the others could add less than `threshold` × that together; and
 * no glued or split reading exists. Most counterparties reached through a generic word are this
 * ("Kelvertar Import and Export GmbH" against the lists).
 */
function hopeless(tokens: readonly string[], spelling: ReadonlyMap<string, string>, vocab: Vocabulary, threshold: number, cache: KeyCache): boolean {
  const live = (token: string): boolean => {
    const id = vocab.id(token);
    return id !== undefined && vocab.frequency(id) > 0;
  };
  for (const u of tokens) {
    if (live(u) || SOFT_WORDS.has(u) || LEGAL_FORM_TOKENS.has(u) || GENERIC_WORDS.has(u) || nearLegalForm(u, false)) continue;
    const word = spelling.get(u) ?? u;
    const near = word === u ? cache.neighboursOf(vocab, u) : [...cache.neighboursOf(vocab, u), ...cache.neighboursOf(vocab, word)];
    if (near.some(([id]) => vocab.frequency(id) > 0)) continue;
    const cost = vocab.weightOfText(u);
    // What the others can add at most: a word's own weight, or for a word on no list the most any word weighs.
    let rest = 0;
    for (const t of tokens) if (t !== u) rest += live(t) ? vocab.weightOfText(t) : cost;
    if (rest >= threshold * cost) continue;
    return joined(vocab, tokens).length === 0 && splitReadings(vocab, tokens, cache).length === 0;
  }
  return false;
}

/** What `hopeless` asks of one spelling, for a caller testing many names against one index (spellingFacts). */
export interface SpellingFacts {
  /** The index uses it now. */
  live: boolean;
  /** Its weight as a query word (vocab.weightOfText). */
  weight: number;
  /** A soft, legal-form or generic word, or an unknown word a typo from a legal form: never what makes a name hopeless. */
  special: boolean;
  /** A spelling within two edits of it is in use (through `cache`'s neighbour lists). */
  liveNeighbour: boolean;
  /** query.ts `split` has a reading for it alone. */
  splits: boolean;
  /** Its bound as a query token (boundOf) when no spelling within two edits of it or of its word is in use. */
  alone: TokenBound;
}

/**
 * The facts `hopeless` reads of one spelling, once: a caller screening thousands of names that
 * share their words tests them with these (src/watchlists/counterparty-index.ts) instead of
 * calling keySpellings for each, and must come to the same answer.
 */
export function spellingFacts(vocab: Vocabulary, spelling: string, cache: KeyCache): SpellingFacts {
  const id = vocab.id(spelling);
  const live = id !== undefined && vocab.frequency(id) > 0;
  return {
    live,
    weight: vocab.weightOfText(spelling),
    special: SOFT_WORDS.has(spelling) || LEGAL_FORM_TOKENS.has(spelling) || GENERIC_WORDS.has(spelling) || nearLegalForm(spelling, false),
    liveNeighbour: cache.neighboursOf(vocab, spelling).some(([other]) => vocab.frequency(other) > 0),
    splits: split(vocab, [spelling]).length > 0,
    alone: expandedBound(vocab, spelling, spelling, []),
  };
}

/** The readings of one alias segment (query.ts): as written, glued, split; and each token's word. */
function readingsOf(terms: MatchTerms, vocab: Vocabulary, cache: KeyCache): { spelling: Map<string, string>; readings: () => string[][]; literal: string[] } {
  const literal = terms.tokens.slice(0, MAX_QUERY_WORDS);
  const spelling = new Map(literal.map((token, i) => [token, terms.words[i]!]));
  return { spelling, literal, readings: () => [...joined(vocab, literal), ...splitReadings(vocab, literal, cache)] };
}

/**
 * The spellings a name must hold, exactly or within two edits, for this query (its alias
 * segments, as matchTerms gives them) to reach `threshold` against it: the key tokens of every
 * reading and, for each, the word it was folded from.
 */
export function keySpellings(segments: readonly MatchTerms[], vocab: Vocabulary, threshold: number, cache = new KeyCache(() => false)): string[] {
  const out = new Set<string>();
  for (const terms of segments) {
    if (terms.tokens.length === 0) continue;
    const { spelling, literal, readings } = readingsOf(terms, vocab, cache);
    if (hopeless(literal, spelling, vocab, threshold, cache)) continue;
    for (const reading of [literal, ...readings()]) {
      for (const key of keysOf(reading, spelling, vocab, threshold, cache)) {
        out.add(key);
        const word = spelling.get(key);
        if (word !== undefined) out.add(word);
      }
    }
  }
  return [...out];
}
