/**
 * Typo tolerance for single tokens: how many edits a token may have, how alike two tokens are,
 * and a trigram index that finds the vocabulary tokens within reach of a query token. Pure.
 *
 *   editDistance('hikvison', 'hikvision', 1)  // 1
 *   maxEdits(8)                               // 1  ("Hikvison" → "Hikvision")
 *
 * Distance is optimal string alignment (Levenshtein plus adjacent transposition, "Huaewi" → "Huawei"
 * is one edit). Tokens under five letters get no typo allowance: "Sony" one letter from "Sonu" is
 * another name, not a typo.
 */

/** Edits allowed for a query token of this length: 0 below 5 letters, 1 for 5–8, 2 from 9. */
export function maxEdits(length: number): number {
  if (length < 5) return 0;
  return length < 9 ? 1 : 2;
}

/**
 * Similarity credited for a token found `edits` away: 1 for exact; one edit ≈ 0.88–0.91, two ≈ 0.80.
 * A typo is treated as "the same word, slightly less sure" rather than in proportion to its length,
 * so a one-letter slip in a five-letter name still clears the threshold when everything else fits.
 */
export function similarity(edits: number, length: number): number {
  if (edits === 0) return 1;
  return 1 - edits * (0.07 + 0.2 / Math.max(length, 5));
}

/** Optimal-string-alignment distance, or `max + 1` as soon as it must exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let curr = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    curr[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(prev[j]! + 1, curr[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, prev2[j - 2]! + 1);
      curr[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, curr] = [prev, curr, prev2];
  }
  return prev[n]! <= max ? prev[n]! : max + 1;
}

/** The padded trigrams of a token: "hikvision" → "^hi", "hik", …, "on$". */
function trigrams(token: string): string[] {
  const padded = `^${token}$`;
  const out: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) out.push(padded.slice(i, i + 3));
  return out;
}

/**
 * Vocabulary token ids by trigram. A token within `d` edits of the query shares at least
 * `grams(longer) - 3d` trigrams with it (each edit breaks at most three), which filters the
 * vocabulary before the exact distance is computed. Tokens shorter than four letters are not
 * indexed: no query token that may carry a typo can reach them.
 */
export class TrigramIndex {
  private readonly postings = new Map<string, number[]>();
  private counts = new Int32Array(1024);

  add(id: number, token: string): void {
    if (token.length < 4) return;
    for (const gram of new Set(trigrams(token))) {
      const list = this.postings.get(gram);
      if (list) list.push(id);
      else this.postings.set(gram, [id]);
    }
  }

  /**
   * Ids of indexed tokens that may lie within `max` edits of `token`; `tokenOf` returns the
   * text of an id (and undefined for ids that should be skipped). Returns [id, edits] pairs.
   */
  near(token: string, max: number, tokenOf: (id: number) => string | undefined): Array<[number, number]> {
    if (max === 0) return [];
    const grams = [...new Set(trigrams(token))];
    const touched: number[] = [];
    for (const gram of grams) {
      const list = this.postings.get(gram);
      if (!list) continue;
      for (const id of list) {
        if (id >= this.counts.length) this.grow(id);
        if (this.counts[id] === 0) touched.push(id);
        this.counts[id]!++;
      }
    }
    const out: Array<[number, number]> = [];
    for (const id of touched) {
      const shared = this.counts[id]!;
      this.counts[id] = 0;
      const other = tokenOf(id);
      if (other === undefined || other === token) continue;
      // One slack gram for tokens that repeat a trigram (their distinct count is below their length).
      if (shared < Math.max(grams.length, other.length) - 3 * max - 1) continue;
      const edits = editDistance(token, other, max);
      if (edits <= max) out.push([id, edits]);
    }
    return out;
  }

  private grow(id: number): void {
    const next = new Int32Array(Math.max(id + 1, this.counts.length * 2));
    next.set(this.counts);
    this.counts = next;
  }
}
