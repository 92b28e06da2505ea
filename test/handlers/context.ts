/**
 * A HandlerContext over a real in-memory SQLite store and a real name index, for handler tests:
 *
 *   const t = handlerContext({ isAdmin: true });
 *   await t.seed([makeDesignation({ name: 'Acme', list: 'EL' })]);
 *   await watchAddHandler.run(t.ctx, 'acme');
 */
import { createLookupIndex } from '../../handlers/lookup-index.js';
import type { Actor, HandlerContext } from '../../handlers/types.js';
import type { Alert } from '../../src/core/alert.js';
import { fingerprint } from '../../src/core/fingerprint.js';
import type { Designation, SnapshotDiff } from '../../src/core/model.js';
import { openSqliteStore } from '../../store/sqlite/index.js';
import type { Store } from '../../store/types.js';

export const NOW = new Date('2026-05-04T09:30:00.000Z');

export interface TestContext {
  ctx: HandlerContext;
  store: Store;
  posted: Alert[];
  rulesChangedCalls: number;
  /** Store designations as a first (baseline) snapshot of `source`. */
  seed(designations: Designation[], source?: string): Promise<void>;
}

export function handlerContext(actor: Partial<Actor> = {}, channelId = 'slack:C0TEST'): TestContext {
  const store = openSqliteStore(':memory:');
  const t: TestContext = {
    store,
    posted: [],
    rulesChangedCalls: 0,
    ctx: {
      store,
      lookupIndex: createLookupIndex(store),
      actor: { platform: 'slack', userId: 'U0ALICE', isAdmin: false, ...actor },
      channelId,
      now: () => NOW,
      async postAlert(alert) {
        t.posted.push(alert);
      },
      async rulesChanged() {
        t.rulesChangedCalls++;
      },
    },
    seed: (designations, source = 'csl') => seedDesignations(store, designations, source),
  };
  return t;
}

/** Store designations as a first (baseline) snapshot of `source`: no alerts. */
export async function seedDesignations(store: Store, designations: Designation[], source = 'csl'): Promise<void> {
  await store.commitSnapshot({
    meta: { source, fetchedAt: NOW.toISOString(), contentHash: `h${designations.length}`, etag: null, lastModified: null, location: 'test', rowCount: designations.length },
    baseline: true,
    diff: { added: designations, removed: [], amended: [] },
    fingerprints: new Map(designations.map((d) => [d.key, fingerprint(d)])),
    alerts: [],
  });
}

/** A later (not baseline) snapshot of `source` fetched `at`, with these changes: history and no alerts. */
export async function commitChanges(store: Store, at: string, diff: SnapshotDiff, current: Designation[], source = 'csl'): Promise<void> {
  await store.commitSnapshot({
    meta: { source, fetchedAt: at, contentHash: `h-${at}`, etag: null, lastModified: null, location: 'test', rowCount: current.length },
    baseline: false,
    diff,
    fingerprints: new Map(current.map((d) => [d.key, fingerprint(d)])),
    alerts: [],
  });
}
