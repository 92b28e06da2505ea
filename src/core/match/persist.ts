/**
 * A MatchIndex as plain data and back, so a copy can be kept beside the database and a
 * short-lived process (`entitywatch lookup`) answers without reading and indexing every
 * designation. Pure: the caller serialises the state (v8.serialize keeps Maps, Sets and typed
 * arrays) and decides when it is stale.
 *
 * The restored index is the same index: the same vocabulary, names, postings and entries, so it
 * answers every search exactly as the one it was taken from. Entries are kept as columns (one
 * object per designation costs more to deserialise than all the rest together), and each
 * designation as its JSON bytes, parsed (and, from a reader, read) only when a search returns it.
 */
import type { Designation } from '../model.js';
import type { EntityKind } from './groups.js';
import { NameStore } from './names.js';
import { Postings } from './postings.js';
import { Vocabulary } from './vocab.js';

/** The fields of MatchIndex this module reads and writes (engine.ts). */
export interface IndexParts {
  vocab: Vocabulary;
  names: NameStore;
  entries: Array<EntryParts | undefined>;
  byKey: Map<string, number>;
  postings: Postings;
  liveNames: number;
  deadNames: number;
}

/** One indexed designation. */
export interface EntryParts {
  designation: Designation;
  kind: EntityKind;
  /** Every name id of the designation. */
  names: number[];
  /** Name id of the primary name as grouping compares it, or -1. */
  primaryName: number;
  /** Name ids of the aliases as grouping compares them. */
  aliasNames: number[];
  /** Distinct token ids over all names: what the designation adds to document frequencies. */
  tokens: number[];
}

export interface IndexState {
  format: typeof FORMAT;
  vocab: object;
  names: object;
  postings: object;
  byKey: Map<string, number>;
  liveNames: number;
  deadNames: number;
  /** Per entry (-1 kind: removed): kind, primary name, and slices of `lists` for names, aliases, tokens. */
  kinds: Uint8Array;
  primary: Int32Array;
  /** names, aliasNames and tokens of entry i: lists[offsets[3i] .. offsets[3i+1] .. offsets[3i+2] .. offsets[3i+3]]. */
  offsets: Int32Array;
  lists: Int32Array;
  /**
   * UTF-8 JSON of every designation, entry i at json[jsonAt[i] .. jsonAt[i+1]]: the bytes, or a
   * reader of those byte ranges (a copy kept on disk reads only the designations a search returns).
   */
  json: Uint8Array | JsonReader;
  jsonAt: Int32Array;
}

/** The JSON bytes from `start` to `end` (exclusive); synchronous, since searches are. */
export type JsonReader = (start: number, end: number) => Uint8Array;

/** 2: postings as flat typed arrays (postings.ts); 3: the typo index too (fuzzy.ts), the vocabulary without its token map (vocab.ts). */
const FORMAT = 3;
const KINDS: readonly EntityKind[] = ['person', 'entity', 'vessel', 'aircraft', null];
const REMOVED = 255;

/**
 * Where exportIndex puts the designations' JSON bytes: `write` gets them in order, in chunks of
 * exactly `chunk` bytes but the last (a designation may span two), each to be consumed before it
 * returns (the chunk's memory is reused). Without one, the bytes are the state's `json`.
 */
export interface JsonChunks {
  chunk: number;
  write(bytes: Uint8Array): void;
}

/** The bytes into one buffer, grown by half when full: no concatenation, so they exist once (~18 MB at 30,000). */
class Collected {
  private buffer: Buffer;
  length = 0;
  constructor(size: number) {
    this.buffer = Buffer.allocUnsafe(size);
  }
  add(bytes: Uint8Array): void {
    if (this.length + bytes.length > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.length + bytes.length, Math.ceil(this.buffer.length * 1.5)));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }
  bytes(): Uint8Array {
    // A view of the filled part (a Buffer is a Uint8Array; wrapping it in a new one would copy it).
    return this.buffer.subarray(0, this.length);
  }
}

/** The bytes to `out` in its chunks, through one reused buffer. */
class Chunked {
  private readonly buffer: Buffer;
  private filled = 0;
  length = 0;
  constructor(private readonly out: JsonChunks) {
    this.buffer = Buffer.allocUnsafe(out.chunk);
  }
  add(bytes: Uint8Array): void {
    this.length += bytes.length;
    for (let at = 0; at < bytes.length; ) {
      const take = Math.min(bytes.length - at, this.buffer.length - this.filled);
      this.buffer.set(bytes.subarray(at, at + take), this.filled);
      this.filled += take;
      at += take;
      if (this.filled === this.buffer.length) this.flush();
    }
  }
  flush(): void {
    if (this.filled > 0) this.out.write(this.buffer.subarray(0, this.filled));
    this.filled = 0;
  }
}

/** The index as plain data; with `out`, the designations' JSON goes there and the state's `json` is empty. */
export function exportIndex(index: IndexParts, out?: JsonChunks): IndexState {
  const n = index.entries.length;
  const kinds = new Uint8Array(n);
  const primary = new Int32Array(n);
  const offsets = new Int32Array(3 * n + 1);
  const lists: number[] = [];
  const json = out ? new Chunked(out) : new Collected(Math.max(4096, n * 512));
  const jsonAt = new Int32Array(n + 1);
  index.entries.forEach((entry, i) => {
    offsets[3 * i] = lists.length;
    if (entry) lists.push(...entry.names);
    offsets[3 * i + 1] = lists.length;
    if (entry) lists.push(...entry.aliasNames);
    offsets[3 * i + 2] = lists.length;
    if (entry) lists.push(...entry.tokens);
    kinds[i] = entry ? kindCode(entry.kind) : REMOVED;
    primary[i] = entry ? entry.primaryName : -1;
    jsonAt[i] = json.length;
    if (!entry) return;
    // A restored entry keeps the bytes it was read from: copied as they are, neither parsed nor
    // serialised again (that was half the write of a copy after a screening).
    json.add(entry instanceof ColumnEntry ? entry.bytes() : Buffer.from(JSON.stringify(entry.designation), 'utf8'));
  });
  if (json instanceof Chunked) json.flush();
  const bytes = json.length;
  offsets[3 * n] = lists.length;
  jsonAt[n] = bytes;
  // Flat lists only: a restored copy then holds a few typed arrays, not a list per token (or per trigram).
  index.postings.pack();
  const { names, postings, byKey, liveNames, deadNames } = index;
  return {
    format: FORMAT,
    // Class instances serialise as their own fields; importIndex gives them their classes back.
    vocab: index.vocab.kept(),
    names,
    postings,
    byKey,
    liveNames,
    deadNames,
    kinds,
    primary,
    offsets,
    lists: Int32Array.from(lists),
    json: json instanceof Collected ? json.bytes() : new Uint8Array(0),
    jsonAt,
  };
}

/** Fill a new, empty index from a state; returns false when the state is not of this format. */
export function importIndex(index: IndexParts, state: IndexState): boolean {
  if (state?.format !== FORMAT) return false;
  index.vocab = Vocabulary.restored(state.vocab);
  index.names = Object.setPrototypeOf(state.names, NameStore.prototype) as NameStore;
  index.postings = Object.setPrototypeOf(state.postings, Postings.prototype) as Postings;
  index.byKey = state.byKey;
  index.liveNames = state.liveNames;
  index.deadNames = state.deadNames;
  const columns = new Columns(state);
  index.entries = Array.from(state.kinds, (code, i) => (code === REMOVED ? undefined : new ColumnEntry(columns, i)));
  return true;
}

/** The entry columns of a state, and the designations parsed so far. */
class Columns {
  readonly decoder = new TextDecoder();
  constructor(readonly state: IndexState) {}

  list(i: number, part: 0 | 1 | 2): number[] {
    const { offsets, lists } = this.state;
    return Array.from(lists.subarray(offsets[3 * i + part]!, offsets[3 * i + part + 1]!));
  }

  /** Entry i's designation as the UTF-8 JSON bytes it was kept as (a view, or a reader's read). */
  bytes(i: number): Uint8Array {
    const { json, jsonAt } = this.state;
    const start = jsonAt[i]!;
    const end = jsonAt[i + 1]!;
    return typeof json === 'function' ? json(start, end) : json.subarray(start, end);
  }

  designation(i: number): Designation {
    return JSON.parse(this.decoder.decode(this.bytes(i))) as Designation;
  }
}

/**
 * One restored entry, read from the columns on first use (creating 30,000 full entries would
 * cost more than the rest of the restore); the engine may still replace its lists (compact).
 */
class ColumnEntry implements EntryParts {
  private cache: Partial<EntryParts> = {};
  readonly kind: EntityKind;
  constructor(private readonly columns: Columns, private readonly i: number) {
    this.kind = KINDS[columns.state.kinds[i]!]!;
  }

  get designation(): Designation {
    return (this.cache.designation ??= this.columns.designation(this.i));
  }
  /** The designation's kept JSON bytes (what `designation` parses). */
  bytes(): Uint8Array {
    return this.columns.bytes(this.i);
  }
  get names(): number[] {
    return (this.cache.names ??= this.columns.list(this.i, 0));
  }
  set names(value: number[]) {
    this.cache.names = value;
  }
  get aliasNames(): number[] {
    return (this.cache.aliasNames ??= this.columns.list(this.i, 1));
  }
  set aliasNames(value: number[]) {
    this.cache.aliasNames = value;
  }
  get tokens(): number[] {
    return (this.cache.tokens ??= this.columns.list(this.i, 2));
  }
  get primaryName(): number {
    return this.cache.primaryName ?? this.columns.state.primary[this.i]!;
  }
  set primaryName(value: number) {
    this.cache.primaryName = value;
  }
}

function kindCode(kind: EntityKind): number {
  const code = KINDS.indexOf(kind);
  if (code === -1) throw new Error(`persist: unknown entity kind ${kind}`);
  return code;
}
