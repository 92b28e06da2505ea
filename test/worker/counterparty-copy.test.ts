/**
 * The counterparty index kept beside the database (src/worker/counterparty-copy.ts): read back,
 * it screens a change exactly as the index it was written from; written from other members, or
 * damaged, it is not used at all.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { generateCounterparties } from '../../bench/generate-counterparties.js';
import { syntheticCorpus } from '../../bench/lookup-synthetic.js';
import { TrigramIndex } from '../../src/core/match/fuzzy.js';
import { MatchIndex } from '../../src/core/match/index.js';
import { counterpartyCopyPath, readCounterpartyCopy, readCounterpartyCopyFor, writeCounterpartyCopy } from '../../src/worker/counterparty-copy.js';
import { membersHash } from '../../src/watchlists/members-hash.js';
import { CounterpartyIndex } from '../../src/watchlists/counterparty-index.js';
import { screenChanges } from '../../src/watchlists/screen.js';

describe('counterparty index copy', () => {
  const dir = mkdtempSync(join(tmpdir(), 'entitywatch-copy-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const docs = syntheticCorpus(5, 1_600).map((doc) => doc.designation);
  const index = new MatchIndex();
  for (const d of docs) index.upsert(d, 'synthetic');
  const members = [...generateCounterparties(docs, 3_000, 31), ...generateCounterparties(docs.slice(1_500), 60, 37, 'suppliers', 0.5)];
  const built = new CounterpartyIndex(members);
  const path = join(dir, 'test.db.screening');
  writeCounterpartyCopy(path, members, built);
  const changed = docs.slice(1_500).map((designation) => ({ designation, source: 'synthetic' }));

  it('reads back the pool it was written from, and screens a change to the same hits', () => {
    const read = readCounterpartyCopy(path, members);
    expect(read).not.toBeNull();
    const { spellings, ...arrays } = read!.parts();
    const { spellings: builtSpellings, ...builtArrays } = built.parts();
    expect(spellings).toEqual(builtSpellings);
    expect(arrays).toEqual(builtArrays);
    // The candidate lookups come back as they were written, without being built again.
    const typos = vi.spyOn(TrigramIndex.prototype, 'add');
    const lookups = read!.lookups();
    expect(typos).not.toHaveBeenCalled();
    typos.mockRestore();
    const builtLookups = built.lookups();
    expect([lookups.heads, lookups.tails]).toEqual([builtLookups.heads, builtLookups.tails]);
    expect(lookups.heads.length).toBeGreaterThan(100);
    for (const spelling of spellings.filter((s) => s.length >= 5).slice(0, 300)) {
      expect(lookups.trigrams.near(spelling, () => true, 2)).toEqual(builtLookups.trigrams.near(spelling, () => true, 2));
    }
    const expected = screenChanges(changed, new CounterpartyIndex(members), index);
    expect(expected.hits.length).toBeGreaterThan(0);
    expect(screenChanges(changed, read!, index)).toEqual(expected);
  });

  it('is not used when a member\'s country or reference differs', () => {
    const moved = members.map((m, i) => (i === 2_000 ? { ...m, reference: `${m.reference ?? ''}X` } : m));
    expect(readCounterpartyCopy(path, moved)).toBeNull();
    expect(readCounterpartyCopy(path, members.map((m, i) => (i === 17 ? { ...m, country: m.country === 'CN' ? 'JP' : 'CN' } : m)))).toBeNull();
  });

  it('is vouched for by the store\'s members hashes alone, and then gives the members it holds', () => {
    const watchlists = [...new Set(members.map((m) => m.watchlist))].map((name) => {
      const own = members.filter((m) => m.watchlist === name);
      return { name, count: own.length, membersHash: membersHash(own) };
    });
    expect(watchlists.map((w) => w.name)).toEqual(['customers', 'suppliers']);
    const read = readCounterpartyCopyFor(path, watchlists);
    expect(read).not.toBeNull();
    expect(read!.all()).toEqual(members);
    expect(screenChanges(changed, read!, index)).toEqual(screenChanges(changed, built, index));
    // An empty watchlist holds no members: it is not part of what the copy was built from.
    expect(readCounterpartyCopyFor(path, [{ name: 'empty', count: 0, membersHash: membersHash([]) }, ...watchlists])).not.toBeNull();
    // A watchlist without a hash (imported before the store kept one), another hash, another count, another order, one missing.
    expect(readCounterpartyCopyFor(path, [watchlists[0]!, { ...watchlists[1]!, membersHash: null }])).toBeNull();
    expect(readCounterpartyCopyFor(path, [watchlists[0]!, { ...watchlists[1]!, membersHash: membersHash(members.slice(0, 60)) }])).toBeNull();
    expect(readCounterpartyCopyFor(path, [watchlists[0]!, { ...watchlists[1]!, count: watchlists[1]!.count - 1 }])).toBeNull();
    expect(readCounterpartyCopyFor(path, [watchlists[1]!, watchlists[0]!])).toBeNull();
    expect(readCounterpartyCopyFor(path, [watchlists[0]!])).toBeNull();
  });

  it('keeps members whose reference is empty or null, and a country of null, apart', () => {
    const odd = [
      { watchlist: 'a', name: 'Alpha Trading', country: null, reference: '' },
      { watchlist: 'a', name: 'Beta Trading', country: 'CN', reference: null },
      { watchlist: 'a', name: 'Gamma Trading', country: null, reference: '' },
      { watchlist: 'b', name: 'Alpha Trading', country: null, reference: 'R' },
    ];
    const oddPath = join(dir, 'odd.screening');
    writeCounterpartyCopy(oddPath, odd, new CounterpartyIndex(odd));
    const hashes = ['a', 'b'].map((name) => ({ name, count: odd.filter((m) => m.watchlist === name).length, membersHash: membersHash(odd.filter((m) => m.watchlist === name)) }));
    expect(readCounterpartyCopyFor(oddPath, hashes)?.all()).toEqual(odd);
  });

  it('is not used when the names differ, in any way', () => {
    const renamed = members.map((m, i) => (i === 1_234 ? { ...m, name: `${m.name} X` } : m));
    expect(readCounterpartyCopy(path, renamed)).toBeNull();
    expect(readCounterpartyCopy(path, members.slice(1))).toBeNull();
    expect(readCounterpartyCopy(path, [members[1]!, members[0]!, ...members.slice(2)])).toBeNull();
    expect(readCounterpartyCopy(path, [])).toBeNull();
  });

  it('is not used when missing, damaged, cut short or of another kind', () => {
    const bytes = readFileSync(path);
    const damaged = join(dir, 'damaged.screening');
    expect(readCounterpartyCopy(join(dir, 'missing.screening'), members)).toBeNull();
    // One byte in the pool's arrays, one in its spellings.
    for (const at of [bytes.length - 100, bytes.length >> 1, 4 + bytes.readUInt32LE(0) + 3]) {
      const copy = Buffer.from(bytes);
      copy[at] = copy[at]! ^ 1;
      writeFileSync(damaged, copy);
      expect(readCounterpartyCopy(damaged, members)).toBeNull();
    }
    writeFileSync(damaged, bytes.subarray(0, bytes.length - 4));
    expect(readCounterpartyCopy(damaged, members)).toBeNull();
    writeFileSync(damaged, 'not a copy');
    expect(readCounterpartyCopy(damaged, members)).toBeNull();
    writeFileSync(damaged, bytes);
    expect(readCounterpartyCopy(damaged, members)).not.toBeNull();
  });

  it('lives beside a database file; an in-memory or server database gets none', () => {
    expect(counterpartyCopyPath(join(dir, 'x.db'))).toBe(join(dir, 'x.db.screening'));
    expect(counterpartyCopyPath(':memory:')).toBeNull();
    expect(counterpartyCopyPath('postgres://localhost/entitywatch')).toBeNull();
  });
});
