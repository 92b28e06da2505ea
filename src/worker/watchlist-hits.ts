/**
 * Watchlist screening of list changes, as jobs run after the change's commit.
 *
 *   const screening = await screeningJobFor(store, diff);   // in the poll, before the commit
 *   await store.commitSnapshot({ …, screening });           // the change, its alerts and the job
 *   await runPendingScreenings(deps);                        // then: hits as their own alert
 *
 * The alert of a change never waits for screening: the job is written in the change's own
 * transaction and run once it is committed; its hits become one high-priority alert, committed
 * with the job's completion (store/screening.ts), so a crash mid-screening leaves the job pending
 * for the next poll, and a job settled once is never settled again. Screening never fails a poll
 * (a bug here must not stop list updates), but nothing is lost silently either: an error settles
 * the job with a high-priority admin alert saying which designations were not screened.
 *
 * The counterparty index (src/watchlists/counterparty-index.ts) is built once per store — or
 * read from the copy an earlier process kept beside the database (counterparty-copy.ts) — and
 * updated when a watchlist is imported, replaced or removed (its count, update time or members
 * hash moves).
 * Hits are scored in the process's shared designation index (`PollDeps.lookupIndex`), which the
 * poll keeps up to date with each commit; without one, an index is built from the store.
 */
import type { Logger } from 'pino';
import type { Alert, SourceHealthAlert } from '../core/alert.js';
import { MatchIndex } from '../core/match/index.js';
import type { NeighbourSeed } from '../core/match/engine.js';
import type { SnapshotDiff } from '../core/model.js';
import { routeAlert } from '../core/watch.js';
import { describeError } from '../errors.js';
import { buildWatchlistHitAlert } from '../watchlists/alert.js';
import { CounterpartyIndex } from '../watchlists/counterparty-index.js';
import { collectGarbage } from './collect-garbage.js';
import { readCounterpartyCopy, readCounterpartyCopyFor, writeCounterpartyCopy } from './counterparty-copy.js';
import { screenChanges, type ChangedDesignation, type ScreenedCounterparty } from '../watchlists/screen.js';
import type { ScreeningJob, ScreeningJobInput } from '../../store/screening.js';
import type { Store, WatchlistSummary } from '../../store/types.js';

export interface ScreeningDeps {
  store: Store;
  log: Logger;
  now: () => Date;
  newId: () => string;
  /** Ids of every channel alerts may go to now. */
  channels: () => readonly string[];
  /** Channels for source-health alerts; empty = every channel. */
  adminChannels: readonly string[];
  /** The process's shared designation index, up to date with the store. */
  lookupIndex?: () => Promise<MatchIndex>;
  /** Where the counterparty index is kept between processes (counterparty-copy.ts), or none. */
  counterpartyCopy?: string | null;
}

/**
 * The screening a change owes, or null: none without new or amended designations, or without a
 * watchlist holding counterparties. Amendments without a changed field only re-keyed a row
 * (core/identity.ts), as in core/alerts.ts.
 */
export async function screeningJobFor(store: Store, diff: SnapshotDiff): Promise<ScreeningJobInput | null> {
  const changedKeys = [...diff.added.map((d) => d.key), ...diff.amended.filter((a) => a.fields.length > 0).map((a) => a.after.key)];
  if (changedKeys.length === 0) return null;
  if (!(await store.listWatchlists()).some((w) => w.count > 0)) return null;
  return { changedKeys, addedKeys: diff.added.map((d) => d.key) };
}

/** Per store: the counterparty index and the version of each watchlist it holds. */
const counterpartyIndexes = new WeakMap<Store, { versions: Map<string, string>; index: CounterpartyIndex }>();

/**
 * Let the counterparty index of `store` go (the next screening reads or builds it again): a
 * process that has screened and is about to exit frees it before writing the designation copy.
 * Returns the index's typo neighbour lists, for that copy to keep (SharedLookupIndex.keep).
 */
export function releaseCounterpartyIndex(store: Store): NeighbourSeed | null {
  const held = counterpartyIndexes.get(store);
  counterpartyIndexes.delete(store);
  return held?.index.neighbourSeed() ?? null;
}

/** The typo neighbour lists of the counterparty index held for `store` (kept held), for the designation index copy; null when none is held. */
export function neighbourSeedOf(store: Store): NeighbourSeed | null {
  return counterpartyIndexes.get(store)?.index.neighbourSeed() ?? null;
}

function versionOf(w: WatchlistSummary): string {
  return `${w.count}@${w.updatedAt}#${w.membersHash ?? ''}`;
}

async function counterpartyIndex(deps: Pick<ScreeningDeps, 'store' | 'counterpartyCopy'>, watchlists: readonly WatchlistSummary[]): Promise<CounterpartyIndex> {
  const { store, counterpartyCopy: copy } = deps;
  const cached = counterpartyIndexes.get(store);
  if (!cached) {
    // The copy vouched by the store's members hashes needs no member read (~0.15 s for 100,000);
    // without them (a watchlist imported before the store kept one), the members vouch for it.
    let index = copy ? readCounterpartyCopyFor(copy, watchlists) : null;
    if (!index) {
      const members = await store.watchlistMembers();
      index = copy ? readCounterpartyCopy(copy, members) : null;
      if (!index) {
        index = new CounterpartyIndex(members);
        if (copy) writeCounterpartyCopy(copy, members, index);
      }
    }
    counterpartyIndexes.set(store, { versions: new Map(watchlists.map((w) => [w.name, versionOf(w)])), index });
    return index;
  }
  // Watchlists changed since: swapped in place. The copy is not rewritten: it holds members in
  // the store's order, which a swap does not keep; the next process rebuilds it once.
  const { versions, index } = cached;
  const current = new Map(watchlists.map((w) => [w.name, versionOf(w)]));
  for (const name of versions.keys()) if (!current.has(name)) index.replaceWatchlist(name, []);
  for (const [name, version] of current) {
    if (versions.get(name) !== version) index.replaceWatchlist(name, await store.watchlistMembers(name));
  }
  cached.versions = current;
  return index;
}

/**
 * A counterparty index of `members` (a watchlist's, or every watchlist's, as the store gives
 * them): from the copy beside the database when it holds these very names, else built.
 */
export function counterpartyIndexOf(copy: string | null | undefined, members: readonly ScreenedCounterparty[]): CounterpartyIndex {
  return (copy ? readCounterpartyCopy(copy, members) : null) ?? new CounterpartyIndex(members);
}

async function designationIndex(deps: ScreeningDeps): Promise<MatchIndex> {
  if (deps.lookupIndex) return deps.lookupIndex();
  const index = new MatchIndex();
  for (const { source, designation } of await deps.store.allCurrentDesignations()) index.upsert(designation, source);
  return index;
}

/**
 * The members of watchlist `name` whose names can reach the threshold against the current lists
 * (CounterpartyIndex.searchable, over the process's counterparty and designation indexes):
 * searching these finds every hit a search of all its members finds, in the same order.
 */
export async function searchableMembers(deps: ScreeningDeps, name: string): Promise<ScreenedCounterparty[]> {
  const watchlists = (await deps.store.listWatchlists()).filter((w) => w.count > 0);
  if (!watchlists.some((w) => w.name === name)) return [];
  const counterparties = await counterpartyIndex(deps, watchlists);
  return counterparties.searchable(await designationIndex(deps)).filter((c) => c.watchlist === name);
}

/**
 * Build what screening needs (the counterparty and designation indexes) ahead of the first change,
 * so a running worker screens a change in the time its candidates take. A no-op without watchlists.
 */
export async function warmScreening(deps: ScreeningDeps): Promise<void> {
  const watchlists = (await deps.store.listWatchlists()).filter((w) => w.count > 0);
  if (watchlists.length === 0) return;
  const counterparties = await counterpartyIndex(deps, watchlists);
  counterparties.warmKeys(await designationIndex(deps));
  // Building left more garbage than index: collected now, while the worker waits for a change.
  collectGarbage();
}

/**
 * warmScreening once `after` settles (the worker's first polls: they are not delayed by it, and a
 * change among them builds the indexes itself), in the background: logged, never thrown.
 */
export function warmScreeningAfter(after: ReadonlyArray<Promise<unknown>>, deps: ScreeningDeps): Promise<void> {
  return Promise.allSettled(after)
    .then(async () => {
      const startedAt = performance.now();
      await warmScreening(deps);
      deps.log.debug({ ms: Math.round(performance.now() - startedAt) }, 'screening indexes warmed');
    })
    .catch((err: unknown) => deps.log.warn({ err: describeError(err) }, 'screening warm-up failed; the first change builds the indexes'));
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** The alert a job produces: its hits, or null. */
async function screen(job: ScreeningJob, deps: ScreeningDeps): Promise<Alert | null> {
  const watchlists = (await deps.store.listWatchlists()).filter((w) => w.count > 0);
  if (watchlists.length === 0) return null;
  const startedAt = performance.now();
  const counterparties = await counterpartyIndex(deps, watchlists);
  const designations = await designationIndex(deps);
  // Designations changed again or removed since the job was written are skipped: their own change screens them.
  const changed: ChangedDesignation[] = [];
  for (const key of job.changedKeys) {
    const designation = designations.get(key, job.source);
    if (designation) changed.push({ designation, source: job.source });
  }
  const { hits, searched, full } = screenChanges(changed, counterparties, designations);
  deps.log.info(
    { source: job.source, job: job.id, changed: changed.length, counterparties: counterparties.size, searched, full, hits: hits.length, ms: Math.round(performance.now() - startedAt) },
    'watchlists screened',
  );
  if (hits.length === 0) return null;
  return buildWatchlistHitAlert({
    id: deps.newId(),
    source: job.source,
    createdAt: job.createdAt,
    hits,
    added: new Set(job.addedKeys),
    notes: [
      `${plural(changed.length, 'new or amended designation', 'new or amended designations')} screened against ${plural(counterparties.size, 'counterparty', 'counterparties')} in ${plural(watchlists.length, 'watchlist', 'watchlists')}`,
    ],
  });
}

function failureAlert(job: ScreeningJob, deps: ScreeningDeps, err: unknown): SourceHealthAlert {
  const shown = job.changedKeys.slice(0, 10);
  const more = job.changedKeys.length - shown.length;
  return {
    id: deps.newId(),
    kind: 'source-health',
    source: job.source,
    createdAt: job.createdAt,
    title: 'Watchlist screening failed for a list update',
    priority: 'high',
    threadOf: null,
    notes: [`Not screened: ${shown.join('; ')}${more > 0 ? ` and ${more} more` : ''}`],
    links: [],
    status: 'failing',
    reasonCode: 'watchlist-screening',
    reason: `${job.changedKeys.length} new or amended designation(s) were not screened against the watchlists (${describeError(err)}). Run \`entitywatch watchlist screen <name>\` for each watchlist.`,
  };
}

/**
 * Run every pending screening job, oldest first; returns the alerts written. A job that throws
 * is settled with an admin alert; a store that cannot settle it leaves it pending for the next run.
 */
export async function runPendingScreenings(deps: ScreeningDeps): Promise<number> {
  let written = 0;
  const jobs = await deps.store.pendingScreenings();
  // What the ingest left (the snapshot's bytes, its rows) goes before screening adds its own:
  // else the peak RSS holds both (~350 against ~290 MB at 100,000 counterparties × 3,000 changes).
  if (jobs.length > 0) collectGarbage();
  for (const job of jobs) {
    let alert: Alert | null;
    try {
      alert = await screen(job, deps);
    } catch (err) {
      deps.log.error({ source: job.source, job: job.id, err }, 'watchlist screening failed');
      alert = failureAlert(job, deps, err);
    }
    const channels = deps.channels();
    const admin = deps.adminChannels.length > 0 ? deps.adminChannels : channels;
    const insert = alert ? { alert, routes: routeAlert(alert, channels, [], admin) } : null;
    if ((await deps.store.completeScreening(job.id, insert, deps.now().toISOString())) && alert) written++;
  }
  return written;
}
