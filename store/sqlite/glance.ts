/**
 * What `lookup` reads of a SQLite database before it knows whether it needs the store: the
 * designations' version (the store's own query, store/sqlite/designations-version.ts) and what
 * the basis is made of — each source's designation count, lists and last success, as
 * handlers/basis.ts reads them — with better-sqlite3 alone: no store
 * module, row schemas, prepared statements or migrations (a fifth of a lookup's time). When the
 * copy of the index is current, that is all a lookup reads of the database. `status` reads what
 * it prints the same way (statusReads): the source states, guard notes, delivery counts and
 * which recent alerts reached no channel.
 *
 *   const glance = openSqliteGlance('data/entitywatch.db');   // null: open the store instead
 *   basisOf(glance.holdings(), now, staleAfterMs); await glance.designationsVersion();
 *
 * Only for a database the store would open unchanged: an existing SQLite file with exactly the
 * migrations this code knows applied. Anything else — a PostgreSQL URL, ":memory:", a missing,
 * older or newer file, any error opening it — gives null (and so do holdings() on a list code
 * the model does not know), and the caller opens the
 * store, which creates, migrates, refuses or answers as it always did.
 * test/store/sqlite-glance.test.ts holds the answers to the store's.
 */
import { createRequire } from 'node:module';
import type Database from 'better-sqlite3';
import type { SourceHoldings } from '../../src/core/basis.js';
import { LIST_CODES, type ListCode } from '../../src/core/model.js';
import type { PendingRemoval } from '../../src/core/removals.js';
import { sqlitePathOf } from '../index.js';
import type { SourceState, Store } from '../types.js';
import { createDesignationsVersionStore } from './designations-version.js';
import { MIGRATIONS } from './migrations.js';

export interface SqliteGlance {
  /**
   * What readBasis (handlers/basis.ts) gives basisOf: the sources holding designations, by id,
   * read in one transaction; null when the store must say (a list code the model does not know,
   * which the store refuses).
   */
  holdings(): SourceHoldings[] | null;
  /** store.designationsVersion() */
  designationsVersion(): Promise<string>;
  /** What `status` reads, as the store reads it. */
  statusReads(): StatusReads;
  close(): void;
}

/** What `status` reads (commands/status.ts): three store methods, and the latest alerts' delivery counts. */
export interface StatusReads extends Pick<Store, 'listSourceStates' | 'guardState' | 'deliveryCounts'> {
  /** The newest `limit` alerts, as store.listAlerts orders them: each one's id and number of deliveries. */
  recentAlerts(limit: number): Promise<Array<{ id: string; deliveries: number }>>;
}

const KNOWN_LISTS: ReadonlySet<string> = new Set(LIST_CODES);

/**
 * better-sqlite3 by require: imported as an ES module, Node would first scan its CommonJS source
 * for export names (cjs-module-lexer), a few milliseconds of every lookup and status.
 */
const SqliteDatabase = createRequire(import.meta.url)('better-sqlite3') as typeof Database;

/** A reader of the SQLite file `dbUrl` names, or null when the store must open it (see the top of this file). */
export function openSqliteGlance(dbUrl: string): SqliteGlance | null {
  let path: string;
  try {
    path = sqlitePathOf(dbUrl);
  } catch {
    return null;
  }
  if (path === '' || path === ':memory:') return null;
  let db: Database.Database | undefined;
  try {
    db = new SqliteDatabase(path, { fileMustExist: true });
    // Reads only: nothing this connection runs may change the file.
    db.pragma('query_only = ON');
    const [applied, newest] = db.prepare('SELECT count(*), max(version) FROM schema_migrations').raw().get() as [number, number | null];
    const known = Math.max(...MIGRATIONS.map((m) => m.version));
    if (applied !== MIGRATIONS.length || newest !== known) {
      db.close();
      return null;
    }
    return glanceOver(db);
  } catch {
    db?.close();
    return null;
  }
}

function glanceOver(db: Database.Database): SqliteGlance {
  const versions = createDesignationsVersionStore(db);
  const states = db.prepare('SELECT source, designation_count, last_success_at FROM source_state WHERE designation_count > 0 ORDER BY source').raw();
  const lists = db.prepare('SELECT list FROM designations WHERE source = ? GROUP BY list').pluck();
  const holdings = db.transaction((): SourceHoldings[] =>
    (states.all() as Array<[string, number, string | null]>).map(([source, designations, asOf]) => ({
      source,
      designations,
      lists: (lists.all(source) as string[]).map(listCode),
      asOf,
    })),
  );
  return {
    holdings() {
      try {
        return holdings();
      } catch (err) {
        if (err instanceof UnknownList) return null;
        throw err;
      }
    },
    designationsVersion: () => versions.designationsVersion(),
    statusReads: () => statusReadsOf(db),
    close() {
      if (db.open) db.close();
    },
  };
}

class UnknownList extends Error {}

function listCode(list: string): ListCode {
  if (!KNOWN_LISTS.has(list)) throw new UnknownList(list);
  return list as ListCode;
}

interface StateRow {
  source: string;
  etag: string | null;
  last_modified: string | null;
  content_hash: string | null;
  last_checked_at: string | null;
  last_success_at: string | null;
  last_change_at: string | null;
  last_error_code: string | null;
  last_error_message: string | null;
  last_error_at: string | null;
  consecutive_failures: number;
  designation_count: number;
}

interface GuardRow {
  tail: string;
  rows: number;
  noName: number;
  noList: number;
  duplicates: number;
  examples: string;
}

/** The store's reads for status (store/sqlite: snapshots.ts, pending-removals.ts, outbox.ts), the same queries and mapping. */
function statusReadsOf(db: Database.Database): StatusReads {
  const states = db.prepare(
    `SELECT source, etag, last_modified, content_hash, last_checked_at, last_success_at, last_change_at,
            last_error_code, last_error_message, last_error_at, consecutive_failures, designation_count
     FROM source_state ORDER BY source`,
  );
  const pending = db.prepare('SELECT key, since, seen_in AS seenIn, suspect FROM pending_removals WHERE source = ? ORDER BY key');
  const guard = db.prepare('SELECT tail, rows, no_name AS noName, no_list AS noList, duplicates, examples FROM snapshot_guard WHERE source = ?');
  const counts = db.prepare('SELECT state, count(*) AS n FROM deliveries GROUP BY state');
  const recent = db
    .prepare(
      `SELECT a.id, (SELECT count(*) FROM deliveries d WHERE d.alert_id = a.id) FROM alerts a
       ORDER BY a.created_at DESC, a.rowid DESC LIMIT ?`,
    )
    .raw();
  return {
    async listSourceStates() {
      return (states.all() as StateRow[]).map(
        (row): SourceState => ({
          source: row.source,
          etag: row.etag,
          lastModified: row.last_modified,
          contentHash: row.content_hash,
          lastCheckedAt: row.last_checked_at,
          lastSuccessAt: row.last_success_at,
          lastChangeAt: row.last_change_at,
          lastError: row.last_error_code === null ? null : { at: row.last_error_at ?? '', code: row.last_error_code, message: row.last_error_message ?? '' },
          consecutiveFailures: row.consecutive_failures,
          designationCount: row.designation_count,
        }),
      );
    },
    async guardState(source) {
      const removals = pending.all(source) as PendingRemoval[];
      const row = guard.get(source) as GuardRow | undefined;
      if (row === undefined) return { pending: removals, tail: [], notes: null };
      const { rows, noName, noList, duplicates } = row;
      return { pending: removals, tail: JSON.parse(row.tail) as string[], notes: { rows, noName, noList, duplicates, examples: JSON.parse(row.examples) as string[] } };
    },
    async deliveryCounts() {
      const byState = { pending: 0, sending: 0, sent: 0, failed: 0 };
      for (const row of counts.all() as Array<{ state: keyof typeof byState; n: number }>) byState[row.state] = row.n;
      return byState;
    },
    async recentAlerts(limit) {
      return (recent.all(limit) as Array<[string, number]>).map(([id, deliveries]) => ({ id, deliveries }));
    },
  };
}
