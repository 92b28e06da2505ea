/**
 * Storage for indexed names, one column per field: a name's tokens are a slice of one shared
 * Int32Array rather than an array each, which keeps 100,000 names at a few megabytes and spares
 * the garbage collector a hundred thousand small objects. Pure.
 *
 *   const id = names.add(entry, 'Huawei Marine Networks Co., Ltd.', [12, 40, 7], null, NAME_PRIMARY);
 *   names.start[id]; names.count[id]; names.pool   // the token ids, in name order
 *
 * Ids are never reused; `remove` marks a name dead (entry -1) and leaves its slice in the pool
 * until `compact` rewrites the pool.
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

  add(entry: number, text: string, tokens: readonly number[], surname: readonly number[] | null, flags: number): number {
    const id = this.size++;
    if (id >= this.entry.length) this.growNames();
    this.entry[id] = entry;
    this.flags[id] = flags;
    this.texts[id] = text;
    this.start[id] = this.append(tokens);
    this.count[id] = tokens.length;
    this.surnameStart[id] = surname ? this.append(surname) : 0;
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

  /** Rewrite the pool without the slices of removed names. */
  compact(): void {
    const pool = new Int32Array(Math.max(8192, this.used));
    let used = 0;
    for (let id = 0; id < this.size; id++) {
      if (this.entry[id] === -1) continue;
      pool.set(this.pool.subarray(this.start[id]!, this.start[id]! + this.count[id]!), used);
      this.start[id] = used;
      used += this.count[id]!;
      const surname = this.surnameCount[id]!;
      if (surname > 0) {
        pool.set(this.pool.subarray(this.surnameStart[id]!, this.surnameStart[id]! + surname), used);
        this.surnameStart[id] = used;
        used += surname;
      }
    }
    this.pool = pool;
    this.used = used;
  }

  private append(values: readonly number[]): number {
    const at = this.used;
    if (at + values.length > this.pool.length) {
      const next = new Int32Array(Math.max(this.pool.length * 2, at + values.length));
      next.set(this.pool.subarray(0, at));
      this.pool = next;
    }
    for (let i = 0; i < values.length; i++) this.pool[at + i] = values[i]!;
    this.used += values.length;
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
