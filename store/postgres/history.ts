/**
 * Designation history on PostgreSQL (contract: store/types.ts HistoryStore; behaviour as
 * store/sqlite/history.ts): the change log joined to the snapshot that carried each change,
 * read by (source, key) through the `changes_by_key` index.
 */
import type { DesignationEvent, HistoryStore } from '../types.js';
import type { Pool } from './db.js';

interface Row {
  key: string;
  kind: DesignationEvent['kind'];
  source: string;
  seen_at: string;
  notice: string | null;
  fields: string[] | null;
}

export function createHistoryStore(pool: Pool): Required<HistoryStore> {
  return {
    async designationHistory(keys) {
      const history = new Map<string, DesignationEvent[]>();
      if (keys.length === 0) return history;
      const { rows } = await pool.query<Row>(
        `SELECT c.key, c.kind, c.source, s.fetched_at AS seen_at,
                (CASE WHEN c.kind = 'removed' THEN c.before ELSE c.after END) ->> 'frCitation' AS notice,
                (SELECT array_agg(f ->> 'field' ORDER BY n) FROM jsonb_array_elements(c.fields) WITH ORDINALITY AS x(f, n)) AS fields
           FROM changes c JOIN snapshots s ON s.id = c.snapshot_id
          WHERE c.source IN (SELECT DISTINCT source FROM snapshots) AND c.key = ANY($1::text[])
          ORDER BY c.key, s.fetched_at COLLATE "C", c.id`,
        [[...new Set(keys)]],
      );
      for (const row of rows) {
        const event: DesignationEvent = { kind: row.kind, source: row.source, seenAt: row.seen_at, notice: row.notice, fields: row.fields ?? [] };
        const list = history.get(row.key);
        if (list) list.push(event);
        else history.set(row.key, [event]);
      }
      return history;
    },
  };
}
