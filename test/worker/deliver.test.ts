import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/core/alert.js';
import { silentLogger } from '../../src/log.js';
import type { DeliveryRequest, Notifier } from '../../src/notifiers/types.js';
import { createWebhookNotifier, webhookChannelId } from '../../src/notifiers/webhook/index.js';
import { createDeliverer, DEFAULT_DELIVERY_LEASE_MS } from '../../src/worker/deliver.js';
import { openSqliteStore } from '../../store/sqlite/index.js';
import type { Store } from '../../store/types.js';
import { tempDir } from '../helpers/app.js';
import { startFakeServer, type FakeServer } from '../helpers/http.js';

function testAlert(id: string, threadOf: string | null = null): Alert {
  return {
    id,
    kind: 'test',
    source: 'entitywatch',
    createdAt: '2026-11-21T10:00:00.000Z',
    title: `Test alert ${id}`,
    priority: 'normal',
    threadOf,
    notes: [],
    links: [],
  };
}

describe('deliverer: exactly once, per channel, across crashes', () => {
  let server: FakeServer;
  let dir: ReturnType<typeof tempDir>;
  let store: Store;
  let clock: Date;
  const now = () => clock;

  beforeEach(async () => {
    server = await startFakeServer();
    dir = tempDir();
    store = openSqliteStore(`${dir.dir}/outbox.db`);
    clock = new Date('2026-11-21T10:00:00.000Z');
  });
  afterEach(async () => {
    await store.close();
    await server.close();
    dir.cleanup();
  });

  function webhook(...paths: string[]): Notifier {
    return createWebhookNotifier({ urls: paths.map((p) => `${server.url}${p}`), timeoutMs: 5000, userAgent: 'test' });
  }

  function deliverer(notifiers: Notifier[], s: Store = store) {
    return createDeliverer({ store: s, log: silentLogger(), now, notifiers, maxAttempts: 5, backoffBaseMs: 1000, backoffMaxMs: 60_000, random: () => 0.5 });
  }

  it('a crash after the receiver accepted is recovered by resending with the same Idempotency-Key', async () => {
    const accepted = new Map<string, number>();
    server.route('POST', '/hook', (req, res) => {
      const key = String(req.headers['idempotency-key']);
      accepted.set(key, (accepted.get(key) ?? 0) + 1);
      res.writeHead(200).end();
    });
    const notifier = webhook('/hook');
    const channel = webhookChannelId(`${server.url}/hook`);
    await store.insertAlerts([{ alert: testAlert('al_1'), routes: [{ channel, matchKeys: null }] }], clock.toISOString());

    // Process 1 dies right after the platform accepted: markSent never happens.
    const dying: Store = Object.create(store, { markSent: { value: () => Promise.reject(new Error('process killed')) } });
    await expect(deliverer([notifier], dying).drain()).rejects.toThrow('process killed');
    expect((await store.getDelivery('al_1', channel))?.state).toBe('sending');

    // Process 2 starts on the same database file; process 1's claim has lapsed.
    await store.close();
    store = openSqliteStore(`${dir.dir}/outbox.db`);
    expect(await deliverer([notifier]).recover()).toBe(0); // not before the lease ends: process 1 may still be sending
    clock = new Date(clock.getTime() + DEFAULT_DELIVERY_LEASE_MS);
    const next = deliverer([notifier]);
    expect(await next.recover()).toBe(1);
    expect(await next.drain()).toBe(1);
    expect(await next.drain()).toBe(0);

    expect(accepted).toEqual(new Map([[`al_1:${channel}`, 2]]));
    const posts = server.requests.filter((r) => r.method === 'POST');
    expect(new Set(posts.map((r) => JSON.parse(r.body).idempotencyKey))).toEqual(new Set([`al_1:${channel}`]));
    expect((await store.getDelivery('al_1', channel))?.state).toBe('sent');
  });

  it('a notifier with a lookup check does not resend what had arrived', async () => {
    const platform: DeliveryRequest[] = [];
    const lookup: Notifier = {
      id: 'fake',
      recovery: 'lookup',
      channels: () => [{ id: 'fake:C1', notifier: 'fake', target: 'C1' }],
      async send(req) {
        platform.push(req);
        return { remoteId: `m${platform.length}` };
      },
      async findDelivered(req) {
        const i = platform.findIndex((m) => m.idempotencyKey === req.idempotencyKey);
        return i === -1 ? null : { remoteId: `m${i + 1}` };
      },
    };
    await store.insertAlerts(
      [
        { alert: testAlert('al_1'), routes: [{ channel: 'fake:C1', matchKeys: null }] },
        { alert: testAlert('al_2'), routes: [{ channel: 'fake:C1', matchKeys: null }] },
      ],
      clock.toISOString(),
    );
    const dying: Store = Object.create(store, { markSent: { value: () => Promise.reject(new Error('killed')) } });
    await expect(deliverer([lookup], dying).drain()).rejects.toThrow('killed');
    expect(platform).toHaveLength(1);

    clock = new Date(clock.getTime() + DEFAULT_DELIVERY_LEASE_MS);
    const next = deliverer([lookup]);
    await next.recover();
    await next.drain();
    expect(platform.map((m) => m.alert.id)).toEqual(['al_1', 'al_2']);
    expect((await store.getDelivery('al_1', 'fake:C1'))).toMatchObject({ state: 'sent', remoteId: 'm1' });
    expect((await store.getDelivery('al_2', 'fake:C1'))).toMatchObject({ state: 'sent', remoteId: 'm2' });
  });

  it('retries a failing channel with backoff (honouring Retry-After) without blocking the others', async () => {
    let downCalls = 0;
    server.route('POST', '/down', (_req, res) => {
      downCalls++;
      if (downCalls === 1) res.writeHead(429, { 'retry-after': '30' }).end();
      else if (downCalls === 2) res.writeHead(503).end();
      else res.writeHead(204).end();
    });
    server.route('POST', '/up', (_req, res) => void res.writeHead(200).end());
    const notifier = webhook('/down', '/up');
    const down = webhookChannelId(`${server.url}/down`);
    const up = webhookChannelId(`${server.url}/up`);
    const routes = [{ channel: down, matchKeys: null }, { channel: up, matchKeys: null }];
    await store.insertAlerts([{ alert: testAlert('al_1'), routes }, { alert: testAlert('al_2'), routes }], clock.toISOString());
    const d = deliverer([notifier]);

    expect(await d.drain()).toBe(2); // both to /up; /down answered 429
    expect(await store.getDelivery('al_1', down)).toMatchObject({ state: 'pending', nextAttemptAt: '2026-11-21T10:00:30.000Z', attempts: 1 });
    expect((await store.getDelivery('al_2', down))?.attempts).toBe(0); // waits behind al_1: order kept

    clock = new Date('2026-11-21T10:00:30.000Z');
    expect(await d.drain()).toBe(0); // 503: backoff base 1s * 2^(2-1) = 2s
    expect(await store.getDelivery('al_1', down)).toMatchObject({ state: 'pending', nextAttemptAt: '2026-11-21T10:00:32.000Z' });

    clock = new Date('2026-11-21T10:00:32.000Z');
    expect(await d.drain()).toBe(2);
    expect(server.requests.filter((r) => r.path === '/up')).toHaveLength(2);
    expect(server.requests.filter((r) => r.path === '/down')).toHaveLength(4);
    expect(server.unexpected).toEqual([]);
  });

  it('gives up on a permanent 4xx and records why', async () => {
    server.route('POST', '/gone', (_req, res) => void res.writeHead(404).end());
    const channel = webhookChannelId(`${server.url}/gone`);
    await store.insertAlerts([{ alert: testAlert('al_1'), routes: [{ channel, matchKeys: null }] }], clock.toISOString());
    await deliverer([webhook('/gone')]).drain();
    expect(await store.getDelivery('al_1', channel)).toMatchObject({ state: 'failed', lastError: expect.stringContaining('HTTP 404') });
  });

  it('passes the thread parent’s remote id to a threaded follow-up', async () => {
    const seen: Array<string | null> = [];
    const threaded: Notifier = {
      id: 'fake',
      recovery: 'resend',
      channels: () => [{ id: 'fake:C1', notifier: 'fake', target: 'C1' }],
      async send(req) {
        seen.push(req.threadRemoteId);
        return { remoteId: `ts-${req.alert.id}` };
      },
    };
    const routes = [{ channel: 'fake:C1', matchKeys: null }];
    await store.insertAlerts([{ alert: testAlert('al_1'), routes }, { alert: testAlert('al_2', 'al_1'), routes }], clock.toISOString());
    await deliverer([threaded]).drain();
    expect(seen).toEqual([null, 'ts-al_1']);
  });
});
