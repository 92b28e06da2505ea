/**
 * Store contract: the outbox — due rows per channel in order, atomic claims with leases, the
 * delivery log, alerts — on every store implementation.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Delivery, DeliveryClaim, Store } from '../../../store/types.js';
import { routes, testAlert } from '../fixtures.js';
import { describeStores } from './harness.js';

const t = (minute: number) => `2024-05-01T12:${String(minute).padStart(2, '0')}:00.000Z`;
/** A claim by `by` made at minute `at`, lasting `minutes`. */
const claimAt = (at: number, by = 'w1', minutes = 5): DeliveryClaim => ({ by, at: t(at), until: t(at + minutes) });

describeStores('outbox', (ctx) => {
  let store: Store;
  beforeEach(() => {
    store = ctx.store;
  });

  const pairs = (rows: Delivery[]) => rows.map((d) => `${d.alertId}→${d.channel}`);

  /** Three alerts, a minute apart, each for channels A and B. */
  async function threeAlerts(): Promise<void> {
    for (const [i, id] of ['a1', 'a2', 'a3'].entries()) {
      await store.insertAlerts([{ alert: testAlert(id, t(i)), routes: routes('A', 'B') }], t(i));
    }
  }

  describe('dueDeliveries', () => {
    it('returns the head of every channel, oldest first', async () => {
      await threeAlerts();
      expect(pairs(await store.dueDeliveries(t(10), 10))).toEqual(['a1→A', 'a1→B']);
      expect(pairs(await store.dueDeliveries(t(10), 1))).toEqual(['a1→A']);
    });

    it('returns nothing before a row is due', async () => {
        await store.insertAlerts([{ alert: testAlert('later', t(5)), routes: routes('A') }], t(5));
      expect(await store.dueDeliveries(t(4), 10)).toEqual([]);
      expect(pairs(await store.dueDeliveries(t(5), 10))).toEqual(['later→A']);
    });

    it('holds a channel whole while its head is sending or waits for a retry', async () => {
      await threeAlerts();
      expect(await store.claimDelivery('a1', 'A', claimAt(10))).toMatchObject({ state: 'sending', attempts: 1 });
      expect(pairs(await store.dueDeliveries(t(10), 10))).toEqual(['a1→B']);

      await store.markAttemptFailed('a1', 'A', t(10), 'HTTP 503', t(20));
      expect(pairs(await store.dueDeliveries(t(19), 10))).toEqual(['a1→B']);
      const retry = await store.dueDeliveries(t(20), 10);
      expect(pairs(retry)).toEqual(['a1→A', 'a1→B']);
      expect(retry[0]).toMatchObject({ state: 'pending', attempts: 1, lastError: 'HTTP 503', nextAttemptAt: t(20) });

      expect(await store.claimDelivery('a1', 'A', claimAt(20))).not.toBeNull();
      expect(await store.markSent('a1', 'A', t(21), '1714567890.000100', 'w1')).toBe(true);
      expect(pairs(await store.dueDeliveries(t(21), 10))).toEqual(['a1→B', 'a2→A']);
      expect(await store.getDelivery('a1', 'A')).toEqual({
        alertId: 'a1',
        channel: 'A',
        state: 'sent',
        matchKeys: null,
        attempts: 2,
        nextAttemptAt: t(20),
        lastError: null,
        remoteId: '1714567890.000100',
        sentAt: t(21),
        createdAt: t(0),
      });
    });

    it('skips rows that failed for good', async () => {
      await threeAlerts();
      await store.claimDelivery('a1', 'B', claimAt(10));
      expect(await store.markAttemptFailed('a1', 'B', t(10), 'channel_not_found', null, 'w1')).toBe(true);
      expect(await store.getDelivery('a1', 'B')).toMatchObject({ state: 'failed', lastError: 'channel_not_found', nextAttemptAt: t(0) });
      expect(pairs(await store.dueDeliveries(t(10), 10))).toEqual(['a1→A', 'a2→B']);
    });

    it('orders channels by creation time, then alert id', async () => {
        await store.insertAlerts(
        [
          { alert: testAlert('zeta', t(1)), routes: routes('C') },
          { alert: testAlert('alpha', t(1)), routes: routes('D') },
          { alert: testAlert('early', t(0)), routes: routes('E') },
        ],
        t(1),
      );
      await store.insertAlerts([{ alert: testAlert('first', t(0)), routes: routes('F') }], t(0));
      expect(pairs(await store.dueDeliveries(t(5), 10))).toEqual(['first→F', 'alpha→D', 'early→E', 'zeta→C']);
    });

    it('keeps insertion order inside a channel when creation times tie', async () => {
        await store.insertAlerts(
        [
          { alert: testAlert('b-second', t(1)), routes: routes('A') },
          { alert: testAlert('a-third', t(1)), routes: routes('A') },
        ],
        t(1),
      );
      expect(pairs(await store.dueDeliveries(t(5), 10))).toEqual(['b-second→A']);
    });
  });

  describe('claims, leases and the delivery log', () => {
    it('claims the due heads atomically, once, and holds their channels', async () => {
      await threeAlerts();
      const claimed = await store.claimDueDeliveries(claimAt(10), 10);
      expect(claimed.map((d) => [d.alertId, d.channel, d.state, d.attempts])).toEqual([
        ['a1', 'A', 'sending', 1],
        ['a1', 'B', 'sending', 1],
      ]);
      expect(await store.claimDueDeliveries(claimAt(10, 'w2'), 10)).toEqual([]);
      expect(await store.claimDelivery('a1', 'A', claimAt(10, 'w2'))).toBeNull();
      expect(await store.dueDeliveries(t(10), 10)).toEqual([]);
    });

    it('lets only the claim holder record the outcome', async () => {
      await threeAlerts();
      await store.claimDelivery('a1', 'A', claimAt(10, 'w1'));
      expect(await store.markSent('a1', 'A', t(11), 'x', 'w2')).toBe(false);
      expect(await store.markAttemptFailed('a1', 'A', t(11), 'boom', t(12), 'w2')).toBe(false);
      expect((await store.getDelivery('a1', 'A'))?.state).toBe('sending');
      expect(await store.markSent('a1', 'A', t(11), 'x', 'w1')).toBe(true);
      expect(await store.markSent('a1', 'A', t(12), 'y', 'w1')).toBe(false);
    });

    it('reports lapsed claims only, also after a restart, lets one instance take each over, and logs each step', async () => {
      await threeAlerts();
      await store.claimDelivery('a1', 'A', claimAt(10, 'dead', 5));
      await store.claimDelivery('a1', 'B', claimAt(10, 'alive', 60));
      expect(await store.expiredClaims(t(14))).toEqual([]);
      expect(pairs(await store.expiredClaims(t(15)))).toEqual(['a1→A']);

      store = await ctx.reopen();
      const other = await ctx.another();
      expect(pairs(await store.expiredClaims(t(16)))).toEqual(['a1→A']);
      expect(await store.takeOverClaim('a1', 'A', claimAt(16, 'w2'))).toBe(true);
      expect(await other.takeOverClaim('a1', 'A', claimAt(16, 'w3'))).toBe(false);
      expect(await store.expiredClaims(t(16))).toEqual([]);
      expect(await store.markSent('a1', 'A', t(17), 'dead-w', 'dead')).toBe(false);
      expect(await store.markSent('a1', 'A', t(17), null, 'w2')).toBe(true);
      expect(await store.getDelivery('a1', 'A')).toMatchObject({ state: 'sent', attempts: 1, remoteId: null, sentAt: t(17) });

      expect(await ctx.h.query(ctx.url, "SELECT alert_id, channel, at, outcome, detail FROM delivery_log WHERE channel = 'A' ORDER BY id")).toEqual([
        { alert_id: 'a1', channel: 'A', at: t(10), outcome: 'sending', detail: null },
        { alert_id: 'a1', channel: 'A', at: t(16), outcome: 'recovered', detail: 'was in flight' },
        { alert_id: 'a1', channel: 'A', at: t(17), outcome: 'sent', detail: null },
      ]);
    });

    it('never gives one row to two concurrent claimers', async () => {
        const channels = Array.from({ length: 8 }, (_, i) => `C${i}`);
      for (let i = 0; i < 6; i++) await store.insertAlerts([{ alert: testAlert(`a${i}`, t(i)), routes: routes(...channels) }], t(i));
      const instances = [store, await ctx.another(), await ctx.another()];
      const taken: string[] = [];
      // Each instance claims, then sends what it got; repeated until every row is sent.
      for (let round = 0; round < 20 && taken.length < 48; round++) {
        const batches = await Promise.all(instances.map((s, i) => s.claimDueDeliveries(claimAt(10, `w${i}`), 100)));
        for (const [i, batch] of batches.entries()) {
          for (const d of batch) {
            taken.push(`${d.alertId}→${d.channel}`);
            expect(await instances[i]!.markSent(d.alertId, d.channel, t(11), null, `w${i}`)).toBe(true);
          }
        }
      }
      expect(taken.length).toBe(48);
      expect(new Set(taken).size).toBe(48);
      // Per channel, in alert order.
      for (const c of channels) expect(taken.filter((p) => p.endsWith(`→${c}`))).toEqual([0, 1, 2, 3, 4, 5].map((i) => `a${i}→${c}`));
    });

    it('rejects marks for a delivery that does not exist', async () => {
        await expect(store.claimDelivery('nope', 'A', claimAt(0))).rejects.toThrow('no delivery of alert nope to A');
      await expect(store.markSent('nope', 'A', t(0), null)).rejects.toThrow('no delivery');
      await expect(store.markAttemptFailed('nope', 'A', t(0), 'x', null)).rejects.toThrow('no delivery');
    });
  });

  describe('alerts', () => {
    it('lists the newest first, each with its deliveries', async () => {
      await threeAlerts();
      await store.insertAlerts([{ alert: testAlert('tie', t(2)), routes: [{ channel: 'C', matchKeys: ['EL:x'] }] }], t(2));
      await store.insertAlerts([{ alert: testAlert('quiet', t(3)), routes: [] }], t(3));
      await store.claimDelivery('a3', 'B', claimAt(4));

      const listed = await store.listAlerts(3);
      expect(listed.map((r) => r.alert.id)).toEqual(['quiet', 'tie', 'a3']);
      expect(listed[0]).toEqual({ alert: testAlert('quiet', t(3)), deliveries: [] });
      expect(listed[1]!.deliveries.map((d) => [d.channel, d.state, d.matchKeys])).toEqual([['C', 'pending', ['EL:x']]]);
      expect(listed[2]!.deliveries.map((d) => [d.channel, d.state, d.attempts])).toEqual([
        ['A', 'pending', 0],
        ['B', 'sending', 1],
      ]);
      expect((await store.listAlerts(100)).length).toBe(5);
    });

    it('reads one alert back exactly, or null', async () => {
        const alert = testAlert('x', t(0), {
        priority: 'high',
        threadOf: 'parent',
        notes: ['Announced in 89 FR 1'],
        links: [{ label: '89 FR 1', url: 'https://www.federalregister.gov/citation/89-FR-1' }],
      });
      await store.insertAlerts([{ alert, routes: routes('A') }], t(0));
      expect(await store.getAlert('x')).toEqual(alert);
      expect(await store.getAlert('y')).toBeNull();
      expect(await store.getDelivery('x', 'B')).toBeNull();
    });

    it('writes a batch all or nothing', async () => {
        await expect(
        store.insertAlerts(
          [
            { alert: testAlert('one', t(0)), routes: routes('A') },
            { alert: testAlert('two', t(0)), routes: routes('A', 'A') },
          ],
          t(0),
        ),
      ).rejects.toThrow(/UNIQUE|duplicate key/);
      expect(await store.listAlerts(10)).toEqual([]);
    });
  });
});
