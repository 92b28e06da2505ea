/**
 * Diff two snapshots of one source: pure, no I/O.
 *
 * Pairing happens in two passes. First by key. Then, among the rows left unpaired on both
 * sides, by base key (see core/identity.ts), most similar first, so a repeated name that gains
 * or loses a suffix is an amendment rather than a removal plus an addition. Last, a removal
 * and an addition that are one entry under a repaired name are one amendment (core/renames.ts).
 */
import { diffArrays } from 'diff';
import { repairC1Controls } from './decode.js';
import { baseOfKey } from './identity.js';
import { pairRenames } from './renames.js';
import { COMPARED_FIELDS, type ComparedField, type Designation, type FieldChange, type SnapshotDiff } from './model.js';

type Value = Designation[ComparedField];

function asLines(value: Value): string[] {
  if (Array.isArray(value)) return value;
  return value === null ? [] : [value];
}

/** C1 controls: what rows stored before the CSL's repair (core/decode.ts repairC1Controls) may hold. */
const C1 = /[\u0080-\u009f]/;

/** Equal text, counting a stored "Xi\u0092an" equal to today's repaired "Xi’an": no real change. */
function sameText(before: string, after: string): boolean {
  return before === after || (C1.test(before) && repairC1Controls(before) === after);
}

function sameValue(a: Value, b: Value): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameText(item, b[i] ?? ''));
  if (typeof a === 'string' && typeof b === 'string') return sameText(a, b);
  return a === b;
}

/** Readable before/after of one field: "+ added line" / "- removed line" for lists, "old → new" for scalars. */
function summarise(field: ComparedField, before: Value, after: Value): string {
  // A new name for the same entry reads as what it is (see core/renames.ts for re-keyed renames).
  if (field === 'name' && typeof before === 'string') return `renamed from "${before}"`;
  if (!Array.isArray(before) && !Array.isArray(after)) {
    return `${before ?? '(none)'} → ${after ?? '(none)'}`;
  }
  const parts = diffArrays(asLines(before), asLines(after));
  const lines: string[] = [];
  for (const part of parts) {
    if (part.added) for (const line of part.value) lines.push(`+ ${line}`);
    else if (part.removed) for (const line of part.value) lines.push(`- ${line}`);
  }
  return lines.length > 0 ? lines.join('\n') : `${field} reordered`;
}

/** The fields that differ between two versions of one designation. */
export function changedFields(before: Designation, after: Designation): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of COMPARED_FIELDS) {
    const a = before[field];
    const b = after[field];
    if (sameValue(a, b)) continue;
    changes.push({
      field,
      before: asLines(a).join('\n'),
      after: asLines(b).join('\n'),
      summary: summarise(field, a, b),
    });
  }
  return changes;
}

function similarity(a: Designation, b: Designation): number {
  let score = 0;
  for (const field of COMPARED_FIELDS) if (sameValue(a[field], b[field])) score++;
  return score;
}

/**
 * Compare the previous designations of a source with the new ones.
 * `fingerprints` (optional) maps key → fingerprint for both sides, to skip field comparison
 * of unchanged rows; without it every paired row is compared field by field.
 */
export function diffSnapshots(
  previous: Iterable<Designation>,
  next: Iterable<Designation>,
  fingerprintOf?: (d: Designation) => string,
): SnapshotDiff {
  const before = new Map<string, Designation>();
  for (const d of previous) before.set(d.key, d);
  const result: SnapshotDiff = { added: [], removed: [], amended: [] };
  const unpairedNew: Designation[] = [];

  // A pair whose key moved (a repeated name gained or lost its suffix) is kept even with no
  // field changes, so the store re-keys the row; alert building leaves such pairs out.
  // A pair whose fingerprints differ only by a text repair (sameText) is kept with no fields
  // too: the store takes the repaired row, and nothing is announced.
  const pair = (old: Designation, cur: Designation): void => {
    const same = fingerprintOf ? fingerprintOf(old) === fingerprintOf(cur) : false;
    if (old.key === cur.key && same) return;
    const fields = changedFields(old, cur);
    if (fields.length > 0 || old.key !== cur.key || (fingerprintOf && !same)) result.amended.push({ before: old, after: cur, fields });
  };

  for (const d of next) {
    const old = before.get(d.key);
    if (old) {
      before.delete(d.key);
      pair(old, d);
    } else {
      unpairedNew.push(d);
    }
  }

  // Second pass: unmatched rows sharing a base key are the same entity under a changed suffix.
  const leftByBase = new Map<string, Designation[]>();
  for (const old of before.values()) {
    const base = baseOfKey(old.key);
    const group = leftByBase.get(base);
    if (group) group.push(old);
    else leftByBase.set(base, [old]);
  }
  for (const d of unpairedNew) {
    const candidates = leftByBase.get(baseOfKey(d.key));
    if (!candidates || candidates.length === 0) {
      result.added.push(d);
      continue;
    }
    let best = 0;
    for (let i = 1; i < candidates.length; i++) {
      if (similarity(candidates[i]!, d) > similarity(candidates[best]!, d)) best = i;
    }
    const [old] = candidates.splice(best, 1);
    pair(old!, d);
  }
  for (const group of leftByBase.values()) result.removed.push(...group);
  const renames = pairRenames(result.removed, result.added);
  for (const { before: old, after: cur } of renames.renamed) result.amended.push({ before: old, after: cur, fields: changedFields(old, cur) });
  result.removed = renames.removed;
  result.added = renames.added;
  return result;
}

/** Number of changes in a diff. */
export function changeCount(diff: SnapshotDiff): number {
  return diff.added.length + diff.removed.length + diff.amended.length;
}

/**
 * Narrow a diff to the rows that can have changed, using only the stored key → fingerprint map,
 * so an update that touches 40 of 30,000 rows loads 40 old rows, not 30,000.
 * Returns the new rows to diff and the old keys whose full rows must be loaded.
 */
export function narrowByFingerprint(
  stored: ReadonlyMap<string, string>,
  next: readonly Designation[],
  nextFingerprints: ReadonlyMap<string, string>,
): { candidates: Designation[]; oldKeysToLoad: string[] } {
  const candidates: Designation[] = [];
  const oldKeysToLoad: string[] = [];
  for (const d of next) {
    const fp = stored.get(d.key);
    if (fp === undefined) {
      candidates.push(d);
    } else if (fp !== nextFingerprints.get(d.key)) {
      candidates.push(d);
      oldKeysToLoad.push(d.key);
    }
  }
  // Stored keys the new snapshot lacks: removed, or re-keyed (paired by base key in the diff).
  for (const key of stored.keys()) if (!nextFingerprints.has(key)) oldKeysToLoad.push(key);
  return { candidates, oldKeysToLoad };
}
