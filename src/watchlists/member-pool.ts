/**
 * The counterparties of a CounterpartyIndex held compactly: each distinct spelling once, each
 * distinct name once as spelling ids in one Int32Array (no-keys.ts's encoding), postings as
 * ranges of one Int32Array — instead of arrays of strings per member, which for 100,000
 * counterparties cost several times the memory. Pure; built once, never changed.
 *
 *   const pool = new MemberPool(counterparties);
 *   pool.idOf('hikvision');            // the spelling's number, or undefined
 *   pool.postings(id);                 // positions of the members holding it, ascending
 *   pool.segments(position);           // the member's alias segments, as screening reads them
 *
 * Segments are kept as the engine reads a query: at most MAX_QUERY_WORDS tokens each (query.ts
 * `planQuery`, keys.ts `readingsOf` read no further), so what is decoded is what a search of the
 * name would read. Postings hold every spelling of the name, the ones beyond that too.
 */
import { matchTerms, splitAliasText, type MatchTerms } from '../core/match/normalise.js';
import { encodeSegment } from './no-keys.js';
import type { ScreenedCounterparty } from './screen.js';

/** The alias segments of a name as the engine reads a query. */
export function segmentsOf(name: string): MatchTerms[] {
  return splitAliasText(name).map((segment) => matchTerms(segment)).filter((terms) => terms.tokens.length > 0);
}

/**
 * A pool as plain data (what `parts()` gives and the constructor takes back): it depends only
 * on the members' names, in order, and on how the engine reads them (normalise.ts).
 */
export interface MemberPoolParts {
  /** Spellings by number. */
  spellings: string[];
  encoded: Int32Array;
  from: Int32Array;
  to: Int32Array;
  positions: Int32Array;
  postingAt: Int32Array;
}

export class MemberPool {
  readonly counterparties: readonly ScreenedCounterparty[];
  /** Spelling → its number; numbers index `spellings` and the postings. */
  private readonly ids = new Map<string, number>();
  readonly spellings: string[] = [];
  /** Distinct names encoded one after the other; member i's name at encoded[from[i], to[i]). */
  readonly encoded: Int32Array;
  readonly from: Int32Array;
  readonly to: Int32Array;
  /** Spelling id s's members at positions[postingAt[s], postingAt[s + 1]). */
  private readonly positions: Int32Array;
  private readonly postingAt: Int32Array;

  /**
   * `parts`: the pool `parts()` gave for these very names, taken as it is instead of reading the
   * names again (the caller vouches that they are the same, in the same order).
   */
  constructor(counterparties: readonly ScreenedCounterparty[], parts?: MemberPoolParts) {
    this.counterparties = counterparties;
    if (parts) {
      if (parts.from.length !== counterparties.length || parts.postingAt.length !== parts.spellings.length + 1) throw new Error('member pool parts of another pool');
      this.spellings = parts.spellings;
      parts.spellings.forEach((spelling, id) => this.ids.set(spelling, id));
      ({ encoded: this.encoded, from: this.from, to: this.to, positions: this.positions, postingAt: this.postingAt } = parts);
      return;
    }
    const n = counterparties.length;
    this.from = new Int32Array(n);
    this.to = new Int32Array(n);
    const pool: number[] = [];
    // Per distinct name, while building: its range in `pool` and its distinct spelling ids.
    const names = new Map<string, { from: number; to: number; mine: number[] }>();
    const idOf = (spelling: string): number => {
      let id = this.ids.get(spelling);
      if (id === undefined) {
        id = this.spellings.length;
        this.ids.set(spelling, id);
        this.spellings.push(spelling);
      }
      return id;
    };
    const filed: number[][] = [];
    for (let position = 0; position < n; position++) {
      const name = counterparties[position]!.name;
      let known = names.get(name);
      if (!known) {
        const mine: number[] = [];
        const start = pool.length;
        // Each spelling looked up once: numbered in the order met (tokens, then words, per segment).
        for (const { tokens, words } of segmentsOf(name)) {
          const tokenIds = tokens.map(idOf);
          const wordIds = words.map(idOf);
          for (const id of tokenIds) if (!mine.includes(id)) mine.push(id);
          for (const id of wordIds) if (!mine.includes(id)) mine.push(id);
          encodeSegment(tokenIds, wordIds, pool);
        }
        names.set(name, (known = { from: start, to: pool.length, mine }));
      }
      this.from[position] = known.from;
      this.to[position] = known.to;
      for (const id of known.mine) (filed[id] ??= []).push(position);
    }
    this.encoded = Int32Array.from(pool);
    this.postingAt = new Int32Array(this.spellings.length + 1);
    let total = 0;
    for (let id = 0; id < this.spellings.length; id++) {
      this.postingAt[id] = total;
      total += filed[id]!.length;
    }
    this.postingAt[this.spellings.length] = total;
    this.positions = new Int32Array(total);
    for (let id = 0; id < this.spellings.length; id++) this.positions.set(filed[id]!, this.postingAt[id]);
  }

  get size(): number {
    return this.counterparties.length;
  }

  /** The pool as plain data (views of its own arrays: do not change them). */
  parts(): MemberPoolParts {
    return { spellings: this.spellings, encoded: this.encoded, from: this.from, to: this.to, positions: this.positions, postingAt: this.postingAt };
  }

  idOf(spelling: string): number | undefined {
    return this.ids.get(spelling);
  }

  has(spelling: string): boolean {
    return this.ids.has(spelling);
  }

  /** Positions of the members whose name holds spelling `id`, ascending (a view: do not keep). */
  postings(id: number): Int32Array {
    return this.positions.subarray(this.postingAt[id], this.postingAt[id + 1]);
  }

  /** The member's alias segments (tokens and words, MAX_QUERY_WORDS at most each), decoded. */
  segments(position: number): MatchTerms[] {
    const out: MatchTerms[] = [];
    const end = this.to[position]!;
    for (let at = this.from[position]!; at < end; ) {
      const k = this.encoded[at]!;
      const tokens: string[] = [];
      const words: string[] = [];
      for (let i = 0; i < k; i++) {
        tokens.push(this.spellings[this.encoded[at + 1 + i]!]!);
        words.push(this.spellings[this.encoded[at + 1 + k + i]!]!);
      }
      out.push({ tokens, words });
      at += 1 + 2 * k;
    }
    return out;
  }

  /**
   * Whether a segment of the member holds spelling ids `head` then `tail` as adjacent tokens, or
   * (`all`, with `tail` unused) holds more than two tokens, the first `head`, that glued spell `all`.
   */
  glues(position: number, head: number, tail: number | undefined, all: string): boolean {
    const end = this.to[position]!;
    for (let at = this.from[position]!; at < end; at += 1 + 2 * this.encoded[at]!) {
      const k = this.encoded[at]!;
      for (let i = 0; i < k; i++) {
        if (this.encoded[at + 1 + i] !== head) continue;
        if (tail !== undefined && i + 1 < k && this.encoded[at + 2 + i] === tail) return true;
        if (i === 0 && k > 2 && this.joined(at, k) === all) return true;
        break;
      }
    }
    return false;
  }

  private joined(at: number, k: number): string {
    let out = '';
    for (let i = 0; i < k; i++) out += this.spellings[this.encoded[at + 1 + i]!]!;
    return out;
  }
}
