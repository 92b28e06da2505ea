/**
 * A MatchIndex as plain data and back, so a copy can be kept beside the database and a
 * short-lived process (`entitywatch lookup`) answers without reading and indexing every
 * designation. Pure: the caller serialises the state (v8.serialize keeps Maps, Sets and typed
 * arrays) and decides when it is stale.
 *
 * The restored index is the same index: the same vocabulary, names, postings and entries, so it
 * answers every search exactly as the one it was taken from. Entries are kept as their columns
 * (entries.ts; one object per designation costs more to deserialise than all the rest together),
 * and each designation as its JSON bytes, parsed (and, from a reader, read) only when a search
 * returns it.
 */
import { EntryStore, type EntryColumns, type JsonReader } from './entries.js';
import { NameStore } from './names.js';
import { Postings } from './postings.js';
import { Vocabulary } from './vocab.js';
export type { JsonReader } from './entries.js';

/** The fields of MatchIndex this module reads and writes (engine.ts). */
export interface IndexParts {
  vocab: Vocabulary;
  names: NameStore;
  entries: EntryStore;
  byKey: Map<string, number>;
  postings: Postings;
  liveNames: number;
  deadNames: number;
}

export interface IndexState {
  format: typeof FORMAT;
  vocab: object;
  names: object;
  postings: object;
  byKey: Map<string, number>;
  liveNames: number;
  deadNames: number;
  /** The entries' columns (entries.ts): kinds, name ranges, primary names, aliases. */
  entries: EntryColumns;
  /**
   * UTF-8 JSON of every designation, entry i at json[jsonAt[i] .. jsonAt[i+1]] (empty for a
   * removed one): the bytes, or a reader of those byte ranges (a copy kept on disk reads only the
   * designations a search returns).
   */
  json: Uint8Array | JsonReader;
  jsonAt: Int32Array;
}

/**
 * 2: postings as flat typed arrays (postings.ts); 3: the typo index too (fuzzy.ts), the
 * vocabulary without its token map (vocab.ts); 4: entries as columns (entries.ts), a name range
 * per entry instead of lists of names and tokens.
 */
const FORMAT = 4;

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
  const entries = index.entries;
  const n = entries.size;
  const json = out ? new Chunked(out) : new Collected(Math.max(4096, n * 512));
  const jsonAt = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    jsonAt[i] = json.length;
    if (!entries.live(i)) continue;
    // A restored entry keeps the bytes it was read from: copied as they are, neither parsed nor
    // serialised again (that was half the write of a copy after a screening).
    json.add(entries.keptBytes(i) ?? Buffer.from(JSON.stringify(entries.designation(i)), 'utf8'));
  }
  if (json instanceof Chunked) json.flush();
  const bytes = json.length;
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
    entries: entries.columns(),
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
  // The state, not a copy of its json field: a reader set on the state later is the one used.
  index.entries = EntryStore.restored(state.entries, state);
  return true;
}
