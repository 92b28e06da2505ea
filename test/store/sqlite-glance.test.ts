/**
 * The direct read of a SQLite file that `lookup` makes before it opens the store
 * (store/sqlite/glance.ts): the same designations version and the same basis as the store
 * gives, and no answer at all (null: open the store) for anything the store would open otherwise.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBasis } from '../../handlers/basis.js';
import { openSqliteGlance } from '../../store/sqlite/glance.js';
import { basisOf } from '../../src/core/basis.js';
import { emptyNotes } from '../../src/core/identity.js';
import { openSqliteStore } from '../../store/sqlite/index.js';
import type { Store } from '../../store/types.js';
import { makeDesignation } from '../helpers/designations.js';
import { commitOf, emptyDiff, routes, tempDir, testAlert } from './fixtures.js';

const now = new Date('2026-01-05T00:00:00Z');

describe('openSqliteGlance', () => {
  let temp: ReturnType<typeof tempDir>;
  let db: string;
  let store: Store;
  beforeEach(async () => {
    temp = tempDir();
    db = join(temp.dir, 'e.db');
    store = openSqliteStore(db);
    await store.commitSnapshot(
      commitOf('csl', '2026-01-01T00:00:00Z', { ...emptyDiff(), added: [makeDesignation({ key: 'EL:a', name: 'Alpha Co', list: 'EL' }), makeDesignation({ key: 'SDN:b', name: 'Beta Co', list: 'SDN' })] }, { baseline: true }),
    );
    await store.commitSnapshot(commitOf('ofac-sdn', '2026-01-02T00:00:00Z', { ...emptyDiff(), added: [makeDesignation({ key: 'SDN:c', name: 'Gamma Co', list: 'SDN' })] }, { baseline: true }));
    await store.recordUnchanged('csl', '2026-01-03T00:00:00Z');
    // A source that never succeeded holds nothing and is left out of the basis.
    await store.recordFailure('uflpa', { at: '2026-01-03T00:00:00Z', code: 'unavailable', message: 'HTTP 503' });
  });
  afterEach(async () => {
    await store.close();
    temp.cleanup();
  });

  it('reads the version and basis the store gives', async () => {
    const glance = openSqliteGlance(db)!;
    try {
      for (const staleAfterMs of [null, 60_000, 10 * 86_400_000]) {
        expect(basisOf(glance.holdings()!, now, staleAfterMs)).toEqual(await readBasis(store, now, staleAfterMs));
      }
      expect(basisOf(glance.holdings()!, now, null).designations).toBe(3);
      expect(await glance.designationsVersion()).toBe(await store.designationsVersion());
      // A snapshot accepted meanwhile, by the store's own connection: both see it.
      await store.commitSnapshot(commitOf('csl', '2026-01-04T00:00:00Z', { ...emptyDiff(), added: [makeDesignation({ key: 'MEU:d', name: 'Delta Co', list: 'MEU' })] }));
      expect(await glance.designationsVersion()).toBe(await store.designationsVersion());
      expect(basisOf(glance.holdings()!, now, 60_000)).toEqual(await readBasis(store, now, 60_000));
    } finally {
      glance.close();
    }
  });

  it('gives way to the store for anything but an existing SQLite file at the schema this code knows', async () => {
    expect(openSqliteGlance(':memory:')).toBeNull();
    expect(openSqliteGlance('postgres://localhost/entitywatch')).toBeNull();
    const missing = join(temp.dir, 'missing.db');
    expect(openSqliteGlance(missing)).toBeNull();
    expect(existsSync(missing)).toBe(false);
    const raw = new Database(db);
    try {
      raw.prepare('INSERT INTO schema_migrations (version, name) VALUES (999, ?)').run('from a newer entitywatch');
      expect(openSqliteGlance(db)).toBeNull();
      raw.prepare('DELETE FROM schema_migrations WHERE version >= (SELECT max(version) FROM schema_migrations WHERE version < 999)').run();
      expect(openSqliteGlance(db)).toBeNull();
    } finally {
      raw.close();
    }
  });

  it('leaves a list code the model does not know to the store', async () => {
    const raw = new Database(db);
    raw.prepare("UPDATE designations SET list = 'XX' WHERE key = 'EL:a'").run();
    raw.close();
    const glance = openSqliteGlance(db)!;
    try {
      expect(glance.holdings()).toBeNull();
      await expect(readBasis(store, now, null)).rejects.toThrow();
    } finally {
      glance.close();
    }
  });

  it('reads for status what the store reads', async () => {
    const T1 = '2026-01-04T00:00:00.000Z';
    await store.commitSnapshot({
      ...commitOf('csl', T1, { ...emptyDiff(), added: [makeDesignation({ key: 'EL:e', name: 'Epsilon Co', list: 'EL' })] }, {
        alerts: [
          { alert: testAlert('al_1', T1), routes: routes('slack:C1', 'discord:2') },
          { alert: testAlert('al_2', T1), routes: [] },
          { alert: testAlert('al_3', '2026-01-04T00:00:01.000Z'), routes: [] },
        ],
      }),
      guard: {
        pending: [
          { key: 'EL:a', since: T1, seenIn: 'sha256-x', suspect: null },
          { key: 'SDN:b', since: T1, seenIn: 'sha256-x', suspect: 'cut-off' },
        ],
        tail: ['EL:e'],
        notes: { ...emptyNotes(), rows: 4, noName: 1, duplicates: 2, examples: ['row 3: no name'] },
      },
    });
    await store.claimDelivery('al_1', 'slack:C1', { by: 'w1', at: T1, until: T1 });
    await store.markSent('al_1', 'slack:C1', T1, '1714567890.000100', 'w1');
    await store.recordFailure('ofac-sdn', { at: T1, code: 'refused', message: 'too many removals' });
    const glance = openSqliteGlance(db)!;
    try {
      const reads = glance.statusReads();
      expect(await reads.listSourceStates()).toEqual(await store.listSourceStates());
      for (const source of ['csl', 'ofac-sdn', 'uflpa', 'none']) expect(await reads.guardState(source)).toEqual(await store.guardState(source));
      expect((await reads.guardState('csl')).pending).toHaveLength(2);
      expect(await reads.deliveryCounts()).toEqual(await store.deliveryCounts());
      for (const limit of [1, 2, 200]) {
        expect(await reads.recentAlerts(limit)).toEqual((await store.listAlerts(limit)).map((r) => ({ id: r.alert.id, deliveries: r.deliveries.length })));
      }
      expect(await reads.recentAlerts(200)).toEqual([{ id: 'al_3', deliveries: 0 }, { id: 'al_2', deliveries: 0 }, { id: 'al_1', deliveries: 2 }]);
    } finally {
      glance.close();
    }
  });
});
