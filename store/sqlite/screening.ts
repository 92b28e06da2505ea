/**
 * Screening jobs in SQLite (store/screening.ts): written inside the snapshot commit by
 * `writeScreeningJob`, settled with a conditional update so a job yields at most one alert.
 */
import type Database from 'better-sqlite3';
import * as z from 'zod/mini';
import './zod.js';
import type { ScreeningJob, ScreeningJobInput, ScreeningStore } from '../screening.js';
import type { AlertWriter } from './outbox.js';

/** Writes one job; the caller (the snapshot commit) owns the transaction. */
export type ScreeningJobWriter = (snapshotId: number, source: string, at: string, job: ScreeningJobInput) => void;

const keys = z.array(z.string());

const JobRow = z.pipe(
  z.object({ id: z.int(), source: z.string(), snapshot_id: z.int(), created_at: z.string(), changed_keys: z.string(), added_keys: z.string() }),
  z.transform(
    (row): ScreeningJob => ({
      id: row.id,
      source: row.source,
      snapshotId: row.snapshot_id,
      createdAt: row.created_at,
      changedKeys: keys.parse(JSON.parse(row.changed_keys)),
      addedKeys: keys.parse(JSON.parse(row.added_keys)),
    }),
  ),
);

export function createScreeningJobWriter(db: Database.Database): ScreeningJobWriter {
  const insert = db.prepare('INSERT INTO screening_jobs (source, snapshot_id, created_at, changed_keys, added_keys) VALUES (?, ?, ?, ?, ?)');
  return (snapshotId, source, at, job) => {
    insert.run(source, snapshotId, at, JSON.stringify(job.changedKeys), JSON.stringify(job.addedKeys));
  };
}

export function createScreeningStore(db: Database.Database, writeAlert: AlertWriter): ScreeningStore {
  const statements = {
    pending: db.prepare(
      `SELECT id, source, snapshot_id, created_at, changed_keys, added_keys FROM screening_jobs WHERE state = 'pending' ORDER BY id`,
    ),
    settle: db.prepare(`UPDATE screening_jobs SET state = 'done', alert_id = ?, finished_at = ? WHERE id = ? AND state = 'pending'`),
  };
  const complete = db.transaction((id: number, alert: Parameters<ScreeningStore['completeScreening']>[1], at: string): boolean => {
    if (statements.settle.run(alert?.alert.id ?? null, at, id).changes === 0) return false;
    if (alert) writeAlert(alert.alert, alert.routes, at);
    return true;
  });
  return {
    async pendingScreenings() {
      return statements.pending.all().map((row) => JobRow.parse(row));
    },
    async completeScreening(id, alert, at) {
      return complete(id, alert, at);
    },
  };
}
