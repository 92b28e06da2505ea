/**
 * Seeded words built from a few shared syllables, like the generated million-name corpus: most
 * share trigrams and letters with each other, which is what typo lookups and their filters must
 * not get wrong. The same seed gives the same sequence.
 *
 *   const { next, word } = syllableWords(11);
 *   word(3)   // e.g. 'huasheng' + 'long'
 */
const SYLLABLES = ['hua', 'xin', 'chuang', 'sheng', 'long', 'feng', 'yuan', 'guang', 'tian', 'jin', 'ke', 'ng', 'a'];

export function syllableWords(
  seed: number,
  syllables: readonly string[] = SYLLABLES,
): { next: (n: number) => number; word: (parts: number) => string } {
  let state = seed;
  const next = (n: number): number => (state = (state * 1103515245 + 12345) % 2147483648) % n;
  const word = (parts: number): string => Array.from({ length: parts }, () => syllables[next(syllables.length)]).join('');
  return { next, word };
}

/** The syllables without the single 'a' (the older typo tests' set). */
export const SYLLABLES_WITHOUT_A: readonly string[] = SYLLABLES.slice(0, -1);
