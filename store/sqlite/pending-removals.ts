/**
 * SQLite part for store/pending-removals.ts: tables `pending_removals` and `snapshot_guard`
 * (migration "pending removals"). `writeGuardState` runs inside commitSnapshot's transaction.
 */
import type Database from 'better-sqlite3';
import * as z from 'zod/mini';
import './zod.js';
import type { GuardStateWrite, PendingRemovalStore } from '../pending-removals.js';

const PendingRow = z.object({
  key: z.string(),
  since: z.string(),
  seenIn: z.string(),
  suspect: z.nullable(z.enum(['cut-off'])),
});

const strings = z.array(z.string());

const GuardRow = z.object({
  tail: z.string(),
  rows: z.number(),
  noName: z.number(),
  noList: z.number(),
  duplicates: z.number(),
  examples: z.string(),
});

export function createPendingRemovalStore(db: Database.Database): PendingRemovalStore & {
  writeGuardState(source: string, state: GuardStateWrite, at: string): void;
} {
  const statements = {
    pending: db.prepare('SELECT key, since, seen_in AS seenIn, suspect FROM pending_removals WHERE source = ? ORDER BY key'),
    anyPending: db.prepare('SELECT 1 FROM pending_removals WHERE source = ? LIMIT 1').pluck(),
    guard: db.prepare(
      `SELECT tail, rows, no_name AS noName, no_list AS noList, duplicates, examples FROM snapshot_guard WHERE source = ?`,
    ),
    clearPending: db.prepare('DELETE FROM pending_removals WHERE source = ?'),
    insertPending: db.prepare('INSERT INTO pending_removals (source, key, since, seen_in, suspect) VALUES (?, ?, ?, ?, ?)'),
    upsertGuard: db.prepare(
      `INSERT INTO snapshot_guard (source, tail, rows, no_name, no_list, duplicates, examples, at)
       VALUES (@source, @tail, @rows, @noName, @noList, @duplicates, @examples, @at)
       ON CONFLICT (source) DO UPDATE SET tail = excluded.tail, rows = excluded.rows, no_name = excluded.no_name,
         no_list = excluded.no_list, duplicates = excluded.duplicates, examples = excluded.examples, at = excluded.at`,
    ),
  };
  return {
    async guardState(source) {
      const pending = statements.pending.all(source).map((row) => PendingRow.parse(row));
      const raw = statements.guard.get(source);
      if (raw === undefined) return { pending, tail: [], notes: null };
      const row = GuardRow.parse(raw);
      const tail = strings.parse(JSON.parse(row.tail));
      const examples = strings.parse(JSON.parse(row.examples));
      return { pending, tail, notes: { rows: row.rows, noName: row.noName, noList: row.noList, duplicates: row.duplicates, examples } };
    },
    async hasPendingRemovals(source) {
      return statements.anyPending.get(source) !== undefined;
    },
    writeGuardState(source, state, at) {
      statements.clearPending.run(source);
      for (const p of state.pending) statements.insertPending.run(source, p.key, p.since, p.seenIn, p.suspect);
      const { notes } = state;
      statements.upsertGuard.run({
        source,
        tail: JSON.stringify(state.tail),
        rows: notes.rows,
        noName: notes.noName,
        noList: notes.noList,
        duplicates: notes.duplicates,
        examples: JSON.stringify(notes.examples),
        at,
      });
    },
  };
}
