/**
 * The lookup index kept beside the database, for short-lived processes (`entitywatch lookup`):
 * the first lookup after a snapshot reads and indexes every designation and writes the index to
 * `<database>.lookup`; later ones read that file instead (a few tens of milliseconds, against
 * about a second for 30,000 designations).
 *
 *   const index = await persistedLookupIndex(store, config.dbPath);
 *
 * The file is a cache, never the record. It counts only while its version equals the store's
 * designations version (store/designations-version.ts: any accepted snapshot changes it) and
 * the match engine's own files are the ones that wrote it; anything else — missing, stale,
 * unreadable, half-written, another format — costs one rebuild, nothing else. A rebuild is
 * written only when the store's version did not move while it was read, to a temporary file
 * renamed into place, so a reader never sees half a file. A database that is not a file
 * (":memory:", a server) gets no copy: the index is built in memory.
 */
import { closeSync, fstatSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { MatchIndex, type IndexState } from '../core/match/engine.js';
import { sqlitePathOf } from '../../store/index.js';
import type { Store } from '../../store/types.js';

/** Where the copy of the index for this database lives, or null when it gets none. */
export function persistedIndexPath(dbUrl: string): string | null {
  let path: string;
  try {
    path = sqlitePathOf(dbUrl);
  } catch {
    return null;
  }
  return path === '' || path === ':memory:' ? null : `${path}.lookup`;
}

/** The index over every current designation: from the copy beside the database when it is current, else built (and the copy rewritten). */
export async function persistedLookupIndex(store: Store, dbUrl: string): Promise<MatchIndex> {
  const { index, keep } = await openLookupIndex(store, dbUrl);
  await keep();
  return index;
}

/**
 * The same, with the copy of a built index written by `keep()`, so a command can answer first
 * and write it after (the first lookup after a snapshot: ~300 ms of 30,000 designations).
 * `keep()` writes nothing when the index came from the copy, or the store moved meanwhile.
 */
export async function openLookupIndex(store: Store, dbUrl: string): Promise<{ index: MatchIndex; keep: () => Promise<void> }> {
  const path = persistedIndexPath(dbUrl);
  // The engine and layout do not change while the process runs: only the store's version is read again.
  const code = `${engineStamp()}|${LAYOUT}`;
  const version = `${await store.designationsVersion()}|${code}`;
  const kept = path ? readCopy(path, version) : null;
  if (kept) return { index: kept, keep: async () => undefined };
  const index = new MatchIndex();
  for (const { source, designation } of await store.allCurrentDesignations()) index.upsert(designation, source);
  const keep = async (): Promise<void> => {
    if (path && `${await store.designationsVersion()}|${code}` === version) writeCopy(path, version, index);
  };
  return { index, keep };
}

/** The file layout below; a copy of another layout reads as stale. */
const LAYOUT = 'layout 2';

/**
 * File layout: 4 bytes (UInt32BE) version length, the version in UTF-8, 4 bytes state length,
 * v8.serialize(state without its designations), then the designations' JSON bytes. Only the
 * head is read up front: the designations (two thirds of the file) are read from the open file
 * when a search returns them, so a replaced copy never mixes with the one the index came from.
 */
function readCopy(path: string, version: string): MatchIndex | null {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    const at = (position: number, length: number): Buffer => {
      const bytes = Buffer.allocUnsafe(length);
      if (position + length > size || readSync(fd!, bytes, 0, length, position) !== length) throw new Error('short copy');
      return bytes;
    };
    const versionLength = at(0, 4).readUInt32BE(0);
    if (at(4, versionLength).toString('utf8') !== version) return close(fd);
    const stateAt = 8 + versionLength;
    const stateLength = at(stateAt - 4, 4).readUInt32BE(0);
    const state = deserialize(at(stateAt, stateLength)) as IndexState;
    const jsonStart = stateAt + stateLength;
    // A copy cut off anywhere, the designations included, is refused here and not at a search.
    if (size !== jsonStart + (state.jsonAt?.[state.jsonAt.length - 1] ?? -1)) return close(fd);
    const file = fd;
    state.json = (start, end) => at(jsonStart + start, end - start);
    const index = MatchIndex.fromState(state);
    if (!index) return close(fd);
    // The file stays open while the index may read from it, and no longer.
    openCopies.register(index, file);
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

function writeCopy(path: string, version: string, index: MatchIndex): void {
  const { json, ...rest } = index.toState();
  if (typeof json === 'function') return; // Only an index built in this process is written.
  const state = serialize({ ...rest, json: new Uint8Array(0) });
  const versionBytes = Buffer.from(version, 'utf8');
  const head = Buffer.alloc(8 + versionBytes.length);
  head.writeUInt32BE(versionBytes.length, 0);
  versionBytes.copy(head, 4);
  head.writeUInt32BE(state.length, 4 + versionBytes.length);
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, Buffer.concat([head, state, json]));
    renameSync(temporary, path);
  } catch {
    rmSync(temporary, { force: true });
    // No copy this time (a read-only directory, a full disk): the next lookup builds again.
  }
}

/** Sizes and times of the match engine's files and its one dependency: a changed engine never reads an old copy. */
function engineStamp(): string {
  const dir = dirname(fileURLToPath(new URL('../core/match/engine.js', import.meta.url)));
  const files = readdirSync(dir).filter((name) => /\.[jt]s$/.test(name)).sort().map((name) => join(dir, name));
  files.push(createRequire(import.meta.url).resolve('any-ascii'));
  return files.map((file) => {
    const s = statSync(file);
    return `${s.size}:${Math.round(s.mtimeMs)}`;
  }).join(',');
}
