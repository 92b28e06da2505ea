/**
 * Screening counterparties against designations with the matching engine. Pure.
 *
 * A hit means what `entitywatch lookup <counterparty>` would show: the counterparty's name is the
 * query, searched in a `MatchIndex` over every current designation (so token weights are those of
 * the real lists), and a designation the search returns at or above MATCH_THRESHOLD is a hit —
 * unless the counterparty has a country and the designation names others. The direction matters:
 * the engine scores how much of the query a name explains, so "Toshiba" finds "Toshiba Machine
 * Co., Ltd." (1.0) while the name searched among counterparties finds "Toshiba" at only 0.22.
 *
 * Two uses, two shapes of work:
 * - `screen NAME` (everything against one watchlist): `screenCounterparties` queries each
 *   counterparty in the designation index — one ~1 ms search each.
 * - A list change (a handful of new or amended designations against up to 100,000
 *   counterparties): searching every counterparty for a few new names would cost seconds per
 *   change, so `CounterpartyIndex` indexes the counterparties once (the worker caches it until
 *   the watchlists change) and each changed designation's names pick, in one search, the
 *   counterparties sharing a word or a near-spelling with them. Only those candidates are then
 *   searched as above (`screenChanges`), so a change hit scores exactly as `screen` would score
 *   it. What this can miss: a counterparty that shares no word with the new designation and is
 *   found only because the engine groups the new designation with another listing of the same
 *   entity ("Telecommunications" → China Telecommunications Corp., grouped with CMIC's "China
 *   Telecom Corporation Limited"); that listing itself was screened when it appeared.
 */
import type { WatchlistHitAlert } from '../core/alert.js';
import { MatchIndex } from '../core/match/index.js';
import { blankDesignation, type Designation } from '../core/model.js';

/** One counterparty of one watchlist (the store's WatchlistMember). */
export interface ScreenedCounterparty {
  watchlist: string;
  name: string;
  /** ISO-2, or null for any country. */
  country: string | null;
  reference: string | null;
}

export type WatchlistHit = WatchlistHitAlert['hits'][number];

/** What screening needs of a designation index: `MatchIndex` and the handlers' LookupIndex fit. */
export interface DesignationSearch {
  search(query: string, options: { limit: number }): ReadonlyArray<{ matchedName: string; score: number; designations: readonly Designation[] }>;
}

/**
 * Entities asked for per counterparty. Far above what a name really matches ("Huawei" finds
 * about 150 entities on the Entity List): every listing at or above the threshold is reported.
 */
export const ENTITIES_PER_COUNTERPARTY = 1000;

/**
 * Lowest reverse score that makes a counterparty a candidate: anything above zero, i.e. any
 * shared word or near-spelling. Measured on the real CSL (4,227 rows) against 22,000
 * counterparties: a threshold of 0.05 lost 4 of 49 true hits, 0.001 and this none but the two
 * grouping cases described above, at ~20 ms per changed designation.
 */
const CANDIDATE_THRESHOLD = Number.MIN_VALUE;

function countryAllows(counterparty: ScreenedCounterparty, designation: Designation): boolean {
  return counterparty.country === null || designation.countries.length === 0 || designation.countries.includes(counterparty.country);
}

/**
 * Search each counterparty's name in `designations`; one hit per (counterparty, designation),
 * in counterparty order, best score first. `only`: keep designations in this set (compared by
 * identity: pass the objects that were indexed).
 */
export function screenCounterparties(
  counterparties: Iterable<ScreenedCounterparty>,
  designations: DesignationSearch,
  options: { only?: ReadonlySet<Designation> } = {},
): WatchlistHit[] {
  const { only } = options;
  const searched = new Map<string, ReturnType<DesignationSearch['search']>>();
  const hits: WatchlistHit[] = [];
  for (const counterparty of counterparties) {
    let results = searched.get(counterparty.name);
    if (!results) {
      results = designations.search(counterparty.name, { limit: ENTITIES_PER_COUNTERPARTY });
      searched.set(counterparty.name, results);
    }
    for (const result of results) {
      for (const d of result.designations) {
        if (only && !only.has(d)) continue;
        if (!countryAllows(counterparty, d)) continue;
        hits.push({
          watchlist: counterparty.watchlist,
          counterparty: counterparty.name,
          reference: counterparty.reference,
          designationKey: d.key,
          designationName: d.name,
          list: d.list,
          matchedName: result.matchedName,
          score: result.score,
        });
      }
    }
  }
  return hits;
}

/** A counterparty as the engine indexes it: its name only, keyed by its position. */
function asDesignation(counterparty: ScreenedCounterparty, position: number): Designation {
  // list is unused by the engine; a Designation needs one.
  return blankDesignation({ key: String(position), list: 'EL', listName: counterparty.watchlist, name: counterparty.name });
}

/** Counterparties indexed by name, to find which of them a changed designation concerns. */
export class CounterpartyIndex {
  private readonly index = new MatchIndex();
  private readonly members: readonly ScreenedCounterparty[];

  constructor(members: readonly ScreenedCounterparty[]) {
    this.members = members;
    members.forEach((member, i) => this.index.upsert(asDesignation(member, i)));
  }

  get size(): number {
    return this.members.length;
  }

  /** Counterparties sharing a word or a near-spelling with the designation's name or an alias, in import order. */
  candidates(designation: Designation): ScreenedCounterparty[] {
    const positions = new Set<number>();
    for (const name of [designation.name, ...designation.aliases]) {
      for (const result of this.index.search(name, { limit: this.members.length, threshold: CANDIDATE_THRESHOLD })) {
        for (const d of result.designations) positions.add(Number(d.key));
      }
    }
    return [...positions].sort((a, b) => a - b).map((i) => this.members[i]!);
  }
}

/**
 * Hits of a list change: `changed` (new and amended designations) against the counterparties,
 * scored in `designations`, an index over every current designation that holds these very
 * `changed` objects.
 */
export function screenChanges(
  changed: readonly Designation[],
  counterparties: CounterpartyIndex,
  designations: DesignationSearch,
): WatchlistHit[] {
  const positions = new Map<ScreenedCounterparty, true>();
  for (const d of changed) for (const c of counterparties.candidates(d)) positions.set(c, true);
  return screenCounterparties(positions.keys(), designations, { only: new Set(changed) });
}
