/**
 * Watchlist hits of one list change → one high-priority alert. Pure.
 *
 *   buildWatchlistHitAlert({ id, source: 'csl', createdAt, hits, added: new Set(['EL:…']) })
 *   // { kind: 'watchlist-hit', priority: 'high', title: 'Watchlist hit — 1 counterparty on a new designation', hits }
 */
import type { WatchlistHitAlert } from '../core/alert.js';
import type { WatchlistHit } from './screen.js';

export interface WatchlistHitAlertInput {
  id: string;
  source: string;
  createdAt: string;
  hits: readonly WatchlistHit[];
  /** Keys of the designations this change added (the others hit were amended). */
  added: ReadonlySet<string>;
  /** "Screened 3 changed designations against 1,204 counterparties in 2 watchlists". */
  notes?: string[];
}

function counterpartyKey(hit: WatchlistHit): string {
  return `${hit.watchlist}\u0000${hit.counterparty}\u0000${hit.reference ?? ''}`;
}

/** "on a new designation", "on new or amended designations", … */
function onWhat(hits: readonly WatchlistHit[], added: ReadonlySet<string>): string {
  const designations = new Set(hits.map((hit) => hit.designationKey));
  const adds = [...designations].filter((key) => added.has(key)).length;
  const kind = adds === designations.size ? 'new' : adds === 0 ? 'amended' : 'new or amended';
  return designations.size === 1 ? `on ${kind === 'amended' ? 'an' : 'a'} ${kind} designation` : `on ${kind} designations`;
}

/** Best score first, then by watchlist and counterparty, so the likeliest hit leads. */
export function buildWatchlistHitAlert(input: WatchlistHitAlertInput): WatchlistHitAlert {
  const hits = [...input.hits].sort(
    (a, b) => b.score - a.score || a.watchlist.localeCompare(b.watchlist) || a.counterparty.localeCompare(b.counterparty) || a.designationKey.localeCompare(b.designationKey),
  );
  const counterparties = new Set(hits.map(counterpartyKey)).size;
  return {
    id: input.id,
    kind: 'watchlist-hit',
    source: input.source,
    createdAt: input.createdAt,
    title: `Watchlist hit — ${counterparties} ${counterparties === 1 ? 'counterparty' : 'counterparties'} ${onWhat(hits, input.added)}`,
    priority: 'high',
    threadOf: null,
    notes: input.notes ?? [],
    links: [],
    hits,
  };
}
