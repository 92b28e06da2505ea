/**
 * The poll cycle's watchlist screening: the new and amended designations of an accepted
 * snapshot against every counterparty watchlist, as one high-priority alert (or none).
 *
 *   const hit = await watchlistHitAlert({ store, log, source: 'csl', diff, at, newId });
 *   // null without watchlists or hits; otherwise committed beside the designation alerts
 *
 * Without a watchlist this costs one small query and builds nothing. With watchlists, the
 * counterparty index is built once and kept per store until the watchlists change (an import,
 * replace or removal moves their counts or update times); the designation index the hits are
 * scored in (see src/watchlists/screen.ts) is built per change from the store's current
 * designations with this change applied, since the store only holds them after the commit.
 */
import type { Logger } from 'pino';
import type { SourceHealthAlert, WatchlistHitAlert } from '../core/alert.js';
import { describeError } from '../errors.js';
import { MatchIndex } from '../core/match/index.js';
import type { Designation, SnapshotDiff } from '../core/model.js';
import { buildWatchlistHitAlert } from '../watchlists/alert.js';
import { CounterpartyIndex, screenChanges } from '../watchlists/screen.js';
import type { Store, WatchlistSummary } from '../../store/types.js';

export interface WatchlistScreenInput {
  store: Store;
  log: Logger;
  /** The source whose snapshot changed. */
  source: string;
  diff: SnapshotDiff;
  /** The snapshot's time: the alert's createdAt. */
  at: string;
  newId: () => string;
}

/** Per store: the counterparty index and the watchlists it was built from. */
const counterpartyIndexes = new WeakMap<Store, { version: string; index: CounterpartyIndex }>();

function versionOf(watchlists: readonly WatchlistSummary[]): string {
  return watchlists.map((w) => `${w.name}#${w.count}@${w.updatedAt}`).join('|');
}

async function counterpartyIndex(store: Store, watchlists: readonly WatchlistSummary[]): Promise<CounterpartyIndex> {
  const version = versionOf(watchlists);
  const cached = counterpartyIndexes.get(store);
  if (cached?.version === version) return cached.index;
  const index = new CounterpartyIndex(await store.watchlistMembers());
  counterpartyIndexes.set(store, { version, index });
  return index;
}

/** Every current designation, with the diff of `source` applied (the changed ones as given). */
async function designationIndex(store: Store, source: string, diff: SnapshotDiff): Promise<MatchIndex> {
  const index = new MatchIndex();
  for (const row of await store.allCurrentDesignations()) index.upsert(row.designation, row.source);
  for (const d of diff.removed) index.remove(d.key, source);
  for (const { before } of diff.amended) index.remove(before.key, source);
  for (const { after } of diff.amended) index.upsert(after, source);
  for (const d of diff.added) index.upsert(d, source);
  return index;
}

/**
 * The hit alert of one accepted, non-baseline snapshot, or null. Screening never fails a poll
 * (a bug here must not stop list updates), but nothing is lost silently either: an error
 * becomes a high-priority admin alert, committed with the snapshot, saying which designations
 * were not screened and how to screen them by hand.
 */
export async function watchlistHitAlert(input: WatchlistScreenInput): Promise<WatchlistHitAlert | SourceHealthAlert | null> {
  const { store, diff } = input;
  // Amendments without a changed field only re-keyed a row (core/identity.ts), as in core/alerts.ts.
  const changed: Designation[] = [...diff.added, ...diff.amended.filter((a) => a.fields.length > 0).map((a) => a.after)];
  if (changed.length === 0) return null;
  try {
    const watchlists = (await store.listWatchlists()).filter((w) => w.count > 0);
    if (watchlists.length === 0) return null;
    const startedAt = performance.now();
    const counterparties = await counterpartyIndex(store, watchlists);
    const hits = screenChanges(changed, counterparties, await designationIndex(store, input.source, diff));
    input.log.info(
      { source: input.source, changed: changed.length, counterparties: counterparties.size, hits: hits.length, ms: Math.round(performance.now() - startedAt) },
      'watchlists screened',
    );
    if (hits.length === 0) return null;
    const lists = watchlists.length;
    return buildWatchlistHitAlert({
      id: input.newId(),
      source: input.source,
      createdAt: input.at,
      hits,
      added: new Set(diff.added.map((d) => d.key)),
      notes: [
        `${changed.length} new or amended designation${changed.length === 1 ? '' : 's'} screened against ${counterparties.size.toLocaleString('en-US')} counterparties in ${lists} watchlist${lists === 1 ? '' : 's'}`,
      ],
    });
  } catch (err) {
    input.log.error({ source: input.source, err }, 'watchlist screening failed');
    const names = changed.slice(0, 10).map((d) => d.name);
    return {
      id: input.newId(),
      kind: 'source-health',
      source: input.source,
      createdAt: input.at,
      title: 'Watchlist screening failed for a list update',
      priority: 'high',
      threadOf: null,
      notes: [`Not screened: ${names.join('; ')}${changed.length > names.length ? ` and ${changed.length - names.length} more` : ''}`],
      links: [],
      status: 'failing',
      reasonCode: 'watchlist-screening',
      reason: `${changed.length} new or amended designation(s) were not screened against the watchlists (${describeError(err)}). Run \`entitywatch watchlist screen <name>\` for each watchlist.`,
    };
  }
}
