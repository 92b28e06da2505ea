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
 */
import { createHash } from 'node:crypto';
import { LISTS } from './lists.js';
import type { Designation, ListCode } from './model.js';
import { normaliseName } from './text.js';

export type Keyless = Omit<Designation, 'key'>;

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

/**
 * Give every parsed row its key (set on the row itself, which becomes the Designation). Rows whose base key is unique keep it; repeated names get a
 * content-derived suffix (and `-2`, `-3`… for rows that share name, first address and date).
 */
export function assignKeys(rows: Keyless[]): Designation[] {
  const groups = new Map<string, Keyless[]>();
  for (const row of rows) {
    const base = baseKey(row);
    const group = groups.get(base);
    if (group) group.push(row);
    else groups.set(base, [row]);
  }
  const out: Designation[] = [];
  for (const [base, group] of groups) {
    // Keys are set on the parsed rows in place: copying 30,000 rows costs more than the rest.
    if (group.length === 1) {
      out.push(Object.assign(group[0]!, { key: base }));
      continue;
    }
    const used = new Set<string>();
    for (const row of group) {
      let key = `${base}#${discriminator(row)}`;
      for (let n = 2; used.has(key); n++) key = `${base}#${discriminator(row)}-${n}`;
      used.add(key);
      out.push(Object.assign(row, { key }));
    }
  }
  return out;
}

/** Count designations per list code. */
export function countByList(designations: Iterable<Pick<Designation, 'list'>>): Partial<Record<ListCode, number>> {
  const counts: Partial<Record<ListCode, number>> = {};
  for (const d of designations) counts[d.list] = (counts[d.list] ?? 0) + 1;
  return counts;
}
