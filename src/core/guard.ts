/**
 * The guard: decides whether a downloaded snapshot may replace the stored one. Pure.
 *
 * A list that comes back empty, cut off or as an HTML error page must never be announced as
 * "everything was removed". Real case: in May 2024 about 15,000 SDN/SSI rows vanished from the
 * CSL for a day; a per-list removal share catches that even when the whole file only halved.
 */
import { SnapshotRefusedError } from '../errors.js';
import { LISTS } from './lists.js';
import type { ListCode } from './model.js';

export interface GuardOptions {
  /** Refuse when more than this share of one list would be removed (0..1). */
  maxRemovalShare: number;
  /** Removals below this count per list are never refused (small lists shrink legitimately). */
  minRemovalsToRefuse: number;
}

export const DEFAULT_GUARD: GuardOptions = { maxRemovalShare: 0.05, minRemovalsToRefuse: 5 };

const HTML_START = /^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i;

/** Checks on the raw body, before parsing. Throws SnapshotRefusedError. */
export function checkBody(body: Buffer, contentType: string | null): void {
  if (body.length === 0 || body.toString('utf8', 0, Math.min(body.length, 4096)).trim() === '') {
    throw new SnapshotRefusedError('empty', 'the download is empty');
  }
  const head = body.toString('utf8', 0, Math.min(body.length, 1024)).replace(/^\uFEFF/, '');
  if (HTML_START.test(head) || /^text\/html\b/i.test(contentType ?? '')) {
    throw new SnapshotRefusedError('html', 'the download is an HTML page, not a list (an error page or login wall?)');
  }
}

/** Checks on a parsed snapshot against the stored counts per list. Throws SnapshotRefusedError. */
export function checkSnapshot(
  newCount: number,
  removedByList: Partial<Record<ListCode, number>>,
  storedByList: Partial<Record<ListCode, number>>,
  options: GuardOptions = DEFAULT_GUARD,
): void {
  if (newCount === 0) throw new SnapshotRefusedError('empty', 'the snapshot has no entries');
  const offenders: string[] = [];
  for (const [list, removed] of Object.entries(removedByList) as Array<[ListCode, number]>) {
    const stored = storedByList[list] ?? 0;
    if (stored === 0 || removed < options.minRemovalsToRefuse) continue;
    const share = removed / stored;
    if (share > options.maxRemovalShare) {
      offenders.push(`${LISTS[list].shortName} (${list}) ${removed} of ${stored} (${(share * 100).toFixed(1)}%)`);
    }
  }
  if (offenders.length > 0) {
    throw new SnapshotRefusedError(
      'mass-removal',
      `would remove more than ${(options.maxRemovalShare * 100).toFixed(1)}% of a list: ${offenders.join('; ')}`,
    );
  }
}
