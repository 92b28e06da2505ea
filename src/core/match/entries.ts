/**
 * The index's designations (entries), one column per field, as names.ts keeps names: an entry's
 * kind, its names, its primary name and its aliases are slots of a few typed arrays rather than an
 * object and three arrays per designation. At a million names those were 1.2 million small
 * objects (most of the heap) for the garbage collector to mark again and again during a bulk
 * build. Pure.
 *
 *   const id = entries.add(designation, 'entity', names.size);   // then its names, then:
 *   entries.addAlias(id, nameId); entries.setPrimary(id, nameId); entries.close(id, names.size);
 *
 * Contract: an entry's names are the consecutive name ids firstName[i] .. firstName[i] +
 * nameCount[i]. The engine adds a designation's names one after another within its upsert, and
 * NameStore.compact keeps live names in order (a live entry's names are all live), so the range
 * stays a range. Aliases are a slice of `aliasPool`, in the order they were added (repeats kept:
 * grouping reads them as the old per-entry list).
 *
 * An entry restored from a kept copy (persist.ts) keeps its designation as the JSON bytes it was
 * read as, parsed on first use and written back as they are (`keptBytes`).
 */
import type { Designation } from '../model.js';
import type { EntityKind } from './groups.js';

const KINDS: readonly EntityKind[] = ['person', 'entity', 'vessel', 'aircraft', null];
/** Kind code of a removed entry. */
const REMOVED = 255;

/** The JSON bytes from `start` to `end` (exclusive); synchronous, since searches are. */
export type JsonReader = (start: number, end: number) => Uint8Array;

/** Where restored entries' designations are: entry bytes json[jsonAt[k] .. jsonAt[k + 1]] for kept index k. */
export interface KeptJson {
  json: Uint8Array | JsonReader;
  jsonAt: Int32Array;
}

/** The columns as kept (persist.ts): each typed array cut to the entries held. */
export interface EntryColumns {
  size: number;
  kinds: Uint8Array;
  firstName: Int32Array;
  nameCount: Int32Array;
  primary: Int32Array;
  aliasStart: Int32Array;
  aliasCount: Int32Array;
  aliasPool: Int32Array;
}

export class EntryStore {
  /** Entries ever added (the next id). */
  size = 0;
  /** Kind code (KINDS), or REMOVED. */
  private kinds: Uint8Array = new Uint8Array(1024);
  private firstName: Int32Array = new Int32Array(1024);
  private nameCount: Int32Array = new Int32Array(1024);
  /** Name id of the primary name as grouping compares it, or -1. */
  private primary: Int32Array = new Int32Array(1024);
  private aliasStart: Int32Array = new Int32Array(1024);
  private aliasCount: Int32Array = new Int32Array(1024);
  private aliasPool: Int32Array = new Int32Array(4096);
  private aliasUsed = 0;
  private designations: Array<Designation | undefined> = [];
  /** Restored entries: 1 + their index in `kept` (0: not restored, or replaced since). */
  private keptIndex: Int32Array | null = null;
  private kept: KeptJson | null = null;
  private readonly decoder = new TextDecoder();

  /** Start a new entry whose names will begin at name id `firstName`; returns its id. */
  add(designation: Designation, kind: EntityKind, firstName: number): number {
    const id = this.size++;
    if (id >= this.kinds.length) this.grow();
    this.designations[id] = designation;
    this.kinds[id] = kindCode(kind);
    this.firstName[id] = firstName;
    this.nameCount[id] = 0;
    this.primary[id] = -1;
    this.aliasStart[id] = this.aliasUsed;
    this.aliasCount[id] = 0;
    return id;
  }

  /** The entry's names end before name id `end` (the engine's NameStore size after its upsert). */
  close(id: number, end: number): void {
    this.nameCount[id] = end - this.firstName[id]!;
  }

  setPrimary(id: number, name: number): void {
    this.primary[id] = name;
  }

  /** Append an alias name to the entry being added (the last one). */
  addAlias(id: number, name: number): void {
    if (this.aliasUsed === this.aliasPool.length) {
      const next = new Int32Array(Math.max(4096, this.aliasPool.length * 2));
      next.set(this.aliasPool);
      this.aliasPool = next;
    }
    this.aliasPool[this.aliasUsed++] = name;
    this.aliasCount[id]!++;
  }

  live(id: number): boolean {
    return id < this.size && this.kinds[id] !== REMOVED;
  }

  /** Kind of a live entry, undefined for a removed one. */
  kind(id: number): EntityKind | undefined {
    return this.live(id) ? KINDS[this.kinds[id]!] : undefined;
  }

  firstNameOf(id: number): number {
    return this.firstName[id]!;
  }

  nameCountOf(id: number): number {
    return this.nameCount[id]!;
  }

  /** Name id of the primary name of a live entry, or -1. */
  primaryOf(id: number): number {
    return this.live(id) ? this.primary[id]! : -1;
  }

  /** Alias name ids of a live entry (empty for a removed one), in the order added. */
  aliasesOf(id: number): Int32Array {
    const start = this.aliasStart[id]!;
    return this.aliasPool.subarray(start, start + (this.live(id) ? this.aliasCount[id]! : 0));
  }

  /** The designation of a live entry (parsed from its kept bytes on first use), or undefined. */
  designation(id: number): Designation | undefined {
    if (!this.live(id)) return undefined;
    const known = this.designations[id];
    if (known !== undefined) return known;
    const parsed = JSON.parse(this.decoder.decode(this.keptBytes(id)!)) as Designation;
    this.designations[id] = parsed;
    return parsed;
  }

  /** The JSON bytes a restored entry was read as (a view, or a reader's read), or null when it was not restored. */
  keptBytes(id: number): Uint8Array | null {
    const k = (this.keptIndex?.[id] ?? 0) - 1;
    if (k < 0 || !this.kept) return null;
    const { json, jsonAt } = this.kept;
    const start = jsonAt[k]!;
    const end = jsonAt[k + 1]!;
    return typeof json === 'function' ? json(start, end) : json.subarray(start, end);
  }

  remove(id: number): void {
    this.kinds[id] = REMOVED;
    this.designations[id] = undefined;
    if (this.keptIndex && id < this.keptIndex.length) this.keptIndex[id] = 0;
  }

  /**
   * Drop removed entries and renumber the rest in order, their names through `names` (new id per
   * old name id, see NameStore.compact); returns the new id of each old id (-1 for removed ones).
   */
  compact(names: Int32Array): Int32Array {
    const remap = new Int32Array(this.size).fill(-1);
    const n = this.size;
    let kept = 0;
    let aliases = 0;
    for (let id = 0; id < n; id++) {
      if (this.kinds[id] === REMOVED) continue;
      remap[id] = kept;
      this.kinds[kept] = this.kinds[id]!;
      const count = this.nameCount[id]!;
      this.firstName[kept] = count > 0 ? names[this.firstName[id]!]! : 0;
      this.nameCount[kept] = count;
      this.primary[kept] = this.primary[id] === -1 ? -1 : names[this.primary[id]!]!;
      const start = this.aliasStart[id]!;
      const aliasCount = this.aliasCount[id]!;
      // In place: the kept aliases never run ahead of the ones still to read.
      for (let a = 0; a < aliasCount; a++) this.aliasPool[aliases + a] = names[this.aliasPool[start + a]!]!;
      this.aliasStart[kept] = aliases;
      this.aliasCount[kept] = aliasCount;
      aliases += aliasCount;
      this.designations[kept] = this.designations[id];
      if (this.keptIndex) this.keptIndex[kept] = id < this.keptIndex.length ? this.keptIndex[id]! : 0;
      kept++;
    }
    this.designations.length = kept;
    this.keptIndex?.fill(0, kept);
    this.size = kept;
    this.aliasUsed = aliases;
    return remap;
  }

  /** The columns to keep (persist.ts); the designations are kept by the caller, by id. */
  columns(): EntryColumns {
    const n = this.size;
    return {
      size: n,
      kinds: this.kinds.slice(0, n),
      firstName: this.firstName.slice(0, n),
      nameCount: this.nameCount.slice(0, n),
      primary: this.primary.slice(0, n),
      aliasStart: this.aliasStart.slice(0, n),
      aliasCount: this.aliasCount.slice(0, n),
      aliasPool: this.aliasPool.slice(0, this.aliasUsed),
    };
  }

  /** The entries of kept columns, entry i's designation read from `kept` at index i. */
  static restored(columns: EntryColumns, kept: KeptJson): EntryStore {
    const store = new EntryStore();
    const n = columns.size;
    store.size = n;
    store.kinds = columns.kinds;
    store.firstName = columns.firstName;
    store.nameCount = columns.nameCount;
    store.primary = columns.primary;
    store.aliasStart = columns.aliasStart;
    store.aliasCount = columns.aliasCount;
    store.aliasPool = columns.aliasPool;
    store.aliasUsed = columns.aliasPool.length;
    store.designations = new Array<Designation | undefined>(n);
    store.keptIndex = new Int32Array(n);
    for (let i = 0; i < n; i++) store.keptIndex[i] = i + 1;
    store.kept = kept;
    // The kept arrays are exactly full: the first add grows them.
    return store;
  }

  private grow(): void {
    const size = Math.max(1024, this.kinds.length * 2);
    const grow = <T extends Int32Array | Uint8Array>(old: T, next: T): T => {
      next.set(old);
      return next;
    };
    this.kinds = grow(this.kinds, new Uint8Array(size));
    this.firstName = grow(this.firstName, new Int32Array(size));
    this.nameCount = grow(this.nameCount, new Int32Array(size));
    this.primary = grow(this.primary, new Int32Array(size));
    this.aliasStart = grow(this.aliasStart, new Int32Array(size));
    this.aliasCount = grow(this.aliasCount, new Int32Array(size));
    if (this.keptIndex) this.keptIndex = grow(this.keptIndex, new Int32Array(size));
  }
}

function kindCode(kind: EntityKind): number {
  const code = KINDS.indexOf(kind);
  if (code === -1) throw new Error(`entries: unknown entity kind ${kind}`);
  return code;
}
