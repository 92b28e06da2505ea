/**
 * The store contract's harness: each implementation under test as a `StoreHarness`, and
 * `describeStores` to run one body of tests against every one of them. PostgreSQL joins when a
 * test server is available (test/helpers/postgres.ts) and is skipped with one notice otherwise
 * (never under CI=true).
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe } from 'vitest';
import { openPostgresStore } from '../../../store/postgres/index.js';
import { MIGRATIONS as PG_MIGRATIONS, migrate as migratePg } from '../../../store/postgres/migrations.js';
import { openSqliteStore } from '../../../store/sqlite/index.js';
import { MIGRATIONS as SQLITE_MIGRATIONS, migrate as migrateSqlite } from '../../../store/sqlite/migrations.js';
import type { Store } from '../../../store/types.js';
import { freshSchema, postgresAvailable } from '../../helpers/postgres.js';
import { tempDir } from '../fixtures.js';

export interface StoreHarness {
  kind: 'sqlite' | 'postgres';
  /** The URL of a fresh, empty database (dropped after the test). */
  fresh(): Promise<string>;
  /** Open the store at `url` (migrating it). */
  open(url: string): Promise<Store>;
  /** Raw rows, for asserting what is stored beyond the interface (the delivery log). */
  query(url: string, sql: string): Promise<Array<Record<string, unknown>>>;
  /** Apply migrations up to `version` only, as an older entitywatch would have. */
  migrateTo(url: string, version: number): Promise<void>;
  /** Every migration version, ascending. */
  versions: number[];
  /** Tables and their columns, for comparing a schema built from empty with one migrated up. */
  schema(url: string): Promise<string[]>;
  /** Insert one row into `table` with SQL valid on both (used to prove migrations keep data). */
  exec(url: string, sql: string): Promise<void>;
}

const cleanups: Array<() => Promise<void> | void> = [];

const sqlite: StoreHarness = {
  kind: 'sqlite',
  async fresh() {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    return join(dir.dir, 'contract.db');
  },
  async open(url) {
    return openSqliteStore(url);
  },
  async query(url, sql) {
    const db = new Database(url);
    try {
      return db.prepare(sql).all() as Array<Record<string, unknown>>;
    } finally {
      db.close();
    }
  },
  async migrateTo(url, version) {
    const db = new Database(url);
    try {
      migrateSqlite(db, SQLITE_MIGRATIONS.filter((m) => m.version <= version));
    } finally {
      db.close();
    }
  },
  versions: SQLITE_MIGRATIONS.map((m) => m.version),
  async schema(url) {
    const rows = await sqlite.query(url, `SELECT m.name AS t, p.name AS c, p.type AS ty FROM sqlite_master m, pragma_table_info(m.name) p
                                          WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'schema_migrations' ORDER BY m.name, p.name`);
    const indexes = await sqlite.query(url, "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name");
    return [...rows.map((r) => `${String(r.t)}.${String(r.c)} ${String(r.ty)}`), ...indexes.map((r) => `index ${String(r.name)}`)];
  },
  async exec(url, sql) {
    const db = new Database(url);
    try {
      db.exec(sql);
    } finally {
      db.close();
    }
  },
};

async function pgClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

const postgres: StoreHarness = {
  kind: 'postgres',
  async fresh() {
    const { url, drop } = await freshSchema();
    cleanups.push(drop);
    return url;
  },
  async open(url) {
    return openPostgresStore(url);
  },
  async query(url, sql) {
    const client = await pgClient(url);
    try {
      return (await client.query(sql)).rows as Array<Record<string, unknown>>;
    } finally {
      await client.end();
    }
  },
  async migrateTo(url, version) {
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    const client = await pool.connect();
    try {
      await migratePg(client, PG_MIGRATIONS.filter((m) => m.version <= version));
    } finally {
      client.release();
      await pool.end();
    }
  },
  versions: PG_MIGRATIONS.map((m) => m.version),
  async schema(url) {
    const rows = await postgres.query(url, `SELECT table_name AS t, column_name AS c, data_type AS ty FROM information_schema.columns
                                            WHERE table_schema = current_schema() AND table_name <> 'schema_migrations' ORDER BY 1, 2`);
    const indexes = await postgres.query(url, "SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() AND indexname NOT LIKE '%_pkey' ORDER BY 1");
    return [...rows.map((r) => `${String(r.t)}.${String(r.c)} ${String(r.ty)}`), ...indexes.map((r) => `index ${String(r.name)}`)];
  },
  async exec(url, sql) {
    const client = await pgClient(url);
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  },
};

/** The harnesses that run here: SQLite always, PostgreSQL when a server is available. */
export function harnesses(): StoreHarness[] {
  return postgresAvailable() ? [sqlite, postgres] : [sqlite];
}

export interface StoreContext {
  h: StoreHarness;
  /** The open store of this test (a fresh database). */
  store: Store;
  url: string;
  /** Close and open the same database again, as a restarted process would. */
  reopen(): Promise<Store>;
  /** Another store on the same database, as a second instance (closed after the test). */
  another(): Promise<Store>;
}

/** Run `body` once per store implementation, each test on a fresh database. */
export function describeStores(title: string, body: (ctx: StoreContext) => void): void {
  for (const h of harnesses()) {
    describe(`${title} [${h.kind}]`, () => {
      const open: Store[] = [];
      const ctx = { h } as StoreContext;
      beforeEach(async () => {
        ctx.url = await h.fresh();
        ctx.store = await h.open(ctx.url);
        open.push(ctx.store);
      });
      afterEach(async () => {
        for (const s of open.splice(0)) await s.close();
        for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
      });
      ctx.reopen = async () => {
        await ctx.store.close();
        ctx.store = await h.open(ctx.url);
        open.push(ctx.store);
        return ctx.store;
      };
      ctx.another = async () => {
        const s = await h.open(ctx.url);
        open.push(s);
        return s;
      };
      body(ctx);
    });
  }
}
