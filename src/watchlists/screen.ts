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
 *   counterparty in the designation index — one search of well under a millisecond each.
 * - A list change (a few to thousands of new or amended designations against up to 100,000
 *   counterparties): `screenChanges` searches only the counterparties whose key words the change
 *   holds (counterparty-index.ts), so its cost follows the change, not the watchlist, and a
 *   change hit scores exactly as `screen` would score it; a change of most of the lists
 *   searches everyone instead (FULL_RESCREEN_SHARE).
 */
import type { WatchlistHitAlert } from '../core/alert.js';
import type { Designation } from '../core/model.js';
import type { CounterpartyIndex, KeyedDesignations } from './counterparty-index.js';

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

/**
 * `screenCounterparties` of every member of `counterparties`, the same hits in the same order,
 * searching only the names that can reach the threshold (CounterpartyIndex.searchable): most
 * names of a watchlist cannot (90% of the generated benchmark's 100,000), and telling so costs a
 * few array reads per name against a search each.
 */
export function screenIndexed(counterparties: CounterpartyIndex, designations: ScreeningIndex): WatchlistHit[] {
  return screenCounterparties(counterparties.searchable(designations), designations);
}

/** A changed designation as the designation index holds it (the very object indexed, and its source). */
export interface ChangedDesignation {
  designation: Designation;
  source: string;
}

/** What change screening needs of the designation index: search, key words, entities, size. */
export interface ScreeningIndex extends DesignationSearch, KeyedDesignations {
  readonly size: number;
}

/**
 * Share of the indexed designations beyond which a change is screened by searching every
 * counterparty: finding candidates for that many changes costs about as much as the full
 * search it would save (a baseline-sized change touches most counterparties anyway).
 */
export const FULL_RESCREEN_SHARE = 0.5;

/**
 * Hits of a list change: the changed designations against the counterparties, scored in
 * `designations` (an index over every current designation holding these very objects), as a
 * full screen of every counterparty would score them — only the candidates are searched, or
 * everyone when the change is large (FULL_RESCREEN_SHARE).
 */
export function screenChanges(
  changed: readonly ChangedDesignation[],
  counterparties: CounterpartyIndex,
  designations: ScreeningIndex,
): { hits: WatchlistHit[]; searched: number; full: boolean } {
  if (changed.length === 0 || counterparties.size === 0) return { hits: [], searched: 0, full: false };
  const full = changed.length > FULL_RESCREEN_SHARE * designations.size;
  const searched = full ? counterparties.all() : counterparties.candidates(changed, designations);
  const only = new Set(changed.map((c) => c.designation));
  return { hits: screenCounterparties(searched, designations, { only }), searched: searched.length, full };
}
