/**
 * The process's one designation index, behind `/entity` on every platform, the worker's
 * watchlist screening and the CLI: built from the store on first use, kept up to date by the
 * poll cycle applying each committed change to it, and rebuilt when the store moved some other
 * way (another process committed: a source's lastChangeAt or count differs). Concurrent callers
 * share one build. `onSearch`, when given, hears how long each search took (the lookup latency
 * metric, src/health/metrics.ts).
 *
 * With `copy` (the path of the index copy beside a database file, lookup-copy.ts), the index is
 * restored from that copy when it is current (~0.1 s against ~1 s of building 30,000
 * designations), and `keep()` writes the index back there once it holds changes the copy lacks.
 * A fresh process that is to screen a change pins the copy BEFORE the change's commit
 * (`restore()`: the copy is of the state before it, and the file pinned is the one read even if
 * another process replaces it), then reads it and applies the change after the commit, as a
 * running worker does: the change's alert waits for neither a read nor a build of the index.
 *
 *   const lookupIndex = createLookupIndex(store, onSearch, copyPath);   // once, in createApp
 *   await lookupIndex.restore();                     // before a commit whose change is screened
 *   const index = await lookupIndex();               // MatchIndex over every current designation
 *   await lookupIndex.applyChange('csl', diff);     // after the change's commit
 *   await lookupIndex.keep();                        // once alerts and hits are committed
 */
import { MatchIndex } from '../core/match/index.js';
import type { NeighbourSeed } from '../core/match/engine.js';
import type { SnapshotDiff } from '../core/model.js';
import type { Store } from '../../store/types.js';
import { collectGarbage } from './collect-garbage.js';
import { copyVersion, keepCopy, pinCopy, type PinnedCopy } from './lookup-copy.js';

export interface SharedLookupIndex {
  (): Promise<MatchIndex>;
  /** Apply a committed change of one source to the index, when built, instead of rebuilding it. */
  applyChange(source: string, diff: SnapshotDiff): Promise<void>;
  /**
   * When no index up to date is held and the copy is current, pin the copy (open it, check its
   * version: ~1 ms) as this version's index, to be read at first use; never reads or builds an
   * index. Returns whether an index up to date is held or pinned.
   */
  restore(): Promise<boolean>;
  /**
   * Write the held index to the copy when it is up to date with the store and holds changes the
   * copy lacks (applied or built here), only if the store did not move meanwhile. Returns whether
   * it wrote. `neighbours`: a screening's typo neighbour lists (releaseCounterpartyIndex), kept
   * with it when they hold for the index as written (MatchIndex.keptNeighbours).
   */
  keep(neighbours?: NeighbourSeed | null): Promise<boolean>;
}

/** What the shared index reads of the store. */
export type LookupIndexStore = Pick<Store, 'listSourceStates' | 'allCurrentDesignations' | 'designationsVersion'>;

/** Per source, last change and count: what identifies the store's current designations here. */
async function sourceVersions(store: Pick<Store, 'listSourceStates'>): Promise<Map<string, string>> {
  const states = await store.listSourceStates();
  return new Map(states.map((s) => [s.source, `${s.lastChangeAt ?? ''}#${s.designationCount}`]));
}

function versionText(versions: ReadonlyMap<string, string>): string {
  return [...versions]
    .map(([source, v]) => `${source}@${v}`)
    .sort()
    .join('|');
}

/** What identifies the store's current designations: per source, last change and count. */
async function versionOf(store: Pick<Store, 'listSourceStates'>): Promise<string> {
  return versionText(await sourceVersions(store));
}

/** Apply a diff to an index; applying it twice changes nothing more (upsert replaces by key). */
export function applyDiff(index: MatchIndex, source: string, diff: SnapshotDiff): void {
  for (const d of diff.removed) index.remove(d.key, source);
  for (const { before } of diff.amended) index.remove(before.key, source);
  for (const { after } of diff.amended) index.upsert(after, source);
  for (const d of diff.added) index.upsert(d, source);
}

interface Held {
  /** Per source, the version the index is up to date with (sourceVersions); `version` is its text. */
  versions: Map<string, string>;
  version: string;
  /** The index; null while it is a pinned copy not read yet (`index()` reads it). */
  loaded: Promise<MatchIndex> | null;
  pinned: PinnedCopy | null;
  /** The copy version (lookup-copy.ts) of the copy that holds this very index (restored from it, or written), or null: changed since. */
  copied: string | null;
}

export function createLookupIndex(store: LookupIndexStore, onSearch?: (ms: number) => void, copy?: string | null): SharedLookupIndex {
  let current: Held | null = null;
  const timed = (index: MatchIndex): MatchIndex => {
    if (onSearch) {
      const search = index.search.bind(index);
      index.search = (query, options) => {
        const startedAt = performance.now();
        try {
          return search(query, options);
        } finally {
          onSearch(performance.now() - startedAt);
        }
      };
    }
    return index;
  };
  /**
   * The copy, pinned, when it is current. The store's versions are read before the copy's: a
   * commit between the two makes the index look stale (rebuilt on next use), never current.
   */
  const pin = async (): Promise<{ pinned: PinnedCopy; version: string } | null> => {
    if (!copy) return null;
    try {
      const version = await copyVersion(store);
      const pinned = pinCopy(copy, version);
      return pinned ? { pinned, version } : null;
    } catch {
      return null;
    }
  };
  const built = async (): Promise<MatchIndex> => {
    const index = new MatchIndex();
    for (const { source, designation } of await store.allCurrentDesignations()) index.upsert(designation, source);
    return index;
  };
  /** The held index: read from its pinned copy at first use (built from the store when that copy turns out damaged). */
  const indexOf = (held: Held): Promise<MatchIndex> => {
    if (!held.loaded) {
      const restored = held.pinned?.restore() ?? null;
      held.pinned = null;
      if (!restored) held.copied = null;
      const loading = restored ? Promise.resolve(timed(restored)) : built().then(timed);
      held.loaded = loading;
      // A failed build is not cached: the next call tries again.
      loading.catch(() => {
        if (current === held) current = null;
      });
    }
    return held.loaded;
  };
  const hold = (versions: Map<string, string>, pinned: { pinned: PinnedCopy; version: string } | null): Held => {
    current?.pinned?.release();
    current = { versions, version: versionText(versions), loaded: null, pinned: pinned?.pinned ?? null, copied: pinned?.version ?? null };
    return current;
  };
  const lookupIndex = async (): Promise<MatchIndex> => {
    const versions = await sourceVersions(store);
    if (current?.version === versionText(versions)) return indexOf(current);
    const pinned = await pin();
    // The version may have been held meanwhile by a concurrent caller: one restore or build is shared.
    if (current?.version === versionText(versions)) {
      pinned?.pinned.release();
      return indexOf(current);
    }
    return indexOf(hold(versions, pinned));
  };
  return Object.assign(lookupIndex, {
    async applyChange(source: string, diff: SnapshotDiff): Promise<void> {
      const held = current;
      if (!held) return;
      applyDiff(await indexOf(held), source, diff);
      held.copied = null;
      // Only when no rebuild replaced it meanwhile (a rebuild read the change from the store).
      if (current !== held) return;
      const after = await sourceVersions(store);
      if (current !== held) return;
      // Any other source moved too (another process's commit): the index lacks that change, so it is let go.
      const moved = [...new Set([...after.keys(), ...held.versions.keys()])].some((s) => s !== source && after.get(s) !== held.versions.get(s));
      if (moved) current = null;
      else {
        held.versions = after;
        held.version = versionText(after);
      }
    },
    async restore(): Promise<boolean> {
      const versions = await sourceVersions(store);
      if (current?.version === versionText(versions)) return true;
      const pinned = await pin();
      if (!pinned) return false;
      if (current?.version === versionText(versions)) pinned.pinned.release();
      else hold(versions, pinned);
      return true;
    },
    async keep(neighbours?: NeighbourSeed | null): Promise<boolean> {
      const held = current;
      if (!copy || !held) return false;
      // The copy's version first, then that the index is up to date: see pin.
      const version = await copyVersion(store);
      if (held.copied === version || (await versionOf(store)) !== held.version) return false;
      const index = await indexOf(held).catch(() => null);
      if (!index || current !== held) return false;
      // Screening's garbage goes before the copy's export adds its own (~80 MB at 30,000 designations): else the peak RSS holds both.
      collectGarbage();
      const wrote = await keepCopy(copy, version, index, async () => (await copyVersion(store)) === version, index.keptNeighbours(neighbours ?? null));
      if (wrote && current === held) held.copied = version;
      return wrote;
    },
  });
}
