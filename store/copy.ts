/**
 * Moving up: copy a SQLite store into an empty PostgreSQL store, table by table —
 * designations, snapshots and change history, alerts, the outbox and its log, watch rules, the
 * audit log, feeds, announcements, watchlists, the guard's pending removals and screening jobs. One PostgreSQL transaction: either all of it
 * arrives, counts verified, or nothing does. A target holding any row is refused.
 *
 *   const counts = await copySqliteToPostgres('data/entitywatch.db', 'postgres://…/entitywatch');
 *   // [{ table: 'designations', rows: 13330 }, …]
 *
 * Both schemas are brought to the newest version first, so their columns agree (PostgreSQL adds
 * only its `seq` ordering columns, filled in the SQLite rowid order here). Poll leases are not
 * copied: they belong to running instances.
 */
import type Database from 'better-sqlite3';
import { UsageError } from '../src/errors.js';
import { createPool, connectionError, describeTarget, tx, type Client } from './postgres/db.js';
import { migrate } from './postgres/migrations.js';
import { openDatabase } from './sqlite/index.js';

/**
 * Every table holding state, in an order that satisfies the foreign keys. A table added by a
 * migration must be listed here (test/store/copy.test.ts fails otherwise). Columns that are
 * jsonb on PostgreSQL are found from its catalogue and parsed from SQLite's JSON text.
 */
export const COPIED_TABLES: readonly string[] = [
  'source_state',
  'snapshots',
  'designations',
  'changes',
  'alerts',
  'deliveries',
  'delivery_log',
  'watch_rules',
  'audit_log',
  'feed_items',
  'feed_state',
  'announcements',
  'watchlists',
  'counterparties',
  'pending_removals',
  'snapshot_guard',
  'screening_jobs',
  'body_checks',
];

/** Tables that are not copied: bookkeeping of the schema, and leases of running instances. */
export const NOT_COPIED: readonly string[] = ['schema_migrations', 'poll_leases'];

/** Rows per INSERT: bounds one statement to a few MB of JSON. */
const CHUNK = 2000;

export interface CopiedTable {
  table: string;
  rows: number;
}

async function countOf(client: Client, table: string): Promise<number> {
  return (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
}

async function copyTable(db: Database.Database, client: Client, table: string): Promise<number> {
  const columns = (db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[]);
  const json = (
    await client.query<{ name: string }>(
      "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND data_type = 'jsonb'",
      [table],
    )
  ).rows.map((r) => r.name);
  const list = columns.join(', ');
  const insert = (rows: Array<Record<string, unknown>>) =>
    client.query(
      `INSERT INTO ${table} (${list}) SELECT ${list} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb) WITH ORDINALITY AS r ORDER BY ordinality`,
      [JSON.stringify(rows)],
    );
  let batch: Array<Record<string, unknown>> = [];
  let copied = 0;
  for (const row of db.prepare(`SELECT ${list} FROM ${table} ORDER BY rowid`).iterate() as IterableIterator<Record<string, unknown>>) {
    for (const column of json) {
      const value = row[column];
      if (typeof value === 'string') row[column] = JSON.parse(value) as unknown;
    }
    batch.push(row);
    if (batch.length === CHUNK) {
      await insert(batch);
      copied += batch.length;
      batch = [];
    }
  }
  if (batch.length > 0) {
    await insert(batch);
    copied += batch.length;
  }
  return copied;
}

/** Copy the SQLite store at `sqlitePath` into the empty PostgreSQL store at `postgresUrl`. */
export async function copySqliteToPostgres(sqlitePath: string, postgresUrl: string): Promise<CopiedTable[]> {
  const db = openDatabase(sqlitePath);
  const pool = createPool(postgresUrl);
  try {
    const migrating = await pool.connect().catch((err: unknown) => {
      throw connectionError(postgresUrl, err);
    });
    try {
      await migrate(migrating);
    } finally {
      migrating.release();
    }
    // One transaction: a copy that fails or does not verify leaves the target as it was.
    return await tx(pool, async (client) => {
      // No other writer while we copy: a worker started against the target waits for the copy.
      await client.query(`LOCK TABLE ${COPIED_TABLES.join(', ')} IN EXCLUSIVE MODE`);
      const occupied: string[] = [];
      for (const table of COPIED_TABLES) {
        const n = await countOf(client, table);
        if (n > 0) occupied.push(`${table} (${n})`);
      }
      if (occupied.length > 0) {
        throw new UsageError(`the target ${describeTarget(postgresUrl)} is not empty — rows in ${occupied.join(', ')}; copy into a new database or schema`);
      }
      const copied: CopiedTable[] = [];
      for (const table of COPIED_TABLES) copied.push({ table, rows: await copyTable(db, client, table) });
      // Identity columns continue after the copied ids (rule ids are shown to users and reused in commands).
      for (const table of COPIED_TABLES) {
        const hasId = (await client.query(`SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND column_name = 'id' AND is_identity = 'YES'`, [table])).rowCount;
        if (hasId) await client.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), coalesce(max(id), 0) + 1, false) FROM ${table}`);
      }
      // Verify before committing: every table holds what the source holds.
      const mismatched: string[] = [];
      for (const { table } of copied) {
        const source = db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
        const target = await countOf(client, table);
        if (source !== target) mismatched.push(`${table}: ${source} in SQLite, ${target} in PostgreSQL`);
      }
      if (mismatched.length > 0) throw new Error(`copy verification failed, nothing was written — ${mismatched.join('; ')}`);
      return copied;
    });
  } finally {
    db.close();
    await pool.end();
  }
}
