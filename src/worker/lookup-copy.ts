/**
 * The lookup index kept beside the database, for short-lived processes (`entitywatch lookup`):
 * the first lookup after a snapshot reads and indexes every designation and writes the index to
 * `<database>.lookup`; later ones read that file instead (a few tens of milliseconds, against
 * about a second for 30,000 designations).
 *
 *   const { answer, keep } = await withLookupIndex(store, config.dbPath, (index) => index.search('Hikvision'));
 *   // print the answer, then: await keep();
 *
 * The file is a cache, never the record. It counts only while its version equals the store's
 * designations version (store/designations-version.ts: any accepted snapshot changes it) and
 * the match engine's code is the code that wrote it (engine-stamp.ts); anything else — missing,
 * stale, unreadable, half-written, damaged, another format — costs one rebuild, nothing else.
 * Damage is found by checksums: of the index head when it is read, and of the designations'
 * bytes, block by block, when a search reads one (withLookupIndex then answers from a rebuilt
 * index instead). A rebuild is
 * written only when the store's version did not move while it was read, to a temporary file
 * renamed into place, so a reader never sees half a file. A database that is not a file
 * (":memory:", a server) gets no copy: the index is built in memory.
 *
 * The process's shared index (lookup-index.ts) uses the copy too, through `pinCopy` and
 * `keepCopy`: it holds its designations in memory, every block checked as it
 * is read (one read of ~20 MB for 30,000 designations, ~20 ms), so a search never meets damage later.
 */
import { closeSync, fstatSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { MatchIndex, type IndexState, type KeptNeighbours } from '../core/match/engine.js';
import { sqlitePathOf } from '../../store/index.js';
import type { Store } from '../../store/types.js';
import { crc32 } from './crc32.js';
import { engineStamp } from './engine-stamp.js';

/** What the copy needs of the store: the designations' version, and the designations to rebuild from. */
export type IndexSource = Pick<Store, 'designationsVersion' | 'allCurrentDesignations'>;

/** An index, and how to keep it: `keep()` writes the copy of an index built here, once the answer is out. */
export interface OpenedIndex {
  index: MatchIndex;
  /** The index was read from the copy (and may still find damage in it when a search reads a designation). */
  fromCopy: boolean;
  keep: () => Promise<void>;
}

/**
 * `<database><suffix>`, where a cache kept beside this database lives (this file's `.lookup`,
 * counterparty-copy.ts's `.screening`), or null when the database is not a file (":memory:", a server).
 */
export function pathBesideDatabase(dbUrl: string, suffix: string): string | null {
  let path: string;
  try {
    path = sqlitePathOf(dbUrl);
  } catch {
    return null;
  }
  return path === '' || path === ':memory:' ? null : `${path}${suffix}`;
}

/** Where the copy of the index for this database lives, or null when it gets none. */
export function persistedIndexPath(dbUrl: string): string | null {
  return pathBesideDatabase(dbUrl, '.lookup');
}

/** The index over every current designation: from the copy beside the database when it is current, else built (and the copy rewritten). */
export async function persistedLookupIndex(store: IndexSource, dbUrl: string): Promise<MatchIndex> {
  const { index, keep } = await openLookupIndex(store, dbUrl);
  await keep();
  return index;
}

/**
 * `answer(index)` over the index from the copy, or over a rebuilt one when it has none or the
 * copy's index failed (a designation whose checksum does not hold, or any error a damaged copy
 * can cause): the answer is always one a freshly built index gives. `keep()` then writes the copy
 * of a rebuilt index, so a command can answer first and write after (~300 ms of 30,000 designations).
 */
export async function withLookupIndex<T>(store: IndexSource, dbUrl: string, answer: (index: MatchIndex) => T): Promise<{ answer: T; keep: () => Promise<void> }> {
  const opened = await openLookupIndex(store, dbUrl);
  try {
    return { answer: answer(opened.index), keep: opened.keep };
  } catch (err) {
    if (!opened.fromCopy) throw err;
    const built = await openLookupIndex(store, dbUrl, { ignoreCopy: true });
    return { answer: answer(built.index), keep: built.keep };
  }
}

/**
 * The index from the copy when it is current (and `ignoreCopy` is not set), else built from the
 * store. `keep()` writes nothing when the index came from the copy, or the store moved meanwhile.
 */
export async function openLookupIndex(store: IndexSource, dbUrl: string, options: { ignoreCopy?: boolean } = {}): Promise<OpenedIndex> {
  const path = persistedIndexPath(dbUrl);
  // The engine and layout do not change while the process runs: only the store's version is read again.
  const code = `${engineStamp()}|${LAYOUT}`;
  const version = `${await store.designationsVersion()}|${code}`;
  const kept = path && !options.ignoreCopy ? readCopy(path, version) : null;
  if (kept) return { index: kept, fromCopy: true, keep: async () => undefined };
  const index = new MatchIndex();
  for (const { source, designation } of await store.allCurrentDesignations()) index.upsert(designation, source);
  const keep = async (): Promise<void> => {
    if (path && `${await store.designationsVersion()}|${code}` === version) await writeCopy(path, version, index);
  };
  return { index, fromCopy: false, keep };
}

/** The version a copy of this store's current designations is written under: the store's, and this code's. */
export async function copyVersion(store: Pick<Store, 'designationsVersion'>): Promise<string> {
  return `${await store.designationsVersion()}|${engineStamp()}|${LAYOUT}`;
}

/** A copy opened and found of the version asked for, to be read later: `restore()` once, or `release()`. */
export interface PinnedCopy {
  /**
   * The index of the pinned file (a copy renamed over it since is not read) when every byte of it
   * checks, else null (damaged: the caller builds); closes the file. The designations are read
   * into memory, so the index holds no file open and no search can throw DamagedCopy.
   */
  restore(): MatchIndex | null;
  release(): void;
}

/**
 * The copy at `path` when its version is `version` (a read of its first bytes), held open so a
 * later `restore()` reads that very file, whatever replaced it since; else null. A fresh process
 * pins the copy of the state before a change ahead of the change's commit and reads it after.
 */
export function pinCopy(path: string, version: string): PinnedCopy | null {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const length = Buffer.alloc(4);
    if (readSync(fd, length, 0, 4, 0) !== 4 || length.readUInt32BE(0) > fstatSync(fd).size) return close(fd);
    const bytes = Buffer.alloc(length.readUInt32BE(0));
    if (readSync(fd, bytes, 0, bytes.length, 4) !== bytes.length || bytes.toString('utf8') !== version) return close(fd);
  } catch {
    return fd === null ? null : close(fd);
  }
  let open: number | null = fd;
  const take = (): number | null => {
    const taken = open;
    open = null;
    openCopies.unregister(pinned);
    return taken;
  };
  const pinned: PinnedCopy = {
    restore: () => {
      const taken = take();
      return taken === null ? null : readOpenCopy(taken, path, version, true);
    },
    release: () => {
      const taken = take();
      if (taken !== null) close(taken);
    },
  };
  // A pin dropped unread still closes its file.
  openCopies.register(pinned, fd, pinned);
  return pinned;
}

/**
 * Write `index` as the copy at `path` under `version`, unless `stillCurrent()` says the store
 * moved before the new copy would take the old one's place (temporary file, then rename).
 * Returns whether it was written; a failure to write (read-only directory, full disk) writes none.
 */
export async function keepCopy(path: string, version: string, index: MatchIndex, stillCurrent: () => Promise<boolean>, neighbours: KeptNeighbours | null = null): Promise<boolean> {
  return writeCopy(path, version, index, stillCurrent, neighbours);
}

/** The file layout below; a copy of another layout reads as stale. 4: the head after the designations, which are written as exported. */
const LAYOUT = 'layout 4';

/** The designations' bytes are checked in blocks of this size: one CRC per designation cost 20 ms of every rebuild. */
const BLOCK = 16_384;

/** Thrown by a search that reads a designation whose bytes are not the ones written. */
export class DamagedCopy extends Error {
  override name = 'DamagedCopy';
}

/**
 * What the head holds besides the index state: a CRC-32 of each BLOCK of the designations' JSON
 * bytes, and the typo neighbour lists of a screening against the index (keptNeighbours), if any.
 */
interface Head {
  state: IndexState;
  checks: Uint32Array;
  neighbours?: KeptNeighbours | null;
}

/**
 * File layout: 4 bytes (UInt32BE) version length, the version in UTF-8, 4 bytes head length,
 * 4 bytes CRC-32 of the head, the designations' JSON bytes, then the head (v8.serialize of the
 * state without its designations, and the CRC-32 of each BLOCK of theirs) to the end of the
 * file. The designations come before the head so they are written as they are exported, never
 * held whole (~20 MB at 30,000). Only the head is read up front: the designations (two thirds of
 * the file) are read from the open file when a search returns them, so a replaced copy never
 * mixes with the one the index came from.
 */
function readCopy(path: string, version: string): MatchIndex | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  return readOpenCopy(fd, path, version, false);
}

/** readCopy from an open file, which it closes unless the index reads from it; `whole`: see PinnedCopy.restore. */
function readOpenCopy(opened: number, path: string, version: string, whole: boolean): MatchIndex | null {
  let fd: number | null = opened;
  try {
    const size = fstatSync(fd).size;
    const at = (position: number, length: number): Buffer => {
      const bytes = Buffer.allocUnsafe(length);
      if (position + length > size || readSync(fd!, bytes, 0, length, position) !== length) throw new DamagedCopy('short copy');
      return bytes;
    };
    const versionLength = at(0, 4).readUInt32BE(0);
    if (at(4, versionLength).toString('utf8') !== version) return close(fd);
    const jsonStart = 12 + versionLength;
    const fields = at(jsonStart - 8, 8);
    const headLength = fields.readUInt32BE(0);
    if (headLength > size - jsonStart) return close(fd);
    const head = at(size - headLength, headLength);
    if (crc32(head) !== fields.readUInt32BE(4)) return close(fd);
    const { state, checks, neighbours } = deserialize(head) as Head;
    const restored = (index: MatchIndex | null): MatchIndex | null => {
      if (index && neighbours) index.adoptNeighbours(neighbours);
      return index;
    };
    const { jsonAt } = state;
    // A copy cut off anywhere, the designations included, is refused here and not at a search.
    const jsonLength = jsonAt[jsonAt.length - 1] ?? -1;
    if (size !== jsonStart + jsonLength + headLength || checks.length !== Math.ceil(jsonLength / BLOCK)) return close(fd);
    if (whole) {
      const json = at(jsonStart, jsonLength);
      for (let b = 0; b < checks.length; b++) if (crc32(json.subarray(b * BLOCK, (b + 1) * BLOCK)) !== checks[b]) return close(fd);
      close(fd);
      fd = null;
      state.json = new Uint8Array(json.buffer, json.byteOffset, json.length);
      return restored(MatchIndex.fromState(state));
    }
    state.json = (start, end) => {
      // The whole blocks the bytes lie in, each checked.
      const first = Math.floor(start / BLOCK);
      const blocks = at(jsonStart + first * BLOCK, Math.min(jsonLength, Math.ceil(end / BLOCK) * BLOCK) - first * BLOCK);
      for (let b = 0; b * BLOCK < blocks.length; b++) {
        if (crc32(blocks.subarray(b * BLOCK, (b + 1) * BLOCK)) !== checks[first + b]) throw new DamagedCopy(`designation bytes ${start}..${end} of ${path} are damaged`);
      }
      return blocks.subarray(start - first * BLOCK, end - first * BLOCK);
    };
    const index = restored(MatchIndex.fromState(state));
    if (!index) return close(fd);
    // The file stays open while the index may read from it, and no longer.
    openCopies.register(index, fd);
    return index;
  } catch {
    return fd === null ? null : close(fd);
  }
}

const openCopies = new FinalizationRegistry<number>((fd) => close(fd));

function close(fd: number): null {
  try {
    closeSync(fd);
  } catch {
    // Already closed: nothing to release.
  }
  return null;
}

/** Returns whether the copy was written; `stillCurrent`, when given, is asked before the rename. */
async function writeCopy(path: string, version: string, index: MatchIndex, stillCurrent?: () => Promise<boolean>, neighbours: KeptNeighbours | null = null): Promise<boolean> {
  const versionBytes = Buffer.from(version, 'utf8');
  const fields = Buffer.alloc(12 + versionBytes.length);
  fields.writeUInt32BE(versionBytes.length, 0);
  versionBytes.copy(fields, 4);
  const temporary = `${path}.${process.pid}.tmp`;
  let fd: number | null = null;
  try {
    fd = openSync(temporary, 'w');
    const out = fd;
    const put = (part: Uint8Array, position: number): void => {
      for (let at = 0; at < part.length; ) at += writeSync(out, part, at, part.length - at, position + at);
    };
    // The head's length and CRC are not known yet: written over these zeros at the end.
    put(fields, 0);
    let written = fields.length;
    const checks: number[] = [];
    // Whole blocks per chunk (the last excepted), each block's CRC taken as it goes by.
    const state = index.toState({
      chunk: 64 * BLOCK,
      write: (bytes) => {
        for (let b = 0; b < bytes.length; b += BLOCK) checks.push(crc32(bytes.subarray(b, b + BLOCK)));
        put(bytes, written);
        written += bytes.length;
      },
    });
    const head = serialize({ state: { ...state, json: new Uint8Array(0) }, checks: Uint32Array.from(checks), neighbours } satisfies Head);
    put(head, written);
    fields.writeUInt32BE(head.length, 4 + versionBytes.length);
    fields.writeUInt32BE(crc32(head), 8 + versionBytes.length);
    put(fields.subarray(4 + versionBytes.length), 4 + versionBytes.length);
    closeSync(fd);
    fd = null;
    if (stillCurrent && !(await stillCurrent())) {
      rmSync(temporary, { force: true });
      return false;
    }
    renameSync(temporary, path);
    return true;
  } catch {
    if (fd !== null) close(fd);
    rmSync(temporary, { force: true });
    // No copy this time (a read-only directory, a full disk): the next lookup builds again.
    return false;
  }
}
