/**
 * From the text a person typed to the token lists the engine scores. Pure.
 *
 *   planQuery('Quantum CTek', vocab)
 *   // variants: [quantum, ctek] and, when the index knows "quantumctek", [quantumctek];
 *   // compacts: ['quantumctek']
 *
 * Each token carries its expansions: itself when the index has it, and the indexed tokens within
 * its typo allowance (fuzzy.ts). Glued and split words are tried both ways: adjacent query words
 * joined ("Hik Vision" → "hikvision") and an unknown word cut into two known ones
 * ("QuantumCTek" → "quantum ctek"); these variants score a little below the literal reading.
 * A query carrying "a.k.a." is searched as each of its names.
 */
import { maxEdits, similarity } from './fuzzy.js';
import { matchTokens, splitAliasText } from './normalise.js';
import type { Expansion, QueryToken } from './score.js';
import { SOFT_WEIGHT, SOFT_WORDS } from './tokens.js';
import type { Vocabulary } from './vocab.js';

/** Score factor for a reading that joins or splits words the user wrote otherwise. */
export const REGLUED_FACTOR = 0.97;

export interface QueryVariant {
  tokens: QueryToken[];
  /** 1 for the words as typed, REGLUED_FACTOR for a joined or split reading. */
  factor: number;
}

export interface QueryPlan {
  variants: QueryVariant[];
  /** Space-free forms of each alias segment of the query, for whole-name comparison. */
  compacts: string[];
}

function live(vocab: Vocabulary, token: string): number | undefined {
  const id = vocab.id(token);
  return id !== undefined && vocab.frequency(id) > 0 ? id : undefined;
}

function expand(vocab: Vocabulary, text: string): QueryToken {
  const expansions: Expansion[] = [];
  const id = live(vocab, text);
  if (id !== undefined) expansions.push({ id, sim: 1, weight: vocab.weight(id), rarity: vocab.rarity(id) });
  for (const [near, edits] of vocab.near(text, maxEdits(text.length))) {
    expansions.push({ id: near, sim: similarity(edits, text.length), weight: vocab.weight(near), rarity: vocab.rarity(near) });
  }
  const weight = vocab.weightOfText(text);
  return { text, missingWeight: SOFT_WORDS.has(text) ? weight * SOFT_WEIGHT : weight, expansions };
}

/** Readings with one pair of adjacent words joined into a word the index knows. */
function joined(vocab: Vocabulary, words: readonly string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    const glued = words[i]! + words[i + 1]!;
    if (live(vocab, glued) !== undefined) out.push([...words.slice(0, i), glued, ...words.slice(i + 2)]);
  }
  return out;
}

/** Readings with one unknown word cut into two known words of at least three letters each. */
function split(vocab: Vocabulary, words: readonly string[]): string[][] {
  const out: string[][] = [];
  words.forEach((word, i) => {
    if (word.length < 6 || live(vocab, word) !== undefined) return;
    for (let cut = 3; cut <= word.length - 3; cut++) {
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
  const variants: QueryVariant[] = [];
  const compacts: string[] = [];
  const expanded = new Map<string, QueryToken>();
  const tokensOf = (words: readonly string[]): QueryToken[] =>
    words.map((word) => {
      let token = expanded.get(word);
      if (!token) expanded.set(word, (token = expand(vocab, word)));
      return token;
    });
  for (const segment of splitAliasText(text)) {
    const words = [...new Set(matchTokens(segment))];
    if (words.length === 0) continue;
    variants.push({ tokens: tokensOf(words), factor: 1 });
    for (const reading of [...joined(vocab, words), ...split(vocab, words)]) {
      variants.push({ tokens: tokensOf(reading), factor: REGLUED_FACTOR });
    }
    compacts.push(words.join(''));
  }
  return { variants, compacts };
}
