/**
 * The in-memory name index behind `/entity`, `entitywatch lookup` and watchlist screening. Pure:
 * no I/O; callers feed it designations and ask it names.
 *
 *   const index = new MatchIndex(designations);
 *   index.search('Hikvision');   // [{ name: 'Hangzhou Hikvision Digital Technology Co., Ltd.', score: 0.97, … }]
 *   index.upsert(changed, 'csl'); index.remove('EL:old name', 'csl');
 *
 * Every name and alias of a designation (and the parts of an "a.k.a." name, and the name without
 * its parenthesised part) is indexed as its own token set. A search generates candidates from the
 * postings of its heaviest tokens (and their typo neighbours), bounds each candidate's query
 * coverage from the accumulated weights, and scores exactly only those that can still reach the
 * threshold (score.ts). Hits are then grouped into entities (groups.ts).
 */
import type { Designation } from '../model.js';
import { Groups, kindOf, type EntityKind, type Groupable } from './groups.js';
import { matchTokens, normaliseForMatch, splitAliasText, surnameTokens, withoutParentheses } from './normalise.js';
import { planQuery, type QueryVariant } from './query.js';
import { MATCH_THRESHOLD, scoreName, type ScoredName } from './score.js';
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

/** Score of a whole-name match on the space-free form only ("Quantum C Tek" = "QuantumCTek"). */
const COMPACT_SCORE = 0.97;

interface Entry extends Groupable {
  designation: Designation;
  names: number[];
  /** Distinct token ids over all names: what the designation adds to document frequencies. */
  tokens: number[];
}

interface IndexedName extends ScoredName {
  entry: number;
  /** The alias text as published (one "a.k.a." part of it). */
  text: string;
  compacts: string[];
}

interface Hit {
  entry: number;
  name: number;
  score: number;
  nameCoverage: number;
}

function unique(words: readonly string[]): string[] {
  return [...new Set(words)];
}

export class MatchIndex {
  private readonly vocab = new Vocabulary();
  private readonly groups = new Groups();
  private readonly entries: Array<Entry | undefined> = [];
  private readonly names: Array<IndexedName | undefined> = [];
  private readonly byKey = new Map<string, number>();
  private readonly postings: Array<number[] | undefined> = [];
  private readonly compacts = new Map<string, number[]>();
  private livePostings = 0;
  private deadPostings = 0;
  private accumulator = new Float64Array(1024);
  private readonly found = new Float64Array(256);

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
    const kind = kindOf(designation.type);
    const entry: Entry = {
      designation,
      names: [],
      tokens: [],
      kind,
      primary: normaliseForMatch(designation.name),
      aliases: [],
    };
    entry.aliases = unique(designation.aliases.map(normaliseForMatch)).filter((a) => a !== '' && a !== entry.primary);
    const distinct = new Set<number>();
    const seen = new Set<string>();
    for (const raw of [designation.name, ...designation.aliases]) {
      for (const segment of splitAliasText(raw)) {
        for (const variant of [segment, withoutParentheses(segment)]) {
          if (variant === null) continue;
          const words = unique(matchTokens(variant));
          const signature = words.join(' ');
          if (words.length === 0 || seen.has(signature)) continue;
          seen.add(signature);
          const nameId = this.addName(id, segment, words, kind);
          entry.names.push(nameId);
          for (const token of this.names[nameId]!.tokens) distinct.add(token);
        }
      }
    }
    entry.tokens = [...distinct];
    this.vocab.count(entry.tokens, 1);
    this.entries.push(entry);
    this.byKey.set(key, id);
    this.groups.add(id, entry);
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
    for (const compact of plan.compacts) {
      for (const nameId of this.compacts.get(compact) ?? []) this.offer(hits, nameId, COMPACT_SCORE, 1, threshold);
    }
    return this.results(hits, limit);
  }

  private addName(entry: number, text: string, words: string[], kind: EntityKind): number {
    const id = this.names.length;
    const tokens = Int32Array.from(words, (word) => this.vocab.intern(word));
    let surname: Int32Array | null = null;
    const compacts = [words.join('')];
    if (kind === 'person') {
      const family = surnameTokens(text);
      if (family) {
        surname = Int32Array.from(family, (word) => this.vocab.intern(word));
        const given = words.filter((word) => !family.includes(word));
        compacts.push([...given, ...family].join(''));
      } else {
        // Name order unknown ("Wei Jiun Chu", "Alex Ardalan"): either end may be the family name.
        surname = Int32Array.from(new Set([tokens[0]!, tokens[tokens.length - 1]!]));
      }
    }
    this.names.push({ entry, text, tokens, surname, compacts });
    for (const token of tokens) {
      const list = this.postings[token];
      if (list) list.push(id);
      else this.postings[token] = [id];
    }
    this.livePostings += tokens.length;
    for (const compact of compacts) {
      const list = this.compacts.get(compact);
      if (list) list.push(id);
      else this.compacts.set(compact, [id]);
    }
    if (id >= this.accumulator.length) {
      const next = new Float64Array(this.accumulator.length * 2);
      next.set(this.accumulator);
      this.accumulator = next;
    }
    return id;
  }

  private removeEntry(id: number): void {
    const entry = this.entries[id];
    if (!entry) return;
    for (const nameId of entry.names) {
      const name = this.names[nameId]!;
      for (const compact of name.compacts) {
        const list = this.compacts.get(compact)?.filter((other) => other !== nameId);
        if (list && list.length > 0) this.compacts.set(compact, list);
        else this.compacts.delete(compact);
      }
      this.livePostings -= name.tokens.length;
      this.deadPostings += name.tokens.length;
      this.names[nameId] = undefined;
    }
    this.vocab.count(entry.tokens, -1);
    this.groups.remove(id, entry);
    this.entries[id] = undefined;
    if (this.deadPostings > this.livePostings) this.compactPostings();
  }

  /** Drop removed names from the postings once they outnumber the live ones. */
  private compactPostings(): void {
    for (let token = 0; token < this.postings.length; token++) {
      const list = this.postings[token];
      if (!list) continue;
      const kept = list.filter((nameId) => this.names[nameId] !== undefined);
      this.postings[token] = kept.length > 0 ? kept : undefined;
    }
    this.deadPostings = 0;
  }

  /**
   * Score the names that can reach `threshold` for one reading of the query. Tokens are taken
   * heaviest first until the rest could not lift a name to the threshold on their own; only
   * names holding one of those taken tokens are considered.
   */
  private collect(variant: QueryVariant, threshold: number, hits: Map<number, Hit>): void {
    const { tokens, factor } = variant;
    const most = tokens.map((t) => Math.max(t.missingWeight, ...t.expansions.map((e) => e.weight)));
    const least = tokens.map((t) => Math.min(t.missingWeight, ...t.expansions.map((e) => e.weight)));
    const floor = least.reduce((sum, w) => sum + w, 0);
    if (floor <= 0) return;
    const order = tokens.map((_, i) => i).sort((a, b) => most[b]! - most[a]!);
    let rest = most.reduce((sum, w) => sum + w, 0);
    const acc = this.accumulator;
    const touched: number[] = [];
    for (const i of order) {
      if (rest / floor < threshold) break;
      rest -= most[i]!;
      for (const expansion of tokens[i]!.expansions) {
        const gain = expansion.weight * expansion.sim;
        for (const nameId of this.postings[expansion.id] ?? []) {
          if (acc[nameId] === 0) touched.push(nameId);
          acc[nameId]! += gain;
        }
      }
    }
    for (const nameId of touched) {
      const bound = (acc[nameId]! + rest) / floor;
      acc[nameId] = 0;
      if (bound < threshold) continue;
      const name = this.names[nameId];
      if (!name) continue;
      const found = name.tokens.length <= this.found.length ? this.found : new Float64Array(name.tokens.length);
      const score = scoreName(tokens, name, (id) => this.vocab.weight(id), found);
      this.offer(hits, nameId, score.score * factor, score.nameCoverage, threshold);
    }
  }

  private offer(hits: Map<number, Hit>, nameId: number, score: number, nameCoverage: number, threshold: number): void {
    if (score < threshold) return;
    const name = this.names[nameId];
    if (!name) return;
    const current = hits.get(name.entry);
    if (current && (current.score > score || (current.score === score && current.nameCoverage >= nameCoverage))) return;
    hits.set(name.entry, { entry: name.entry, name: nameId, score, nameCoverage });
  }

  private results(hits: Map<number, Hit>, limit: number): MatchResult[] {
    const ranked = [...hits.values()].sort(
      (a, b) => b.score - a.score || b.nameCoverage - a.nameCoverage || a.entry - b.entry,
    );
    const claimed = new Set<number>();
    const out: MatchResult[] = [];
    for (const hit of ranked) {
      if (claimed.has(hit.entry)) continue;
      const members = this.groups.members(hit.entry, (id) => this.entries[id]);
      for (const member of members) claimed.add(member);
      const designations = members.map((member) => this.entries[member]!.designation);
      out.push({
        name: designations[0]!.name,
        matchedName: this.names[hit.name]!.text,
        score: Math.round(hit.score * 1000) / 1000,
        designations,
      });
      if (out.length >= limit) break;
    }
    return out;
  }
}
