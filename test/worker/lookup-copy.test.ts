/**
 * The lookup index kept beside a real SQLite file (src/worker/lookup-copy.ts): written by the
 * first lookup, read by the next, rebuilt after any accepted snapshot and whenever the copy is
 * damaged (found when it is read, or when a search reads a designation from it); never written
 * for an in-memory database.
 */
import { existsSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLookupIndex, persistedIndexPath, persistedLookupIndex, withLookupIndex } from '../../src/worker/lookup-copy.js';
import { openSqliteStore } from '../../store/sqlite/index.js';
import type { Store } from '../../store/types.js';
import { makeDesignation } from '../helpers/designations.js';
import { commitOf, emptyDiff, tempDir } from '../store/fixtures.js';

const hikvision = makeDesignation({ key: 'EL:hik', name: 'Hangzhou Hikvision Digital Technology Co., Ltd.', list: 'EL' });
const dahua = makeDesignation({ key: 'EL:dahua', name: 'Zhejiang Dahua Technology Co., Ltd.', list: 'EL' });
const names = (index: Awaited<ReturnType<typeof persistedLookupIndex>>, query: string) =>
  index.search(query).map((m) => ({ name: m.name, designations: m.designations }));

describe('persistedLookupIndex', () => {
  let temp: ReturnType<typeof tempDir>;
  let db: string;
  let store: Store;
  beforeEach(async () => {
    temp = tempDir();
    db = join(temp.dir, 'e.db');
    store = openSqliteStore(db);
    await store.commitSnapshot(commitOf('csl', '2026-01-01T00:00:00Z', { ...emptyDiff(), added: [hikvision] }, { baseline: true }));
  });
  afterEach(async () => {
    await store.close();
    temp.cleanup();
  });

  it('writes the copy on first use and answers from it the same', async () => {
    const path = persistedIndexPath(db)!;
    expect(path).toBe(`${db}.lookup`);
    expect(existsSync(path)).toBe(false);
    const built = await persistedLookupIndex(store, db);
    const written = statSync(path).mtimeMs;
    const kept = await persistedLookupIndex(store, db);
    expect(statSync(path).mtimeMs).toBe(written);
    expect(names(kept, 'Hangzhou Hikvison Digital Technology')).toEqual(names(built, 'Hangzhou Hikvison Digital Technology'));
    expect(names(kept, 'Hangzhou Hikvison Digital Technology')).toEqual([{ name: hikvision.name, designations: [hikvision] }]);
  });

  it('writes a rebuilt copy only on keep(), and not when the store moved since it was read', async () => {
    const path = persistedIndexPath(db)!;
    const first = await openLookupIndex(store, db);
    expect(existsSync(path)).toBe(false);
    await store.commitSnapshot(commitOf('csl', '2026-01-02T00:00:00Z', { ...emptyDiff(), added: [dahua] }));
    await first.keep();
    expect(existsSync(path)).toBe(false);
    const second = await openLookupIndex(store, db);
    await second.keep();
    expect(existsSync(path)).toBe(true);
    expect(names(second.index, 'Dahua')).toEqual([{ name: dahua.name, designations: [dahua] }]);
  });

  it('is rebuilt after an accepted snapshot, from this process or another', async () => {
    await persistedLookupIndex(store, db);
    expect(names(await persistedLookupIndex(store, db), 'Dahua')).toEqual([]);
    const other = openSqliteStore(db);
    await other.commitSnapshot(commitOf('csl', '2026-01-02T00:00:00Z', { ...emptyDiff(), added: [dahua] }));
    await other.close();
    expect(names(await persistedLookupIndex(store, db), 'Dahua')).toEqual([{ name: dahua.name, designations: [dahua] }]);
    await store.commitSnapshot(commitOf('csl', '2026-01-03T00:00:00Z', { ...emptyDiff(), removed: [hikvision] }));
    expect(names(await persistedLookupIndex(store, db), 'Hikvision')).toEqual([]);
  });

  it('rebuilds when the copy is damaged or cut off', async () => {
    await persistedLookupIndex(store, db);
    const path = persistedIndexPath(db)!;
    writeFileSync(path, Buffer.from([0, 0, 0, 2, 0x41]));
    expect(names(await persistedLookupIndex(store, db), 'Hikvision')).toEqual([{ name: hikvision.name, designations: [hikvision] }]);
    writeFileSync(path, 'x');
    expect(names(await persistedLookupIndex(store, db), 'Hikvision')).toEqual([{ name: hikvision.name, designations: [hikvision] }]);
    expect(statSync(path).size).toBeGreaterThan(100);
  });

  it('rebuilds when the copy is cut off inside the designations it reads only on a search', async () => {
    await persistedLookupIndex(store, db);
    const path = persistedIndexPath(db)!;
    const whole = statSync(path).size;
    truncateSync(path, whole - 3);
    const index = await persistedLookupIndex(store, db);
    expect(names(index, 'Hikvision')).toEqual([{ name: hikvision.name, designations: [hikvision] }]);
    // Refused and rewritten whole, not kept and read short at the search.
    expect(statSync(path).size).toBe(whole);
  });

  it('answers from a rebuilt index when a designation read from the copy is damaged, and rewrites the copy', async () => {
    await persistedLookupIndex(store, db);
    const path = persistedIndexPath(db)!;
    const whole = readFileSync(path);
    // The designations' JSON comes before the head, the file's last part (lookup-copy.ts's layout);
    // the name may sit in the head too, so it is looked for before the head only.
    const headAt = whole.length - whole.readUInt32BE(4 + whole.readUInt32BE(0));
    const at = whole.subarray(0, headAt).lastIndexOf('"Hangzhou Hikvision');
    expect(at).toBeGreaterThan(12);
    const ask = (index: Awaited<ReturnType<typeof persistedLookupIndex>>) => names(index, 'Hikvision');
    for (const damage of [
      // Still valid JSON, another name: only a checksum tells.
      (bytes: Buffer) => bytes.write('J', at + 1, 'latin1'),
      // Not JSON any more.
      (bytes: Buffer) => bytes.write('}', at, 'latin1'),
    ]) {
      const damaged = Buffer.from(whole);
      damage(damaged);
      writeFileSync(path, damaged);
      const opened = await openLookupIndex(store, db);
      expect(opened.fromCopy).toBe(true);
      expect(() => ask(opened.index)).toThrow(/damaged/);
      const { answer, keep } = await withLookupIndex(store, db, ask);
      expect(answer).toEqual([{ name: hikvision.name, designations: [hikvision] }]);
      await keep();
      const rewritten = await openLookupIndex(store, db);
      expect(rewritten.fromCopy).toBe(true);
      expect(ask(rewritten.index)).toEqual([{ name: hikvision.name, designations: [hikvision] }]);
    }
  });

  it('rebuilds when the index head in the copy is damaged', async () => {
    await persistedLookupIndex(store, db);
    const path = persistedIndexPath(db)!;
    const whole = readFileSync(path);
    // The head is the file's last part (lookup-copy.ts's layout); its length follows the version.
    const versionLength = whole.readUInt32BE(0);
    const headAt = whole.length - whole.readUInt32BE(4 + versionLength);
    // One bit of the head, past the v8 serialization header: v8 may well read that without complaint.
    const damaged = Buffer.from(whole);
    damaged[headAt + 64] = damaged[headAt + 64]! ^ 0x01;
    writeFileSync(path, damaged);
    expect((await openLookupIndex(store, db)).fromCopy).toBe(false);
    expect(names(await persistedLookupIndex(store, db), 'Hikvision')).toEqual([{ name: hikvision.name, designations: [hikvision] }]);
    expect((await openLookupIndex(store, db)).fromCopy).toBe(true);
  });

  it('answers from the copy exactly as from a fresh build, over many designations and queries', async () => {
    const many = Array.from({ length: 300 }, (_, i) =>
      makeDesignation({ key: `EL:${i}`, name: `${['Zhejiang', 'Shenzhen', 'Müller', 'Oboronprom', 'Škoda'][i % 5]} ${['Electronics', 'Photonics', 'Trading'][i % 3]} ${i} Co., Ltd.`, list: i % 2 ? 'EL' : 'SDN', aliases: i % 7 ? [] : [`Alias ${i}`] }),
    );
    await store.commitSnapshot(commitOf('csl', '2026-01-02T00:00:00Z', { ...emptyDiff(), added: many }));
    const fresh = await openLookupIndex(store, db);
    expect(fresh.fromCopy).toBe(false);
    await fresh.keep();
    const kept = await openLookupIndex(store, db);
    expect(kept.fromCopy).toBe(true);
    for (const query of ['Zhejiang Electronics 3', 'Muller Trading', 'Skoda Photonics 24', 'Alias 14', 'Hikvision', 'Oboronprom Electronics 18 Co', 'nothing like it']) {
      expect(kept.index.search(query, { limit: 10 })).toEqual(fresh.index.search(query, { limit: 10 }));
    }
  });

  it('reads designations from the copy it opened, even once a newer copy replaced it', async () => {
    await persistedLookupIndex(store, db);
    const path = persistedIndexPath(db)!;
    const old = await persistedLookupIndex(store, db);
    const renamed = makeDesignation({ ...hikvision, name: 'Hangzhou Hikvision Renamed Co., Ltd.' });
    await store.commitSnapshot(commitOf('csl', '2026-01-02T00:00:00Z', { ...emptyDiff(), amended: [{ before: hikvision, after: renamed, fields: [{ field: 'name', before: hikvision.name, after: renamed.name, summary: 'renamed' }] }] }));
    // The newer copy, renamed into place over the one `old` still reads from.
    await persistedLookupIndex(store, db);
    expect(readFileSync(path).includes('Renamed')).toBe(true);
    expect(names(old, 'Hikvision Digital Technology')).toEqual([{ name: hikvision.name, designations: [hikvision] }]);
  });

  it('keeps no copy for an in-memory database', async () => {
    expect(persistedIndexPath(':memory:')).toBeNull();
    const memory = openSqliteStore(':memory:');
    await memory.commitSnapshot(commitOf('csl', '2026-01-01T00:00:00Z', { ...emptyDiff(), added: [dahua] }, { baseline: true }));
    expect(names(await persistedLookupIndex(memory, ':memory:'), 'Dahua')).toEqual([{ name: dahua.name, designations: [dahua] }]);
    await memory.close();
  });
});
