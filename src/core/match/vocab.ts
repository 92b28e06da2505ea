/**
 * The index's vocabulary: token ids, document frequencies and the weights derived from them.
 * Pure; updated incrementally as designations come and go.
 *
 *   weight = ln((N + 1) / (df + 0.5))     N = designations indexed, df = designations using the token
 *
 * A token counts once per designation however many of its aliases repeat it, so an OFAC entry
 * with twenty spellings does not make its own name look common. Generic business words
 * (tokens.ts) have their df floored (see GENERIC_SHARE).
 */
import { TrigramIndex } from './fuzzy.js';
import { GENERIC_WORDS } from './tokens.js';

const MIN_WEIGHT = 0.05;

/**
 * Generic words count as used by at least 2 % of designations, and by at least 20: in a small
 * index (a test corpus, one list) a handful of uses would otherwise make "marine" look rare and
 * squeeze every rarity between "generic" and "unique" into a narrow band.
 */
const GENERIC_SHARE = 0.02;
const GENERIC_FLOOR = 20;

export class Vocabulary {
  /** Token → id; not kept (see `kept`), rebuilt from `texts` on restore. */
  private ids = new Map<string, number>();
  private readonly texts: string[] = [];
  private df = new Int32Array(1024);
  private generic = new Uint8Array(1024);
  /** Weights computed since the last change of N or df, stamped with `version`. */
  private cached = new Float64Array(1024);
  private stamps = new Uint32Array(1024);
  /** Rarities likewise (scoring asks for every unmatched name token's). */
  private rarities = new Float64Array(1024);
  private rarityStamps = new Uint32Array(1024);
  private version = 1;
  private readonly trigrams = new TrigramIndex();
  /** Unfolded spellings already filed in the trigram index. */
  private readonly spellings = new Set<string>();
  /** Designations indexed (N). */
  documents = 0;

  /** Number of distinct tokens ever seen (ids are never reused). */
  get size(): number {
    return this.texts.length;
  }

  id(token: string): number | undefined {
    return this.ids.get(token);
  }

  text(id: number): string | undefined {
    return this.texts[id];
  }

  /**
   * The id of a token, created on first sight. `word` is the spelling it was folded from
   * ("networks" for "network"); typo search finds the token under either. `known`: the token's
   * id when the caller has just looked it up (`id`), to spare a second lookup.
   */
  intern(token: string, word: string = token, known?: number): number {
    let id = known ?? this.ids.get(token);
    if (id === undefined) {
      id = this.texts.length;
      this.ids.set(token, id);
      this.texts.push(token);
      if (id >= this.df.length) this.grow();
      this.generic[id] = GENERIC_WORDS.has(token) ? 1 : 0;
      this.trigrams.add(id, token);
    }
    if (word !== token && !this.spellings.has(word)) {
      this.spellings.add(word);
      this.trigrams.add(id, word);
    }
    return id;
  }

  /** Record one designation's distinct tokens, tokens[0 .. n] (+1), or their removal (-1). */
  count(tokens: ArrayLike<number>, n: number, delta: 1 | -1): void {
    for (let i = 0; i < n; i++) this.df[tokens[i]!]! += delta;
    this.documents += delta;
    this.version++;
  }

  /** Designations using the token now. */
  frequency(id: number): number {
    return this.df[id] ?? 0;
  }

  /** Weight of a token by id. */
  weight(id: number): number {
    if (this.stamps[id] === this.version) return this.cached[id]!;
    const weight = this.weightFor(this.df[id]!, this.generic[id] === 1);
    this.cached[id] = weight;
    this.stamps[id] = this.version;
    return weight;
  }

  /** Weight of a token by text, whether or not the index has it. */
  weightOfText(token: string): number {
    const id = this.ids.get(token);
    if (id !== undefined) return this.weight(id);
    return this.weightFor(0, GENERIC_WORDS.has(token));
  }

  /**
   * 0..1: where the token's weight lies between a generic word's (0) and that of a token only one
   * designation uses (1). Relative to the generic floor rather than to zero, so that in a small
   * index "university" does not look rare. Halved for tokens of 1–3 letters (initials, acronyms).
   */
  rarity(id: number): number {
    if (this.rarityStamps[id] === this.version) return this.rarities[id]!;
    const rarity = this.rarityFor(id);
    this.rarities[id] = rarity;
    this.rarityStamps[id] = this.version;
    return rarity;
  }

  private rarityFor(id: number): number {
    const top = this.weightFor(1, false);
    const generic = this.weightFor(0, true);
    if (top <= generic) return 0;
    const rarity = Math.min(1, Math.max(0, (this.weight(id) - generic) / (top - generic)));
    return this.texts[id]!.length <= 3 ? rarity / 2 : rarity;
  }

  /** rarity() of a token by text; a token the index lacks counts as rare (halved for 1–3 letters) unless generic. */
  rarityOfText(token: string): number {
    const id = this.ids.get(token);
    if (id !== undefined && this.df[id]! > 0) return this.rarity(id);
    if (GENERIC_WORDS.has(token)) return 0;
    return token.length <= 3 ? 0.5 : 1;
  }

  /** Spellings filed in the typo index so far: a mark for `spellingsSince`. */
  get spellingCount(): number {
    return this.trigrams.size;
  }

  /** Spellings filed in the typo index since the mark (new tokens, and new words of old tokens). */
  spellingsSince(mark: number): string[] {
    return this.trigrams.textsSince(mark);
  }

  /**
   * Merge the typo index's recent filings into its flat lists now rather than at the next
   * lookup (a bulk build leaves them pending: fuzzy.ts). Answers do not change.
   */
  pack(): void {
    this.trigrams.pack();
  }

  /**
   * The vocabulary as plain data to keep (persist.ts): its fields, the typo index packed into its
   * flat lists, and without the token → id map, which `restored` rebuilds from the texts in id
   * order (the order it was filled in) faster than a deserialiser rebuilds a kept Map.
   */
  kept(): object {
    this.trigrams.pack();
    const { ids: _ids, ...fields } = this;
    return fields;
  }

  /** The vocabulary a `kept()` (through serialisation) was taken from. */
  static restored(fields: object): Vocabulary {
    const vocab = Object.setPrototypeOf(fields, Vocabulary.prototype) as Vocabulary;
    Object.setPrototypeOf(vocab.trigrams, TrigramIndex.prototype);
    const ids = new Map<string, number>();
    const texts = vocab.texts;
    for (let id = 0; id < texts.length; id++) ids.set(texts[id]!, id);
    vocab.ids = ids;
    return vocab;
  }

  /** Tokens ever filed within typo reach of `token`, in use or not, as [id, edits] (callers check use). */
  nearAny(token: string, cap = 2): Array<[number, number]> {
    return this.trigrams.near(token, () => true, cap);
  }

  /** Tokens in use within typo reach of `token` (fuzzy.ts), at most `cap` edits, as [id, edits]. */
  near(token: string, cap = 2): Array<[number, number]> {
    return this.trigrams.near(token, (id) => this.df[id]! > 0, cap);
  }

  private weightFor(df: number, generic: boolean): number {
    const n = this.documents;
    const effective = generic ? Math.max(df, GENERIC_FLOOR, GENERIC_SHARE * n) : df;
    return Math.max(MIN_WEIGHT, Math.log((n + 1) / (effective + 0.5)));
  }

  private grow(): void {
    const size = this.df.length * 2;
    const df = new Int32Array(size);
    df.set(this.df);
    this.df = df;
    const generic = new Uint8Array(size);
    generic.set(this.generic);
    this.generic = generic;
    this.cached = new Float64Array(size);
    this.stamps = new Uint32Array(size);
    this.rarities = new Float64Array(size);
    this.rarityStamps = new Uint32Array(size);
  }
}
