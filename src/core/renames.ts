/**
 * Renames: a removal and an addition that are one entry under a repaired name. Pure.
 *
 *   const { renamed, removed, added } = pairRenames(diff.removed, diff.added);
 *   // renamed: [{ before, after }]; core/diff.ts words the name change 'renamed from "Xi?an Tech Co"'
 *
 * BIS and State rows are keyed by list + normalised name (core/identity.ts), so a publisher
 * repairing a garbled name ("Xi?an" → "Xi'an") would read as a delisting plus a new listing.
 * The rule: a removed and an added row are one amendment when they are on the same list and
 * their other identifying fields agree —
 * - addresses and ids the same (as sets), Federal Register citation and start date equal;
 * - aliases mostly shared (at least half of the longer list), or both without aliases;
 * - and at least two of addresses, ids, citation, start date actually present, so rows that
 *   merely share empty fields are never paired;
 * - and the names are recognisably one name: more than half of the longer name's words shared
 *   (a word of four letters or more one edit away counts, so "Exampel" → "Example" and
 *   "ABU JHEISHEH, Mohammed" → "Mohammed ABU JHEISHEH" pair), or one side lists the other's
 *   name as an alias (a real change of name, "f.k.a."). Without this, two people named on one
 *   Denied Persons order (same address, citation and dates, no aliases) read as one renamed.
 * Limits: each side must have exactly one such partner (two look-alike renames in one list and
 * snapshot stay a removal plus an addition each); a rename that also changes an address, id,
 * citation or date in the same snapshot is not recognised. Unpaired rows are left as they were.
 */
import { editDistance } from './match/fuzzy.js';
import type { Designation } from './model.js';
import { normaliseName } from './text.js';

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((item) => set.has(item));
}

function aliasesAgree(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 && b.length === 0) return true;
  const set = new Set(a);
  const shared = b.filter((item) => set.has(item)).length;
  return shared * 2 >= Math.max(a.length, b.length);
}

function words(name: string): string[] {
  return [...new Set(normaliseName(name).split(' ').filter((w) => w !== ''))];
}

function namesAgree(before: Designation, after: Designation): boolean {
  const a = normaliseName(before.name);
  const b = normaliseName(after.name);
  if (after.aliases.some((x) => normaliseName(x) === a) || before.aliases.some((x) => normaliseName(x) === b)) return true;
  const left = words(before.name);
  const right = words(after.name);
  const shared = left.filter((w) => right.some((v) => v === w || (w.length >= 4 && v.length >= 4 && editDistance(w, v, 1) <= 1))).length;
  return shared * 2 > Math.max(left.length, right.length);
}

function identifying(d: Designation): number {
  return (d.addresses.length > 0 ? 1 : 0) + (d.ids.length > 0 ? 1 : 0) + (d.frCitation ? 1 : 0) + (d.startDate ? 1 : 0);
}

/** Whether two rows are one entry under two names (the rule in the module comment). */
export function isRename(before: Designation, after: Designation): boolean {
  return (
    before.list === after.list &&
    before.name !== after.name &&
    before.frCitation === after.frCitation &&
    before.startDate === after.startDate &&
    sameSet(before.addresses, after.addresses) &&
    sameSet(before.ids, after.ids) &&
    aliasesAgree(before.aliases, after.aliases) &&
    identifying(before) >= 2 &&
    namesAgree(before, after)
  );
}

/** Pair the removals and additions of one diff that are renames; the rest stay as they were. */
export function pairRenames(
  removed: readonly Designation[],
  added: readonly Designation[],
): { renamed: Array<{ before: Designation; after: Designation }>; removed: Designation[]; added: Designation[] } {
  if (removed.length === 0 || added.length === 0) return { renamed: [], removed: [...removed], added: [...added] };
  const partners = new Map<Designation, Designation[]>();
  const claims = new Map<Designation, number>();
  // Renames agree on list, citation and start date: index the additions by those.
  const bucketOf = (d: Designation): string => `${d.list}\u0000${d.frCitation ?? ''}\u0000${d.startDate ?? ''}`;
  const buckets = new Map<string, Designation[]>();
  for (const cur of added) {
    const bucket = buckets.get(bucketOf(cur));
    if (bucket) bucket.push(cur);
    else buckets.set(bucketOf(cur), [cur]);
  }
  for (const old of removed) {
    const matches = (buckets.get(bucketOf(old)) ?? []).filter((cur) => isRename(old, cur));
    partners.set(old, matches);
    for (const cur of matches) claims.set(cur, (claims.get(cur) ?? 0) + 1);
  }
  const renamed: Array<{ before: Designation; after: Designation }> = [];
  const paired = new Set<Designation>();
  const stillRemoved: Designation[] = [];
  for (const old of removed) {
    const matches = partners.get(old)!;
    const only = matches.length === 1 ? matches[0]! : null;
    if (only && claims.get(only) === 1) {
      renamed.push({ before: old, after: only });
      paired.add(only);
    } else {
      stillRemoved.push(old);
    }
  }
  return { renamed, removed: stillRemoved, added: added.filter((d) => !paired.has(d)) };
}
