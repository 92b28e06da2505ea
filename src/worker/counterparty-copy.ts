/**
 * The counterparty index kept beside the database (`<database>.screening`), so a process that
 * screens its first change — `entitywatch ingest`, a worker just started — does not read every
 * counterparty's name again (about a second for 100,000): it reads the member pool's arrays and the lookups candidates need (the typo index, long words sorted).
 *
 *   const index = readCounterpartyCopy(path, members) ?? new CounterpartyIndex(members);
 *   writeCounterpartyCopy(path, members, index);   // after a build
 *
 * The file is a cache, never the record: it counts only when the members' names, in order, hash
 * to those it was built from, and the code that reads names (src/core/match, the pool's own
 * files, any-ascii) hashes to the code that wrote it. Anything else — missing, stale, cut short,
 * another layout — reads as null and costs one rebuild. A copy is written to a temporary file
 * renamed into place, so a reader never sees half of one. The members themselves (watchlist,
 * country, reference) always come from the store.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { TrigramIndex } from '../core/match/fuzzy.js';
import { CounterpartyIndex, type CandidateLookups } from '../watchlists/counterparty-index.js';
import type { MemberPoolParts } from '../watchlists/member-pool.js';
import type { ScreenedCounterparty } from '../watchlists/screen.js';
import { engineStamp, stampOf as stampOfFiles } from './engine-stamp.js';
import { pathBesideDatabase } from './lookup-copy.js';

/** The file layout below; a copy of another layout reads as stale. */
/** 2: the candidate lookups (typo index, sorted long words) after the arrays. */
const LAYOUT = 'counterparty copy 2';

/** The pool's typed arrays, in file order. */
const ARRAYS = ['encoded', 'from', 'to', 'positions', 'postingAt'] as const;

/** Where the copy for this database lives, or null when it gets none (":memory:", a server). */
export function counterpartyCopyPath(dbUrl: string): string | null {
  return pathBesideDatabase(dbUrl, '.screening');
}

let code: string | null = null;

/**
 * A hash of the code a pool depends on: how names are read (the match engine and any-ascii:
 * engine-stamp.ts, the lookup copy's stamp) and how the pool encodes them (its own two files).
 */
function codeStamp(): string {
  if (code !== null) return code;
  const watchlists = fileURLToPath(new URL('../watchlists/', import.meta.url));
  // .js compiled, .ts under the test runner.
  const own = readdirSync(watchlists).filter((name) => /^(member-pool|no-keys)\.[jt]s$/.test(name)).sort();
  code = `${engineStamp()}+${stampOfFiles(own.map((name) => join(watchlists, name)))}`;
  return code;
}

/** What the copy must have been built from: the layout, the code, and the names in order. */
function stampOf(members: readonly ScreenedCounterparty[]): string {
  const hash = createHash('sha256');
  for (const m of members) hash.update(m.name).update('\0');
  return `${LAYOUT}|${process.arch}|${codeStamp()}|${members.length}|${hash.digest('hex')}`;
}

/**
 * File layout: 4 bytes (UInt32LE) head length, the head as JSON ({ stamp, spellings: byte
 * length, lengths of ARRAYS, lookups: byte length, sum: a hash of what follows }), the spellings
 * in UTF-8 separated by "\n", each array's bytes as the machine holds them (the stamp names the
 * architecture), then the candidate lookups (CounterpartyIndex.lookups) as v8.serialize gives
 * them. The sum is checked on every read: a damaged copy would otherwise pass wrong candidates.
 */
export function writeCounterpartyCopy(path: string, members: readonly ScreenedCounterparty[], index: CounterpartyIndex): void {
  const parts = index.parts();
  // Spellings are folded words; one holding the separator would not read back, so it gets no copy.
  if (parts.spellings.some((s) => s.includes('\n'))) return;
  const spellings = Buffer.from(parts.spellings.join('\n'), 'utf8');
  const arrays = ARRAYS.map((a) => Buffer.from(parts[a].buffer, parts[a].byteOffset, parts[a].byteLength));
  const lookups = serialize(index.lookups());
  const body = { spellings: spellings.length, lengths: ARRAYS.map((a) => parts[a].length), lookups: lookups.length, sum: checksum([spellings, ...arrays, lookups]) };
  const head = Buffer.from(JSON.stringify({ stamp: stampOf(members), ...body }), 'utf8');
  const size = Buffer.alloc(4);
  size.writeUInt32LE(head.length);
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, Buffer.concat([size, head, spellings, ...arrays, lookups]));
    renameSync(temporary, path);
  } catch {
    // A cache that cannot be written costs the next process a rebuild, nothing else.
    rmSync(temporary, { force: true });
  }
}

function checksum(chunks: readonly Buffer[]): string {
  const hash = createHash('sha1');
  for (const chunk of chunks) hash.update(chunk);
  return hash.digest('hex');
}

/** The index from the copy when it was built from these members' names by this code, else null. */
export function readCounterpartyCopy(path: string, members: readonly ScreenedCounterparty[]): CounterpartyIndex | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return null;
  }
  try {
    const headLength = bytes.readUInt32LE(0);
    const head = JSON.parse(bytes.toString('utf8', 4, 4 + headLength)) as { stamp?: unknown; spellings?: unknown; lengths?: unknown; lookups?: unknown; sum?: unknown };
    if (head.stamp !== stampOf(members) || typeof head.spellings !== 'number' || !Array.isArray(head.lengths) || typeof head.lookups !== 'number') return null;
    let at = 4 + headLength;
    if (head.sum !== checksum([bytes.subarray(at)])) return null;
    const text = bytes.toString('utf8', at, at + head.spellings);
    at += head.spellings;
    const arrays: Int32Array[] = [];
    for (const length of head.lengths as unknown[]) {
      if (typeof length !== 'number' || at + 4 * length > bytes.length) return null;
      // Copied out: the file's bytes need not sit on a 4-byte boundary.
      arrays.push(new Int32Array(bytes.buffer.slice(bytes.byteOffset + at, bytes.byteOffset + at + 4 * length)));
      at += 4 * length;
    }
    if (at + head.lookups !== bytes.length || arrays.length !== ARRAYS.length) return null;
    const [encoded, from, to, positions, postingAt] = arrays as [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array];
    const parts: MemberPoolParts = { spellings: text === '' ? [] : text.split('\n'), encoded, from, to, positions, postingAt };
    const lookups = deserialize(bytes.subarray(at)) as CandidateLookups;
    // Serialised as its fields (as the lookup copy keeps the vocabulary's): its class given back.
    Object.setPrototypeOf(lookups.trigrams, TrigramIndex.prototype);
    return new CounterpartyIndex(members, parts, lookups);
  } catch {
    return null;
  }
}
