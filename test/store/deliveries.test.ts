import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../store/sqlite/index.js';
import type { Delivery, Store } from '../../store/types.js';
import { routes, tempDir, testAlert } from './fixtures.js';

const t = (minute: number) => `2024-05-01T12:${String(minute).padStart(2, '0')}:00.000Z`;

let dir: string;
let cleanup: () => void;
let store: Store;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  store = openSqliteStore(join(dir, 'outbox.db'));
});

afterEach(async () => {
  await store.close();
  cleanup();
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
    await store.markSending('a1', 'A', t(10));
    expect(pairs(await store.dueDeliveries(t(10), 10))).toEqual(['a1→B']);

    await store.markAttemptFailed('a1', 'A', t(10), 'HTTP 503', t(20));
    expect(pairs(await store.dueDeliveries(t(19), 10))).toEqual(['a1→B']);
    const retry = await store.dueDeliveries(t(20), 10);
    expect(pairs(retry)).toEqual(['a1→A', 'a1→B']);
    expect(retry[0]).toMatchObject({ state: 'pending', attempts: 1, lastError: 'HTTP 503', nextAttemptAt: t(20) });

    await store.markSending('a1', 'A', t(20));
    await store.markSent('a1', 'A', t(21), '1714567890.000100');
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
    await store.markSending('a1', 'B', t(10));
    await store.markAttemptFailed('a1', 'B', t(10), 'channel_not_found', null);
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

describe('in-flight rows and the delivery log', () => {
  it('reports rows left sending, also after a restart, and logs each attempt', async () => {
    await threeAlerts();
    await store.markSending('a1', 'A', t(10));
    expect(pairs(await store.inFlightDeliveries())).toEqual(['a1→A']);

    await store.close();
    store = openSqliteStore(join(dir, 'outbox.db'));
    expect(pairs(await store.inFlightDeliveries())).toEqual(['a1→A']);
    await store.markSending('a1', 'A', t(11));
    await store.markSent('a1', 'A', t(12), null);
    expect(await store.inFlightDeliveries()).toEqual([]);
    expect(await store.getDelivery('a1', 'A')).toMatchObject({ state: 'sent', attempts: 2, remoteId: null, sentAt: t(12) });

    const db = new Database(join(dir, 'outbox.db'));
    expect(db.prepare('SELECT alert_id, channel, at, outcome, detail FROM delivery_log ORDER BY id').all()).toEqual([
      { alert_id: 'a1', channel: 'A', at: t(10), outcome: 'sending', detail: null },
      { alert_id: 'a1', channel: 'A', at: t(11), outcome: 'recovered', detail: 'was in flight' },
      { alert_id: 'a1', channel: 'A', at: t(12), outcome: 'sent', detail: null },
    ]);
    db.close();
  });

  it('rejects marks for a delivery that does not exist', async () => {
    await expect(store.markSending('nope', 'A', t(0))).rejects.toThrow('no delivery of alert nope to A');
    await expect(store.markSent('nope', 'A', t(0), null)).rejects.toThrow('no delivery');
    await expect(store.markAttemptFailed('nope', 'A', t(0), 'x', null)).rejects.toThrow('no delivery');
  });
});

describe('alerts', () => {
  it('lists the newest first, each with its deliveries', async () => {
    await threeAlerts();
    await store.insertAlerts([{ alert: testAlert('tie', t(2)), routes: [{ channel: 'C', matchKeys: ['EL:x'] }] }], t(2));
    await store.insertAlerts([{ alert: testAlert('quiet', t(3)), routes: [] }], t(3));
    await store.markSending('a3', 'B', t(4));

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
    ).rejects.toThrow(/UNIQUE/);
    expect(await store.listAlerts(10)).toEqual([]);
  });
});
