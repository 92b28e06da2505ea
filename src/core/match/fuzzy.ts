/**
 * Typo tolerance for single tokens: how many edits two tokens may differ by, how alike that
 * makes them, and a trigram index that finds the vocabulary tokens within reach of a query
 * token. Pure.
 *
 *   reach('hikvison', 'hikvision')  // 1   ("Hikvison" finds Hikvision)
 *   reach('intel', 'inter')         // null (five letters: only a swap of neighbours is a typo)
 *
 * Distance is optimal string alignment (Levenshtein plus swapping two neighbours: "Huaewi" →
 * "Huawei" is one edit). The allowance goes by the shorter token: none up to four letters ("Sony"
 * one letter from "Sonu" is another name, not a typo); between two five-letter words only a swap
 * of neighbours, because one substituted letter turns too many short brands into others ("Intel"
 * / "Inter", "Canon" / "Cason"); one edit up to nine letters; two from ten ("Rosoboroneksport" /
 * "Rosoboronexport"; at nine, two edits make "Petrobras" of "Petroiran"). Callers may cap the
 * allowance (the engine allows a word the index knows only one edit).
 */

/** Edits allowed between two tokens whose shorter one has this many letters. */
export function allowedEdits(shorter: number): number {
  if (shorter < 5) return 0;
  return shorter < 10 ? 1 : 2;
}

/** True when `b` is `a` with two neighbouring letters swapped. */
function isSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/** Edits between two tokens when they are within typo reach of each other (at most `cap`), else null. */
export function reach(a: string, b: string, cap = 2): number | null {
  const allowed = Math.min(cap, allowedEdits(Math.min(a.length, b.length)));
  if (allowed === 0) return a === b ? 0 : null;
  const edits = editDistance(a, b, allowed);
  if (edits > allowed) return null;
  if (a.length === 5 && b.length === 5 && edits === 1 && !isSwap(a, b)) return null;
  return edits;
}

/**
 * Similarity credited for a token found `edits` away: 1 for exact, about 0.9 for one edit and
 * 0.84 for two. A typo is treated as "the same word, slightly less sure" rather than in
 * proportion to its length, so a one-letter slip still clears the threshold when all else fits.
 */
export function similarity(edits: number, longer: number): number {
  if (edits === 0) return 1;
  return 1 - edits * (0.06 + 0.2 / Math.max(longer, 5));
}

// Rows of the edit-distance table, reused across calls (tokens are short; grown on demand).
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/** Optimal-string-alignment distance, or `max + 1` as soon as it must exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const n = b.length;
  if (n + 1 > rowA.length) {
    rowA = new Int32Array(2 * (n + 1));
    rowB = new Int32Array(2 * (n + 1));
    rowC = new Int32Array(2 * (n + 1));
  }
  let prev2 = rowA;
  let prev = rowB;
  let curr = rowC;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const ca = a.charCodeAt(i - 1);
    curr[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cb = b.charCodeAt(j - 1);
      let value = prev[j - 1]! + (ca === cb ? 0 : 1);
      const up = prev[j]! + 1;
      if (up < value) value = up;
      const left = curr[j - 1]! + 1;
      if (left < value) value = left;
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        const swap = prev2[j - 2]! + 1;
        if (swap < value) value = swap;
      }
      curr[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    const done = prev2;
    prev2 = prev;
    prev = curr;
    curr = done;
  }
  return prev[n]! <= max ? prev[n]! : max + 1;
}

/**
 * Quick necessary test for one edit: what lies before and after the edit is shared, so the
 * common prefix and suffix together cover all but two letters of the shorter token.
 */
function oneEditApart(a: string, b: string): boolean {
  const shorter = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < shorter && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
  return prefix + suffix >= shorter - 2;
}

/** One bit per letter present (char code & 31: letters map one to one, digits share bits with them). */
export function letterMask(token: string): number {
  let mask = 0;
  for (let i = 0; i < token.length; i++) mask |= 1 << (token.charCodeAt(i) & 31);
  return mask;
}

export function bitCount(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/**
 * Letters `other` shares with the query, counted with multiplicity: `query` holds the query's
 * letter counts by char code & 127, `scratch` the same counts on entry and again on return.
 */
function sharedLetters(query: Int16Array, scratch: Int16Array, other: string): number {
  let shared = 0;
  for (let i = 0; i < other.length; i++) {
    const code = other.charCodeAt(i) & 127;
    if (scratch[code]! > 0) {
      shared++;
      scratch[code]!--;
    }
  }
  for (let i = 0; i < other.length; i++) {
    const code = other.charCodeAt(i) & 127;
    scratch[code] = query[code]!;
  }
  return shared;
}

/** The distinct padded trigrams of a token: "hikvision" → "^hi", "hik", …, "on$". */
function trigrams(token: string): string[] {
  const padded = `^${token}$`;
  const out: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) {
    const gram = padded.slice(i, i + 3);
    if (!out.includes(gram)) out.push(gram);
  }
  return out;
}

/** Char codes below this pack three to a trigram code in 30 bits (a small integer: no boxed Map key). */
const CODE_LIMIT = 1 << 10;
const CARET = 94;
const DOLLAR = 36;

/**
 * The distinct padded trigrams of a token as codes (c0 << 20 | c1 << 10 | c2), in the order
 * `trigrams` gives them, into `out` (at least token.length + 2 long); returns how many, or -1
 * when a char code is CODE_LIMIT or more. Equal codes are equal trigrams, so the same ones are
 * dropped as repeats: the filing is the same as from the strings, without a string per trigram.
 */
function trigramCodes(token: string, out: Int32Array): number {
  const n = token.length + 2;
  let count = 0;
  let a = CARET;
  let b = token.charCodeAt(0);
  if (b >= CODE_LIMIT) return -1;
  for (let i = 2; i < n; i++) {
    const c = i - 1 < token.length ? token.charCodeAt(i - 1) : DOLLAR;
    if (c >= CODE_LIMIT) return -1;
    const code = (a << 20) | (b << 10) | c;
    let k = 0;
    while (k < count && out[k] !== code) k++;
    if (k === count) out[count++] = code;
    a = b;
    b = c;
  }
  return count;
}

/** The trigram a code of trigramCodes stands for. */
function gramOfCode(code: number): string {
  return String.fromCharCode(code >>> 20, (code >>> 10) & (CODE_LIMIT - 1), code & (CODE_LIMIT - 1));
}

/**
 * Record [id, edits] in `out`, or lower the edits of the pair already there. A plain loop, not
 * `out.find(pair => …)`: a closure over the lookup loop's `id` makes V8 allocate that loop body's
 * scope on every pass, for every entry looked at, whether or not it gets this far.
 */
function keepFewest(out: Array<[number, number]>, id: number, edits: number): void {
  for (const pair of out) {
    if (pair[0] !== id) continue;
    if (edits < pair[1]) pair[1] = edits;
    return;
  }
  out.push([id, edits]);
}

/**
 * Most of a token's padded trigrams that `allowed` edits can break when they make it `longer`
 * letters longer (negative: shorter). A substitution or a deletion breaks the three trigrams
 * holding the letter, a swap of neighbours the four holding either, an insertion only the two
 * spanning the gap; and a length difference of k takes at least k insertions (or deletions).
 */
function trigramsLost(longer: number, allowed: number): number {
  const k = Math.abs(longer);
  return (longer > 0 ? 2 * k : 3 * k) + 4 * (allowed - k);
}

/** Spellings shorter than this are not filed (allowedEdits gives them no typos). */
const MIN_FILED = 4;
/** Pending pairs beyond this share of the flat lists (and this floor) are merged by a rebuild. */
const OVERFLOW_SHARE = 1 / 8;
const OVERFLOW_FLOOR = 4096;

/**
 * Vocabulary token ids by trigram and token length. A token `d` edits away is at most `d`
 * letters longer or shorter and keeps all but 4d of the query's trigrams (a substitution breaks
 * at most three, a swap of neighbours four), so it appears in at least one of any 4d + 1 of
 * their posting lists (fewer when its length differs: trigramsLost): a lookup reads only the
 * rarest ones, for the lengths in reach, and checks
 * what it finds with cheap necessary tests before the exact distance. A token may be filed under
 * several spellings (its plural-folded form and the word as published), each pointing at the same
 * id.
 *
 * The necessary tests, each implied by "at most `allowed` edits" (an insertion or deletion
 * changes one letter count by one, a substitution two counts, a swap none):
 * - the sets of letters differ by at most 2 × allowed (a 32-bit mask per spelling, one XOR);
 * - the letter counts differ by at most 2 × allowed in total (|a| + |b| − 2 × shared letters);
 * - for one edit, the common prefix and suffix cover all but two letters.
 * At a million names most of the rarest lists' entries share a few syllables with the query
 * and nothing else ("chuangsheng" / "shengchuang"); the first two tests drop 98 % of them
 * before any distance is computed.
 *
 * Layout (as postings.ts): every list is a range of one Int32Array. Trigram g (numbered in order
 * of first sight) owns the slots slotStart[gramStart[g] .. gramStart[g + 1]], one per length from
 * MIN_FILED up to the longest spelling filed under it; slot s's entries are
 * flat[slotStart[s] .. slotStart[s + 1]]. The flat lists are built in two passes (count, then
 * fill) from the (trigram, entry) pairs filed since; pairs wait in a flat buffer until a lookup
 * needs them, then a few (a snapshot's new words after the build) go to small overflow lists by
 * trigram and length, many to a rebuild. Entries are numbered in filing order, so every list,
 * read as flat part then overflow, is in filing order: the order of the former lists of arrays,
 * and with it the order a lookup looks at entries and returns its pairs in. A kept index
 * (persist.ts) is packed first: a few typed arrays, a Map of trigrams and the spellings.
 */
export class TrigramIndex {
  /** Trigram → its number (first sight order). */
  private readonly gramIds = new Map<string, number>();
  /**
   * Filing's cache in front of gramIds: trigram code (trigramCodes) → number. Created on first
   * use, so a kept index from before it had one works too; lookups read gramIds only.
   */
  private gramCodes: Map<number, number> | undefined;
  /** Scratch of add: the trigram codes of one spelling. */
  private codeScratch = new Int32Array(64);
  /** Filed spellings: entry number → token id and text. */
  private ids = new Int32Array(1024);
  private readonly texts: string[] = [];
  /** Letter mask of each filed spelling (see letterMask). */
  private masks = new Int32Array(1024);
  /** Trigram g's slots: gramStart[g] .. gramStart[g + 1] (one per length from MIN_FILED), for g < gramStart.length - 1. */
  private gramStart = new Int32Array(1);
  /** Slot s's entries: flat[slotStart[s] .. slotStart[s + 1]]. */
  private slotStart = new Int32Array(1);
  private flat = new Int32Array(0);
  /** Entries filed since the last rebuild, by trigram and then length - MIN_FILED; read after the flat part. */
  private overflow: Array<Array<number[] | undefined> | undefined> = [];
  private overflowCount = 0;
  /** (trigram, entry) pairs in neither yet, in filing order. */
  private pending = new Int32Array(4096);
  private pendingCount = 0;
  /** Scratch: 1 for entries already looked at in this lookup. */
  private counts = new Uint8Array(1024);
  /** Scratch: the entries marked in `counts` (an array emptied by `length = 0` gives its storage back, and regrows per lookup). */
  private touched = new Int32Array(1024);
  /** Scratch of a lookup: the query's trigram numbers (-1: never filed), and its lists for one length, rarest first. */
  private queryGrams = new Int32Array(64);
  private listGram = new Int32Array(64);
  private listSize = new Int32Array(64);
  /** Scratch: the query's letter counts by char code & 127 (twice, see sharedLetters), zero outside a lookup. */
  private readonly letters = new Int16Array(128);
  private readonly spare = new Int16Array(128);

  add(id: number, text: string): void {
    if (text.length < MIN_FILED) return;
    const entry = this.texts.length;
    if (text.length + 2 > this.codeScratch.length) this.codeScratch = new Int32Array(2 * (text.length + 2));
    const scratch = this.codeScratch;
    let count = trigramCodes(text, scratch);
    // A letter beyond CODE_LIMIT (rare after folding): the trigrams as strings.
    const grams = count === -1 ? trigrams(text) : null;
    if (grams !== null) count = grams.length;
    this.texts.push(text);
    if (entry >= this.masks.length) {
      const masks = new Int32Array(this.masks.length * 2);
      masks.set(this.masks);
      this.masks = masks;
      const ids = new Int32Array(this.ids.length * 2);
      ids.set(this.ids);
      this.ids = ids;
    }
    this.ids[entry] = id;
    this.masks[entry] = letterMask(text);
    if (this.pendingCount + 2 * count > this.pending.length) {
      const next = new Int32Array(Math.max(this.pending.length * 2, this.pendingCount + 2 * count));
      next.set(this.pending.subarray(0, this.pendingCount));
      this.pending = next;
    }
    if (grams === null) {
      // Numbered by code: a string per trigram only the first time the index sees it.
      const codes = (this.gramCodes ??= new Map());
      for (let i = 0; i < count; i++) {
        const code = scratch[i]!;
        let g = codes.get(code);
        if (g === undefined) codes.set(code, (g = this.gramId(gramOfCode(code))));
        this.pending[this.pendingCount++] = g;
        this.pending[this.pendingCount++] = entry;
      }
      return;
    }
    for (const gram of grams) {
      this.pending[this.pendingCount++] = this.gramId(gram);
      this.pending[this.pendingCount++] = entry;
    }
  }

  /** The number of a trigram, given on first sight. */
  private gramId(gram: string): number {
    let g = this.gramIds.get(gram);
    if (g === undefined) this.gramIds.set(gram, (g = this.gramIds.size));
    return g;
  }

  /** Spellings filed so far (each filing is one entry, in order). */
  get size(): number {
    return this.texts.length;
  }

  /** The spellings filed since entry `from` (short ones, never filed, are not among them). */
  textsSince(from: number): string[] {
    return this.texts.slice(from);
  }

  /** Merge everything into the flat lists (before the index is kept: persist.ts). */
  pack(): void {
    if (this.pendingCount > 0 || this.overflowCount > 0) this.rebuild();
  }

  /**
   * Ids of filed tokens within typo reach of `token` (see `reach`, at most `cap` edits), as
   * [id, edits] pairs with the fewest edits per id; `live` says which ids are still in use.
   */
  near(token: string, live: (id: number) => boolean, cap = 2): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    const radius = Math.min(cap, allowedEdits(token.length));
    if (radius === 0) return out;
    this.settle();
    const grams = trigrams(token);
    if (grams.length > this.queryGrams.length) {
      this.queryGrams = new Int32Array(2 * grams.length);
      this.listGram = new Int32Array(2 * grams.length);
      this.listSize = new Int32Array(2 * grams.length);
    }
    const queryGrams = this.queryGrams;
    const listGram = this.listGram;
    const listSize = this.listSize;
    for (let g = 0; g < grams.length; g++) queryGrams[g] = this.gramIds.get(grams[g]!) ?? -1;
    const flat = this.flat;
    let seen = this.touched;
    let seenCount = 0;
    const mask = letterMask(token);
    const letters = this.letters;
    const spare = this.spare;
    for (let i = 0; i < token.length; i++) letters[token.charCodeAt(i) & 127]!++;
    spare.set(letters);
    for (let len = Math.max(MIN_FILED, token.length - radius); len <= token.length + radius; len++) {
      // The allowance goes by the shorter of the two; lengths out of reach are not read at all.
      const allowed = Math.min(cap, allowedEdits(Math.min(len, token.length)));
      if (Math.abs(len - token.length) > allowed) continue;
      // A token `allowed` edits away keeps all but `lost` of the query's trigrams, so it holds
      // at least one of any lost + 1 of them: read only the rarest ones.
      // Rarest first, ties in trigram order (a stable sort; done in place: Array#sort allocates).
      for (let g = 0; g < grams.length; g++) {
        const gram = queryGrams[g]!;
        const size = this.flatSize(gram, len) + (this.extra(gram, len)?.length ?? 0);
        let at = g;
        while (at > 0 && listSize[at - 1]! > size) {
          listSize[at] = listSize[at - 1]!;
          listGram[at] = listGram[at - 1]!;
          at--;
        }
        listSize[at] = size;
        listGram[at] = gram;
      }
      const read = Math.min(grams.length, trigramsLost(len - token.length, allowed) + 1);
      for (let l = 0; l < read; l++) {
        const gram = listGram[l]!;
        // The list: its flat part, then its overflow (`extra`), read as one.
        const start = this.flatStart(gram, len);
        const inFlat = this.flatSize(gram, len);
        const extra = this.extra(gram, len);
        const size = listSize[l]!;
        for (let e = 0; e < size; e++) {
          const entry = e < inFlat ? flat[start + e]! : extra![e - inFlat]!;
          if (entry >= this.counts.length) this.grow(entry);
          if (this.counts[entry] !== 0) continue;
          this.counts[entry] = 1;
          if (seenCount === seen.length) {
            const next = new Int32Array(seen.length * 2);
            next.set(seen);
            this.touched = seen = next;
          }
          seen[seenCount++] = entry;
          if (bitCount(this.masks[entry]! ^ mask) > 2 * allowed) continue;
          const other = this.texts[entry]!;
          if (other === token) continue;
          if (token.length + other.length - 2 * sharedLetters(letters, spare, other) > 2 * allowed) continue;
          if (allowed === 1 && !oneEditApart(token, other)) continue;
          const id = this.ids[entry]!;
          if (!live(id)) continue;
          const edits = reach(token, other, cap);
          if (edits === null || edits === 0) continue;
          keepFewest(out, id, edits);
        }
      }
    }
    for (let i = 0; i < seenCount; i++) this.counts[seen[i]!] = 0;
    letters.fill(0);
    spare.fill(0);
    return out;
  }

  /** The slot of trigram `gram` (-1: none) at length `len` in the flat lists, or -1. */
  private slot(gram: number, len: number): number {
    if (gram < 0 || gram + 1 >= this.gramStart.length) return -1;
    const slot = this.gramStart[gram]! + len - MIN_FILED;
    return slot < this.gramStart[gram + 1]! ? slot : -1;
  }

  /** The overflow list of trigram `gram` (-1: none) at length `len`, if any. */
  private extra(gram: number, len: number): number[] | undefined {
    return gram < 0 ? undefined : this.overflow[gram]?.[len - MIN_FILED];
  }

  private flatStart(gram: number, len: number): number {
    const slot = this.slot(gram, len);
    return slot === -1 ? 0 : this.slotStart[slot]!;
  }

  private flatSize(gram: number, len: number): number {
    const slot = this.slot(gram, len);
    return slot === -1 ? 0 : this.slotStart[slot + 1]! - this.slotStart[slot]!;
  }

  /** Make the pending pairs readable: into the overflow lists when few, else by a rebuild. */
  private settle(): void {
    if (this.pendingCount === 0) return;
    const pairs = this.pendingCount / 2;
    if (this.overflowCount + pairs > Math.max(OVERFLOW_FLOOR, this.flat.length * OVERFLOW_SHARE)) {
      this.rebuild();
      return;
    }
    const pending = this.pending;
    for (let at = 0; at < this.pendingCount; at += 2) {
      const gram = pending[at]!;
      const entry = pending[at + 1]!;
      const byLength = (this.overflow[gram] ??= []);
      const list = byLength[this.texts[entry]!.length - MIN_FILED];
      if (list) list.push(entry);
      else byLength[this.texts[entry]!.length - MIN_FILED] = [entry];
    }
    this.overflowCount += pairs;
    this.pendingCount = 0;
  }

  /** One flat layout of flat + overflow + pending lists, each in that order (filing order). Two passes: count, then fill. */
  private rebuild(): void {
    const grams = this.gramIds.size;
    const oldGrams = this.gramStart.length - 1;
    const oldGramStart = this.gramStart;
    const oldSlotStart = this.slotStart;
    const pending = this.pending;
    const texts = this.texts;
    // Slots per trigram: up to the longest spelling filed under it.
    const gramStart = new Int32Array(grams + 1);
    for (let g = 0; g < oldGrams; g++) gramStart[g + 1] = oldGramStart[g + 1]! - oldGramStart[g]!;
    for (let g = 0; g < this.overflow.length; g++) {
      const byLength = this.overflow[g];
      if (byLength && byLength.length > gramStart[g + 1]!) gramStart[g + 1] = byLength.length;
    }
    for (let at = 0; at < this.pendingCount; at += 2) {
      const width = texts[pending[at + 1]!]!.length - MIN_FILED + 1;
      if (width > gramStart[pending[at]! + 1]!) gramStart[pending[at]! + 1] = width;
    }
    for (let g = 0; g < grams; g++) gramStart[g + 1]! += gramStart[g]!;
    // Pass 1: count each slot's entries (into slotStart[s + 1]).
    const slots = gramStart[grams]!;
    const slotStart = new Int32Array(slots + 1);
    for (let g = 0; g < oldGrams; g++) {
      for (let old = oldGramStart[g]!, s = gramStart[g]!; old < oldGramStart[g + 1]!; old++, s++) {
        slotStart[s + 1] = oldSlotStart[old + 1]! - oldSlotStart[old]!;
      }
    }
    for (let g = 0; g < this.overflow.length; g++) {
      const byLength = this.overflow[g];
      if (!byLength) continue;
      for (let k = 0; k < byLength.length; k++) slotStart[gramStart[g]! + k + 1]! += byLength[k]?.length ?? 0;
    }
    for (let at = 0; at < this.pendingCount; at += 2) {
      slotStart[gramStart[pending[at]!]! + texts[pending[at + 1]!]!.length - MIN_FILED + 1]!++;
    }
    for (let s = 0; s < slots; s++) slotStart[s + 1]! += slotStart[s]!;
    // Pass 2: fill, each list in its old order, overflow after it, pending pairs last.
    const flat = new Int32Array(slotStart[slots]!);
    const fill = slotStart.slice(0, slots);
    for (let g = 0; g < grams; g++) {
      const byLength = this.overflow[g];
      for (let s = gramStart[g]!, k = 0; s < gramStart[g + 1]!; s++, k++) {
        if (g < oldGrams && oldGramStart[g]! + k < oldGramStart[g + 1]!) {
          const old = oldGramStart[g]! + k;
          flat.set(this.flat.subarray(oldSlotStart[old]!, oldSlotStart[old + 1]!), fill[s]!);
          fill[s]! += oldSlotStart[old + 1]! - oldSlotStart[old]!;
        }
        const extra = byLength?.[k];
        if (extra) for (const entry of extra) flat[fill[s]!++] = entry;
      }
    }
    for (let at = 0; at < this.pendingCount; at += 2) {
      const entry = pending[at + 1]!;
      flat[fill[gramStart[pending[at]!]! + texts[entry]!.length - MIN_FILED]!++] = entry;
    }
    this.gramStart = gramStart;
    this.slotStart = slotStart;
    this.flat = flat;
    this.overflow = [];
    this.overflowCount = 0;
    this.pendingCount = 0;
    if (this.pending.length > 4096) this.pending = new Int32Array(4096);
  }

  private grow(entry: number): void {
    const next = new Uint8Array(Math.max(entry + 1, this.counts.length * 2));
    next.set(this.counts);
    this.counts = next;
  }
}
