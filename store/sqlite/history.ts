/**
 * Designation history from the change log (`changes` joined to the snapshot that carried each
 * change), for `/entity`: when a designation was added, by which notice, and its amendments.
 *
 *   const history = await store.designationHistory(['EL:acme optics co ltd']);
 *   // Map { 'EL:acme optics co ltd' => [{ kind: 'added', source: 'csl', seenAt, notice: '89 FR 1234', fields: [] }, …] }
 *
 * Read per (source, key) so the `changes_by_key` index serves every lookup.
 */
import type Database from 'better-sqlite3';
import * as z from 'zod/mini';
import './zod.js';
import type { DesignationEvent, HistoryStore } from '../types.js';

const Row = z.object({
  kind: z.enum(['added', 'removed', 'amended']),
  seen_at: z.string(),
  before: z.nullable(z.string()),
  after: z.nullable(z.string()),
  fields: z.nullable(z.string()),
});

/** The parts of stored JSON that history reads. */
const Stored = z.looseObject({ frCitation: z.optional(z.nullable(z.string())) });
const Fields = z.array(z.looseObject({ field: z.string() }));

function citation(json: string | null): string | null {
  if (json === null) return null;
  return Stored.parse(JSON.parse(json)).frCitation ?? null;
}

export function createHistoryStore(db: Database.Database): Required<HistoryStore> {
  const sources = db.prepare('SELECT DISTINCT source FROM snapshots').pluck();
  const changes = db.prepare(
    `SELECT c.kind, s.fetched_at AS seen_at, c.before, c.after, c.fields
       FROM changes c JOIN snapshots s ON s.id = c.snapshot_id
      WHERE c.source = ? AND c.key = ?
      ORDER BY c.id`,
  );
  return {
    async designationHistory(keys) {
      const history = new Map<string, DesignationEvent[]>();
      const all = sources.all() as string[];
      for (const key of new Set(keys)) {
        const events: DesignationEvent[] = [];
        for (const source of all) {
          for (const raw of changes.all(source, key)) {
            const row = Row.parse(raw);
            events.push({
              kind: row.kind,
              source,
              seenAt: row.seen_at,
              notice: citation(row.kind === 'removed' ? row.before : row.after),
              fields: row.fields ? Fields.parse(JSON.parse(row.fields)).map((f) => f.field) : [],
            });
          }
        }
        if (events.length) history.set(key, events.sort((a, b) => a.seenAt.localeCompare(b.seenAt)));
      }
      return history;
    },
  };
}
