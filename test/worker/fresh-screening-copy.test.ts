/**
 * A fresh process (a new app on a SQLite file, as `entitywatch ingest` or a cron `poll` is)
 * screening a change with the designation index from the copy beside the database
 * (src/worker/lookup-index.ts, lookup-copy.ts): pinned before the change's commit, read and
 * brought up to date after it. Its hits must be those of a process that builds the index from
 * the store — and a stale or damaged copy must be ignored.
 */
import { copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createApp, type App } from '../../src/index.js';
import { silentLogger } from '../../src/log.js';
import { createCslSource } from '../../src/sources/csl/index.js';
import { counterpartyCopyPath } from '../../src/worker/counterparty-copy.js';
import { keepLookupCopy } from '../../src/cli/commands/poll.js';
import { MatchIndex } from '../../src/core/match/engine.js';
import { openLookupIndex, persistedIndexPath } from '../../src/worker/lookup-copy.js';
import { pollSource } from '../../src/worker/poll.js';
import { warmScreening } from '../../src/worker/watchlist-hits.js';
import { cslJson, manyRows, type CslRowSpec } from '../helpers/csl.js';
import { tempDir } from '../store/fixtures.js';

const BASE: CslRowSpec[] = [
  { name: 'Alpha Quantum Co., Ltd.', address: '1 Qubit Road', city: 'Hefei', id: 'a' },
  { name: 'Beta Photonics Institute', address: '2 Laser Street', city: 'Wuhan', id: 'b' },
  { name: 'Lattice Qubit Technologies Co., Ltd.', address: '7 Spin Road', city: 'Hefei', id: 'l', aliases: ['LQT'] },
  ...manyRows(60).map((row, i) => ({ ...row, id: `m${i}` })),
];
/** Additions (one an alias-heavy near-twin of a listed party) and an amendment that changes a field. */
const CHANGED: CslRowSpec[] = [
  ...BASE.map((row) => (row.id === 'b' ? { ...row, address: '9 New Campus Road', aliases: ['Beta Photonics Research'] } : row)),
  { name: 'Gamma Sensing Ltd.', address: '3 Camera Lane', city: 'Hangzhou', id: 'g' },
  { name: 'Lattice Qubit Technology Group', address: '8 Spin Road', city: 'Hefei', id: 'l2', aliases: ['Lattice Group'] },
  { name: 'Example Company 0007 Holdings Co., Ltd.', address: '70 Example Road', id: 'e7' },
];
const COUNTERPARTIES = [
  { name: 'Gamma Sensing', country: null, reference: 'C-1' },
  { name: 'Lattice Qubit Technologies', country: 'CN', reference: 'C-2' },
  { name: 'Beta Photonics Research', country: null, reference: 'C-3' },
  { name: 'Example Company 0007', country: null, reference: 'C-4' },
  { name: 'Unrelated Textiles GmbH', country: 'DE', reference: 'C-5' },
  { name: 'Zorvantix Trading', country: null, reference: 'C-6' },
];

function openApp(db: string): Promise<App> {
  return createApp(loadConfig({ ENTITYWATCH_DB: db, CONSOLE_ALERTS: 'off', LOG_LEVEL: 'silent' }), { stdout: process.stdout, log: silentLogger() });
}

describe('a fresh process screening from the kept index copy', () => {
  let temp: ReturnType<typeof tempDir>;
  let base: string;
  let changed: string;

  beforeEach(async () => {
    temp = tempDir();
    base = join(temp.dir, 'base.db');
    const baseline = join(temp.dir, 'baseline.json');
    changed = join(temp.dir, 'changed.json');
    writeFileSync(baseline, cslJson(BASE));
    writeFileSync(changed, cslJson(CHANGED));
    const app = await openApp(base);
    await pollSource(createCslSource({ url: baseline }), app.pollDeps);
    await app.store.importWatchlist('customers', COUNTERPARTIES, 'cli:test', '2026-12-01T00:00:00.000Z');
    await app.lookupIndex();
    // As an earlier `lookup` or screening process leaves it: the copy of the state before the change.
    expect(await app.lookupIndex.keep()).toBe(true);
    await app.close();
  });
  afterEach(() => temp.cleanup());

  /** The db (and its counterparty copy) as a new file; with `withCopy`, the designation index copy too (damaged by `damage`). */
  function prepare(name: string, withCopy: boolean, damage?: (bytes: Buffer) => void): string {
    const db = join(temp.dir, `${name}.db`);
    copyFileSync(base, db);
    if (existsSync(counterpartyCopyPath(base)!)) copyFileSync(counterpartyCopyPath(base)!, counterpartyCopyPath(db)!);
    if (withCopy) {
      const bytes = readFileSync(persistedIndexPath(base)!);
      damage?.(bytes);
      writeFileSync(persistedIndexPath(db)!, bytes);
    }
    return db;
  }

  /** Ingest the change in a fresh app: its outcome, watchlist hits, whether it built the index from the store, and whether it kept the copy. */
  async function ingest(db: string, before?: (app: App) => Promise<void>) {
    const app = await openApp(db);
    try {
      await before?.(app);
      const read = vi.spyOn(app.store, 'allCurrentDesignations');
      const outcome = await pollSource(createCslSource({ url: changed }), app.pollDeps);
      const built = read.mock.calls.length > 0;
      const records = await app.store.listAlerts(20);
      const hit = records.map((r) => r.alert).find((a) => a.kind === 'watchlist-hit');
      const kept = await app.lookupIndex.keep();
      return { outcome, hits: hit?.kind === 'watchlist-hit' ? hit.hits : null, notes: hit?.notes, built, kept, kinds: records.map((r) => r.alert.kind).sort() };
    } finally {
      await app.close();
    }
  }

  it('gives the hits of a process that builds the index from the store, without reading every designation', async () => {
    const fromStore = await ingest(prepare('built', false));
    const fromCopy = await ingest(prepare('copied', true));
    expect(fromStore.built).toBe(true);
    expect(fromCopy.built).toBe(false);
    expect(fromStore.outcome).toMatchObject({ status: 'changed', added: 3, amended: 1 });
    expect(fromCopy.outcome).toEqual(fromStore.outcome);
    // Hits of the added and amended designations: only in the change, not in the copy.
    const names = (fromStore.hits ?? []).map((h) => h.counterparty).sort();
    expect(names).toEqual(expect.arrayContaining(['Beta Photonics Research', 'Gamma Sensing']));
    expect(fromCopy.hits).toEqual(fromStore.hits);
    expect(fromCopy.notes).toEqual(fromStore.notes);
    expect(fromCopy.kinds).toEqual(fromStore.kinds);
    // Both keep the updated copy: the next `lookup` reads it as current, and it answers as a build does.
    expect(fromStore.kept && fromCopy.kept).toBe(true);
    const copied = await openApp(join(temp.dir, 'copied.db'));
    const rebuilt = await openApp(join(temp.dir, 'built.db'));
    try {
      const opened = await openLookupIndex(copied.store, join(temp.dir, 'copied.db'));
      expect(opened.fromCopy).toBe(true);
      const fresh = await openLookupIndex(rebuilt.store, join(temp.dir, 'built.db'), { ignoreCopy: true });
      for (const q of ['Gamma Sensing', 'Lattice Qubit', 'Beta Photonics Research', 'Example Company 0007', 'Alpha Quantum']) {
        expect(opened.index.search(q)).toEqual(fresh.index.search(q));
      }
    } finally {
      await copied.close();
      await rebuilt.close();
    }
  });

  it('writes no copy for a change it did not screen from a held index, and a next fresh process screens from the kept one', async () => {
    const db = prepare('twice', false);
    const first = await ingest(db);
    expect(first.built && first.kept).toBe(true);
    const stamp = statSync(persistedIndexPath(db)!).mtimeMs;
    // Same body again: unchanged, nothing screened, the copy is current and left alone.
    const again = await ingest(db);
    expect(['unchanged', 'not-modified']).toContain(again.outcome.status);
    expect(again.kept).toBe(false);
    expect(statSync(persistedIndexPath(db)!).mtimeMs).toBe(stamp);
  });

  it("keeps a screening's typo neighbour lists in the copy; the next process starts from them and finds what a build finds", async () => {
    const db = prepare('seeded', true);
    const first = await openApp(db);
    try {
      await pollSource(createCslSource({ url: changed }), first.pollDeps);
      // Every counterparty spelling's lists worked out (the change reached only some), then kept
      // as `ingest` keeps them once alerts are delivered (src/cli/commands/poll.ts).
      await warmScreening(first.pollDeps);
      await keepLookupCopy(first);
    } finally {
      await first.close();
    }
    // A second change: a designation one letter from a counterparty word no list held before.
    const next = join(temp.dir, 'next.json');
    writeFileSync(next, cslJson([...CHANGED, { name: 'Zorvantex Trading Ltd', address: '5 Harbour Road', id: 'z' }]));
    const unseeded = join(temp.dir, 'unseeded.db');
    copyFileSync(db, unseeded);
    copyFileSync(counterpartyCopyPath(db)!, counterpartyCopyPath(unseeded)!);
    const adopted = vi.spyOn(MatchIndex.prototype, 'adoptNeighbours');
    const second = async (file: string): Promise<unknown> => {
      const app = await openApp(file);
      try {
        const earlier = new Set((await app.store.listAlerts(50)).map((r) => r.alert.id));
        expect(await pollSource(createCslSource({ url: next }), app.pollDeps)).toMatchObject({ status: 'changed', added: 1 });
        // This change's hit alert only (the first change's is there too).
        const hit = (await app.store.listAlerts(50)).map((r) => r.alert).find((a) => a.kind === 'watchlist-hit' && !earlier.has(a.id));
        return hit?.kind === 'watchlist-hit' ? hit.hits : null;
      } finally {
        await app.close();
      }
    };
    const fromSeed = await second(db);
    expect(adopted).toHaveBeenCalledTimes(1);
    adopted.mockRestore();
    const fromStore = await second(unseeded);
    expect(fromSeed).toEqual(fromStore);
    expect(fromSeed).toEqual([expect.objectContaining({ counterparty: 'Zorvantix Trading' })]);
  });

  it('ignores a stale copy: builds from the store, same hits', async () => {
    const reference = await ingest(prepare('built', false));
    // The copy beside this db is of an older state: another snapshot was accepted after it was written.
    const db = prepare('stale', true);
    const other = join(temp.dir, 'other.json');
    writeFileSync(other, cslJson(BASE.filter((row) => row.id !== 'm3')));
    const stale = await ingest(db, async (app) => {
      const outcome = await pollSource(createCslSource({ url: other }), app.pollDeps);
      expect(['changed', 'unchanged']).toContain(outcome.status);
    });
    expect(stale.built).toBe(true);
    expect(stale.hits).toEqual(reference.hits);
    expect(stale.kept).toBe(true);
  });

  it('ignores a copy damaged in its designations (found when it is read, after the commit): builds from the store, same hits', async () => {
    const reference = await ingest(prepare('built', false));
    const damaged = await ingest(
      prepare('damaged', true, (bytes) => {
        // Inside the designations' JSON (just before the head, the file's last part), which only a full read checks.
        const at = bytes.length - bytes.readUInt32BE(4 + bytes.readUInt32BE(0)) - 2;
        bytes[at] = bytes[at]! ^ 0x20;
      }),
    );
    expect(damaged.built).toBe(true);
    expect(damaged.hits).toEqual(reference.hits);
    expect(damaged.outcome).toEqual(reference.outcome);
    // And the copy is replaced by a sound one.
    expect(damaged.kept).toBe(true);
    const again = await openApp(join(temp.dir, 'damaged.db'));
    try {
      expect((await openLookupIndex(again.store, join(temp.dir, 'damaged.db'))).fromCopy).toBe(true);
    } finally {
      await again.close();
    }
  });

  it('ignores a copy whose head is damaged (found when it is pinned or read): builds from the store, same hits', async () => {
    const reference = await ingest(prepare('built', false));
    const damaged = await ingest(
      prepare('head', true, (bytes) => {
        const at = bytes.length - bytes.readUInt32BE(4 + bytes.readUInt32BE(0)) + 20;
        bytes[at] = bytes[at]! ^ 0xff;
      }),
    );
    expect(damaged.built).toBe(true);
    expect(damaged.hits).toEqual(reference.hits);
  });
});
