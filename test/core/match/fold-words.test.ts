/**
 * foldWords (normalise.ts) reads the words of foldText in one pass; it must give exactly
 * foldText(text).split(' ') (or [] for ''), which is what the index compared before. Checked on
 * the generated corpora's names and on random strings over the characters the rules look at.
 */
import { describe, expect, it } from 'vitest';
import { syntheticCorpus } from '../../../bench/lookup-synthetic.js';
import { random } from '../../../bench/lookup-data.js';
import { foldText, foldWords } from '../../../src/core/match/normalise.js';

function reference(text: string): string[] {
  const folded = foldText(text);
  return folded === '' ? [] : folded.split(' ');
}

describe('foldWords', () => {
  it('gives the words of foldText for every generated name', () => {
    let names = 0;
    for (const doc of syntheticCorpus(5, 4000)) {
      for (const name of [doc.designation.name, ...doc.designation.aliases]) {
        expect(foldWords(name), name).toEqual(reference(name));
        names++;
      }
    }
    expect(names).toBeGreaterThan(10_000);
  });

  it('gives the words of foldText for random strings of letters, digits and marks', () => {
    const rand = random(2026);
    const alphabet = ['a', 'b', 'Z', 'x', 'Q', '1', '0', '.', '/', '&', ' ', ' ', ',', '_', "'", '`', '-', '(', ')', 'é', 'Ж', '.', 'l', 'c'];
    for (let i = 0; i < 50_000; i++) {
      const length = 1 + Math.floor(rand() * 12);
      let text = '';
      for (let j = 0; j < length; j++) text += alphabet[Math.floor(rand() * alphabet.length)];
      expect(foldWords(text), JSON.stringify(text)).toEqual(reference(text));
    }
  });

  it('joins abbreviations and reads "&" as a word, as foldText does', () => {
    expect(foldWords('A.O. "Kvant" L.L.C. & Partners')).toEqual(['ao', 'kvant', 'llc', 'and', 'partners']);
    expect(foldWords('Maersk A/S')).toEqual(['maersk', 'as']);
    expect(foldWords('AB.C D_E.F')).toEqual(['ab', 'c', 'd', 'e', 'f']);
    expect(foldWords(' ,. ')).toEqual([]);
  });
});
