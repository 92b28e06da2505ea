/**
 * Store contract: the part of store/pending-removals.ts — the guard state is written with the
 * snapshot, in its transaction, replaced whole, and read back after reopening — on every store.
 */
import { expect, it } from 'vitest';
import { emptyNotes } from '../../../src/core/identity.js';
import { makeDesignation } from '../../helpers/designations.js';
import { commitOf } from '../fixtures.js';
import { describeStores } from './harness.js';

const a = makeDesignation({ name: 'A Co', list: 'EL' });
const b = makeDesignation({ name: 'B Co', list: 'EL' });

describeStores('guard state (pending removals, file tail, parse counts)', (ctx) => {
  it('is empty before a first snapshot', async () => {
    expect(await ctx.store.guardState('csl')).toEqual({ pending: [], tail: [], notes: null });
    expect(await ctx.store.hasPendingRemovals('csl')).toBe(false);
  });

  it('is written with the snapshot, replaced whole by the next, left alone by a commit without it, and survives reopening', async () => {
    let store = ctx.store;
    const notes = { ...emptyNotes(), rows: 3, noName: 1, examples: ['CSV row 2: row with an empty name'] };
    await store.commitSnapshot({
      ...commitOf('csl', '2024-05-01T00:00:00Z', { added: [a, b], removed: [], amended: [] }, { baseline: true }),
      guard: { pending: [], tail: ['EL:a co', 'EL:b co'], notes },
    });
    expect(await store.hasPendingRemovals('csl')).toBe(false);
    const pending = [{ key: 'EL:b co', since: '2024-05-02T00:00:00Z', seenIn: 'sha256-x', suspect: 'cut-off' as const }];
    await store.commitSnapshot({
      ...commitOf('csl', '2024-05-02T00:00:00Z', { added: [], removed: [], amended: [] }),
      guard: { pending, tail: ['EL:a co'], notes: { ...emptyNotes(), rows: 1 } },
    });
    await store.commitSnapshot(commitOf('other', '2024-05-02T00:00:00Z', { added: [], removed: [], amended: [] }, { baseline: true }));
    store = await ctx.reopen();
    expect(await store.guardState('csl')).toEqual({ pending, tail: ['EL:a co'], notes: { ...emptyNotes(), rows: 1 } });
    expect(await store.guardState('other')).toEqual({ pending: [], tail: [], notes: null });
    expect([await store.hasPendingRemovals('csl'), await store.hasPendingRemovals('other')]).toEqual([true, false]);
    // The pending row is still a current designation: it stays listed until confirmed.
    expect([...(await store.currentFingerprints('csl')).keys()].sort()).toEqual(['EL:a co', 'EL:b co']);
    await store.commitSnapshot({
      ...commitOf('csl', '2024-05-03T00:00:00Z', { added: [], removed: [b], amended: [] }),
      guard: { pending: [], tail: ['EL:a co'], notes: { ...emptyNotes(), rows: 1 } },
    });
    expect(await store.guardState('csl')).toMatchObject({ pending: [] });
    expect(await store.hasPendingRemovals('csl')).toBe(false);
    expect([...(await store.currentFingerprints('csl')).keys()]).toEqual(['EL:a co']);
  });
});
