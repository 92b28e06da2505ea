/**
 * The guard: decides whether a downloaded snapshot may replace the stored one. Pure.
 *
 * A list that comes back empty, cut off or as an HTML error page must never be announced as
 * "everything was removed". Real case: in May 2024 about 15,000 SDN/SSI rows vanished from the
 * CSL for a day; a per-list removal share catches that even when the whole file only halved.
 *
 * What it refuses, skips and counts (README "What the guard refuses"):
 * - `checkBody`: an empty or whitespace-only body, an HTML page.
 * - `checkParseNotes`: rows skipped for no name or no known list past `maxSkippedShare`, exact
 *   duplicate rows past `maxDuplicateShare` (`duplicated`) — below those shares they are
 *   skipped or collapsed and counted.
 * - `checkDesignationText`: a stored text holding U+FFFD or a control character (`encoding`), or
 *   longer than MAX_FIELD_CHARS.
 * - `checkSnapshot`: an empty snapshot, a removal of more than `maxRemovalShare` of a list.
 * Removals that pass are still only announced once a second download agrees (core/removals.ts).
 */
import { SnapshotRefusedError } from '../errors.js';
import { findControlCharacter } from './decode.js';
import type { ParseNotes } from './identity.js';
import { LISTS } from './lists.js';
import { COMPARED_FIELDS, type Designation, type ListCode } from './model.js';

export interface GuardOptions {
  /** Refuse when more than this share of one list would be removed (0..1). */
  maxRemovalShare: number;
  /** Removals below this count per list are never refused (small lists shrink legitimately). */
  minRemovalsToRefuse: number;
}

export const DEFAULT_GUARD: GuardOptions = { maxRemovalShare: 0.05, minRemovalsToRefuse: 5 };

/**
 * Skipped rows (no name, no known list) are tolerated up to 2% of a snapshot's rows, and never
 * refused below 25: the real CSL has carried a few empty rows, and a list trade.gov adds before
 * src/core/lists.ts knows it is a few dozen rows. A renamed `source` text (every row of a big
 * list unrecognised) or a broken column goes far past both.
 */
export const MAX_SKIPPED_SHARE = 0.02;
export const MIN_SKIPPED_TO_REFUSE = 25;
/**
 * Exact duplicates are tolerated up to 1% of rows, never refused below 10: a publisher's slip
 * repeats a row or two; a file with a tenth of its rows twice is a broken export or a bad merge.
 */
export const MAX_DUPLICATE_SHARE = 0.01;
export const MIN_DUPLICATES_TO_REFUSE = 10;

function percent(part: number, whole: number): string {
  return `${((part / Math.max(whole, 1)) * 100).toFixed(1)}%`;
}

/** Judge what a parse skipped and collapsed. Throws SnapshotRefusedError ('unparseable' | 'duplicated'). */
export function checkParseNotes(notes: ParseNotes): void {
  const skipped = notes.noName + notes.noList;
  if (skipped >= MIN_SKIPPED_TO_REFUSE && skipped > notes.rows * MAX_SKIPPED_SHARE) {
    throw new SnapshotRefusedError(
      'unparseable',
      `${skipped} of ${notes.rows} rows (${percent(skipped, notes.rows)}) have no name (${notes.noName}) or no known list ` +
        `(${notes.noList}), more than ${percent(MAX_SKIPPED_SHARE, 1)}; first: ${notes.examples.join('; ')}`,
    );
  }
  if (notes.duplicates >= MIN_DUPLICATES_TO_REFUSE && notes.duplicates > notes.rows * MAX_DUPLICATE_SHARE) {
    throw new SnapshotRefusedError(
      'duplicated',
      `${notes.duplicates} of ${notes.rows} rows (${percent(notes.duplicates, notes.rows)}) repeat another row exactly, ` +
        `more than ${percent(MAX_DUPLICATE_SHARE, 1)} (a broken export?)`,
    );
  }
}

/**
 * No real field comes near this (the longest OFAC remarks, comments joined, run to a few
 * thousand characters): a longer one is a broken quote that swallowed the rest of the file.
 */
export const MAX_FIELD_CHARS = 100_000;

/** Any character a stored text must not hold: C0/C1 controls but tab, LF, CR; and U+FFFD. */
const BAD_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\uFFFD]/;

function badCharacter(value: string): string | null {
  if (value.includes('\uFFFD')) return 'U+FFFD (a character lost in an earlier re-encoding)';
  const control = findControlCharacter(value);
  return control ? `control character U+${control.code.toString(16).toUpperCase().padStart(4, '0')}` : null;
}

/** Throws for one text that is too long or holds a bad character; one regex test when it is fine. */
function checkText(d: Designation, field: string, value: string): void {
  if (value.length > MAX_FIELD_CHARS) {
    throw new SnapshotRefusedError(
      'unparseable',
      `${d.key}: field ${field} is ${value.length} characters long, more than ${MAX_FIELD_CHARS} (a quote that swallowed the file?)`,
    );
  }
  if (!BAD_TEXT.test(value)) return;
  throw new SnapshotRefusedError('encoding', `${d.key}: field ${field} holds ${badCharacter(value)}`);
}

/**
 * No stored text may hold U+FFFD or a control character ('encoding'), nor be longer than
 * MAX_FIELD_CHARS ('unparseable'). Throws SnapshotRefusedError.
 */
export function checkDesignationText(designations: readonly Designation[]): void {
  for (const d of designations) {
    for (const field of COMPARED_FIELDS) {
      const value = d[field];
      if (value === null) continue;
      if (typeof value === 'string') checkText(d, field, value);
      else for (const item of value) checkText(d, field, item);
    }
  }
}

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
