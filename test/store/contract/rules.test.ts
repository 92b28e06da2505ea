import { beforeEach, describe, expect, it } from 'vitest';
import type { WatchRuleInput } from '../../../src/core/watch.js';
import { UsageError } from '../../../src/errors.js';
import type { Store } from '../../../store/types.js';
import { describeStores } from './harness.js';

const T0 = '2024-05-01T12:00:00.000Z';
const T1 = '2024-05-01T13:00:00.000Z';

let store: Store;

const rule = (input: Partial<WatchRuleInput>): WatchRuleInput => ({ channel: 'slack:C1', term: null, list: null, country: null, ...input });


describeStores('watch rules', (ctx) => {
  beforeEach(() => {
    store = ctx.store;
  });

  describe('watch rules', () => {
    it('adds a normalised rule and audits it in the same write', async () => {
      const added = await store.addWatchRule(
        // Chat input arrives untidy: the list and country codes are upper-cased, the term trimmed.
        { channel: 'slack:C1', term: '  Hikvision ', list: 'el' as never, country: 'cn' },
        'slack:U1',
        T0,
      );
      expect(added).toEqual({
        id: 1,
        channel: 'slack:C1',
        term: 'Hikvision',
        list: 'EL',
        country: 'CN',
        createdBy: 'slack:U1',
        createdAt: T0,
      });
      const second = await store.addWatchRule(rule({ channel: '*', country: 'RU' }), 'cli:alice', T1);
      expect(await store.listWatchRules()).toEqual([added, second]);
      expect(await store.listAudit(10)).toEqual([
        { id: 2, at: T1, actor: 'cli:alice', action: 'watch.add', detail: { ...second } },
        { id: 1, at: T0, actor: 'slack:U1', action: 'watch.add', detail: { ...added } },
      ]);
    });

    it.each([
      ['no criterion', rule({}), 'a rule needs at least one of term, list or country'],
      ['unknown list', rule({ list: 'XX' as never }), 'list "XX" is not a known list code (EL, UVL'],
      ['country name', rule({ country: 'China' }), 'country "CHINA" is not an ISO 3166-1 alpha-2 code'],
      ['unassigned country', rule({ country: 'ZZ' }), 'country "ZZ" is not an ISO 3166-1 alpha-2 code'],
      ['blank term', rule({ term: '   ' }), 'term must not be empty'],
      ['long term', rule({ term: 'x'.repeat(201) }), 'term must be at most 200 characters'],
      ['no channel', rule({ channel: ' ', list: 'EL' }), 'channel is required'],
    ])('refuses %s with a UsageError and writes nothing', async (_, input, message) => {
      const attempt = store.addWatchRule(input, 'slack:U1', T0);
      await expect(attempt).rejects.toThrow(UsageError);
      await expect(attempt).rejects.toThrow(message);
      expect(await store.listWatchRules()).toEqual([]);
      expect(await store.listAudit(10)).toEqual([]);
    });

    it('accepts a 200-character term', async () => {
      const added = await store.addWatchRule(rule({ term: 'y'.repeat(200) }), 'slack:U1', T0);
      expect(added.term).toHaveLength(200);
    });

    it('removes a rule and audits only real removals', async () => {
      const added = await store.addWatchRule(rule({ list: 'SDN' }), 'slack:U1', T0);
      expect(await store.removeWatchRule(added.id, 'slack:U2', T1)).toBe(true);
      expect(await store.removeWatchRule(added.id, 'slack:U2', T1)).toBe(false);
      expect(await store.removeWatchRule(999, 'slack:U2', T1)).toBe(false);
      expect(await store.listWatchRules()).toEqual([]);
      expect((await store.listAudit(10)).map((e) => [e.action, e.actor, e.detail])).toEqual([
        ['watch.remove', 'slack:U2', { ...added }],
        ['watch.add', 'slack:U1', { ...added }],
      ]);
    });
  });

  describe('audit', () => {
    it('appends entries and lists the newest first, up to the limit', async () => {
      await store.audit('cli:alice', 'ingest.force', { source: 'csl' }, T0);
      await store.audit('slack:U1', 'alerts.test', { channel: 'slack:C1', nested: { n: 1 } }, T1);
      expect(await store.listAudit(1)).toEqual([
        { id: 2, at: T1, actor: 'slack:U1', action: 'alerts.test', detail: { channel: 'slack:C1', nested: { n: 1 } } },
      ]);
      expect((await store.listAudit(5)).map((e) => e.id)).toEqual([2, 1]);
    });
  });
});
