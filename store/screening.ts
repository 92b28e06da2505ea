/**
 * The store part for screening jobs: watchlist screening of a list change, run after the
 * change's own commit so its alert never waits for it.
 *
 * The snapshot commit that accepts a change writes its job in the same transaction
 * (`SnapshotCommit.screening`), so a change is never stored without its screening being owed.
 * The job is run afterwards (src/worker/watchlist-hits.ts) and settled with `completeScreening`,
 * which writes its hit alert (or admin alert) and marks the job done in one transaction, and only
 * when the job was still pending: a process that dies mid-screening leaves the job pending and the
 * next run does it again; two runners finishing the same job write one alert, never two.
 */
import type { AlertInsert } from './types.js';

/** What a change owes: the keys of its new and amended designations (those with changed fields). */
export interface ScreeningJobInput {
  /** Keys of the designations to screen, of the snapshot's source. */
  changedKeys: string[];
  /** Which of them are new (the alert says "new" or "amended"). */
  addedKeys: string[];
}

/** A screening job as stored. */
export interface ScreeningJob extends ScreeningJobInput {
  id: number;
  /** The source whose snapshot owes it. */
  source: string;
  snapshotId: number;
  /** The snapshot's time: the hit alert's createdAt. */
  createdAt: string;
}

export interface ScreeningStore {
  /** Jobs not yet settled, oldest first. */
  pendingScreenings(): Promise<ScreeningJob[]>;
  /**
   * Settle a job: write `alert` (and its outbox rows) and mark the job done, in one transaction.
   * False, writing nothing, when the job is not pending (settled already by another run).
   */
  completeScreening(id: number, alert: AlertInsert | null, at: string): Promise<boolean>;
}
