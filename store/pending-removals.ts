/**
 * Store part: what the snapshot guard keeps between polls of a source (core/removals.ts).
 * Self-contained so each store implementation adds it beside its other parts.
 *
 *   const { pending, tail, notes } = await store.guardState('csl');
 *
 * Written only inside `commitSnapshot` (SnapshotCommit.guard), in the snapshot's transaction:
 * a pending removal is stored exactly when its snapshot is, so a restart neither loses one nor
 * announces one twice.
 */
import type { ParseNotes } from '../src/core/identity.js';
import type { PendingRemoval } from '../src/core/removals.js';

/** The guard's state of one source. */
export interface GuardState {
  /** Removals seen once and waiting for another download to agree. */
  pending: PendingRemoval[];
  /** Keys of the last accepted file's last rows, in file order (to recognise a cut-off). */
  tail: string[];
  /** What the last accepted snapshot's parse skipped and collapsed; null before the first. */
  notes: ParseNotes | null;
}

/** The guard state to write with a snapshot; replaces the stored one. */
export type GuardStateWrite = Omit<GuardState, 'notes'> & { notes: ParseNotes };

export interface PendingRemovalStore {
  /** The guard's state of a source (empty before its first snapshot). */
  guardState(source: string): Promise<GuardState>;
  /**
   * Whether any removal of a source is pending: what a poll needs before its download (a pending
   * removal makes it unconditional), read without the file tail `guardState` carries (1,000 keys).
   */
  hasPendingRemovals(source: string): Promise<boolean>;
}
