/**
 * PostgreSQL part for store/pending-removals.ts (behaviour as store/sqlite/pending-removals.ts):
 * tables `pending_removals` and `snapshot_guard`. `writeGuardState` runs inside commitSnapshot's
 * transaction.
 */
import { z } from 'zod';
import type { GuardStateWrite, PendingRemovalStore } from '../pending-removals.js';
import type { Client, Pool } from './db.js';

const PendingRow = z.object({ key: z.string(), since: z.string(), seenIn: z.string(), suspect: z.enum(['cut-off']).nullable() });
const GuardRow = z.object({ tail: z.array(z.string()), rows: z.number(), noName: z.number(), noList: z.number(), duplicates: z.number(), examples: z.array(z.string()) });

export async function writeGuardState(client: Client, source: string, state: GuardStateWrite, at: string): Promise<void> {
  await client.query('DELETE FROM pending_removals WHERE source = $1', [source]);
  if (state.pending.length > 0) {
    await client.query(
      `INSERT INTO pending_removals (source, key, since, seen_in, suspect)
       SELECT $1, key, since, seen_in, suspect FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS u(key, since, seen_in, suspect)`,
      [source, state.pending.map((p) => p.key), state.pending.map((p) => p.since), state.pending.map((p) => p.seenIn), state.pending.map((p) => p.suspect)],
    );
  }
  const { notes } = state;
  await client.query(
    `INSERT INTO snapshot_guard (source, tail, rows, no_name, no_list, duplicates, examples, at)
     VALUES ($1, $2::jsonb, $3, $4, $5, $6, $7::jsonb, $8)
     ON CONFLICT (source) DO UPDATE SET tail = excluded.tail, rows = excluded.rows, no_name = excluded.no_name,
       no_list = excluded.no_list, duplicates = excluded.duplicates, examples = excluded.examples, at = excluded.at`,
    [source, JSON.stringify(state.tail), notes.rows, notes.noName, notes.noList, notes.duplicates, JSON.stringify(notes.examples), at],
  );
}

export function createPendingRemovalStore(pool: Pool): PendingRemovalStore {
  return {
    async guardState(source) {
      const pending = (
        await pool.query('SELECT key, since, seen_in AS "seenIn", suspect FROM pending_removals WHERE source = $1 ORDER BY key COLLATE "C"', [source])
      ).rows.map((row) => PendingRow.parse(row));
      const { rows } = await pool.query(
        'SELECT tail, rows, no_name AS "noName", no_list AS "noList", duplicates, examples FROM snapshot_guard WHERE source = $1',
        [source],
      );
      if (rows[0] === undefined) return { pending, tail: [], notes: null };
      const row = GuardRow.parse(rows[0]);
      return { pending, tail: row.tail, notes: { rows: row.rows, noName: row.noName, noList: row.noList, duplicates: row.duplicates, examples: row.examples } };
    },
    async hasPendingRemovals(source) {
      const { rows } = await pool.query('SELECT 1 FROM pending_removals WHERE source = $1 LIMIT 1', [source]);
      return rows.length > 0;
    },
  };
}
