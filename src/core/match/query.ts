/**
 * From the text a person typed to the token lists the engine scores. Pure.
 *
 *   planQuery('Quantum CTek', vocab)
 *   // variants: [quantum, ctek] and, when the index knows "quantumctek", [quantumctek]
 *
 * Each token carries its expansions: itself when the index has it, and the indexed tokens within
 * typo reach of it or of the word it was folded from (fuzzy.ts). Glued and split words are tried
 * both ways — the space-free comparison: adjacent query words joined ("Hik Vision" →
 * "hikvision"), all of them joined ("Quantum C Tek" → "quantumctek"), and an unknown word cut
 * into two known ones ("QuantumCTek" → "quantum ctek"); these variants score a little below the
 * literal reading. A query carrying "a.k.a." is searched as each of its names.
 *
 * What a token costs when a name lacks it: its weight, a quarter of it for soft words
 * ("Group"), nothing for legal-form words that survived stripping because of where they stood
 * ("S.A. Galapagos", "Stock Joint Company X"), a twentieth for a misspelt one ("Compny").
 */
import { allowedEdits, bitCount, letterMask, reach, similarity } from './fuzzy.js';
import { LEGAL_FORM_TOKENS } from './legal-forms.js';
import { foldText, matchTerms, splitAliasText } from './normalise.js';
import type { Expansion, QueryToken } from './score.js';
import { SOFT_WEIGHT, SOFT_WORDS } from './tokens.js';
import type { Vocabulary } from './vocab.js';

/** Score factor for a reading that joins or splits words the user wrote otherwise. */
export const REGLUED_FACTOR = 0.97;

/**
 * Share of its weight a legal-form word costs when the name lacks it: nothing for a legal-form
 * word as such, a little for an unknown word that is only a typo away from one ("Publix" is
 * not "public").
 */
const LEGAL_FORM_WEIGHT = 0;
const NEAR_LEGAL_FORM_WEIGHT = 0.05;

/** Typo neighbours this short count half as specific (see expand). */
const SHORT_TYPO_LENGTH = 6;
const SHORT_TYPO_RARITY = 0.5;

/** Words of one query name beyond this are ignored: a pasted paragraph is not a name. */
export const MAX_QUERY_WORDS = 24;

/** Legal-form words long enough to be recognised through a typo ("Compny", "Corproation"), with their letter masks. */
const LONG_LEGAL_WORDS = [...LEGAL_FORM_TOKENS].filter((word) => word.length >= 5).map((word) => ({ word, mask: letterMask(word) }));

export interface QueryVariant {
  tokens: QueryToken[];
  /** 1 for the words as typed, REGLUED_FACTOR for a joined or split reading. */
  factor: number;
}

export interface QueryPlan {
  variants: QueryVariant[];
  /** Each alias segment of the query, folded (foldText): ranks a literal match above a reordered one. */
  literals: string[];
}

function live(vocab: Vocabulary, token: string): number | undefined {
  const id = vocab.id(token);
  return id !== undefined && vocab.frequency(id) > 0 ? id : undefined;
}

/** nearLegalForm's answers by word (they depend on the word alone), bounded: cleared when full. */
const nearLegalMemo = new Map<string, boolean>();
const NEAR_LEGAL_MEMO_SIZE = 100_000;

/** An unknown word a typo away from a long legal-form word ("Compny"): it costs almost nothing when missing. */
export function nearLegalForm(token: string, known: boolean): boolean {
  if (known || token.length < 5) return false;
  let near = nearLegalMemo.get(token);
  if (near === undefined) {
    if (nearLegalMemo.size >= NEAR_LEGAL_MEMO_SIZE) nearLegalMemo.clear();
    // Each edit changes at most two letters of the set a word holds: a word whose letters differ
    // more is out of reach without working out the distance (most words, against all 34).
    const mask = letterMask(token);
    near = LONG_LEGAL_WORDS.some(({ word, mask: other }) => bitCount(mask ^ other) <= 2 * allowedEdits(Math.min(token.length, word.length)) && reach(token, word) !== null);
    nearLegalMemo.set(token, near);
  }
  return near;
}

/**
 * One query token with its expansions (itself, typo neighbours) and what it costs when missing.
 * `neighbours`: the token's and the word's neighbours within two edits (`vocab.near(…, 2)`),
 * when the caller keeps them; they are narrowed here to what a search would look up.
 */
export function expand(vocab: Vocabulary, token: string, word: string, neighbours?: ReadonlyArray<readonly [number, number]>): QueryToken {
  const expansions: Expansion[] = [];
  const id = live(vocab, token);
  if (id !== undefined) expansions.push({ id, sim: 1, weight: vocab.weight(id), rarity: vocab.rarity(id) });
  // A word the index knows is taken to be spelled as meant. Only its one-edit variants are looked
  // for (lists spell one name several ways; two edits are for words the index does not know), and
  // they may not weigh more or be rarer than it ("Hezbollah" must not prefer a rare "Hezballah").
  const cap = id === undefined ? 2 : 1;
  let near: Array<readonly [number, number]>;
  if (neighbours) near = neighbours.filter(([other, edits]) => edits <= cap && vocab.frequency(other) > 0);
  else {
    near = vocab.near(token, cap);
    if (word !== token) near.push(...vocab.near(word, cap));
  }
  const exact = expansions[0];
  for (const [other, edits] of near) {
    if (other === id) continue;
    const longer = Math.max(token.length, vocab.text(other)!.length);
    const sim = similarity(edits, longer);
    const known = expansions.find((e) => e.id === other);
    if (known) {
      known.sim = Math.max(known.sim, sim);
      continue;
    }
    const weight = exact ? Math.min(exact.weight, vocab.weight(other)) : vocab.weight(other);
    let rarity = exact ? Math.min(exact.rarity, vocab.rarity(other)) : vocab.rarity(other);
    // One letter off a short word is as often another name as a typo ("Nissan" / "Niasan",
    // "Daewoo" / "Daewon"): alone it cannot single an entity out; the rest of the name must agree.
    if (longer <= SHORT_TYPO_LENGTH) rarity *= SHORT_TYPO_RARITY;
    expansions.push({ id: other, sim, weight, rarity });
  }
  const weight = vocab.weightOfText(token);
  if (SOFT_WORDS.has(token)) return { text: token, missingWeight: weight * SOFT_WEIGHT, missingRarity: 0, expansions };
  if (LEGAL_FORM_TOKENS.has(token)) return { text: token, missingWeight: weight * LEGAL_FORM_WEIGHT, missingRarity: 0, expansions };
  if (nearLegalForm(token, id !== undefined)) {
    return { text: token, missingWeight: weight * NEAR_LEGAL_FORM_WEIGHT, missingRarity: 0, expansions };
  }
  return { text: token, missingWeight: weight, missingRarity: vocab.rarityOfText(token), expansions };
}

/**
 * Readings with one pair of adjacent words joined into a word the index knows, and with all
 * words joined when that is one ("Quantum C Tek" → "quantumctek").
 */
export function joined(vocab: Vocabulary, words: readonly string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    const glued = words[i]! + words[i + 1]!;
    if (live(vocab, glued) !== undefined) out.push([...words.slice(0, i), glued, ...words.slice(i + 2)]);
  }
  const all = words.join('');
  if (words.length > 2 && live(vocab, all) !== undefined) out.push([all]);
  return out;
}

/** Readings with one unknown word cut into two known words of at least two letters each ("dajiang" → "da jiang"). */
export function split(vocab: Vocabulary, words: readonly string[]): string[][] {
  const out: string[][] = [];
  words.forEach((word, i) => {
    if (word.length < 6 || live(vocab, word) !== undefined) return;
    for (let cut = 2; cut <= word.length - 2; cut++) {
      const head = word.slice(0, cut);
      const tail = word.slice(cut);
      if (live(vocab, head) === undefined || live(vocab, tail) === undefined) continue;
      out.push([...words.slice(0, i), head, tail, ...words.slice(i + 1)]);
      return;
    }
  });
  return out;
}

export function planQuery(text: string, vocab: Vocabulary): QueryPlan {
  const plan: QueryPlan = { variants: [], literals: [] };
  const expanded = new Map<string, QueryToken>();
  const spelling = new Map<string, string>();
  const tokensOf = (words: readonly string[]): QueryToken[] =>
    words.map((token) => {
      let expansion = expanded.get(token);
      if (!expansion) expanded.set(token, (expansion = expand(vocab, token, spelling.get(token) ?? token)));
      return expansion;
    });
  for (const segment of splitAliasText(text)) {
    const terms = matchTerms(segment);
    const tokens = terms.tokens.slice(0, MAX_QUERY_WORDS);
    const words = terms.words.slice(0, MAX_QUERY_WORDS);
    if (tokens.length === 0) continue;
    tokens.forEach((token, i) => spelling.set(token, words[i]!));
    plan.variants.push({ tokens: tokensOf(tokens), factor: 1 });
    for (const reading of [...joined(vocab, tokens), ...split(vocab, tokens)]) {
      plan.variants.push({ tokens: tokensOf(reading), factor: REGLUED_FACTOR });
    }
    plan.literals.push(foldText(segment));
  }
  return plan;
}
