/**
 * Store contract: snapshot commits (all or nothing), reading designations, source state — on
 * every store implementation.
 */
import { describe, expect, it } from 'vitest';
import { buildDesignationAlerts } from '../../../src/core/alerts.js';
import { changedFields } from '../../../src/core/diff.js';
import { fingerprint } from '../../../src/core/fingerprint.js';
import type { Store } from '../../../store/types.js';
import { makeDesignation } from '../../helpers/designations.js';
import { byKey, commitOf, emptyDiff, fingerprintsOf, testAlert, routes } from '../fixtures.js';
import { describeStores } from './harness.js';

const T0 = '2024-05-01T18:43:00.000Z';
const T1 = '2024-05-02T18:43:00.000Z';
const T2 = '2024-05-03T18:43:00.000Z';

describeStores('snapshots', (ctx) => {
  const hikvision = makeDesignation({
    name: 'Hangzhou Hikvision Digital Technology Co., Ltd.',
    list: 'EL',
    countries: ['CN'],
    addresses: ['No.555 Qianmo Road, Binjiang District, Hangzhou, CN'],
    frCitation: '84 FR 54002',
    startDate: '2019-10-09',
  });
  const acme = makeDesignation({ name: 'Acme Export LLC', list: 'EL', countries: ['AE'] });
  const sdn36 = makeDesignation({ name: 'AEROCARIBBEAN AIRLINES', list: 'SDN', sourceId: '36', programs: ['CUBA'], countries: ['CU'] });
  const doeA = makeDesignation({ key: 'DPL:john doe#aaaa1111', name: 'John Doe', list: 'DPL', type: 'Individual', addresses: ['1 Main St, Miami, US'] });
  const doeB = makeDesignation({ key: 'DPL:john doe#bbbb2222', name: 'John Doe', list: 'DPL', type: 'Individual', addresses: ['2 Side St, Reno, US'] });
  const baselineRows = [hikvision, acme, sdn36, doeA, doeB];

  async function withBaseline(store: Store): Promise<void> {
    await store.commitSnapshot(commitOf('csl', T0, { ...emptyDiff(), added: baselineRows }, { baseline: true }));
  }

  async function count(table: string): Promise<number> {
    const rows = await ctx.h.query(ctx.url, `SELECT count(*) AS n FROM ${table}`);
    return Number(rows[0]!.n);
  }

  describe('commitSnapshot', () => {
    it('stores a baseline without change history and advances the source state', async () => {
      const store = ctx.store;
      const { snapshotId } = await store.commitSnapshot(
        commitOf('csl', T0, { ...emptyDiff(), added: baselineRows }, { baseline: true }),
      );
      expect(snapshotId).toBe(1);
      expect(await store.currentDesignations('csl')).toEqual([...baselineRows].sort(byKey));
      expect(await store.currentFingerprints('csl')).toEqual(fingerprintsOf(baselineRows));
      expect(await count('changes')).toBe(0);
      expect(await store.getSourceState('csl')).toEqual({
        source: 'csl',
        etag: `"etag-${T0}"`,
        lastModified: null,
        contentHash: `sha256-${T0}`,
        lastCheckedAt: T0,
        lastSuccessAt: T0,
        lastChangeAt: T0,
        lastError: null,
        consecutiveFailures: 0,
        designationCount: 5,
      });
      expect(await ctx.h.query(ctx.url, 'SELECT source, baseline, added, removed, amended, row_count FROM snapshots')).toEqual([
        { source: 'csl', baseline: 1, added: 5, removed: 0, amended: 0, row_count: 5 },
      ]);
    });

    it('applies additions, removals and amendments (including a key change) and records them', async () => {
      const store = ctx.store;
      await withBaseline(store);

      const newcomer = makeDesignation({ name: 'Wuhan Newco Ltd', list: 'EL', countries: ['CN'], frCitation: '89 FR 1' });
      const hikvision2 = { ...hikvision, addresses: [...hikvision.addresses, 'Room 5, Beijing, CN'] };
      // John Doe keeps one order: his row loses its suffix and its end date changes.
      const doe = { ...doeA, key: 'DPL:john doe', endDate: '2030-01-01' };
      const diff = {
        added: [newcomer],
        removed: [acme, doeB],
        amended: [
          { before: hikvision, after: hikvision2, fields: changedFields(hikvision, hikvision2) },
          { before: doeA, after: doe, fields: changedFields(doeA, doe) },
        ],
      };
      const { snapshotId } = await store.commitSnapshot(commitOf('csl', T1, diff));
      expect(snapshotId).toBe(2);

      const expected = [newcomer, hikvision2, sdn36, doe].sort(byKey);
      expect(await store.currentDesignations('csl')).toEqual(expected);
      expect(await store.currentFingerprints('csl')).toEqual(fingerprintsOf(expected));

      const rows = await ctx.h.query(ctx.url, 'SELECT snapshot_id, kind, key, list, name, before, after, fields FROM changes ORDER BY id');
      // JSON text on SQLite, jsonb (already parsed) on PostgreSQL.
      const parse = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);
      expect(rows.map((r) => ({ ...r, before: parse(r.before), after: parse(r.after), fields: parse(r.fields) }))).toEqual([
        { snapshot_id: 2, kind: 'added', key: newcomer.key, list: 'EL', name: newcomer.name, before: null, after: newcomer, fields: null },
        { snapshot_id: 2, kind: 'removed', key: acme.key, list: 'EL', name: acme.name, before: acme, after: null, fields: null },
        { snapshot_id: 2, kind: 'removed', key: doeB.key, list: 'DPL', name: 'John Doe', before: doeB, after: null, fields: null },
        {
          snapshot_id: 2,
          kind: 'amended',
          key: hikvision.key,
          list: 'EL',
          name: hikvision.name,
          before: hikvision,
          after: hikvision2,
          fields: changedFields(hikvision, hikvision2),
        },
        {
          snapshot_id: 2,
          kind: 'amended',
          key: 'DPL:john doe',
          list: 'DPL',
          name: 'John Doe',
          before: doeA,
          after: doe,
          fields: [{ field: 'endDate', before: '', after: '2030-01-01', summary: '(none) → 2030-01-01' }],
        },
      ]);

      const state = await store.getSourceState('csl');
      expect(state).toMatchObject({ lastChangeAt: T1, lastSuccessAt: T1, contentHash: `sha256-${T1}`, designationCount: 4 });
    });

    it('handles amendments that move rows onto keys other rows are leaving', async () => {
      const store = ctx.store;
      const x1 = makeDesignation({ key: 'DPL:x#1', name: 'X', list: 'DPL', addresses: ['a'] });
      const x2 = makeDesignation({ key: 'DPL:x#2', name: 'X', list: 'DPL', addresses: ['b'] });
      await store.commitSnapshot(commitOf('dpl', T0, { ...emptyDiff(), added: [x1, x2] }, { baseline: true }));
      const moved1 = { ...x1, key: 'DPL:x#2', remarks: 'moved' };
      const moved2 = { ...x2, key: 'DPL:x#3', remarks: 'moved' };
      await store.commitSnapshot(
        commitOf('dpl', T1, {
          ...emptyDiff(),
          amended: [
            { before: x1, after: moved1, fields: changedFields(x1, moved1) },
            { before: x2, after: moved2, fields: changedFields(x2, moved2) },
          ],
        }),
      );
      expect(await store.currentDesignations('dpl')).toEqual([moved1, moved2]);
    });

    it('keeps lastChangeAt when a snapshot changes nothing', async () => {
      const store = ctx.store;
      await withBaseline(store);
      await store.commitSnapshot(commitOf('csl', T1, emptyDiff()));
      expect(await store.getSourceState('csl')).toMatchObject({ lastChangeAt: T0, lastSuccessAt: T1, lastCheckedAt: T1 });
      expect(await count('snapshots')).toBe(2);
    });

    it('stores the alerts and one pending outbox row per route', async () => {
      const store = ctx.store;
      await withBaseline(store);
      const newcomer = makeDesignation({ name: 'Wuhan Newco Ltd', list: 'EL', frCitation: '89 FR 1' });
      const diff = { ...emptyDiff(), added: [newcomer], removed: [sdn36] };
      const alerts = buildDesignationAlerts({ source: 'csl', diff, createdAt: T1, newId: (list) => `csl-${list}-1` });
      expect(alerts.map((a) => a.id)).toEqual(['csl-EL-1', 'csl-SDN-1']);
      await store.commitSnapshot(
        commitOf('csl', T1, diff, {
          alerts: [
            { alert: alerts[0]!, routes: [{ channel: 'slack:C1', matchKeys: null }, { channel: 'discord:9', matchKeys: [newcomer.key] }] },
            { alert: alerts[1]!, routes: routes('slack:C1') },
          ],
        }),
      );
      expect(await store.getAlert('csl-EL-1')).toEqual(alerts[0]);
      expect(await store.getDelivery('csl-EL-1', 'discord:9')).toEqual({
        alertId: 'csl-EL-1',
        channel: 'discord:9',
        state: 'pending',
        matchKeys: [newcomer.key],
        attempts: 0,
        nextAttemptAt: T1,
        lastError: null,
        remoteId: null,
        sentAt: null,
        createdAt: T1,
      });
      expect((await store.dueDeliveries(T1, 10)).map((d) => [d.alertId, d.channel])).toEqual([
        ['csl-EL-1', 'discord:9'],
        ['csl-EL-1', 'slack:C1'],
      ]);
    });

    it('rolls everything back when an alert id already exists', async () => {
      const store = ctx.store;
      await withBaseline(store);
      await store.insertAlerts([{ alert: testAlert('dup', T0), routes: routes('slack:C1') }], T0);
      const before = {
        designations: await store.currentDesignations('csl'),
        state: await store.getSourceState('csl'),
      };
      const newcomer = makeDesignation({ name: 'Wuhan Newco Ltd', list: 'EL' });
      const commit = commitOf(
        'csl',
        T1,
        { added: [newcomer], removed: [acme], amended: [] },
        { alerts: [{ alert: testAlert('fresh', T1), routes: routes('slack:C2') }, { alert: testAlert('dup', T1), routes: routes('slack:C1') }] },
      );
      await expect(store.commitSnapshot(commit)).rejects.toThrow(/UNIQUE|duplicate key/);

      expect(await store.currentDesignations('csl')).toEqual(before.designations);
      expect(await store.getSourceState('csl')).toEqual(before.state);
      expect(await store.getAlert('fresh')).toBeNull();
      expect(await count('snapshots')).toBe(1);
      expect(await count('changes')).toBe(0);
      expect(await count('deliveries')).toBe(1);
    });

    it('refuses a commit whose fingerprints miss a written row, writing nothing', async () => {
      const store = ctx.store;
      const commit = { ...commitOf('csl', T0, { ...emptyDiff(), added: baselineRows }, { baseline: true }) };
      commit.fingerprints = fingerprintsOf(baselineRows.slice(1));
      await expect(store.commitSnapshot(commit)).rejects.toThrow(`no fingerprint for ${hikvision.key}`);
      expect(await store.currentDesignations('csl')).toEqual([]);
      expect(await store.getSourceState('csl')).toBeNull();
      expect(await count('snapshots')).toBe(0);
    });
  });

  describe('reading designations', () => {
    it('keeps any text exactly: tabs, newlines, backslashes, quotes, NUL-free Unicode', async () => {
      const store = ctx.store;
      const odd = makeDesignation({
        name: 'Tab\tNew\nLine\r\\Back "quoted" \'single\' Ünïcødé 北京 🚀',
        list: 'EL',
        aliases: ['a\\b', '\\N', 'C:\\path\\', ''],
        remarks: '\\x41 \\t literal backslash-t',
      });
      await store.commitSnapshot(commitOf('csl', T0, { ...emptyDiff(), added: [odd] }, { baseline: true }));
      expect(await store.currentDesignations('csl')).toEqual([odd]);
      expect(await store.currentFingerprints('csl')).toEqual(fingerprintsOf([odd]));
    });

    it('answers by source, by key, for every source and by list', async () => {
      const store = ctx.store;
      await withBaseline(store);
      const ofac = [makeDesignation({ name: 'Other Co', list: 'SDN', sourceId: '7' })];
      await store.commitSnapshot(commitOf('ofac-sdn', T1, { ...emptyDiff(), added: ofac }, { baseline: true }));

      expect(await store.currentFingerprints('ofac-sdn')).toEqual(new Map([['SDN:7', fingerprint(ofac[0]!)]]));
      expect(await store.currentFingerprints('nowhere')).toEqual(new Map());
      expect(await store.currentDesignations('csl', [sdn36.key, 'EL:missing', doeB.key])).toEqual([doeB, sdn36]);
      expect(await store.currentDesignations('csl', [])).toEqual([]);
      expect(await store.currentDesignations('ofac-sdn', [sdn36.key])).toEqual([]);

      const all = await store.allCurrentDesignations();
      expect(all).toEqual([
        ...[...baselineRows].sort(byKey).map((designation) => ({ source: 'csl', designation })),
        { source: 'ofac-sdn', designation: ofac[0] },
      ]);
      expect(await store.countsByList('csl')).toEqual({ EL: 2, SDN: 1, DPL: 2 });
      expect(await store.countsByList('nowhere')).toEqual({});
    });

    it('reads key, fingerprint and row hash of every current row in one answer', async () => {
      const store = ctx.store;
      // A key may hold any text, tabs included; a row hash may be unknown (null).
      const tabbed = makeDesignation({ key: 'SDN:7\tx\t', name: 'Tabbed Key Co', list: 'SDN', sourceId: '7\tx\t' });
      const rows = [hikvision, acme, tabbed];
      const rowHashes = new Map([
        [hikvision.key, 'm1:json:hik-1'],
        [tabbed.key, 'm1:csv-abc:tab-1'],
      ]);
      await store.commitSnapshot({ ...commitOf('csl', T0, { ...emptyDiff(), added: rows }, { baseline: true }), rowHashes });
      const asTriples = (r: { keys: readonly string[]; fingerprints: readonly string[]; rowHashes: ReadonlyArray<string | null> }) =>
        r.keys.map((key, i) => [key, r.fingerprints[i], r.rowHashes[i]]).sort(([a], [b]) => String(a).localeCompare(String(b)));
      expect(asTriples(await store.currentRows('csl'))).toEqual(
        rows.map((d) => [d.key, fingerprint(d), rowHashes.get(d.key) ?? null]).sort(([a], [b]) => String(a).localeCompare(String(b))),
      );

      // A row the diff leaves alone takes the new hash it is given; the others keep theirs.
      await store.commitSnapshot({ ...commitOf('csl', T1, { ...emptyDiff(), removed: [acme] }), rowHashes: new Map([[hikvision.key, 'm1:json:hik-2']]) });
      expect(asTriples(await store.currentRows('csl'))).toEqual(
        [
          [hikvision.key, fingerprint(hikvision), 'm1:json:hik-2'],
          [tabbed.key, fingerprint(tabbed), 'm1:csv-abc:tab-1'],
        ].sort(([a], [b]) => String(a).localeCompare(String(b))),
      );
      expect(await store.currentRows('nowhere')).toEqual({ keys: [], fingerprints: [], rowHashes: [] });
    });

    it('persists across close and reopen', async () => {
      const first = ctx.store;
      await withBaseline(first);
      await first.recordFailure('csl', { at: T1, code: 'unavailable', message: 'HTTP 503' });
      const state = await first.getSourceState('csl');

      const second = await ctx.reopen();
      expect(await second.currentDesignations('csl')).toEqual([...baselineRows].sort(byKey));
      expect(await second.getSourceState('csl')).toEqual(state);
      const { snapshotId } = await second.commitSnapshot(commitOf('csl', T2, emptyDiff()));
      expect(snapshotId).toBe(2);
    });
  });

  describe('source state', () => {
    it('counts failures, keeps designations, and resets on an unchanged poll', async () => {
      const store = ctx.store;
      expect(await store.recordFailure('fr', { at: T0, code: 'unavailable', message: 'timeout' })).toEqual({
        source: 'fr',
        etag: null,
        lastModified: null,
        contentHash: null,
        lastCheckedAt: T0,
        lastSuccessAt: null,
        lastChangeAt: null,
        lastError: { at: T0, code: 'unavailable', message: 'timeout' },
        consecutiveFailures: 1,
        designationCount: 0,
      });

      await withBaseline(store);
      const second = await store.recordFailure('csl', { at: T1, code: 'html', message: 'got a login page', contentHash: 'abc' });
      expect(second).toMatchObject({ consecutiveFailures: 1, lastCheckedAt: T1, lastSuccessAt: T0, contentHash: `sha256-${T0}` });
      const third = await store.recordFailure('csl', { at: T2, code: 'html', message: 'again' });
      expect(third).toMatchObject({ consecutiveFailures: 2, lastError: { at: T2, code: 'html', message: 'again' }, designationCount: 5 });
      expect(await store.getSourceState('csl')).toEqual(third);
      expect(await store.currentDesignations('csl')).toHaveLength(5);

      const T3 = '2024-05-04T00:00:00.000Z';
      await store.recordUnchanged('csl', T3);
      expect(await store.getSourceState('csl')).toEqual({
        ...third,
        lastCheckedAt: T3,
        lastSuccessAt: T3,
        lastError: null,
        consecutiveFailures: 0,
      });
      expect((await store.listSourceStates()).map((s) => [s.source, s.consecutiveFailures])).toEqual([
        ['csl', 0],
        ['fr', 1],
      ]);
    });

    it('records an unchanged poll for a source never seen', async () => {
      const store = ctx.store;
      await store.recordUnchanged('new', T0);
      expect(await store.getSourceState('new')).toMatchObject({ lastCheckedAt: T0, lastSuccessAt: T0, consecutiveFailures: 0 });
      expect(await store.getSourceState('other')).toBeNull();
    });
  });

  describe('designationsVersion', () => {
    it('moves with every accepted snapshot of any source, and only then', async () => {
      const store = ctx.store;
      const empty = await store.designationsVersion();
      await withBaseline(store);
      const afterBaseline = await store.designationsVersion();
      expect(afterBaseline).not.toBe(empty);
      await store.recordUnchanged('csl', T1);
      await store.recordFailure('csl', { at: T1, code: 'http', message: 'HTTP 503' });
      expect(await store.designationsVersion()).toBe(afterBaseline);
      await store.commitSnapshot(commitOf('csl', T1, { ...emptyDiff(), removed: [acme] }));
      const afterRemoval = await store.designationsVersion();
      await store.commitSnapshot(commitOf('other', T2, { ...emptyDiff(), added: [acme] }, { baseline: true }));
      const versions = [empty, afterBaseline, afterRemoval, await store.designationsVersion()];
      expect(new Set(versions).size).toBe(4);
    });
  });
});
