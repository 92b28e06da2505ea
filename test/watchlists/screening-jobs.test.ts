/**
 * Screening jobs: written with the change's commit, run after it, settled once — against a real
 * SQLite store.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MatchIndex } from '../../src/core/match/index.js';
import type { Designation } from '../../src/core/model.js';
import { silentLogger } from '../../src/log.js';
import { runPendingScreenings, screeningJobFor, warmScreeningAfter, type ScreeningDeps } from '../../src/worker/watchlist-hits.js';
import { openSqliteStore } from '../../store/sqlite/index.js';
import type { Store } from '../../store/types.js';
import { makeDesignation } from '../helpers/designations.js';
import { commitOf, emptyDiff } from '../store/fixtures.js';

const AT = '2026-11-21T10:00:00.000Z';
const BASE: Designation[] = [
  makeDesignation({ name: 'Beijing Megvii Technology Co., Ltd.', list: 'EL' }),
  makeDesignation({ name: 'Shenzhen Example Electronics Co., Ltd.', list: 'EL' }),
];
const LATTICE = makeDesignation({ name: 'Lattice Qubit Technologies Co., Ltd.', list: 'EL' });

describe('screening jobs', () => {
  let store: Store;
  let ids: number;
  const deps = (): ScreeningDeps => ({
    store,
    log: silentLogger(),
    now: () => new Date(AT),
    newId: () => `al_${++ids}`,
    channels: () => ['console'],
    adminChannels: [],
  });

  beforeEach(async () => {
    store = openSqliteStore(':memory:');
    ids = 0;
    await store.commitSnapshot(commitOf('csl', '2026-11-20T10:00:00.000Z', { ...emptyDiff(), added: BASE }, { baseline: true }));
    await store.importWatchlist('suppliers', [{ name: 'Lattice Qubit', country: null, reference: 'SUP-1' }], 'cli:test', AT);
  });
  afterEach(() => store.close());

  /** Commit the addition of LATTICE with the job it owes, as the poll does. */
  async function commitChange(): Promise<void> {
    const diff = { ...emptyDiff(), added: [LATTICE] };
    const screening = await screeningJobFor(store, diff);
    expect(screening).toEqual({ changedKeys: [LATTICE.key], addedKeys: [LATTICE.key] });
    await store.commitSnapshot({ ...commitOf('csl', AT, diff, { rowCount: 3 }), screening });
  }

  it('owes nothing without new or amended designations, or without a watchlist', async () => {
    expect(await screeningJobFor(store, { ...emptyDiff(), removed: [BASE[0]!] })).toBeNull();
    await store.removeWatchlist('suppliers', 'cli:test', AT);
    expect(await screeningJobFor(store, { ...emptyDiff(), added: [LATTICE] })).toBeNull();
  });

  it('commits the job with the change, and the hits after it as their own alert', async () => {
    await commitChange();
    // The change is stored, the job pending, no hit alert yet.
    expect((await store.pendingScreenings()).map((j) => [j.source, j.changedKeys])).toEqual([['csl', [LATTICE.key]]]);
    expect(await store.listAlerts(10)).toEqual([]);

    expect(await runPendingScreenings(deps())).toBe(1);
    expect(await store.pendingScreenings()).toEqual([]);
    const [record] = await store.listAlerts(10);
    expect(record?.alert).toMatchObject({ id: 'al_1', kind: 'watchlist-hit', priority: 'high', createdAt: AT });
    expect(record?.deliveries.map((d) => [d.channel, d.state])).toEqual([['console', 'pending']]);
    // Run again: nothing pending, nothing written twice.
    expect(await runPendingScreenings(deps())).toBe(0);
    expect(await store.listAlerts(10)).toHaveLength(1);
  });

  it('resumes a job a crash left pending, and settles it only once when two runs race', async () => {
    await commitChange();
    // A run that dies after screening, before settling: the job stays pending.
    const settle = vi.spyOn(store, 'completeScreening').mockRejectedValueOnce(new Error('killed'));
    await expect(runPendingScreenings(deps())).rejects.toThrow('killed');
    settle.mockRestore();
    expect(await store.pendingScreenings()).toHaveLength(1);
    // Two runs at once (two processes resuming): one alert.
    const written = await Promise.all([runPendingScreenings(deps()), runPendingScreenings(deps())]);
    expect(written.sort()).toEqual([0, 1]);
    expect((await store.listAlerts(10)).map((r) => r.alert.kind)).toEqual(['watchlist-hit']);
  });

  it('settles a failing screening with a high-priority admin alert naming what was not screened', async () => {
    await commitChange();
    vi.spyOn(store, 'watchlistMembers').mockRejectedValue(new Error('disk I/O error'));
    expect(await runPendingScreenings(deps())).toBe(1);
    const [record] = await store.listAlerts(10);
    expect(record?.alert).toMatchObject({
      kind: 'source-health',
      priority: 'high',
      status: 'failing',
      reasonCode: 'watchlist-screening',
      notes: [`Not screened: ${LATTICE.key}`],
    });
    expect(record?.alert.kind === 'source-health' && record.alert.reason).toContain('disk I/O error');
    expect(await store.pendingScreenings()).toEqual([]);
  });

  it('warms the indexes at start-up only once the first polls are done, in the background', async () => {
    const built: string[] = [];
    const members = vi.spyOn(store, 'watchlistMembers');
    const fromStore = async (): Promise<MatchIndex> => {
      built.push('designations');
      const index = new MatchIndex();
      for (const { source, designation } of await store.allCurrentDesignations()) index.upsert(designation, source);
      return index;
    };
    const warmDeps: ScreeningDeps = { ...deps(), lookupIndex: fromStore };
    let finishPoll!: () => void;
    const firstPoll = new Promise<void>((resolve) => (finishPoll = resolve));
    const warmed = warmScreeningAfter([firstPoll, Promise.reject(new Error('a failed poll'))], warmDeps);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect([built, members.mock.calls.length]).toEqual([[], 0]);
    finishPoll();
    await warmed;
    expect([built, members.mock.calls.length]).toEqual([['designations'], 1]);
    // The counterparty index is built once: screening the next change reads no member again.
    await commitChange();
    expect(await runPendingScreenings(warmDeps)).toBe(1);
    expect(members.mock.calls.length).toBe(1);
    expect((await store.listAlerts(10)).map((r) => r.alert.kind)).toEqual(['watchlist-hit']);
  });

  it('logs a failed warm-up and does not throw', async () => {
    const warnings: unknown[] = [];
    const log = { ...silentLogger(), warn: (obj: unknown) => warnings.push(obj) } as unknown as ScreeningDeps['log'];
    vi.spyOn(store, 'listWatchlists').mockRejectedValueOnce(new Error('disk gone'));
    await warmScreeningAfter([], { ...deps(), log });
    expect(warnings).toEqual([{ err: 'disk gone' }]);
  });
});
