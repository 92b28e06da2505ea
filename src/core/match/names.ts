/**
 * Storage for indexed names, one column per field: a name's tokens are a slice of one shared
 * Int32Array rather than an array each, which keeps 100,000 names at a few megabytes and spares
 * the garbage collector a hundred thousand small objects. Pure.
 *
 *   const id = names.add(entry, 'Huawei Marine Networks Co., Ltd.', [12, 40, 7], null, NAME_PRIMARY);
 *   names.start[id]; names.count[id]; names.pool   // the token ids, in name order
 *
 * `remove` marks a name dead (entry -1) and leaves its slice in the pool until `compact`
 * renumbers the live names and rewrites the pool.
 */

/** The name is (a part of) the designation's primary name, not an alias. */
export const NAME_PRIMARY = 1;
/** The name is the first "a.k.a." part of a published name, as grouping compares it (not a variant without parentheses). */
export const NAME_GROUPING = 2;

export class NameStore {
  /** Owning designation (engine entry id), or -1 once removed. */
  entry = new Int32Array(1024);
  start = new Int32Array(1024);
  count = new Uint16Array(1024);
  /** Family-name tokens of a person (see score.ts), a slice of the pool like the tokens; count 0 for entities. */
  surnameStart = new Int32Array(1024);
  surnameCount = new Uint8Array(1024);
  flags = new Uint8Array(1024);
  /** The text as published, shown as `matchedName`. */
  readonly texts: Array<string | undefined> = [];
  pool = new Int32Array(8192);
  private used = 0;
  /** Names ever added (the next id). */
  size = 0;

  /** Add a name of tokens[0 .. n]; returns its id. */
  add(entry: number, text: string, tokens: ArrayLike<number>, n: number, surname: readonly number[] | null, flags: number): number {
    const id = this.size++;
    if (id >= this.entry.length) this.growNames();
    this.entry[id] = entry;
    this.flags[id] = flags;
    this.texts[id] = text;
    this.start[id] = this.append(tokens, n);
    this.count[id] = n;
    this.surnameStart[id] = surname ? this.append(surname, surname.length) : 0;
    this.surnameCount[id] = surname ? surname.length : 0;
    return id;
  }

  remove(id: number): void {
    this.entry[id] = -1;
    this.texts[id] = undefined;
  }

  live(id: number): boolean {
    return this.entry[id] !== -1 && id < this.size;
  }

  /** True when the two names hold the same set of tokens (each name's tokens are distinct). */
  sameTokens(a: number, b: number): boolean {
    const n = this.count[a]!;
    if (this.count[b] !== n) return false;
    const pool = this.pool;
    const startA = this.start[a]!;
    const startB = this.start[b]!;
    for (let i = 0; i < n; i++) {
      const token = pool[startA + i]!;
      let found = false;
      for (let j = 0; j < n && !found; j++) found = pool[startB + j] === token;
      if (!found) return false;
    }
    return true;
  }

  /**
   * Drop removed names and renumber the rest in order; returns the new id of each old id (-1 for
   * removed ones). Callers must renumber every reference they hold.
   */
  compact(): Int32Array {
    const remap = new Int32Array(this.size).fill(-1);
    const old = { entry: this.entry, start: this.start, count: this.count, surnameStart: this.surnameStart, surnameCount: this.surnameCount, flags: this.flags, pool: this.pool };
    const texts = this.texts.slice(0, this.size);
    const capacity = Math.max(1024, this.size);
    this.entry = new Int32Array(capacity);
    this.start = new Int32Array(capacity);
    this.count = new Uint16Array(capacity);
    this.surnameStart = new Int32Array(capacity);
    this.surnameCount = new Uint8Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.pool = new Int32Array(Math.max(8192, this.used));
    this.texts.length = 0;
    this.used = 0;
    const size = this.size;
    this.size = 0;
    const slice = (from: number, n: number): number[] => Array.from(old.pool.subarray(from, from + n));
    for (let id = 0; id < size; id++) {
      if (old.entry[id] === -1) continue;
      const surname = old.surnameCount[id]! > 0 ? slice(old.surnameStart[id]!, old.surnameCount[id]!) : null;
      remap[id] = this.add(old.entry[id]!, texts[id]!, old.pool.subarray(old.start[id]!), old.count[id]!, surname, old.flags[id]!);
    }
    return remap;
  }

  /** Append values[0 .. n] to the pool; returns where they start. */
  private append(values: ArrayLike<number>, n: number): number {
    const at = this.used;
    if (at + n > this.pool.length) {
      const next = new Int32Array(Math.max(this.pool.length * 2, at + n));
      next.set(this.pool.subarray(0, at));
      this.pool = next;
    }
    for (let i = 0; i < n; i++) this.pool[at + i] = values[i]!;
    this.used += n;
    return at;
  }

  private growNames(): void {
    const size = this.entry.length * 2;
    const grow = <T extends Int32Array | Uint16Array | Uint8Array>(old: T, next: T): T => {
      next.set(old);
      return next;
    };
    this.entry = grow(this.entry, new Int32Array(size));
    this.start = grow(this.start, new Int32Array(size));
    this.count = grow(this.count, new Uint16Array(size));
    this.surnameStart = grow(this.surnameStart, new Int32Array(size));
    this.surnameCount = grow(this.surnameCount, new Uint8Array(size));
    this.flags = grow(this.flags, new Uint8Array(size));
  }
}
