/**
 * The name index behind `entity`, shared by every platform: built from the store on first use
 * and rebuilt when a source's designations changed since (its lastChangeAt or count moved).
 * Concurrent callers share one build.
 *
 *   const lookupIndex = createLookupIndex(store);
 *   const index = await lookupIndex();   // MatchIndex over every current designation
 */
import { MatchIndex } from '../src/core/match/index.js';
import type { Store } from '../store/types.js';
import type { LookupIndex } from './types.js';

/** What identifies the store's current designations: per source, last change and count. */
async function versionOf(store: Store): Promise<string> {
  const states = await store.listSourceStates();
  return states
    .map((s) => `${s.source}@${s.lastChangeAt ?? ''}#${s.designationCount}`)
    .sort()
    .join('|');
}

export function createLookupIndex(store: Store): () => Promise<LookupIndex> {
  let current: { version: string; index: Promise<LookupIndex> } | null = null;
  return async () => {
    const version = await versionOf(store);
    if (current?.version === version) return current.index;
    const index = (async () => {
      const built = new MatchIndex();
      for (const { source, designation } of await store.allCurrentDesignations()) built.upsert(designation, source);
      return built;
    })();
    current = { version, index };
    // A failed build is not cached: the next call tries again.
    index.catch(() => {
      if (current?.index === index) current = null;
    });
    return index;
  };
}
