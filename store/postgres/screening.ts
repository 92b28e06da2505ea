/**
 * Screening jobs on PostgreSQL (store/screening.ts; behaviour as store/sqlite/screening.ts):
 * written inside the snapshot commit, settled with a conditional update so a job yields at most
 * one alert, whatever the number of instances running it.
 */
import { z } from 'zod';
import type { ScreeningJob, ScreeningJobInput, ScreeningStore } from '../screening.js';
import { writeAlerts } from './alerts.js';
import { tx, type Client, type Pool } from './db.js';

const JobRow = z
  .object({ id: z.number().int(), source: z.string(), snapshot_id: z.number().int(), created_at: z.string(), changed_keys: z.array(z.string()), added_keys: z.array(z.string()) })
  .transform((row): ScreeningJob => ({ id: row.id, source: row.source, snapshotId: row.snapshot_id, createdAt: row.created_at, changedKeys: row.changed_keys, addedKeys: row.added_keys }));

export async function writeScreeningJob(client: Client, snapshotId: number, source: string, at: string, job: ScreeningJobInput): Promise<void> {
  await client.query(
    'INSERT INTO screening_jobs (source, snapshot_id, created_at, changed_keys, added_keys) VALUES ($1, $2, $3, $4::jsonb, $5::jsonb)',
    [source, snapshotId, at, JSON.stringify(job.changedKeys), JSON.stringify(job.addedKeys)],
  );
}

export function createScreeningStore(pool: Pool): ScreeningStore {
  return {
    async pendingScreenings() {
      const { rows } = await pool.query(`SELECT id, source, snapshot_id, created_at, changed_keys, added_keys FROM screening_jobs WHERE state = 'pending' ORDER BY id`);
      return rows.map((row) => JobRow.parse(row));
    },
    async completeScreening(id, alert, at) {
      return tx(pool, async (client) => {
        const settled = await client.query(`UPDATE screening_jobs SET state = 'done', alert_id = $1, finished_at = $2 WHERE id = $3 AND state = 'pending'`, [alert?.alert.id ?? null, at, id]);
        if (settled.rowCount === 0) return false;
        if (alert) await writeAlerts(client, [alert], at);
        return true;
      });
    },
  };
}
