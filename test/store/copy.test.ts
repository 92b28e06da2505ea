/**
 * `entitywatch db copy --to postgres://…`: a SQLite store with a row in every table arrives
 * whole in an empty PostgreSQL store, reads back the same through the Store interface, and a
 * non-empty target is refused with nothing written.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COPIED_TABLES, NOT_COPIED } from '../../store/copy.js';
import { openPostgresStore } from '../../store/postgres/index.js';
import { openSqliteStore } from '../../store/sqlite/index.js';
import type { Store } from '../../store/types.js';
import { runCli } from '../helpers/cli.js';
import { emptyNotes } from '../../src/core/identity.js';
import { makeDesignation } from '../helpers/designations.js';
import { adminQuery, freshSchema, postgresAvailable } from '../helpers/postgres.js';
import { commitOf, emptyDiff, routes, tempDir, testAlert } from './fixtures.js';

const T0 = '2024-05-01T12:00:00.000Z';
const T1 = '2024-05-02T12:00:00.000Z';
const hikvision = makeDesignation({ name: 'Hangzhou Hikvision Digital Technology Co., Ltd.', list: 'EL', countries: ['CN'] });
const acme = makeDesignation({ name: 'Acme Export LLC', list: 'EL', countries: ['AE'] });
const newco = makeDesignation({ name: 'Wuhan Newco Ltd', list: 'EL', countries: ['CN'] });

/** Everything a store can be asked, for comparing two stores. */
async function contents(store: Store) {
  return {
    states: await store.listSourceStates(),
    designations: await store.allCurrentDesignations(),
    alerts: await store.listAlerts(100),
    rules: await store.listWatchRules(),
    audit: await store.listAudit(100),
    watchlists: await store.listWatchlists(),
    members: await store.watchlistMembers(),
    feedState: await store.feedState('page:fcc'),
    seen: [...(await store.seenFeedItems('federal-register', ['doc-1', 'doc-2']))],
    root: await store.threadRoot('federal-register', 'thread-1'),
    announcements: await store.findAnnouncements([{ list: 'EL', name: 'wuhan newco' }]),
    counts: await store.deliveryCounts(),
    guard: await store.guardState('csl'),
    screenings: await store.pendingScreenings(),
    bodyCheck: await store.bodyCheck('csl'),
  };
}

describe('db copy table list', () => {
  it('names every table of the SQLite schema, copied or not', () => {
    const dir = tempDir();
    try {
      const store = openSqliteStore(join(dir.dir, 'x.db'));
      void store.close();
      const db = new Database(join(dir.dir, 'x.db'));
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all();
      db.close();
      expect(tables).toEqual([...COPIED_TABLES, ...NOT_COPIED].sort());
    } finally {
      dir.cleanup();
    }
  });
});

describe.skipIf(!postgresAvailable())('db copy to PostgreSQL', () => {
  let dir: ReturnType<typeof tempDir>;
  let sqlitePath: string;
  let target: Awaited<ReturnType<typeof freshSchema>>;
  const open: Store[] = [];
  beforeEach(async () => {
    dir = tempDir();
    sqlitePath = join(dir.dir, 'source.db');
    target = await freshSchema();
  });
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
    await target.drop();
    dir.cleanup();
  });

  async function filledSqlite(): Promise<Store> {
    const store = openSqliteStore(sqlitePath);
    open.push(store);
    await store.commitSnapshot(commitOf('csl', T0, { ...emptyDiff(), added: [hikvision, acme] }, { baseline: true }));
    await store.commitSnapshot({
      ...commitOf('csl', T1, { ...emptyDiff(), added: [newco], removed: [acme] }, { alerts: [{ alert: testAlert('al_1', T1), routes: routes('slack:C1', 'discord:2') }] }),
      guard: { pending: [{ key: hikvision.key, since: T1, seenIn: 'sha256-x', suspect: null }], tail: [newco.key], notes: { ...emptyNotes(), rows: 2, examples: ['row 3: no name'] } },
      screening: { changedKeys: [newco.key], addedKeys: [newco.key] },
    });
    await store.recordBodyCheck('csl', { contentHash: `sha256-${T1}`, length: 1234, fastHash: 'abcd' });
    const claim = { by: 'w1', at: T1, until: T1 };
    await store.claimDelivery('al_1', 'slack:C1', claim);
    await store.markSent('al_1', 'slack:C1', T1, '1714567890.000100', 'w1');
    await store.recordFailure('ofac-sdn', { at: T1, code: 'unavailable', message: 'HTTP 503' });
    await store.addWatchRule({ channel: 'slack:C1', term: 'hikvision', list: null, country: null }, 'cli:alice', T0);
    await store.addWatchRule({ channel: 'slack:C1', term: null, list: 'EL', country: 'CN' }, 'cli:alice', T0);
    await store.removeWatchRule(1, 'cli:alice', T1);
    await store.commitFeed({
      source: 'federal-register',
      at: T0,
      baseline: false,
      validators: { etag: '"e1"', lastModified: null },
      items: [{ id: 'doc-1', threadKey: 'thread-1', alertId: 'al_doc' }],
      alerts: [{ alert: testAlert('al_doc', T0), routes: routes('slack:C1') }],
      announcements: [{ list: 'EL', name: 'wuhan newco', alertId: 'al_doc', reference: 'FR 2024-1' }],
    });
    await store.commitFeed({ source: 'page:fcc', at: T0, baseline: true, validators: { etag: null, lastModified: null }, items: [], alerts: [], announcements: [], state: '["line"]' });
    await store.importWatchlist('Suppliers', [{ name: 'Hikvision', country: 'CN', reference: 'S-1' }, { name: 'Toshiba', country: null, reference: null }], 'cli:alice', T0);
    return store;
  }

  it('copies every table, verifies the counts, and the copy answers like the original', async () => {
    const source = await filledSqlite();
    const run = await runCli(['--db', sqlitePath, 'db', 'copy', '--to', target.url, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const tables = Object.fromEntries((JSON.parse(run.stdout) as { tables: Array<{ table: string; rows: number }> }).tables.map((t) => [t.table, t.rows]));
    expect(tables).toEqual({
      source_state: 4, snapshots: 2, designations: 2, changes: 2, alerts: 2, deliveries: 3, delivery_log: 2,
      watch_rules: 1, audit_log: 4, feed_items: 1, feed_state: 1, announcements: 1, watchlists: 1, counterparties: 2,
      pending_removals: 1, snapshot_guard: 1, screening_jobs: 1, body_checks: 1,
    });
    const copy = await openPostgresStore(target.url);
    open.push(copy);
    expect(await contents(copy)).toEqual(await contents(source));
    // Ids go on from the copied ones: the next rule is 3, not 1.
    expect((await copy.addWatchRule({ channel: 'slack:C2', term: 'acme', list: null, country: null }, 'cli:bob', T1)).id).toBe(3);
  });

  it('refuses a target that holds any row, writing nothing', async () => {
    await filledSqlite();
    const pg = await openPostgresStore(target.url);
    open.push(pg);
    await pg.audit('cli:bob', 'note', {}, T0);
    const run = await runCli(['--db', sqlitePath, 'db', 'copy', '--to', target.url]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^entitywatch: the target entitywatch@127\.0\.0\.1:\d+\/entitywatch is not empty — rows in audit_log \(1\); copy into a new database or schema\n$/);
    expect(await pg.listAlerts(10)).toEqual([]);
  });

  it('finds the same tables and columns in both schemas (PostgreSQL adds only its seq ordering columns)', async () => {
    await (await openPostgresStore(target.url)).close();
    await openSqliteStore(sqlitePath).close();
    const db = new Database(sqlitePath);
    const sqliteColumns = db
      .prepare("SELECT m.name || '.' || p.name FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY 1")
      .pluck()
      .all();
    db.close();
    const pgColumns = (await adminQuery<{ c: string }>(
      "SELECT table_name || '.' || column_name AS c FROM information_schema.columns WHERE table_schema = $1 AND column_name <> 'seq' ORDER BY 1",
      [target.schema],
    )).map((r) => r.c);
    expect(pgColumns.sort()).toEqual([...sqliteColumns].sort());
  });

  it('refuses a source or target of the wrong kind', async () => {
    expect((await runCli(['--db', sqlitePath, 'db', 'copy', '--to', join(dir.dir, 'x.db')])).stderr).toBe('entitywatch: --to must be a postgres:// or postgresql:// URL\n');
    expect((await runCli(['--db', target.url, 'db', 'copy', '--to', target.url])).stderr).toBe('entitywatch: the source (--db or ENTITYWATCH_DB) must be a SQLite store\n');
  });
});
