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

export function exportIndex(index: IndexParts): IndexState {
  const entries = index.entries;
  const n = entries.size;
  // Every designation's JSON written into one buffer, grown by half when full: no Buffer per
  // designation and no concatenation, so the copy's bytes exist once (~18 MB at 30,000).
  let json = Buffer.allocUnsafe(Math.max(4096, n * 512));
  const jsonAt = new Int32Array(n + 1);
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    jsonAt[i] = bytes;
    if (!entries.live(i)) continue;
    // A restored entry keeps the bytes it was read from: copied as they are, neither parsed nor
    // serialised again (that was half the write of a copy after a screening).
    const kept = entries.keptBytes(i);
    const text = kept === null ? JSON.stringify(entries.designation(i)) : null;
    const need = kept !== null ? kept.length : Buffer.byteLength(text!, 'utf8');
    if (bytes + need > json.length) {
      const grown = Buffer.allocUnsafe(Math.max(bytes + need, Math.ceil(json.length * 1.5)));
      json.copy(grown, 0, 0, bytes);
      json = grown;
    }
    if (kept !== null) json.set(kept, bytes);
    bytes += kept !== null ? kept.length : json.write(text!, bytes, 'utf8');
  }
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
    // A view of the filled part (a Buffer is a Uint8Array; wrapping it in a new one would copy it).
    json: json.subarray(0, bytes),
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
