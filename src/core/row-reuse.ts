/**
 * Row reuse: most rows of a changed snapshot are byte for byte the rows of the accepted one, so
 * a parser that can cut its body into raw rows hashes each row and maps only those whose hash
 * the store does not know. A known row contributes just its stored key; its fingerprint is the
 * stored one (worker/poll.ts). The diff cannot tell the difference:
 *
 * - Mapping is a pure function of a row's bytes (and, for CSV, of its header, which the parser
 *   puts in the hash). `ROW_MAPPING` is in every hash: change it whenever a change to the
 *   parsers or mappers could map the same bytes differently, and every stored hash stops matching.
 * - A row's key also depends on the other rows: a base key held by several rows gets suffixes and
 *   duplicates are dropped (core/identity.ts). So a row is reused only when its stored key is a
 *   bare base key (no `#`) and no other row of the snapshot, reused or mapped, shares that base
 *   key; otherwise it is mapped, and assignKeys sees every row of its group as it would without reuse.
 * - Hashes are sha256: a collision between two rows is not a risk to design for.
 */
import * as crypto from 'node:crypto';
import { assignKeys, baseKey, type Keyless, type ParseNotes } from './identity.js';
import type { Designation } from './model.js';

/** Version of the bytes → designation mapping; part of every row hash (see above). */
export const ROW_MAPPING = 'm1';

/**
 * The accepted snapshot's rows as the store holds them (store `currentRows`, one query): entry
 * `i` of each array belongs to the designation `keys[i]`. Parallel arrays, not an object per
 * row: 30,000 rows are read on every changed snapshot, and each object would outlive a scavenge.
 */
export interface StoredRows {
  /** Keys of the source's current designations (unique). */
  keys: readonly string[];
  /** Stored fingerprint of each (core/fingerprint.ts). */
  fingerprints: readonly string[];
  /** Stored row hash of each (rowHash), or null where none is known. */
  rowHashes: ReadonlyArray<string | null>;
}

/** The accepted snapshot's rows, by row hash (store `currentRows`). */
export interface RowReuse {
  /**
   * digest → index in `keys` of the stored rows whose hash has this `prefix` (see rowHash) and
   * whose key is a bare base key (no `#`): only those can be reused. The digest alone is looked
   * up per row: a flat string from crypto, no concatenation to flatten first.
   */
  rowsByDigest(prefix: string): ReadonlyMap<string, number>;
  /** The stored keys those indices point into. */
  readonly keys: readonly string[];
}

/** Nothing known: every row is mapped (a first snapshot), and its hash still recorded. */
export const NO_REUSE: RowReuse = { rowsByDigest: () => new Map(), keys: [] };

/** A RowReuse over the stored rows; each prefix's map is built once. */
export function reuseOfRows(rows: StoredRows): RowReuse {
  const { keys, rowHashes } = rows;
  const built = new Map<string, Map<string, number>>();
  return {
    keys,
    rowsByDigest(prefix) {
      let out = built.get(prefix);
      if (out) return out;
      const head = `${ROW_MAPPING}:${prefix}:`;
      out = new Map<string, number>();
      for (let i = 0; i < keys.length; i++) {
        const hash = rowHashes[i];
        if (hash != null && hash.startsWith(head) && !keys[i]!.includes('#')) out.set(hash.slice(head.length), i);
      }
      built.set(prefix, out);
      return out;
    },
  };
}

/**
 * Which stored rows a parse reused, by their index in `RowReuse.keys` (a flag per stored row, not
 * a set of 30,000 keys): `stored[i]` is 1 when stored row `i` was reused; indices past its end
 * were not.
 */
export interface Reused {
  /** How many rows were reused. */
  size: number;
  /** 1 at the index of each stored row reused, else 0. */
  stored: Uint8Array;
}

export interface ReusingParse {
  /** Rows mapped in full, keyed (assignKeys), in file order. */
  designations: Designation[];
  /** The key of every row kept, mapped or reused, in file order. */
  keys: string[];
  /** The stored rows taken unmapped. */
  reused: Reused;
  /** key → row hash of each mapped row kept, to be stored beside it. */
  rowHashes: Map<string, string>;
}

/** A parse that reused nothing (a format or body without raw rows): every row mapped, no hashes. */
export function allMapped(designations: Designation[]): ReusingParse {
  return { designations, keys: designations.map((d) => d.key), reused: { size: 0, stored: new Uint8Array(0) }, rowHashes: new Map() };
}

const sha256: (data: Uint8Array) => string =
  typeof crypto.hash === 'function'
    ? (data) => crypto.hash('sha256', data, 'base64url')
    : (data) => crypto.createHash('sha256').update(data).digest('base64url');

/** The digest of one raw row's bytes. */
export const rowDigest = sha256;

/**
 * A row hash as stored: `ROW_MAPPING:prefix:digest`, where `prefix` names the format and anything
 * else the mapping reads (the CSV's header), so a hash matches only under the same mapping.
 */
export function rowHash(prefix: string, digest: string): string {
  return `${ROW_MAPPING}:${prefix}:${digest}`;
}

/**
 * Key `count` raw rows: row `i` has digest `digestOf(i)` and maps to `mapAt(i)` (a keyless row, or
 * null when it is skipped and counted in `notes`). Gives what assignKeys over every row would,
 * plus which rows were reused. `notes.rows` counts reused rows as read. `prepare` (optional) is
 * told, before each of the two mapping passes, which rows that pass maps (ascending), so a
 * format can read just those rows at once. `lookedUp` (optional) gives what a format already
 * found while reading row `i`: the index of the stored row with its digest in
 * `reuse.rowsByDigest(prefix)`, -1 when that digest is not there, undefined when not looked up.
 */
export function keyRowsReusing(
  count: number,
  prefix: string,
  digestOf: (i: number) => string,
  mapAt: (i: number) => Keyless | null,
  reuse: RowReuse,
  notes: ParseNotes,
  prepare?: (rows: readonly number[]) => void,
  lookedUp?: (i: number) => number | undefined,
): ReusingParse {
  const known = reuse.rowsByDigest(prefix);
  const storedKeys = reuse.keys;
  // Per row: the index of the stored row it reuses (-1: mapped), and the digest of a mapped row
  // (for its row hash); a reused row's digest is not kept. Per stored row: how often its bytes
  // were met (0, 1, 2 = more than once). A stored key has one row hash, so a stored row met
  // twice is the same bytes twice.
  const storedAt = new Int32Array(count).fill(-1);
  const digests: Array<string | undefined> = new Array<string | undefined>(count);
  const met = new Uint8Array(storedKeys.length);
  const mapped: Array<Keyless | null | undefined> = new Array<Keyless | null | undefined>(count);
  const mappedBases = new Set<string>();
  const first: number[] = [];
  for (let i = 0; i < count; i++) {
    let at = lookedUp?.(i);
    let digest: string | undefined;
    if (at === undefined) {
      digest = digestOf(i);
      at = known.get(digest) ?? -1;
    }
    if (at === -1) {
      digests[i] = digest ?? digestOf(i);
      first.push(i);
    } else {
      storedAt[i] = at;
      met[at] = met[at] === 0 ? 1 : 2;
    }
  }
  prepare?.(first);
  for (const i of first) {
    const row = mapAt(i);
    mapped[i] = row;
    if (row) mappedBases.add(baseKey(row));
  }
  // A reused row whose base key another row holds too is mapped after all (see above), as are
  // the same bytes met twice.
  let reusedRows = 0;
  const second: number[] = [];
  for (let i = 0; i < count; i++) {
    const at = storedAt[i]!;
    if (at === -1) continue;
    if (met[at] === 2 || mappedBases.has(storedKeys[at]!)) {
      storedAt[i] = -1;
      digests[i] = digestOf(i);
      second.push(i);
    } else {
      reusedRows++;
    }
  }
  if (second.length > 0) prepare?.(second);
  for (const i of second) mapped[i] = mapAt(i);
  notes.rows += reusedRows;
  const rows: Keyless[] = [];
  for (const row of mapped) if (row) rows.push(row);
  const designations = assignKeys(rows, notes);
  const kept = designations.length === rows.length ? null : new Set<Keyless>(designations);
  const keys: string[] = [];
  // Reuse marks in `met`: each stored row still reused was met once.
  const rowHashes = new Map<string, string>();
  met.fill(0);
  for (let i = 0; i < count; i++) {
    const at = storedAt[i]!;
    if (at !== -1) {
      keys.push(storedKeys[at]!);
      met[at] = 1;
      continue;
    }
    const row = mapped[i];
    if (!row || (kept && !kept.has(row))) continue;
    const { key: assigned } = row as Designation;
    keys.push(assigned);
    rowHashes.set(assigned, rowHash(prefix, digests[i]!));
  }
  return { designations, keys, reused: { size: reusedRows, stored: met }, rowHashes };
}
