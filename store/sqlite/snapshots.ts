/**
 * Sources, their current designations and snapshot commits.
 *
 * Designations are stored as one JSON text per row beside the columns the store queries (key,
 * fingerprint, list, name). Reads only JSON.parse the text, without zod: the rows were validated
 * when parsed from the source and written by this code, and zod-validating 30,000 of them costs
 * ~90 ms, more than the read itself (the `Designation` schema in rows.ts is there for others).
 */
import type Database from 'better-sqlite3';
import type {
  ChangeKind,
  Designation as DesignationModel,
  ListCode as ListCodeModel,
} from '../../src/core/model.js';
import type { PendingRemovalStore } from '../pending-removals.js';
import type { SnapshotCommit, SourceState, SnapshotStore } from '../types.js';
import type { AlertWriter } from './outbox.js';
import { createPendingRemovalStore } from './pending-removals.js';
import type { ScreeningJobWriter } from './screening.js';
import { ListCode, SOURCE_STATE_COLUMNS, SourceStateRow } from './rows.js';

export function createSnapshotStore(db: Database.Database, writeAlert: AlertWriter, writeScreeningJob: ScreeningJobWriter): SnapshotStore & PendingRemovalStore {
  const guard = createPendingRemovalStore(db);
  const statements = {
    getState: db.prepare(`SELECT ${SOURCE_STATE_COLUMNS} FROM source_state WHERE source = ?`),
    listStates: db.prepare(`SELECT ${SOURCE_STATE_COLUMNS} FROM source_state ORDER BY source`),
    fingerprints: db.prepare('SELECT key, fingerprint FROM designations WHERE source = ?').raw(),
    // One row of three JSON arrays, parsed in currentRows: better-sqlite3 builds a raw row array
    // per row at about the cost of the whole read again, and JSON.parse gives flat strings.
    rows: db.prepare('SELECT json_group_array(key), json_group_array(fingerprint), json_group_array(row_hash) FROM designations WHERE source = ?').raw(),
    setRowHash: db.prepare('UPDATE designations SET row_hash = ? WHERE source = ? AND key = ?'),
    designations: db.prepare('SELECT data FROM designations WHERE source = ? ORDER BY key').pluck(),
    designationsByKey: db
      .prepare(
        `SELECT data FROM designations
         WHERE source = ? AND key IN (SELECT value FROM json_each(?)) ORDER BY key`,
      )
      .pluck(),
    allDesignations: db.prepare('SELECT source, data FROM designations ORDER BY source, key').raw(),
    countsByList: db.prepare('SELECT list, count(*) FROM designations WHERE source = ? GROUP BY list').raw(),
    countDesignations: db.prepare('SELECT count(*) FROM designations WHERE source = ?').pluck(),
    insertSnapshot: db.prepare(
      `INSERT INTO snapshots (source, fetched_at, content_hash, etag, last_modified, location, row_count,
                              baseline, added, removed, amended)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertDesignation: db.prepare(
      'INSERT INTO designations (source, key, fingerprint, list, name, data, row_hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    upsertDesignation: db.prepare(
      `INSERT INTO designations (source, key, fingerprint, list, name, data, row_hash) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (source, key) DO UPDATE SET
         fingerprint = excluded.fingerprint, list = excluded.list, name = excluded.name, data = excluded.data,
         row_hash = excluded.row_hash`,
    ),
    deleteDesignation: db.prepare('DELETE FROM designations WHERE source = ? AND key = ?'),
    insertChange: db.prepare(
      `INSERT INTO changes (snapshot_id, source, kind, key, list, name, before, after, fields)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    committed: db.prepare(
      `INSERT INTO source_state (source, etag, last_modified, content_hash, last_checked_at, last_success_at,
                                 last_change_at, consecutive_failures, designation_count)
       VALUES (@source, @etag, @lastModified, @contentHash, @at, @at, @changeAt, 0, @count)
       ON CONFLICT (source) DO UPDATE SET
         etag = excluded.etag, last_modified = excluded.last_modified, content_hash = excluded.content_hash,
         last_checked_at = excluded.last_checked_at, last_success_at = excluded.last_success_at,
         last_change_at = coalesce(excluded.last_change_at, last_change_at),
         last_error_code = NULL, last_error_message = NULL, last_error_at = NULL, last_error_content_hash = NULL,
         consecutive_failures = 0, designation_count = excluded.designation_count`,
    ),
    unchanged: db.prepare(
      `INSERT INTO source_state (source, etag, last_modified, last_checked_at, last_success_at)
       VALUES (@source, @etag, @lastModified, @at, @at)
       ON CONFLICT (source) DO UPDATE SET
         etag = CASE WHEN @replaceValidators THEN excluded.etag ELSE etag END,
         last_modified = CASE WHEN @replaceValidators THEN excluded.last_modified ELSE last_modified END,
         last_checked_at = excluded.last_checked_at, last_success_at = excluded.last_success_at,
         last_error_code = NULL, last_error_message = NULL, last_error_at = NULL, last_error_content_hash = NULL,
         consecutive_failures = 0`,
    ),
    failed: db.prepare(
      `INSERT INTO source_state (source, last_checked_at, last_error_code, last_error_message, last_error_at,
                                 last_error_content_hash, consecutive_failures)
       VALUES (@source, @at, @code, @message, @at, @contentHash, 1)
       ON CONFLICT (source) DO UPDATE SET
         last_checked_at = excluded.last_checked_at, last_error_code = excluded.last_error_code,
         last_error_message = excluded.last_error_message, last_error_at = excluded.last_error_at,
         last_error_content_hash = excluded.last_error_content_hash,
         consecutive_failures = consecutive_failures + 1
       RETURNING ${SOURCE_STATE_COLUMNS}`,
    ),
  };

  const commit = db.transaction((c: SnapshotCommit): number => {
    const { meta, diff, baseline } = c;
    const source = meta.source;
    const fingerprintOf = (key: string): string => {
      const fp = c.fingerprints.get(key);
      if (fp === undefined) throw new Error(`commitSnapshot(${source}): no fingerprint for ${key}`);
      return fp;
    };
    const snapshotId = Number(
      statements.insertSnapshot.run(
        source,
        meta.fetchedAt,
        meta.contentHash,
        meta.etag,
        meta.lastModified,
        meta.location,
        meta.rowCount,
        baseline ? 1 : 0,
        diff.added.length,
        diff.removed.length,
        diff.amended.length,
      ).lastInsertRowid,
    );
    // History rows name the designation the change is about (the new version when there is one).
    // A baseline is not history: its rows were there before we looked.
    const change = (kind: ChangeKind, d: DesignationModel, before: string | null, after: string | null, fields: string | null) => {
      if (baseline) return;
      statements.insertChange.run(snapshotId, source, kind, d.key, d.list, d.name, before, after, fields);
    };

    // Deletes first: an amendment may move a row onto a key that another row is leaving.
    for (const d of diff.removed) statements.deleteDesignation.run(source, d.key);
    for (const { before, after } of diff.amended) {
      if (before.key !== after.key) statements.deleteDesignation.run(source, before.key);
    }
    const rowHashOf = (key: string): string | null => c.rowHashes?.get(key) ?? null;
    const written = new Set<string>();
    for (const d of diff.added) {
      const data = JSON.stringify(d);
      statements.insertDesignation.run(source, d.key, fingerprintOf(d.key), d.list, d.name, data, rowHashOf(d.key));
      written.add(d.key);
      change('added', d, null, data, null);
    }
    for (const d of diff.removed) change('removed', d, JSON.stringify(d), null, null);
    for (const { before, after, fields } of diff.amended) {
      const data = JSON.stringify(after);
      statements.upsertDesignation.run(source, after.key, fingerprintOf(after.key), after.list, after.name, data, rowHashOf(after.key));
      written.add(after.key);
      change('amended', after, JSON.stringify(before), data, JSON.stringify(fields));
    }
    // Rows the diff left alone but whose bytes changed: their new hash, so the next poll knows them.
    for (const [key, hash] of c.rowHashes ?? []) if (!written.has(key)) statements.setRowHash.run(hash, source, key);

    for (const { alert, routes } of c.alerts) writeAlert(alert, routes, meta.fetchedAt);
    if (c.guard) guard.writeGuardState(source, c.guard, meta.fetchedAt);
    if (c.screening && !baseline) writeScreeningJob(snapshotId, source, meta.fetchedAt, c.screening);

    const changed = diff.added.length + diff.removed.length + diff.amended.length > 0;
    statements.committed.run({
      source,
      etag: meta.etag,
      lastModified: meta.lastModified,
      contentHash: meta.contentHash,
      at: meta.fetchedAt,
      changeAt: changed ? meta.fetchedAt : null,
      count: statements.countDesignations.get(source),
    });
    return snapshotId;
  });

  return {
    guardState: guard.guardState,
    hasPendingRemovals: guard.hasPendingRemovals,
    async getSourceState(source) {
      const row = statements.getState.get(source);
      return row === undefined ? null : SourceStateRow.parse(row);
    },
    async listSourceStates() {
      return statements.listStates.all().map((row) => SourceStateRow.parse(row));
    },
    async currentFingerprints(source) {
      const map = new Map<string, string>();
      // all() beats iterate() here: one call into SQLite instead of one per row.
      for (const [key, fp] of statements.fingerprints.all(source) as Array<[string, string]>) map.set(key, fp);
      return map;
    },
    async currentRows(source) {
      // One aggregate row: the three arrays come from the same scan, in the same order.
      const [keys, fingerprints, rowHashes] = statements.rows.get(source) as [string, string, string];
      return { keys: JSON.parse(keys) as string[], fingerprints: JSON.parse(fingerprints) as string[], rowHashes: JSON.parse(rowHashes) as Array<string | null> };
    },
    async currentDesignations(source, keys) {
      if (keys === undefined) {
        return (statements.designations.all(source) as string[]).map((data) => JSON.parse(data) as DesignationModel);
      }
      const rows = statements.designationsByKey.all(source, JSON.stringify(keys)) as string[];
      return rows.map((data) => JSON.parse(data) as DesignationModel);
    },
    async allCurrentDesignations() {
      const rows = statements.allDesignations.all() as Array<[string, string]>;
      return rows.map(([source, data]) => ({ source, designation: JSON.parse(data) as DesignationModel }));
    },
    async countsByList(source) {
      const counts: Partial<Record<ListCodeModel, number>> = {};
      for (const [list, n] of statements.countsByList.all(source) as Array<[string, number]>) {
        counts[ListCode.parse(list)] = n;
      }
      return counts;
    },
    async commitSnapshot(c) {
      return { snapshotId: commit(c) };
    },
    async recordUnchanged(source, at, validators) {
      statements.unchanged.run({
        source,
        at,
        etag: validators?.etag ?? null,
        lastModified: validators?.lastModified ?? null,
        replaceValidators: validators ? 1 : 0,
      });
    },
    async recordFailure(source, failure): Promise<SourceState> {
      const row = statements.failed.get({
        source,
        at: failure.at,
        code: failure.code,
        message: failure.message,
        contentHash: failure.contentHash ?? null,
      });
      return SourceStateRow.parse(row);
    },
  };
}
