/**
 * Store contract: screening jobs (store/screening.ts) — written with the change, settled once
 * even when instances race — and the quick same-body check (store/body-checks.ts), on every store.
 */
import { expect, it } from 'vitest';
import { makeDesignation } from '../../helpers/designations.js';
import { commitOf, emptyDiff, routes, testAlert } from '../fixtures.js';
import { describeStores } from './harness.js';

const T0 = '2024-05-01T00:00:00.000Z';
const T1 = '2024-05-02T00:00:00.000Z';
const T2 = '2024-05-03T00:00:00.000Z';

describeStores('screening jobs and body checks', (ctx) => {
  it('writes a job with its change (never with a baseline) and settles it once, whichever instance races', async () => {
    const store = ctx.store;
    const acme = makeDesignation({ name: 'Acme Optics', list: 'EL' });
    const newco = makeDesignation({ name: 'Newco', list: 'EL' });
    await store.commitSnapshot({ ...commitOf('csl', T0, { ...emptyDiff(), added: [acme] }, { baseline: true }), screening: { changedKeys: [acme.key], addedKeys: [acme.key] } });
    expect(await store.pendingScreenings()).toEqual([]);
    const { snapshotId } = await store.commitSnapshot({ ...commitOf('csl', T1, { ...emptyDiff(), added: [newco] }), screening: { changedKeys: [newco.key], addedKeys: [newco.key] } });
    const [job] = await store.pendingScreenings();
    expect(job).toEqual({ id: expect.any(Number), source: 'csl', snapshotId, createdAt: T1, changedKeys: [newco.key], addedKeys: [newco.key] });

    const other = await ctx.another();
    const results = await Promise.all([
      store.completeScreening(job!.id, { alert: testAlert('hit-1', T2), routes: routes('slack:C1') }, T2),
      other.completeScreening(job!.id, { alert: testAlert('hit-2', T2), routes: routes('slack:C1') }, T2),
    ]);
    expect(results.filter(Boolean)).toEqual([true]);
    const written = (await store.listAlerts(10)).map((r) => r.alert.id).filter((id) => id.startsWith('hit-'));
    expect(written).toHaveLength(1);
    expect(await store.pendingScreenings()).toEqual([]);
    expect(await store.completeScreening(job!.id, null, T2)).toBe(false);
  });

  it('remembers the last body check per source, replaced by the next', async () => {
    const store = ctx.store;
    expect(await store.bodyCheck('csl')).toBeNull();
    await store.recordBodyCheck('csl', { contentHash: 'sha-1', length: 30_123_456, fastHash: 'abc' });
    await store.recordBodyCheck('csl', { contentHash: 'sha-2', length: 11, fastHash: 'def' });
    expect(await store.bodyCheck('csl')).toEqual({ contentHash: 'sha-2', length: 11, fastHash: 'def' });
    expect(await store.bodyCheck('ofac-sdn')).toBeNull();
  });
});
