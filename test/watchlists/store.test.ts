import { beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { membersHash } from '../../src/watchlists/members-hash.js';
import type { CounterpartyInput, Store } from '../../store/types.js';
import { describeStores } from '../store/contract/harness.js';

const T0 = '2026-05-04T09:00:00.000Z';
const T1 = '2026-05-04T10:00:00.000Z';

const SUPPLIERS: CounterpartyInput[] = [
  { name: 'Hikvision', country: 'CN', reference: 'SUP-0042' },
  { name: 'Toshiba', country: null, reference: 'SUP-0044' },
];

let store: Store;


describeStores('watchlists', (ctx) => {
  beforeEach(() => {
    store = ctx.store;
  });

  describe('watchlists in the store', () => {
    it('imports a watchlist and its members, audited with the counts', async () => {
      const result = await store.importWatchlist('suppliers', SUPPLIERS, 'cli:alice', T0);
      expect(result).toEqual({
        watchlist: { name: 'suppliers', count: 2, createdBy: 'cli:alice', createdAt: T0, updatedAt: T0, membersHash: membersHash(SUPPLIERS) },
        replaced: 0,
      });
      expect(await store.listWatchlists()).toEqual([result.watchlist]);
      expect(await store.watchlistMembers('suppliers')).toEqual([
        { watchlist: 'suppliers', name: 'Hikvision', country: 'CN', reference: 'SUP-0042' },
        { watchlist: 'suppliers', name: 'Toshiba', country: null, reference: 'SUP-0044' },
      ]);
      expect(await store.listAudit(10)).toEqual([
        { id: 1, at: T0, actor: 'cli:alice', action: 'watchlist.import', detail: { name: 'suppliers', count: 2, replaced: 0, replace: false } },
      ]);
    });

    it('refuses a second import under the same name (any case) without replace, writing nothing', async () => {
      await store.importWatchlist('suppliers', SUPPLIERS, 'cli:alice', T0);
      await expect(store.importWatchlist('Suppliers', [{ name: 'Other', country: null, reference: null }], 'cli:bob', T1)).rejects.toThrow(
        new UsageError('a watchlist named "suppliers" exists already: import with --replace to swap its counterparties, or choose another name'),
      );
      expect((await store.watchlistMembers()).map((m) => m.name)).toEqual(['Hikvision', 'Toshiba']);
      expect(await store.listAudit(10)).toHaveLength(1);
    });

    it('replaces the members on a replace import, keeping who created it', async () => {
      await store.importWatchlist('suppliers', SUPPLIERS, 'cli:alice', T0);
      const result = await store.importWatchlist('suppliers', [{ name: 'Megvii', country: null, reference: 'SUP-0050' }], 'slack:U1', T1, { replace: true });
      expect(result).toEqual({
        watchlist: {
          name: 'suppliers',
          count: 1,
          createdBy: 'cli:alice',
          createdAt: T0,
          updatedAt: T1,
          membersHash: membersHash([{ name: 'Megvii', country: null, reference: 'SUP-0050' }]),
        },
        replaced: 2,
      });
      expect(await store.watchlistMembers()).toEqual([{ watchlist: 'suppliers', name: 'Megvii', country: null, reference: 'SUP-0050' }]);
      expect((await store.listAudit(1))[0]).toEqual({
        id: 2,
        at: T1,
        actor: 'slack:U1',
        action: 'watchlist.import',
        detail: { name: 'suppliers', count: 1, replaced: 2, replace: true },
      });
    });

    it('keeps per watchlist the hash of its members as they read back, moved by any change of a member', async () => {
      // What vouches for the counterparty copy (src/worker/counterparty-copy.ts): it must be the
      // hash of what watchlistMembers gives, trimmed and upper-cased as stored, not of the input.
      await store.importWatchlist('suppliers', [{ name: '  Hikvision ', country: 'cn', reference: ' SUP-0042' }, SUPPLIERS[1]!], 'cli:alice', T0);
      await store.importWatchlist('customers', [{ name: 'Megvii', country: null, reference: null }], 'cli:alice', T0);
      const hashes = async (): Promise<Array<string | null>> => (await store.listWatchlists()).map((w) => w.membersHash);
      const read = async (name: string): Promise<string> => membersHash(await store.watchlistMembers(name));
      expect(await hashes()).toEqual([await read('customers'), await read('suppliers')]);
      expect(await read('suppliers')).toBe(membersHash(SUPPLIERS));
      const seen = new Set(await hashes());
      // Same names, one reference changed; then one country; then the same members again.
      for (const members of [
        [SUPPLIERS[0]!, { ...SUPPLIERS[1]!, reference: 'SUP-0045' }],
        [SUPPLIERS[0]!, { ...SUPPLIERS[1]!, reference: 'SUP-0045', country: 'JP' }],
      ]) {
        await store.importWatchlist('suppliers', members, 'cli:alice', T1, { replace: true });
        const [, suppliers] = await hashes();
        expect(suppliers).toBe(await read('suppliers'));
        expect(seen.has(suppliers!)).toBe(false);
        seen.add(suppliers!);
      }
      await store.importWatchlist('suppliers', SUPPLIERS, 'cli:alice', T1, { replace: true });
      expect((await hashes())[1]).toBe(membersHash(SUPPLIERS));
    });

    it('creates a watchlist on a replace import when none exists', async () => {
      const result = await store.importWatchlist('customers', SUPPLIERS, 'cli:alice', T0, { replace: true });
      expect(result.replaced).toBe(0);
      expect((await store.listWatchlists()).map((w) => [w.name, w.count])).toEqual([['customers', 2]]);
    });

    it('lists every watchlist by name and all members for screening', async () => {
      await store.importWatchlist('suppliers', SUPPLIERS, 'cli:alice', T0);
      await store.importWatchlist('customers', [{ name: 'Acme', country: 'DE', reference: null }], 'cli:alice', T1);
      expect((await store.listWatchlists()).map((w) => [w.name, w.count])).toEqual([
        ['customers', 1],
        ['suppliers', 2],
      ]);
      expect((await store.watchlistMembers()).map((m) => `${m.watchlist}/${m.name}`)).toEqual(['customers/Acme', 'suppliers/Hikvision', 'suppliers/Toshiba']);
      expect(await store.watchlistMembers('nobody')).toEqual([]);
    });

    it('removes a watchlist with its members, audited; false for an unknown name', async () => {
      await store.importWatchlist('suppliers', SUPPLIERS, 'cli:alice', T0);
      expect(await store.removeWatchlist('SUPPLIERS', 'discord:42', T1)).toBe(true);
      expect(await store.listWatchlists()).toEqual([]);
      expect(await store.watchlistMembers()).toEqual([]);
      expect((await store.listAudit(1))[0]).toEqual({ id: 2, at: T1, actor: 'discord:42', action: 'watchlist.remove', detail: { name: 'suppliers', count: 2 } });
      expect(await store.removeWatchlist('suppliers', 'discord:42', T1)).toBe(false);
      expect(await store.listAudit(10)).toHaveLength(2);
    });

    it('validates names and members before writing anything', async () => {
      await expect(store.importWatchlist('my suppliers', SUPPLIERS, 'cli:alice', T0)).rejects.toThrow(/invalid watchlist name "my suppliers"/);
      await expect(store.importWatchlist('suppliers', [{ name: ' ', country: null, reference: null }], 'cli:alice', T0)).rejects.toThrow(
        'counterparty 1: a counterparty needs a name',
      );
      await expect(store.importWatchlist('suppliers', [{ name: 'Acme', country: 'Germany', reference: null }], 'cli:alice', T0)).rejects.toThrow(
        'counterparty 1: country "GERMANY" is not an ISO 3166-1 alpha-2 code',
      );
      expect(await store.listWatchlists()).toEqual([]);
      expect(await store.listAudit(10)).toEqual([]);
    });

    it('keeps watchlists across a reopen', async () => {
      await store.importWatchlist('suppliers', SUPPLIERS, 'cli:alice', T0);
      store = await ctx.reopen();
      expect((await store.listWatchlists()).map((w) => w.count)).toEqual([2]);
    });
  });
});
