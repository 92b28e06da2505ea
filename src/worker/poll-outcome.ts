/**
 * What one poll of a source ended in, for logs, the CLI (`poll`, `ingest --json`) and tests.
 *
 *   { status: 'changed', count: 30000, added: 3, removed: 0, amended: 1, alerts: 1, skippedNoName: 2, pendingRemovals: 5 }
 */
import type { ParseNotes } from '../core/identity.js';

/**
 * What a parsed snapshot set aside and held back, on the outcomes that parsed one; each count is
 * present only when non-zero, so a clean poll reads as before.
 */
export interface PollCounts {
  /** Rows skipped for an empty name. */
  skippedNoName?: number;
  /** Rows skipped for naming no known list. */
  skippedNoList?: number;
  /** Rows dropped as exact repeats of another row. */
  duplicates?: number;
  /** Removals waiting for the next download to confirm them. */
  pendingRemovals?: number;
  /** The new removals are exactly the previous file's last rows (core/removals.ts). */
  suspectedCutOff?: true;
}

export type PollOutcome =
  | { status: 'not-modified' }
  | ({ status: 'unchanged' } & PollCounts)
  | ({ status: 'baseline'; count: number; unit?: 'designations' | 'items' } & PollCounts)
  | ({ status: 'changed'; count: number; added: number; removed: number; amended: number; alerts: number } & PollCounts)
  | { status: 'items'; seen: number; new: number; alerts: number }
  | { status: 'refused'; code: string; reason: string; /** What stayed in place, in words. */ kept?: string }
  | { status: 'unavailable'; reason: string }
  /** Another instance holds the source's poll lease (worker/lease.ts): nothing was fetched. */
  | { status: 'busy' };

/** The non-zero counts of a parsed poll, for its outcome. */
export function pollCounts(notes: ParseNotes, pendingRemovals: number, suspectedCutOff: boolean): PollCounts {
  const counts: PollCounts = {};
  if (notes.noName > 0) counts.skippedNoName = notes.noName;
  if (notes.noList > 0) counts.skippedNoList = notes.noList;
  if (notes.duplicates > 0) counts.duplicates = notes.duplicates;
  if (pendingRemovals > 0) counts.pendingRemovals = pendingRemovals;
  if (suspectedCutOff) counts.suspectedCutOff = true;
  return counts;
}

/** "; skipped 2 rows (2 without a name), 1 exact duplicate collapsed, 3 removals awaiting confirmation", or "". */
export function describeCounts(counts: PollCounts): string {
  const parts: string[] = [];
  const skipped = (counts.skippedNoName ?? 0) + (counts.skippedNoList ?? 0);
  if (skipped > 0) {
    const why: string[] = [];
    if (counts.skippedNoName) why.push(`${counts.skippedNoName} without a name`);
    if (counts.skippedNoList) why.push(`${counts.skippedNoList} of no known list`);
    parts.push(`skipped ${skipped} row(s) (${why.join(', ')})`);
  }
  if (counts.duplicates) parts.push(`${counts.duplicates} exact duplicate row(s) collapsed`);
  if (counts.pendingRemovals) {
    const cut = counts.suspectedCutOff ? ', suspected cut-off' : '';
    parts.push(`${counts.pendingRemovals} removal(s) awaiting confirmation by the next download${cut}`);
  }
  return parts.length > 0 ? `; ${parts.join(', ')}` : '';
}
