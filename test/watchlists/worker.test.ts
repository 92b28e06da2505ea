/**
 * The poll cycle's watchlist hook, end to end: a real app (SQLite file, console notifier) polling
 * a local trade.gov stand-in, with a watchlist imported from a CSV fixture.
 */
import { readFileSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WatchlistHitAlert } from '../../src/core/alert.js';
import { counterpartyCopyPath, readCounterpartyCopy } from '../../src/worker/counterparty-copy.js';
import { pollSource } from '../../src/worker/poll.js';
import { buildSnapshotSource } from '../../src/sources/registry.js';
import { parseCounterpartyCsv } from '../../src/watchlists/parse-csv.js';
import { createTestApp, startCslStandIn, type CslStandIn, type TestApp } from '../helpers/app.js';
import { cslJson, manyRows, SOURCES, type CslRowSpec } from '../helpers/csl.js';

const base: CslRowSpec[] = [
  { name: 'Beijing Megvii Technology Co., Ltd.', address: '1 Vision Road', city: 'Beijing' },
  { name: 'ORLOV TRADING LLC', source: SOURCES.SDN, entityNumber: '90001', address: 'Ulitsa 5', country: 'RU' },
  ...manyRows(30),
];
const HIKVISION: CslRowSpec = { name: 'Hangzhou Hikvision Digital Technology Co., Ltd.', address: '555 Qianmo Road', city: 'Hangzhou', citation: '84 FR 54002' };

const AT = '2026-05-04T09:00:00.000Z';

describe('watchlist screening in the poll cycle', () => {
  let standIn: CslStandIn;
  let route: CslStandIn['route'];
  let t: TestApp;

  beforeEach(async () => {
    standIn = await startCslStandIn({ CONSOLE_ALERTS: 'on' });
    ({ route, t } = standIn);
  });
  afterEach(() => standIn.close());

  const poll = () => standIn.poll();
  const importSuppliers = async () => {
    const rows = parseCounterpartyCsv(readFileSync(new URL('../fixtures/watchlists/suppliers.csv', import.meta.url)));
    await t.app.store.importWatchlist('suppliers', rows, 'cli:test', AT);
  };

  it('adds one high-priority hit alert to the commit of a snapshot that lists a counterparty', async () => {
    await importSuppliers();
    route.serve(cslJson(base));
    expect(await poll()).toEqual({ status: 'baseline', count: base.length });

    route.serve(cslJson([...base, HIKVISION]));
    expect(await poll()).toEqual({ status: 'changed', count: base.length + 1, added: 1, removed: 0, amended: 0, alerts: 2 });

    const records = await t.app.store.listAlerts(10);
    expect(records.map((r) => [r.alert.kind, r.alert.priority, r.alert.title]).sort()).toEqual([
      ['designations', 'normal', 'Entity List — 1 addition'],
      ['watchlist-hit', 'high', 'Watchlist hit — 1 counterparty on a new designation'],
    ]);
    const hit = records.find((r) => r.alert.kind === 'watchlist-hit')!;
    const alert = hit.alert as WatchlistHitAlert;
    expect(alert.source).toBe('csl');
    expect(alert.notes).toEqual(['1 new or amended designation screened against 4 counterparties in 1 watchlist']);
    expect(alert.hits).toEqual([
      {
        watchlist: 'suppliers',
        counterparty: 'Hikvision',
        reference: 'SUP-0042',
        designationKey: 'EL:hangzhou hikvision digital technology co ltd',
        designationName: 'Hangzhou Hikvision Digital Technology Co., Ltd.',
        list: 'EL',
        matchedName: 'Hangzhou Hikvision Digital Technology Co., Ltd.',
        score: 1,
      },
    ]);
    // Routed like every non-designation alert: to every channel, with its outbox row.
    expect(hit.deliveries.map((d) => [d.channel, d.state, d.matchKeys])).toEqual([['console', 'pending', null]]);

    expect(await t.app.deliverer.drain()).toBe(2);
    expect(t.output()).toContain('[HIGH csl] Watchlist hit — 1 counterparty on a new designation');
    expect(t.output()).toContain(
      '! Hikvision [SUP-0042] (watchlist suppliers) ↔ Hangzhou Hikvision Digital Technology Co., Ltd. on EL via "Hangzhou Hikvision Digital Technology Co., Ltd." score 1.00',
    );
  });

  it('screens amendments too, and says so', async () => {
    await importSuppliers();
    route.serve(cslJson([...base, HIKVISION]));
    await poll();
    route.serve(cslJson([...base, { ...HIKVISION, address: '1 New Campus Road' }]));
    expect(await poll()).toMatchObject({ status: 'changed', amended: 1, alerts: 2 });
    const titles = (await t.app.store.listAlerts(10)).map((r) => r.alert.title);
    expect(titles).toContain('Watchlist hit — 1 counterparty on an amended designation');
  });

  it('adds nothing when no counterparty is concerned, and nothing on a baseline', async () => {
    await importSuppliers();
    route.serve(cslJson([...base, HIKVISION]));
    await poll();
    expect(await t.app.store.listAlerts(10)).toEqual([]);
    route.serve(cslJson([...base, HIKVISION, { name: 'Qingdao Example Shipping Co.', address: '8 Harbour Road', city: 'Qingdao' }]));
    expect(await poll()).toMatchObject({ status: 'changed', added: 1, alerts: 1 });
    expect((await t.app.store.listAlerts(10)).map((r) => r.alert.kind)).toEqual(['designations']);
  });

  it('reads no counterparties and builds no index while there is no watchlist', async () => {
    const members = vi.spyOn(t.app.store, 'watchlistMembers');
    route.serve(cslJson(base));
    await poll();
    route.serve(cslJson([...base, HIKVISION]));
    expect(await poll()).toMatchObject({ status: 'changed', alerts: 1 });
    expect(members).not.toHaveBeenCalled();
  });

  it('keeps the counterparty index between changes and rebuilds it when a watchlist is replaced', async () => {
    const members = vi.spyOn(t.app.store, 'watchlistMembers');
    await t.app.store.importWatchlist('suppliers', [{ name: 'Toshiba', country: null, reference: 'SUP-0044' }], 'cli:test', AT);
    route.serve(cslJson(base));
    await poll();
    route.serve(cslJson([...base, { name: 'Example Newcomer Co.', address: '1 Road' }]));
    await poll();
    route.serve(cslJson([...base, { name: 'Example Newcomer Co.', address: '1 Road' }, HIKVISION]));
    expect(await poll()).toMatchObject({ alerts: 1 });
    expect(members).toHaveBeenCalledTimes(1);

    await t.app.store.importWatchlist('suppliers', [{ name: 'Hikvision', country: 'CN', reference: 'SUP-0042' }], 'cli:test', '2026-05-04T10:00:00.000Z', { replace: true });
    route.serve(cslJson([...base, { name: 'Example Newcomer Co.', address: '2 Road' }, { ...HIKVISION, address: '2 Road' }]));
    expect(await poll()).toMatchObject({ amended: 2, alerts: 2 });
    expect(members).toHaveBeenCalledTimes(2);
  });

  it('keeps the counterparty index beside the database for the next process, which finds the same hits with it', async () => {
    await importSuppliers();
    route.serve(cslJson(base));
    await poll();
    route.serve(cslJson([...base, HIKVISION]));
    await poll();
    const copy = counterpartyCopyPath(t.dbPath)!;
    const members = await t.app.store.watchlistMembers();
    expect(readCounterpartyCopy(copy, members)).not.toBeNull();
    const hitsOf = async (app: typeof t.app) => (await app.store.listAlerts(20)).filter((r) => r.alert.kind === 'watchlist-hit').map((r) => (r.alert as WatchlistHitAlert).hits);
    const first = await hitsOf(t.app);

    // A process of its own (a new store) reads the copy instead of building and writing one.
    const written = statSync(copy).ino;
    const next = await createTestApp({}, { dir: t.dir });
    try {
      route.serve(cslJson([...base, { ...HIKVISION, address: '2 Road' }]));
      expect(await pollSource(buildSnapshotSource('csl', t.app.config), next.app.pollDeps)).toMatchObject({ status: 'changed', amended: 1, alerts: 2 });
      expect(statSync(copy).ino).toBe(written);
      const hits = await hitsOf(next.app);
      expect(hits).toHaveLength(2);
      expect(hits[0]).toEqual(first[0]);
    } finally {
      await next.app.close();
    }
  });

  it('lets the next process trust the copy by the store\'s members hashes, reading no member, until a watchlist lacks one or changes', async () => {
    await importSuppliers();
    route.serve(cslJson(base));
    await poll();
    route.serve(cslJson([...base, HIKVISION]));
    await poll();
    const copy = counterpartyCopyPath(t.dbPath)!;
    const hitsOf = async (app: typeof t.app) => (await app.store.listAlerts(1)).map((r) => r.alert).filter((a): a is WatchlistHitAlert => a.kind === 'watchlist-hit').map((a) => a.hits);
    /** A change screened by a process of its own: its hits, whether it read members from the store, whether it rewrote the copy. */
    const nextProcess = async (address: string) => {
      const next = await createTestApp({}, { dir: t.dir });
      try {
        const members = vi.spyOn(next.app.store, 'watchlistMembers');
        const written = statSync(copy).mtimeMs;
        route.serve(cslJson([...base, { ...HIKVISION, address }]));
        expect(await pollSource(buildSnapshotSource('csl', t.app.config), next.app.pollDeps)).toMatchObject({ status: 'changed', amended: 1, alerts: 2 });
        return { hits: await hitsOf(next.app), read: members.mock.calls.length > 0, rewrote: statSync(copy).mtimeMs !== written };
      } finally {
        await next.app.close();
      }
    };
    const trusted = await nextProcess('2 Road');
    expect(trusted).toMatchObject({ read: false, rewrote: false });
    expect(trusted.hits[0]!.map((h) => [h.counterparty, h.reference])).toEqual([['Hikvision', 'SUP-0042']]);

    // As a watchlist imported before the store kept hashes: its members vouch for the copy.
    const db = new Database(t.dbPath);
    db.prepare('UPDATE watchlists SET members_hash = NULL').run();
    db.close();
    expect(await nextProcess('3 Road')).toEqual({ ...trusted, read: true });

    // Replaced with one reference changed (by another process): the copy holds other members, so it is not used.
    const rows = parseCounterpartyCsv(readFileSync(new URL('../fixtures/watchlists/suppliers.csv', import.meta.url)));
    await t.app.store.importWatchlist('suppliers', rows.map((r) => (r.reference === 'SUP-0042' ? { ...r, reference: 'SUP-4242' } : r)), 'cli:test', AT, { replace: true });
    const replaced = await nextProcess('4 Road');
    expect(replaced).toMatchObject({ read: true, rewrote: true });
    expect(replaced.hits[0]!.map((h) => h.reference)).toEqual(['SUP-4242']);
    expect(await nextProcess('5 Road')).toEqual({ ...replaced, read: false, rewrote: false });
  });

  it('commits the snapshot with an admin alert instead of a hit alert when screening fails', async () => {
    await importSuppliers();
    route.serve(cslJson(base));
    await poll();
    vi.spyOn(t.app.store, 'watchlistMembers').mockRejectedValue(new Error('disk on fire'));
    route.serve(cslJson([...base, HIKVISION]));
    expect(await poll()).toMatchObject({ status: 'changed', added: 1, alerts: 2 });
    const alerts = (await t.app.store.listAlerts(10)).map((r) => r.alert);
    expect(alerts.map((a) => a.kind).sort()).toEqual(['designations', 'source-health']);
    expect(alerts.find((a) => a.kind === 'source-health')).toMatchObject({ priority: 'high', reasonCode: 'watchlist-screening' });
  });
});
