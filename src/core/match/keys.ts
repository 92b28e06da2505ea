/**
 * Key words of a query: the words a name must hold (or hold within typo reach) for the query to
 * reach a threshold against it. Pure. Watchlist screening uses them to find, for a changed
 * designation, the few counterparties whose search could return it, without searching all.
 *
 *   keySpellings([matchTerms('Hikvision Digital Technology')], vocab, 0.8)   // ['hikvision']
 *
 * The bound is the one `Postings.candidates` applies, taken without typo search so it costs a
 * few map lookups per query: a query token can add at most its weight (a known token; typo
 * neighbours are capped at it, query.ts) or the top weight (an unknown token, found only through
 * typos); the query weighs at least the sum of each token's cheapest outcome — its weight, a
 * quarter of it for soft words, nothing for legal-form words, and for an unknown token the least
 * any token in use weighs (what a typo neighbour could cost instead of its missing weight). Tokens
 * are taken by what they can add, largest first, until the rest could not lift a name to the
 * threshold; a name holding none of the taken ones cannot reach it. Glued and split readings
 * (query.ts) add their own keys.
 *
 * One approximation, stated: a known word's typo neighbours that weigh less than the word itself
 * (a rare "electronik" one letter from a common "electronic") are not looked up, so the query's
 * least weight may be overestimated for such a word. Screening tests compare against a full
 * re-screen on generated data (test/watchlists/screen-scale.test.ts).
 */
import { LEGAL_FORM_TOKENS } from './legal-forms.js';
import type { MatchTerms } from './normalise.js';
import { joined, MAX_QUERY_WORDS, NEAR_LEGAL_FORM_WEIGHT, nearLegalForm, split } from './query.js';
import { SOFT_WEIGHT, SOFT_WORDS } from './tokens.js';
import type { Vocabulary } from './vocab.js';

/** nearLegalForm answers (they depend on the word alone), bounded: cleared when full. */
const nearLegalMemo = new Map<string, boolean>();
const NEAR_LEGAL_MEMO_SIZE = 200_000;

function isNearLegalForm(token: string): boolean {
  let known = nearLegalMemo.get(token);
  if (known === undefined) {
    if (nearLegalMemo.size >= NEAR_LEGAL_MEMO_SIZE) nearLegalMemo.clear();
    nearLegalMemo.set(token, (known = nearLegalForm(token, false)));
  }
  return known;
}

/** One reading's key tokens, by the bound above. */
function keysOf(tokens: readonly string[], vocab: Vocabulary, threshold: number, top: number, least: number): string[] {
  const gains: number[] = [];
  let floor = 0;
  for (const token of tokens) {
    const id = vocab.id(token);
    const live = id !== undefined && vocab.frequency(id) > 0;
    const weight = live ? vocab.weight(id) : 0;
    gains.push(live ? weight : top);
    if (LEGAL_FORM_TOKENS.has(token)) continue;
    // An unknown token costs its (high) missing weight, or what a typo neighbour weighs: at least `least`.
    const soft = SOFT_WORDS.has(token);
    if (live) {
      floor += soft ? weight * SOFT_WEIGHT : weight;
      continue;
    }
    const text = vocab.weightOfText(token);
    const missing = soft ? text * SOFT_WEIGHT : isNearLegalForm(token) ? text * NEAR_LEGAL_FORM_WEIGHT : text;
    floor += Math.min(least, missing);
  }
  if (floor <= 0) return [...tokens];
  const order = tokens.map((_, i) => i).sort((a, b) => gains[b]! - gains[a]!);
  let rest = gains.reduce((sum, gain) => sum + gain, 0);
  const keys: string[] = [];
  for (const i of order) {
    if (rest / floor < threshold) break;
    rest -= gains[i]!;
    keys.push(tokens[i]!);
  }
  return keys;
}

/**
 * The spellings a name must hold, exactly or within two edits, for this query (its alias
 * segments, as matchTerms gives them) to reach `threshold` against it: the key tokens of every
 * reading and, for each, the word it was folded from.
 */
export function keySpellings(segments: readonly MatchTerms[], vocab: Vocabulary, threshold: number): string[] {
  const out = new Set<string>();
  const top = vocab.topWeight();
  const least = vocab.leastWeight();
  for (const terms of segments) {
    const tokens = terms.tokens.slice(0, MAX_QUERY_WORDS);
    if (tokens.length === 0) continue;
    const spelling = new Map(tokens.map((token, i) => [token, terms.words[i]!]));
    for (const reading of [tokens, ...joined(vocab, tokens), ...split(vocab, tokens)]) {
      for (const key of keysOf(reading, vocab, threshold, top, least)) {
        out.add(key);
        const word = spelling.get(key);
        if (word !== undefined) out.add(word);
      }
    }
  }
  return [...out];
}
