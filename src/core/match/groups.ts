/**
 * Which designations are one entity. Pure.
 *
 * Two designations are the same entity when their primary names normalise alike (the Entity List
 * and the CMIC list both carry "Hangzhou Hikvision Digital Technology Co., Ltd."; word order does
 * not count, so OFAC's "KHAN, Abdul Qadeer" and the Entity List's "Abdul Qadeer Khan" are one
 * person) or when one's primary name is another's alias, and their kinds do not conflict (a vessel
 * named after its owner stays a vessel). The relation is closed transitively, so three lists
 * naming one company one way and another come back as one result.
 *
 * Groups are worked out when results are returned, from the same postings the search uses, so
 * an upsert or remove never has a grouping table to keep up to date.
 *
 * Note: two people with the same name on one list are grouped too; the result carries both
 * designations, with their own addresses and ids, for a person to tell apart.
 */

/** person / entity / vessel / aircraft, or null when the list does not say (BIS lists). */
export type EntityKind = 'person' | 'entity' | 'vessel' | 'aircraft' | null;

/** Kind from the model's free-text `type`. */
export function kindOf(type: string | null): EntityKind {
  if (!type) return null;
  const t = type.toLowerCase();
  if (t.startsWith('individual') || t === 'person') return 'person';
  if (t.startsWith('vessel')) return 'vessel';
  if (t.startsWith('aircraft')) return 'aircraft';
  return 'entity';
}

function compatible(a: EntityKind, b: EntityKind): boolean {
  return a === null || b === null || a === b;
}

/** What grouping needs to know about the index. */
export interface GroupingView {
  /** Kind of a designation, or undefined when it is no longer indexed. */
  kind(entry: number): EntityKind | undefined;
  /** Name id of the designation's primary name (first "a.k.a." part), or -1. */
  primaryName(entry: number): number;
  /** Name ids of its aliases (first "a.k.a." part of each). */
  aliasNames(entry: number): Iterable<number>;
  /** Primary and alias names, of any designation, with the same tokens as this name. */
  sameNames(name: number): Iterable<number>;
  isPrimary(name: number): boolean;
  entryOf(name: number): number;
}

/** Beyond this many designations a group stops growing: a guard against a generic alias chaining everything. */
const MAX_GROUP = 64;

/** Ids of every designation grouped with `id` (itself included), ascending. */
export function groupMembers(id: number, view: GroupingView): number[] {
  const kind = view.kind(id);
  if (kind === undefined) return [id];
  const seen = new Set<number>([id]);
  const queue = [id];
  const visit = (entry: number): void => {
    if (seen.has(entry) || seen.size >= MAX_GROUP) return;
    const other = view.kind(entry);
    if (other === undefined || !compatible(kind, other)) return;
    seen.add(entry);
    queue.push(entry);
  };
  while (queue.length > 0) {
    const entry = queue.shift()!;
    const primary = view.primaryName(entry);
    if (primary !== -1) for (const name of view.sameNames(primary)) visit(view.entryOf(name));
    for (const alias of view.aliasNames(entry)) {
      for (const name of view.sameNames(alias)) if (view.isPrimary(name)) visit(view.entryOf(name));
    }
  }
  return [...seen].sort((a, b) => a - b);
}
