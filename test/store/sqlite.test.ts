import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { LATEST_VERSION, MIGRATIONS, migrate } from '../../store/sqlite/migrations.js';
import { openDatabase, openSqliteStore } from '../../store/sqlite/index.js';
import type { Store } from '../../store/types.js';
import { makeDesignation } from '../helpers/designations.js';
import { commitOf, emptyDiff, tempDir } from './fixtures.js';

const T0 = '2024-05-01T18:43:00.000Z';

let dir: string;
let cleanup: () => void;
const open: Store[] = [];

function storeAt(name = 'entitywatch.db'): Store {
  const store = openSqliteStore(join(dir, name));
  open.push(store);
  return store;
}

function raw(name = 'entitywatch.db'): Database.Database {
  return new Database(join(dir, name));
}

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
});

afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
  cleanup();
});

const acme = makeDesignation({ name: 'Acme Export LLC', list: 'EL', countries: ['AE'] });

describe('opening and migrations', () => {
  it('creates the parent directory, applies every migration once and sets WAL', async () => {
    const path = join(dir, 'nested', 'deeper', 'x.db');
    const store = openSqliteStore(path);
    await store.close();
    expect(existsSync(path)).toBe(true);

    const db = new Database(path);
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual(
      MIGRATIONS.map((m) => m.version),
    );
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(migrate(db)).toEqual([]);
    db.close();

    await openSqliteStore(path).close();
    const again = new Database(path);
    expect(again.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(MIGRATIONS.length);
    again.close();
  });

  it('configures each connection', () => {
    const db = openDatabase(join(dir, 'p.db'));
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    db.close();
  });

  it('applies only the migrations not yet recorded, in version order', () => {
    const db = new Database(join(dir, 'm.db'));
    const extra = [
      ...MIGRATIONS,
      { version: LATEST_VERSION + 2, name: 'second', sql: 'ALTER TABLE probe ADD COLUMN b TEXT' },
      { version: LATEST_VERSION + 1, name: 'first', sql: 'CREATE TABLE probe (a TEXT)' },
    ];
    expect(migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(migrate(db, extra)).toEqual([LATEST_VERSION + 1, LATEST_VERSION + 2]);
    expect(migrate(db, extra)).toEqual([]);
    expect(db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('probe')).toEqual(['a', 'b']);
    db.close();
  });

  it('rolls a failing migration back whole', () => {
    const db = new Database(join(dir, 'f.db'));
    migrate(db);
    const broken = [
      ...MIGRATIONS,
      { version: LATEST_VERSION + 1, name: 'ok', sql: 'CREATE TABLE probe (a TEXT)' },
      { version: LATEST_VERSION + 2, name: 'broken', sql: 'ALTER TABLE nowhere ADD COLUMN b TEXT' },
    ];
    expect(() => migrate(db, broken)).toThrow(/nowhere/);
    expect(db.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(LATEST_VERSION);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'probe'").pluck().get()).toBe(0);
    db.close();
  });

  it('refuses a database written by a newer schema', async () => {
    await storeAt().close();
    const db = raw();
    db.prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?)').run(LATEST_VERSION + 1, 'future');
    db.close();
    expect(() => openSqliteStore(join(dir, 'entitywatch.db'))).toThrow(ConfigError);
    expect(() => openSqliteStore(join(dir, 'entitywatch.db'))).toThrow(
      `database schema version ${LATEST_VERSION + 1} is newer than this entitywatch supports (${LATEST_VERSION})`,
    );
  });

  it('counts by list from an index, not from the rows (every lookup reads these counts)', () => {
    const db = openDatabase(join(dir, 'plan.db'));
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT list, count(*) FROM designations WHERE source = ? GROUP BY list').all('csl') as Array<{ detail: string }>;
    expect(plan.map((row) => row.detail)).toEqual(['SEARCH designations USING COVERING INDEX designations_by_list (source=?)']);
    db.close();
  });

  it('works in memory', async () => {
    const store = openSqliteStore(':memory:');
    await store.commitSnapshot(commitOf('csl', T0, { ...emptyDiff(), added: [acme] }, { baseline: true }));
    expect(await store.currentDesignations('csl')).toEqual([acme]);
    await store.close();
  });
});
