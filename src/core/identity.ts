/**
 * Identity: the `key` that lets a designation be recognised across snapshots.
 *
 * - Treasury lists keep their entry number: `SDN:36`.
 * - BIS and State lists have only content-derived ids, so they are keyed by list + normalised
 *   name: `EL:hangzhou hikvision digital technology co ltd`.
 * - Names repeat inside a list (the Denied Persons List holds one person under several orders,
 *   each at its own address). When a name repeats in one snapshot, each row gets a suffix
 *   derived from its first address and start date: `DPL:john doe#3f9a1c`. The part before `#`
 *   is the base key; core/diff.ts pairs unmatched rows that share a base key, so a name that
 *   gains a second order reads as one amendment and one addition, not a removal.
 * - Rows equal in every compared field (core/model.ts COMPARED_FIELDS) are one designation: the
 *   repeats are dropped and counted in `ParseNotes.duplicates`, for the guard to judge
 *   (core/guard.ts refuses an implausible share as `duplicated`). Namesakes with different
 *   addresses or dates are not duplicates and keep their suffixes.
 */
import { createHash } from 'node:crypto';
import { fingerprint } from './fingerprint.js';
import { LISTS } from './lists.js';
import type { Designation, ListCode } from './model.js';
import { normaliseName } from './text.js';

export type Keyless = Omit<Designation, 'key'>;

/**
 * What one parse set aside, counted; filled in by the parsers and `assignKeys`, judged by
 * core/guard.ts `checkParseNotes`, shown in the poll summary, `status` and `ingest --json`.
 */
export interface ParseNotes {
  /** Data rows read (before skipping and collapsing). */
  rows: number;
  /** Rows skipped because their name is empty (the CSL has carried rows with every field empty). */
  noName: number;
  /** Rows skipped because their list is not one src/core/lists.ts knows. */
  noList: number;
  /** Rows dropped because an earlier row of the same snapshot was equal in every compared field. */
  duplicates: number;
  /** Up to three examples of skipped rows ("CSV row 12: no name"), for one-line refusals. */
  examples: string[];
}

/** Notes with nothing counted yet. */
export function emptyNotes(): ParseNotes {
  return { rows: 0, noName: 0, noList: 0, duplicates: 0, examples: [] };
}

/** Count one skipped row under `reason`, keeping the first few examples. */
export function noteSkipped(notes: ParseNotes, reason: 'noName' | 'noList', example: string): void {
  notes[reason]++;
  if (notes.examples.length < 3) notes.examples.push(example);
}

/** The key before duplicate resolution. */
export function baseKey(d: Pick<Designation, 'list' | 'name' | 'sourceId'>): string {
  if (LISTS[d.list].keyedBy === 'entry-number' && d.sourceId) return `${d.list}:${d.sourceId}`;
  return `${d.list}:${normaliseName(d.name)}`;
}

/** The base key of a stored key (strips the duplicate suffix). */
export function baseOfKey(key: string): string {
  const hash = key.indexOf('#');
  return hash === -1 ? key : key.slice(0, hash);
}

function discriminator(d: Keyless): string {
  const basis = `${normaliseName(d.addresses[0] ?? '')}|${d.startDate ?? ''}`;
  return createHash('sha1').update(basis).digest('hex').slice(0, 8);
}

/** The rows of a repeated base key, exact duplicates (equal compared fields) dropped. */
function withoutDuplicates(group: Keyless[], dropped: Set<Keyless>): Keyless[] {
  const seen = new Set<string>();
  const kept: Keyless[] = [];
  for (const row of group) {
    const content = fingerprint(row);
    if (seen.has(content)) {
      dropped.add(row);
      continue;
    }
    seen.add(content);
    kept.push(row);
  }
  return kept;
}

/**
 * Give every parsed row its key (set on the row itself, which becomes the Designation), in the
 * rows' own order (core/removals.ts reads the file's tail from it). Rows whose base key is unique
 * keep it; exact duplicates are dropped and counted in `notes`; remaining repeated names get a
 * content-derived suffix (and `-2`, `-3`… for rows that share name, first address and date).
 */
export function assignKeys(rows: Keyless[], notes?: ParseNotes): Designation[] {
  // A base key held by one row maps to that row, not to a one-row array: nearly every name is
  // unique, and 30,000 short-lived arrays cost more garbage collection than the grouping itself.
  const groups = new Map<string, Keyless | Keyless[]>();
  for (const row of rows) {
    const base = baseKey(row);
    const group = groups.get(base);
    if (group === undefined) groups.set(base, row);
    else if (Array.isArray(group)) group.push(row);
    else groups.set(base, [group, row]);
  }
  const dropped = new Set<Keyless>();
  for (const [base, all] of groups) {
    // Keys are set on the parsed rows in place: copying 30,000 rows costs more than the rest.
    if (!Array.isArray(all)) {
      Object.assign(all, { key: base });
      continue;
    }
    const group = withoutDuplicates(all, dropped);
    if (group.length === 1) {
      Object.assign(group[0]!, { key: base });
      continue;
    }
    const used = new Set<string>();
    for (const row of group) {
      let key = `${base}#${discriminator(row)}`;
      for (let n = 2; used.has(key); n++) key = `${base}#${discriminator(row)}-${n}`;
      used.add(key);
      Object.assign(row, { key });
    }
  }
  // Every row now has its key; the cast records what Object.assign did above.
  if (dropped.size === 0) return rows as Designation[];
  if (notes) notes.duplicates += dropped.size;
  return (rows as Designation[]).filter((row) => !dropped.has(row));
}

/** Count designations per list code. */
export function countByList(designations: Iterable<Pick<Designation, 'list'>>): Partial<Record<ListCode, number>> {
  const counts: Partial<Record<ListCode, number>> = {};
  for (const d of designations) counts[d.list] = (counts[d.list] ?? 0) + 1;
  return counts;
}
