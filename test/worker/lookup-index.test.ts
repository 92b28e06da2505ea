/**
 * The process's shared designation index with a copy beside a SQLite file
 * (src/worker/lookup-index.ts): pinned, never built, by `restore()`; read at first use; written
 * by `keep()` only while it is up to date with a store that did not move; let go when another
 * process's commit moved a source it was not told of.
 */
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLookupIndex } from '../../src/worker/lookup-index.js';
import { persistedIndexPath } from '../../src/worker/lookup-copy.js';
import { openSqliteStore } from '../../store/sqlite/index.js';
import type { Store } from '../../store/types.js';
import { makeDesignation } from '../helpers/designations.js';
import { commitOf, emptyDiff, tempDir } from '../store/fixtures.js';

const hikvision = makeDesignation({ key: 'EL:hik', name: 'Hangzhou Hikvision Digital Technology Co., Ltd.', list: 'EL' });
const dahua = makeDesignation({ key: 'EL:dahua', name: 'Zhejiang Dahua Technology Co., Ltd.', list: 'EL' });
const orlov = makeDesignation({ key: 'SDN:1', name: 'Orlov Trading LLC', list: 'SDN' });
const megvii = makeDesignation({ key: 'EL:megvii', name: 'Beijing Megvii Technology Co., Ltd.', list: 'EL' });

describe('createLookupIndex with a copy', () => {
  let temp: ReturnType<typeof tempDir>;
  let db: string;
  let copy: string;
  let store: Store;
  beforeEach(async () => {
    temp = tempDir();
    db = join(temp.dir, 'e.db');
    copy = persistedIndexPath(db)!;
    store = openSqliteStore(db);
    await store.commitSnapshot(commitOf('csl', '2026-01-01T00:00:00Z', { ...emptyDiff(), added: [hikvision] }, { baseline: true }));
    await store.commitSnapshot(commitOf('ofac', '2026-01-01T00:00:00Z', { ...emptyDiff(), added: [orlov] }, { baseline: true }));
  });
  afterEach(async () => {
    await store.close();
    temp.cleanup();
  });

  async function writeCopy(): Promise<void> {
    const shared = createLookupIndex(store, undefined, copy);
    await shared();
    expect(await shared.keep()).toBe(true);
  }

  it('restore() never builds: false without a current copy, and a pinned copy is read at first use', async () => {
    const read = vi.spyOn(store, 'allCurrentDesignations');
    expect(await createLookupIndex(store, undefined, copy).restore()).toBe(false);
    expect(read).not.toHaveBeenCalled();
    await writeCopy();
    read.mockClear();
    const shared = createLookupIndex(store, undefined, copy);
    expect(await shared.restore()).toBe(true);
    // Another process replaces the copy (renamed over it): the pinned file is the one read.
    writeFileSync(`${copy}.other`, 'not a copy');
    renameSync(`${copy}.other`, copy);
    const index = await shared();
    expect(read).not.toHaveBeenCalled();
    expect(index.search('Hikvision')[0]?.name).toBe(hikvision.name);
    // The index is the pinned copy's: nothing to write.
    expect(await shared.keep()).toBe(false);
  });

  it('shares one build among concurrent callers, and keep() writes nothing once the copy holds the index', async () => {
    const read = vi.spyOn(store, 'allCurrentDesignations');
    const shared = createLookupIndex(store, undefined, copy);
    const [a, b] = await Promise.all([shared(), shared()]);
    expect(a).toBe(b);
    expect(read).toHaveBeenCalledTimes(1);
    expect(await shared.keep()).toBe(true);
    expect(await shared.keep()).toBe(false);
  });

  it('keep() writes nothing when the store moved since the index was brought up to date', async () => {
    const shared = createLookupIndex(store, undefined, copy);
    await shared();
    // Another process commits a change the index was not told of.
    const other = openSqliteStore(db);
    await other.commitSnapshot(commitOf('csl', '2026-01-02T00:00:00Z', { ...emptyDiff(), added: [dahua] }));
    await other.close();
    expect(await shared.keep()).toBe(false);
    expect(existsSync(copy)).toBe(false);
  });

  it('applies its own commit, but lets the index go when another source moved meanwhile', async () => {
    const shared = createLookupIndex(store, undefined, copy);
    await shared();
    const read = vi.spyOn(store, 'allCurrentDesignations');
    const ours = { ...emptyDiff(), added: [dahua] };
    await store.commitSnapshot(commitOf('csl', '2026-01-02T00:00:00Z', ours));
    await shared.applyChange('csl', ours);
    expect(read).not.toHaveBeenCalled();
    expect((await shared()).search('Dahua')[0]?.name).toBe(dahua.name);

    // Our commit, and another process's commit of another source before we applied ours.
    const next = { ...emptyDiff(), added: [megvii] };
    await store.commitSnapshot(commitOf('csl', '2026-01-03T00:00:00Z', next));
    const other = openSqliteStore(db);
    await other.commitSnapshot(commitOf('ofac', '2026-01-03T00:00:00Z', { ...emptyDiff(), removed: [orlov] }));
    await other.close();
    await shared.applyChange('csl', next);
    const index = await shared();
    expect(read).toHaveBeenCalledTimes(1);
    expect(index.search('Megvii')[0]?.name).toBe(megvii.name);
    expect(index.search('Orlov Trading')).toEqual([]);
  });
});
