/**
 * Key words of a query: the words a name must hold (or hold within typo reach) for the query to
 * reach a threshold against it. Pure. Watchlist screening uses them to find, for a changed
 * designation, the few counterparties whose search could return it, without searching all.
 *
 *   keySpellings([matchTerms('Hikvision Digital Technology')], vocab, 0.8, memo)   // ['hikvision']
 *
 * The bound is the one `Postings.candidates` applies to a search, on the same expanded tokens
 * (query.ts): a token can add at most its best expansion's weight × similarity; the query weighs
 * at least the sum of each token's cheapest outcome (missing, or found as its lightest
 * expansion). Tokens are taken by what they can add, largest first, until the rest could not
 * lift a name to the threshold; a name holding none of the taken ones (nor a typo neighbour of
 * them) cannot reach it. Glued and split readings (query.ts) add their own keys.
 *
 * Expanding a token reads the typo index, so callers screening many queries against one index
 * state pass one `memo` for all of them (tokens repeat across names); a memo is only valid while
 * the index does not change.
 */
import type { MatchTerms } from './normalise.js';
import { expand, joined, MAX_QUERY_WORDS, split } from './query.js';
import type { Vocabulary } from './vocab.js';

/** What one query token can add to a name's coverage, and the least it can weigh. */
export interface TokenBound {
  gain: number;
  floor: number;
}

/** Bounds by token and spelling, for one index state. */
export type KeyMemo = Map<string, TokenBound>;

function boundOf(vocab: Vocabulary, token: string, word: string, memo: KeyMemo): TokenBound {
  const key = word === token ? token : `${token}\u0000${word}`;
  let bound = memo.get(key);
  if (!bound) {
    const q = expand(vocab, token, word);
    bound = {
      gain: q.expansions.reduce((most, e) => Math.max(most, e.weight * e.sim), 0),
      floor: q.expansions.reduce((least, e) => Math.min(least, e.weight), q.missingWeight),
    };
    memo.set(key, bound);
  }
  return bound;
}

/** One reading's key tokens, by the bound above. */
function keysOf(tokens: readonly string[], spelling: ReadonlyMap<string, string>, vocab: Vocabulary, threshold: number, memo: KeyMemo): string[] {
  const bounds = tokens.map((token) => boundOf(vocab, token, spelling.get(token) ?? token, memo));
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

/**
 * The spellings a name must hold, exactly or within two edits, for this query (its alias
 * segments, as matchTerms gives them) to reach `threshold` against it: the key tokens of every
 * reading and, for each, the word it was folded from.
 */
export function keySpellings(segments: readonly MatchTerms[], vocab: Vocabulary, threshold: number, memo: KeyMemo = new Map()): string[] {
  const out = new Set<string>();
  for (const terms of segments) {
    const tokens = terms.tokens.slice(0, MAX_QUERY_WORDS);
    if (tokens.length === 0) continue;
    const spelling = new Map(tokens.map((token, i) => [token, terms.words[i]!]));
    for (const reading of [tokens, ...joined(vocab, tokens), ...split(vocab, tokens)]) {
      for (const key of keysOf(reading, spelling, vocab, threshold, memo)) {
        out.add(key);
        const word = spelling.get(key);
        if (word !== undefined) out.add(word);
      }
    }
  }
  return [...out];
}
