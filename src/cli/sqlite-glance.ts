/**
 * What `lookup` reads of a SQLite database before it knows whether it needs the store: the
 * designations' version (the store's own query, store/sqlite/designations-version.ts) and what
 * the basis is made of — each source's designation count, lists and last success, as
 * handlers/basis.ts reads them — with better-sqlite3 alone: no store
 * module, row schemas, prepared statements or migrations (a fifth of a lookup's time). When the
 * copy of the index is current, that is all a lookup reads of the database.
 *
 *   const glance = openSqliteGlance('data/entitywatch.db');   // null: open the store instead
 *   basisOf(glance.holdings(), now, staleAfterMs); await glance.designationsVersion();
 *
 * Only for a database the store would open unchanged: an existing SQLite file with exactly the
 * migrations this code knows applied. Anything else — a PostgreSQL URL, ":memory:", a missing,
 * older or newer file, any error opening it — gives null (and so do holdings() on a list code
 * the model does not know), and the caller opens the
 * store, which creates, migrates, refuses or answers as it always did.
 * test/cli/sqlite-glance.test.ts holds the answers to the store's.
 */
import Database from 'better-sqlite3';
import type { SourceHoldings } from '../core/basis.js';
import { LIST_CODES, type ListCode } from '../core/model.js';
import { sqlitePathOf } from '../../store/index.js';
import { createDesignationsVersionStore } from '../../store/sqlite/designations-version.js';
import { MIGRATIONS } from '../../store/sqlite/migrations.js';

export interface SqliteGlance {
  /**
   * What readBasis (handlers/basis.ts) gives basisOf: the sources holding designations, by id,
   * read in one transaction; null when the store must say (a list code the model does not know,
   * which the store refuses).
   */
  holdings(): SourceHoldings[] | null;
  /** store.designationsVersion() */
  designationsVersion(): Promise<string>;
  close(): void;
}

const KNOWN_LISTS: ReadonlySet<string> = new Set(LIST_CODES);

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
    db = new Database(path, { fileMustExist: true });
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
