/**
 * Which designations are one entity. Pure.
 *
 * Two designations are the same entity when their primary names normalise alike (the Entity List
 * and the CMIC list both carry "Hangzhou Hikvision Digital Technology Co., Ltd.") or when one's
 * primary name is another's alias, and their kinds do not conflict (a vessel named after its owner
 * stays a vessel). The relation is closed transitively, so three lists naming one company one way
 * and another come back as one result.
 *
 * Note: two people with the same name on one list are grouped too; the result carries both
 * designations, with their own addresses and ids, for a person to tell apart.
 */

/** person / entity / vessel / aircraft, or null when the list does not say (BIS lists). */
export type EntityKind = 'person' | 'entity' | 'vessel' | 'aircraft' | null;

export interface Groupable {
  /** normaliseForMatch of the primary name. */
  primary: string;
  /** normaliseForMatch of every alias. */
  aliases: readonly string[];
  kind: EntityKind;
}

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

/** Beyond this many designations a group stops growing: a guard against a generic alias chaining everything. */
const MAX_GROUP = 64;

export class Groups {
  private readonly byPrimary = new Map<string, Set<number>>();
  private readonly byAlias = new Map<string, Set<number>>();

  add(id: number, entry: Groupable): void {
    link(this.byPrimary, entry.primary, id);
    for (const alias of entry.aliases) link(this.byAlias, alias, id);
  }

  remove(id: number, entry: Groupable): void {
    unlink(this.byPrimary, entry.primary, id);
    for (const alias of entry.aliases) unlink(this.byAlias, alias, id);
  }

  /** Ids of every designation grouped with `id` (itself included), ascending. */
  members(id: number, lookup: (id: number) => Groupable | undefined): number[] {
    const start = lookup(id);
    if (!start) return [id];
    const seen = new Set<number>([id]);
    const queue = [id];
    while (queue.length > 0 && seen.size < MAX_GROUP) {
      const entry = lookup(queue.shift()!);
      if (!entry) continue;
      const related = [
        this.byPrimary.get(entry.primary),
        this.byAlias.get(entry.primary),
        ...entry.aliases.map((alias) => this.byPrimary.get(alias)),
      ];
      for (const set of related) {
        if (!set) continue;
        for (const other of set) {
          if (seen.has(other)) continue;
          const candidate = lookup(other);
          if (!candidate || !compatible(start.kind, candidate.kind)) continue;
          seen.add(other);
          queue.push(other);
        }
      }
    }
    return [...seen].sort((a, b) => a - b);
  }
}

function link(map: Map<string, Set<number>>, key: string, id: number): void {
  if (key === '') return;
  const set = map.get(key);
  if (set) set.add(id);
  else map.set(key, new Set([id]));
}

function unlink(map: Map<string, Set<number>>, key: string, id: number): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(id);
  if (set.size === 0) map.delete(key);
}
