/**
 * The process's one designation index, behind `/entity` on every platform, the worker's
 * watchlist screening and the CLI: built from the store on first use, kept up to date by the
 * poll cycle applying each committed change to it, and rebuilt when the store moved some other
 * way (another process committed: a source's lastChangeAt or count differs). Concurrent callers
 * share one build. `onSearch`, when given, hears how long each search took (the lookup latency
 * metric, src/health/metrics.ts).
 *
 *   const lookupIndex = createLookupIndex(store);   // once, in createApp
 *   const index = await lookupIndex();               // MatchIndex over every current designation
 *   await lookupIndex.applyChange('csl', diff);     // after the change's commit
 */
import { MatchIndex } from '../core/match/index.js';
import type { SnapshotDiff } from '../core/model.js';
import type { Store } from '../../store/types.js';

export interface SharedLookupIndex {
  (): Promise<MatchIndex>;
  /** Apply a committed change of one source to the index, when built, instead of rebuilding it. */
  applyChange(source: string, diff: SnapshotDiff): Promise<void>;
}

/** What identifies the store's current designations: per source, last change and count. */
async function versionOf(store: Pick<Store, 'listSourceStates'>): Promise<string> {
  const states = await store.listSourceStates();
  return states
    .map((s) => `${s.source}@${s.lastChangeAt ?? ''}#${s.designationCount}`)
    .sort()
    .join('|');
}

/** Apply a diff to an index; applying it twice changes nothing more (upsert replaces by key). */
export function applyDiff(index: MatchIndex, source: string, diff: SnapshotDiff): void {
  for (const d of diff.removed) index.remove(d.key, source);
  for (const { before } of diff.amended) index.remove(before.key, source);
  for (const { after } of diff.amended) index.upsert(after, source);
  for (const d of diff.added) index.upsert(d, source);
}

export function createLookupIndex(store: Pick<Store, 'listSourceStates' | 'allCurrentDesignations'>, onSearch?: (ms: number) => void): SharedLookupIndex {
  let current: { version: string; index: Promise<MatchIndex> } | null = null;
  const lookupIndex = async (): Promise<MatchIndex> => {
    const version = await versionOf(store);
    if (current?.version === version) return current.index;
    const index = (async () => {
      const built = new MatchIndex();
      for (const { source, designation } of await store.allCurrentDesignations()) built.upsert(designation, source);
      if (onSearch) {
        const search = built.search.bind(built);
        built.search = (query, options) => {
          const startedAt = performance.now();
          try {
            return search(query, options);
          } finally {
            onSearch(performance.now() - startedAt);
          }
        };
      }
      return built;
    })();
    current = { version, index };
    // A failed build is not cached: the next call tries again.
    index.catch(() => {
      if (current?.index === index) current = null;
    });
    return index;
  };
  return Object.assign(lookupIndex, {
    async applyChange(source: string, diff: SnapshotDiff): Promise<void> {
      const held = current;
      if (!held) return;
      applyDiff(await held.index, source, diff);
      // Only when no rebuild replaced it meanwhile (a rebuild read the change from the store).
      if (current === held) held.version = await versionOf(store);
    },
  });
}
