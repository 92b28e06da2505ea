/**
 * Counterparty watchlists: an admin's own customers, suppliers or investees, screened against
 * every list change. An import is one transaction with its audit row, so a failed import leaves
 * nothing behind and the log never claims one that did not happen.
 *
 *   await store.importWatchlist('suppliers', rows, 'cli:alice', at);                   // new
 *   await store.importWatchlist('suppliers', rows, 'cli:alice', at, { replace: true }); // swap members
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { UsageError } from '../../src/errors.js';
import { membersHash } from '../../src/watchlists/members-hash.js';
import { Counterparty, MAX_COUNTERPARTIES, parseWatchlistName } from '../../src/watchlists/schema.js';
import type { CounterpartyInput, WatchlistStore, WatchlistMember, WatchlistSummary } from '../types.js';

export const SummaryRow = z
  .object({ name: z.string(), count: z.number().int().nonnegative(), created_by: z.string(), created_at: z.string(), updated_at: z.string(), members_hash: z.string().nullable() })
  .transform(
    (row): WatchlistSummary => ({ name: row.name, count: row.count, createdBy: row.created_by, createdAt: row.created_at, updatedAt: row.updated_at, membersHash: row.members_hash }),
  );

/**
 * Members are read without zod: they were validated on import (validMembers) and written by this
 * code, and parsing 100,000 rows with zod costs ~400 ms, more than the read. The columns' types
 * are fixed by the STRICT table.
 */
type MemberRow = [watchlist: string, name: string, country: string | null, reference: string | null];

const SUMMARY = `SELECT w.name, (SELECT count(*) FROM counterparties c WHERE c.watchlist_id = w.id) AS count,
                        w.created_by, w.created_at, w.updated_at, w.members_hash
                 FROM watchlists w`;

/** Checked again here, whoever calls: a store must not hold what the parser would refuse. */
export function validMembers(counterparties: readonly CounterpartyInput[]): CounterpartyInput[] {
  if (counterparties.length > MAX_COUNTERPARTIES) {
    throw new UsageError(`a watchlist holds at most ${MAX_COUNTERPARTIES.toLocaleString('en-US')} counterparties (got ${counterparties.length})`);
  }
  return counterparties.map((input, i) => {
    const result = Counterparty.safeParse(input);
    if (result.success) return result.data;
    throw new UsageError(`counterparty ${i + 1}: ${result.error.issues.map((issue) => issue.message).join('; ')}`, { cause: result.error });
  });
}

export function createWatchlistStore(db: Database.Database): WatchlistStore {
  const statements = {
    byName: db.prepare('SELECT id, name FROM watchlists WHERE name = ?'),
    insert: db.prepare('INSERT INTO watchlists (name, created_by, created_at, updated_at, members_hash) VALUES (?, ?, ?, ?, ?) RETURNING id'),
    touch: db.prepare('UPDATE watchlists SET updated_at = ?, members_hash = ? WHERE id = ?'),
    clear: db.prepare('DELETE FROM counterparties WHERE watchlist_id = ?'),
    insertMember: db.prepare('INSERT INTO counterparties (watchlist_id, name, country, reference) VALUES (?, ?, ?, ?)'),
    summary: db.prepare(`${SUMMARY} WHERE w.id = ?`),
    list: db.prepare(`${SUMMARY} ORDER BY w.name`),
    count: db.prepare('SELECT count(*) FROM counterparties WHERE watchlist_id = ?').pluck(),
    remove: db.prepare('DELETE FROM watchlists WHERE id = ?'),
    // One row of one JSON array, parsed in watchlistMembers: better-sqlite3 builds a raw row array
    // per row at about the cost of the read again (100,000 members: ~185 against ~250 ms).
    members: db
      .prepare(
        `SELECT json_group_array(json_array(w.name, c.name, c.country, c.reference) ORDER BY w.name, c.id)
         FROM counterparties c JOIN watchlists w ON w.id = c.watchlist_id`,
      )
      .pluck(),
    membersOf: db
      .prepare(
        `SELECT json_group_array(json_array(w.name, c.name, c.country, c.reference) ORDER BY c.id)
         FROM counterparties c JOIN watchlists w ON w.id = c.watchlist_id WHERE w.name = ?`,
      )
      .pluck(),
    audit: db.prepare('INSERT INTO audit_log (at, actor, action, detail) VALUES (?, ?, ?, ?)'),
  };

  const existing = (name: string): { id: number; name: string } | undefined =>
    statements.byName.get(name) as { id: number; name: string } | undefined;

  const importList = db.transaction(
    (name: string, members: readonly CounterpartyInput[], actor: string, at: string, replace: boolean) => {
      const found = existing(name);
      if (found && !replace) {
        throw new UsageError(`a watchlist named "${found.name}" exists already: import with --replace to swap its counterparties, or choose another name`);
      }
      let id: number;
      let replaced = 0;
      if (found) {
        id = found.id;
        replaced = statements.clear.run(id).changes;
        statements.touch.run(at, membersHash(members), id);
      } else {
        id = (statements.insert.get(name, actor, at, at, membersHash(members)) as { id: number }).id;
      }
      for (const m of members) statements.insertMember.run(id, m.name, m.country, m.reference);
      const watchlist = SummaryRow.parse(statements.summary.get(id));
      statements.audit.run(at, actor, 'watchlist.import', JSON.stringify({ name: watchlist.name, count: members.length, replaced, replace: found !== undefined }));
      return { watchlist, replaced };
    },
  );

  const removeList = db.transaction((name: string, actor: string, at: string): boolean => {
    const found = existing(name);
    if (!found) return false;
    const count = statements.count.get(found.id) as number;
    statements.clear.run(found.id);
    statements.remove.run(found.id);
    statements.audit.run(at, actor, 'watchlist.remove', JSON.stringify({ name: found.name, count }));
    return true;
  });

  return {
    async importWatchlist(name, counterparties, actor, at, options = {}) {
      return importList(parseWatchlistName(name), validMembers(counterparties), actor, at, options.replace === true);
    },
    async listWatchlists() {
      return statements.list.all().map((row) => SummaryRow.parse(row));
    },
    async removeWatchlist(name, actor, at) {
      return removeList(name.trim(), actor, at);
    },
    async watchlistMembers(name) {
      const rows = JSON.parse((name === undefined ? statements.members.get() : statements.membersOf.get(name.trim())) as string) as MemberRow[];
      return rows.map(([watchlist, member, country, reference]): WatchlistMember => ({ watchlist, name: member, country, reference }));
    },
  };
}
