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
import { readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
  const version = `${await store.designationsVersion()}|${engineStamp()}`;
  const kept = path ? readCopy(path, version) : null;
  if (kept) return { index: kept, keep: async () => undefined };
  const index = new MatchIndex();
  for (const { source, designation } of await store.allCurrentDesignations()) index.upsert(designation, source);
  const keep = async (): Promise<void> => {
    if (path && `${await store.designationsVersion()}|${engineStamp()}` === version) writeCopy(path, version, index);
  };
  return { index, keep };
}

/** File layout: 4 bytes (UInt32BE) version length, the version in UTF-8, then v8.serialize(state). */
function readCopy(path: string, version: string): MatchIndex | null {
  try {
    const bytes = readFileSync(path);
    const length = bytes.readUInt32BE(0);
    if (bytes.toString('utf8', 4, 4 + length) !== version) return null;
    return MatchIndex.fromState(deserialize(bytes.subarray(4 + length)) as IndexState);
  } catch {
    return null;
  }
}

function writeCopy(path: string, version: string, index: MatchIndex): void {
  const head = Buffer.from(`    ${version}`, 'utf8');
  head.writeUInt32BE(head.length - 4, 0);
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, Buffer.concat([head, serialize(index.toState())]));
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
