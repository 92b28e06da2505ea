/**
 * nearLegalForm passes by most words on their letters alone (query.ts); it must answer exactly
 * as trying every long legal-form word does, for typos of those words and for other words alike.
 */
import { describe, expect, it } from 'vitest';
import { reach } from '../../../src/core/match/fuzzy.js';
import { LEGAL_FORM_TOKENS } from '../../../src/core/match/legal-forms.js';
import { nearLegalForm } from '../../../src/core/match/query.js';

const LONG = [...LEGAL_FORM_TOKENS].filter((word) => word.length >= 5);

/** A small seeded generator, so a failure repeats. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function edited(word: string, edits: number, next: () => number): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let out = word;
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(next() * out.length);
    const letter = letters[Math.floor(next() * letters.length)]!;
    const kind = Math.floor(next() * 4);
    if (kind === 0) out = out.slice(0, at) + letter + out.slice(at + 1);
    else if (kind === 1) out = out.slice(0, at) + letter + out.slice(at);
    else if (kind === 2) out = out.slice(0, at) + out.slice(at + 1);
    else if (at + 1 < out.length) out = out.slice(0, at) + out[at + 1] + out[at] + out.slice(at + 2);
  }
  return out;
}

describe('nearLegalForm', () => {
  it('answers as trying every long legal-form word, for typos of them and for other words', () => {
    const next = random(7);
    const words = new Set<string>();
    for (const word of LONG) for (let i = 0; i < 40; i++) words.add(edited(word, 1 + (i % 3), next));
    for (let i = 0; i < 3_000; i++) words.add(edited('abcdefghijkl'.slice(0, 5 + (i % 8)), 6, next));
    let near = 0;
    for (const word of words) {
      const expected = word.length >= 5 && LONG.some((legal) => reach(word, legal) !== null);
      expect(nearLegalForm(word, false), word).toBe(expected);
      if (expected) near++;
    }
    // Both answers occur often enough for the comparison to mean something.
    expect(near).toBeGreaterThan(300);
    expect(words.size - near).toBeGreaterThan(2_000);
    expect(nearLegalForm('compny', true)).toBe(false);
  });
});
