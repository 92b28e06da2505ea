/**
 * The in-memory name index behind `/entity`, `entitywatch lookup` and watchlist screening. Pure:
 * no I/O; callers feed it designations and ask it names.
 *
 *   const index = new MatchIndex(designations);
 *   index.search('Hikvision');   // [{ name: 'Hangzhou Hikvision Digital Technology Co., Ltd.', score: 1, … }]
 *   index.upsert(changed, 'csl'); index.remove('EL:old name', 'csl');
 *
 * Every name and alias of a designation (and the parts of an "a.k.a." name, and the name without
 * its parenthesised part) is indexed as its own token set (names.ts), with postings from token to
 * names. A search generates candidates from the postings of the query tokens that can add most
 * (and their typo neighbours), bounds each candidate's query coverage from the accumulated
 * weights, and scores exactly only those that can still reach the threshold (score.ts). Hits are
 * then ranked and grouped into entities (groups.ts).
 */
import type { Designation } from '../model.js';
import { groupMembers, kindOf, type EntityKind, type GroupingView } from './groups.js';
import { NAME_GROUPING, NAME_PRIMARY, NameStore } from './names.js';
import { foldText, matchTerms, splitAliasText, surnameTokens, withoutParentheses, type MatchTerms } from './normalise.js';
import { planQuery, type QueryVariant } from './query.js';
import { MATCH_THRESHOLD, scoreName } from './score.js';
import { Vocabulary } from './vocab.js';

export interface MatchResult {
  /** Display name of the matched entity (primary name of its first designation). */
  name: string;
  /** The name or alias that matched best. */
  matchedName: string;
  /** 0..1; a result is only returned when score >= MATCH_THRESHOLD (or the threshold asked for). */
  score: number;
  /** Every designation of this entity (several lists, e.g. EL and CMIC, come back as ONE match). */
  designations: Designation[];
}

export interface SearchOptions {
  /** Most results (entities) to return; default 10. */
  limit?: number;
  /** Lowest score returned; default MATCH_THRESHOLD. */
  threshold?: number;
}

interface Entry {
  designation: Designation;
  kind: EntityKind;
  /** Every name id of the designation. */
  names: number[];
  /** Name id of the primary name as grouping compares it, or -1. */
  primaryName: number;
  /** Name ids of the aliases as grouping compares them. */
  aliasNames: number[];
  /** Distinct token ids over all names: what the designation adds to document frequencies. */
  tokens: number[];
}

interface Hit {
  entry: number;
  name: number;
  score: number;
  nameCoverage: number;
  /** Tie-breakers, filled in when ranking: the name as typed, and how many of its words the query lacks. */
  literal?: boolean;
  extra?: number;
}

export class MatchIndex {
  private readonly vocab = new Vocabulary();
  private readonly names = new NameStore();
  private readonly entries: Array<Entry | undefined> = [];
  private readonly byKey = new Map<string, number>();
  private readonly postings: Array<number[] | undefined> = [];
  private livePostings = 0;
  private deadPostings = 0;
  private accumulator = new Float64Array(1024);
  private found = new Float64Array(64);
  private readonly grouping: GroupingView = {
    kind: (entry) => this.entries[entry]?.kind,
    primaryName: (entry) => this.entries[entry]?.primaryName ?? -1,
    aliasNames: (entry) => this.entries[entry]?.aliasNames ?? [],
    sameNames: (name) => this.sameNames(name),
    isPrimary: (name) => (this.names.flags[name]! & NAME_PRIMARY) !== 0,
    entryOf: (name) => this.names.entry[name]!,
  };

  constructor(designations?: Iterable<Designation>) {
    if (designations) for (const d of designations) this.upsert(d);
  }

  /** Designations indexed. */
  get size(): number {
    return this.byKey.size;
  }

  /** Add a designation, or replace the one with the same source and key. */
  upsert(designation: Designation, source = ''): void {
    const key = `${source}\u0000${designation.key}`;
    const old = this.byKey.get(key);
    if (old !== undefined) this.removeEntry(old);
    const id = this.entries.length;
    const entry: Entry = { designation, kind: kindOf(designation.type), names: [], primaryName: -1, aliasNames: [], tokens: [] };
    const seen = new Set<string>();
    const raws = [designation.name, ...designation.aliases];
    for (let r = 0; r < raws.length; r++) {
      const segments = splitAliasText(raws[r]!);
      for (let s = 0; s < segments.length; s++) {
        const segment = segments[s]!;
        const flags = (r === 0 ? NAME_PRIMARY : 0) | (s === 0 ? NAME_GROUPING : 0);
        const name = this.addVariant(id, entry, segment, matchTerms(segment), flags, seen);
        if (s === 0 && name !== -1) {
          if (r === 0) entry.primaryName = name;
          else entry.aliasNames.push(name);
        }
        const bare = withoutParentheses(segment);
        if (bare !== null) this.addVariant(id, entry, segment, matchTerms(bare), flags & NAME_PRIMARY, seen);
      }
    }
    this.vocab.count(entry.tokens, 1);
    this.entries.push(entry);
    this.byKey.set(key, id);
  }

  /** Remove the designation with this key (and source); a no-op when it is not indexed. */
  remove(key: string, source = ''): void {
    const id = this.byKey.get(`${source}\u0000${key}`);
    if (id === undefined) return;
    this.removeEntry(id);
    this.byKey.delete(`${source}\u0000${key}`);
  }

  search(query: string, options: SearchOptions = {}): MatchResult[] {
    const threshold = options.threshold ?? MATCH_THRESHOLD;
    const limit = options.limit ?? 10;
    if (limit <= 0 || this.size === 0) return [];
    const plan = planQuery(query, this.vocab);
    const hits = new Map<number, Hit>();
    for (const variant of plan.variants) this.collect(variant, threshold, hits);
    return this.results(hits, limit, plan.literals);
  }

  /**
   * Index one name of a designation unless it repeats one already indexed for it; returns its
   * name id, or -1. A name that repeats an earlier one still becomes the grouping name when it is
   * the first part of a published name (its earlier twin then carries the flag).
   */
  private addVariant(entry: number, target: Entry, text: string, terms: MatchTerms, flags: number, seen: Set<string>): number {
    if (terms.tokens.length === 0) return -1;
    const signature = terms.tokens.join(' ');
    if (seen.has(signature)) {
      const twin = target.names.find((name) => this.signatureOf(name) === signature);
      if (twin === undefined) return -1;
      this.names.flags[twin]! |= flags;
      return twin;
    }
    seen.add(signature);
    const tokens = terms.tokens.map((token, i) => this.vocab.intern(token, terms.words[i]));
    let surname: number[] | null = null;
    if (target.kind === 'person') {
      // "SURNAME, Given": the part before the comma; otherwise either end may be the family name.
      const family = surnameTokens(text);
      surname = family ? family.map((token) => this.vocab.intern(token)) : [...new Set([tokens[0]!, tokens[tokens.length - 1]!])];
    }
    const id = this.names.add(entry, text, tokens, surname, flags);
    target.names.push(id);
    for (const token of tokens) {
      const list = this.postings[token];
      if (list) list.push(id);
      else this.postings[token] = [id];
      if (!target.tokens.includes(token)) target.tokens.push(token);
    }
    this.livePostings += tokens.length;
    if (this.names.size > this.accumulator.length) {
      const next = new Float64Array(this.accumulator.length * 2);
      next.set(this.accumulator);
      this.accumulator = next;
    }
    return id;
  }

  private signatureOf(name: number): string {
    const start = this.names.start[name]!;
    const tokens: string[] = [];
    for (let i = 0; i < this.names.count[name]!; i++) tokens.push(this.vocab.text(this.names.pool[start + i]!)!);
    return tokens.join(' ');
  }

  private removeEntry(id: number): void {
    const entry = this.entries[id];
    if (!entry) return;
    for (const name of entry.names) {
      this.livePostings -= this.names.count[name]!;
      this.deadPostings += this.names.count[name]!;
      this.names.remove(name);
    }
    this.vocab.count(entry.tokens, -1);
    this.entries[id] = undefined;
    if (this.deadPostings > this.livePostings) this.compactPostings();
  }

  /** Drop removed names from the postings and the name pool once they outnumber the live ones. */
  private compactPostings(): void {
    for (let token = 0; token < this.postings.length; token++) {
      const list = this.postings[token];
      if (!list) continue;
      const kept = list.filter((name) => this.names.live(name));
      this.postings[token] = kept.length > 0 ? kept : undefined;
    }
    this.names.compact();
    this.deadPostings = 0;
  }

  /** Live grouping names with the same tokens as `name`, found through the postings of its rarest token. */
  private *sameNames(name: number): Iterable<number> {
    const start = this.names.start[name]!;
    let rarest: number[] | undefined;
    for (let i = 0; i < this.names.count[name]!; i++) {
      const list = this.postings[this.names.pool[start + i]!];
      if (!list) return;
      if (!rarest || list.length < rarest.length) rarest = list;
    }
    for (const other of rarest ?? []) {
      if (this.names.live(other) && (this.names.flags[other]! & NAME_GROUPING) !== 0 && this.names.sameTokens(name, other)) yield other;
    }
  }

  /**
   * Score the names that can reach `threshold` for one reading of the query. A name's query
   * coverage is at most (what its tokens can add) / (the least the query can weigh). Tokens are
   * taken by what they can add, largest first, until the rest could not lift a name to the
   * threshold on their own; only names holding one of the taken tokens (or their typo
   * neighbours) are candidates, and only candidates whose accumulated bound still reaches the
   * threshold are scored exactly.
   */
  private collect(variant: QueryVariant, threshold: number, hits: Map<number, Hit>): void {
    const { tokens, factor } = variant;
    const gains = tokens.map((t) => t.expansions.reduce((most, e) => Math.max(most, e.weight * e.sim), 0));
    const floor = tokens.reduce(
      (sum, t) => sum + t.expansions.reduce((least, e) => Math.min(least, e.weight), t.missingWeight),
      0,
    );
    if (floor <= 0) return;
    const order = tokens.map((_, i) => i).sort((a, b) => gains[b]! - gains[a]!);
    let rest = gains.reduce((sum, gain) => sum + gain, 0);
    const acc = this.accumulator;
    const touched: number[] = [];
    for (const i of order) {
      if (rest / floor < threshold) break;
      rest -= gains[i]!;
      for (const expansion of tokens[i]!.expansions) {
        const gain = expansion.weight * expansion.sim;
        for (const name of this.postings[expansion.id] ?? []) {
          if (acc[name] === 0) touched.push(name);
          acc[name]! += gain;
        }
      }
    }
    const weightOf = (id: number): number => this.vocab.weight(id);
    for (const name of touched) {
      const bound = (acc[name]! + rest) / floor;
      acc[name] = 0;
      if (bound < threshold || !this.names.live(name)) continue;
      if (this.names.count[name]! > this.found.length) this.found = new Float64Array(this.names.count[name]!);
      const score = scoreName(tokens, this.names, name, weightOf, this.found);
      this.offer(hits, name, score.score * factor, score.nameCoverage, threshold);
    }
  }

  private offer(hits: Map<number, Hit>, name: number, score: number, nameCoverage: number, threshold: number): void {
    if (score < threshold) return;
    const entry = this.names.entry[name]!;
    const current = hits.get(entry);
    if (current && (current.score > score || (current.score === score && current.nameCoverage >= nameCoverage))) return;
    hits.set(entry, { entry, name, score, nameCoverage });
  }

  /**
   * Rank hits and group them into entities. Ties (a name and someone else's alias both equal to
   * the query, a vessel and a company of one name) go to the name written as typed, then to the
   * name with fewer words the query lacks, then to primary names, then to the first indexed.
   */
  private results(hits: Map<number, Hit>, limit: number, literals: readonly string[]): MatchResult[] {
    const typed = new Set(literals.flatMap((literal) => literal.split(' ')));
    const ranked = [...hits.values()];
    for (const hit of ranked) {
      const folded = foldText(this.names.texts[hit.name]!);
      hit.literal = literals.includes(folded);
      hit.extra = folded.split(' ').filter((word) => !typed.has(word)).length;
    }
    const primary = (hit: Hit): number => this.names.flags[hit.name]! & NAME_PRIMARY;
    ranked.sort(
      (a, b) =>
        b.score - a.score ||
        b.nameCoverage - a.nameCoverage ||
        Number(b.literal) - Number(a.literal) ||
        a.extra! - b.extra! ||
        primary(b) - primary(a) ||
        a.entry - b.entry,
    );
    const claimed = new Set<number>();
    const out: MatchResult[] = [];
    for (const hit of ranked) {
      if (claimed.has(hit.entry)) continue;
      const members = groupMembers(hit.entry, this.grouping);
      for (const member of members) claimed.add(member);
      const designations = members.map((member) => this.entries[member]!.designation);
      out.push({
        name: designations[0]!.name,
        matchedName: this.names.texts[hit.name]!,
        score: Math.round(hit.score * 1000) / 1000,
        designations,
      });
      if (out.length >= limit) break;
    }
    return out;
  }
}
