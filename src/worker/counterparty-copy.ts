/**
 * The counterparty index kept beside the database (`<database>.screening`), so a process that
 * screens its first change — `entitywatch ingest`, a worker just started — neither reads every
 * counterparty back from the store nor reads their names again (together ~1 s for 100,000): it
 * reads the members, the member pool's arrays and the lookups candidates need (the typo index,
 * long words sorted).
 *
 *   const index = readCounterpartyCopyFor(path, watchlists)          // vouched by the store's hashes
 *     ?? readCounterpartyCopy(path, members) ?? new CounterpartyIndex(members);
 *   writeCounterpartyCopy(path, members, index);   // after a build
 *
 * The file is a cache, never the record: it counts only when the members it holds are, per
 * watchlist and in order, those the store holds now — their content hash (members-hash.ts)
 * equals the one the store keeps for each watchlist (`WatchlistSummary.membersHash`, set by
 * every import), or the one of the members a caller read — and the code that reads names
 * (src/core/match, the pool's own files, any-ascii) hashes to the code that wrote it. Anything
 * else — missing, stale, cut short, another layout — reads as null and costs one rebuild. A
 * copy is written to a temporary file renamed into place, so a reader never sees half of one.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { TrigramIndex } from '../core/match/fuzzy.js';
import { CounterpartyIndex, type CandidateLookups } from '../watchlists/counterparty-index.js';
import type { MemberPoolParts } from '../watchlists/member-pool.js';
import { membersHash } from '../watchlists/members-hash.js';
import type { ScreenedCounterparty } from '../watchlists/screen.js';
import type { WatchlistSummary } from '../../store/types.js';
import { engineStamp, stampOf as stampOfFiles } from './engine-stamp.js';
import { pathBesideDatabase } from './lookup-copy.js';

/** The file layout below; a copy of another layout reads as stale. */
/** 2: the candidate lookups (typo index, sorted long words) after the arrays; 3: the members, vouched by their hashes. */
const LAYOUT = 'counterparty copy 3';

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

/** One watchlist as the stamp names it: its name, member count and members' content hash. */
export interface WatchlistHash {
  name: string;
  count: number;
  membersHash: string;
}

/** Per watchlist, in the members' order (consecutive members of one watchlist form one group). */
function hashesOf(members: readonly ScreenedCounterparty[]): WatchlistHash[] {
  const out: WatchlistHash[] = [];
  for (let start = 0; start < members.length; ) {
    const name = members[start]!.watchlist;
    let end = start + 1;
    while (end < members.length && members[end]!.watchlist === name) end++;
    out.push({ name, count: end - start, membersHash: membersHash(members.slice(start, end)) });
    start = end;
  }
  return out;
}

/** What the copy must have been built from: the layout, the code, and each watchlist's members, in order. */
function stampOf(watchlists: readonly WatchlistHash[]): string {
  return `${LAYOUT}|${process.arch}|${codeStamp()}|${JSON.stringify(watchlists.map((w) => [w.name, w.count, w.membersHash]))}`;
}

/** Null marker of a country or reference in the member columns: no member field holds a control character (schema.ts). */
const NULL_FIELD = '\u0001';

/** The members as three text columns, "\n"-separated (their watchlists come from the stamp's groups), or null when one cannot be. */
function memberColumns(members: readonly ScreenedCounterparty[]): Buffer[] | null {
  const columns = [members.map((m) => m.name), members.map((m) => m.country ?? NULL_FIELD), members.map((m) => m.reference ?? NULL_FIELD)];
  // Checked on import; a member holding the separator would not read back, so it gets no copy.
  if (columns.some((column) => column.some((value) => value.includes('\n')))) return null;
  return columns.map((column) => Buffer.from(column.join('\n'), 'utf8'));
}

function membersFrom(columns: readonly string[], watchlists: readonly WatchlistHash[]): ScreenedCounterparty[] | null {
  const total = watchlists.reduce((n, w) => n + w.count, 0);
  const split = columns.map((column) => (total === 0 ? [] : column.split('\n')));
  if (split.length !== 3 || split.some((column) => column.length !== total)) return null;
  const [names, countries, references] = split as [string[], string[], string[]];
  const out = new Array<ScreenedCounterparty>(total);
  let i = 0;
  for (const { name: watchlist, count } of watchlists) {
    for (const end = i + count; i < end; i++) {
      const country = countries[i]!;
      const reference = references[i]!;
      out[i] = { watchlist, name: names[i]!, country: country === NULL_FIELD ? null : country, reference: reference === NULL_FIELD ? null : reference };
    }
  }
  return out;
}

/**
 * File layout: 4 bytes (UInt32LE) head length, the head as JSON ({ stamp (naming each watchlist's
 * name, count and members hash, in order), members: byte lengths of the three member columns, spellings: byte length,
 * lengths of ARRAYS, lookups: byte length, sum: a hash of what follows }), the member columns
 * (names, countries, references; UTF-8), the spellings in UTF-8 separated by "\n", each array's
 * bytes as the machine holds them (the stamp names the architecture), then the candidate
 * lookups (CounterpartyIndex.lookups) as v8.serialize gives them. The sum is checked on every
 * read: a damaged copy would otherwise pass wrong candidates or wrong members.
 */
export function writeCounterpartyCopy(path: string, members: readonly ScreenedCounterparty[], index: CounterpartyIndex): void {
  const parts = index.parts();
  const columns = memberColumns(members);
  // Spellings are folded words; one holding the separator would not read back, so it gets no copy.
  if (!columns || parts.spellings.some((s) => s.includes('\n'))) return;
  const spellings = Buffer.from(parts.spellings.join('\n'), 'utf8');
  const arrays = ARRAYS.map((a) => Buffer.from(parts[a].buffer, parts[a].byteOffset, parts[a].byteLength));
  const lookups = serialize(index.lookups());
  const watchlists = hashesOf(members);
  const body = {
    members: columns.map((column) => column.length),
    spellings: spellings.length,
    lengths: ARRAYS.map((a) => parts[a].length),
    lookups: lookups.length,
    sum: checksum([...columns, spellings, ...arrays, lookups]),
  };
  const head = Buffer.from(JSON.stringify({ stamp: stampOf(watchlists), ...body }), 'utf8');
  const size = Buffer.alloc(4);
  size.writeUInt32LE(head.length);
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, Buffer.concat([size, head, ...columns, spellings, ...arrays, lookups]));
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

/** The index from the copy when it was built from exactly these members by this code, else null. The members are the ones given. */
export function readCounterpartyCopy(path: string, members: readonly ScreenedCounterparty[]): CounterpartyIndex | null {
  return readCopy(path, hashesOf(members), members);
}

/**
 * The index from the copy when the members it holds are the ones the store vouches for now —
 * each watchlist's count and members hash, in the store's member order (`listWatchlists`, those
 * holding members) — else null, as when any of them has no hash yet. Its members are the copy's:
 * the store's members need not be read at all.
 */
export function readCounterpartyCopyFor(path: string, watchlists: ReadonlyArray<Pick<WatchlistSummary, 'name' | 'count' | 'membersHash'>>): CounterpartyIndex | null {
  const vouched: WatchlistHash[] = [];
  for (const { name, count, membersHash: hash } of watchlists) {
    if (hash === null) return null;
    if (count > 0) vouched.push({ name, count, membersHash: hash });
  }
  return readCopy(path, vouched, null);
}

function readCopy(path: string, watchlists: readonly WatchlistHash[], given: readonly ScreenedCounterparty[] | null): CounterpartyIndex | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return null;
  }
  try {
    const headLength = bytes.readUInt32LE(0);
    const head = JSON.parse(bytes.toString('utf8', 4, 4 + headLength)) as {
      stamp?: unknown;
      members?: unknown;
      spellings?: unknown;
      lengths?: unknown;
      lookups?: unknown;
      sum?: unknown;
    };
    if (head.stamp !== stampOf(watchlists) || !Array.isArray(head.members) || typeof head.spellings !== 'number' || !Array.isArray(head.lengths) || typeof head.lookups !== 'number') {
      return null;
    }
    let at = 4 + headLength;
    if (head.sum !== checksum([bytes.subarray(at)])) return null;
    const columns: string[] = [];
    for (const length of head.members as unknown[]) {
      if (typeof length !== 'number' || at + length > bytes.length) return null;
      columns.push(bytes.toString('utf8', at, at + length));
      at += length;
    }
    const members = given ?? membersFrom(columns, watchlists);
    if (!members) return null;
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
