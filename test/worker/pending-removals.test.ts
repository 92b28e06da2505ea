/**
 * Removals wait for a second download, and that wait survives a restart: a real app on a real
 * SQLite file polls a local trade.gov stand-in, is closed and opened again between polls, and
 * each removal is announced exactly once — or never, when the row comes back.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildSnapshotSource } from '../../src/sources/registry.js';
import { pollSource, type PollOutcome } from '../../src/worker/poll.js';
import { createTestApp, tempDir } from '../helpers/app.js';
import { cslJson, manyRows } from '../helpers/csl.js';
import { snapshotRoute, startFakeServer, type FakeServer } from '../helpers/http.js';

const base = manyRows(40);
const without = (...names: string[]) => base.filter((row) => !names.includes(row.name));
const gone = ['Example Company 0010 Co., Ltd.', 'Example Company 0020 Co., Ltd.'];

describe('pending removals across restarts', () => {
  let server: FakeServer;
  let route: ReturnType<typeof snapshotRoute>;
  let dir: ReturnType<typeof tempDir>;

  beforeEach(async () => {
    server = await startFakeServer();
    route = snapshotRoute();
    server.route('GET', '/consolidated.json', route.handler);
    dir = tempDir();
  });
  afterEach(async () => {
    expect(server.unexpected).toEqual([]);
    await server.close();
    dir.cleanup();
  });

  /** One poll by a freshly started app on the same database file; returns the outcome and the designation alerts so far. */
  async function pollAfterRestart(): Promise<{ outcome: PollOutcome; titles: string[] }> {
    const t = await createTestApp({ CSL_URL: `${server.url}/consolidated.json` }, { dir: dir.dir });
    try {
      const outcome = await pollSource(buildSnapshotSource('csl', t.app.config), t.app.pollDeps);
      const titles = (await t.app.store.listAlerts(20)).filter((r) => r.alert.kind === 'designations').map((r) => r.alert.title);
      return { outcome, titles };
    } finally {
      await t.close();
    }
  }

  it('announces a removal once, after the next download agrees, though the process restarted in between', async () => {
    route.serve(cslJson(base));
    expect((await pollAfterRestart()).outcome).toEqual({ status: 'baseline', count: 40 });
    route.serve(cslJson(without(...gone)));
    expect(await pollAfterRestart()).toEqual({ outcome: { status: 'unchanged', pendingRemovals: 2 }, titles: [] });
    // Same content again (a fresh download: no If-None-Match while removals are pending).
    expect(await pollAfterRestart()).toEqual({
      outcome: { status: 'changed', count: 38, added: 0, removed: 2, amended: 0, alerts: 1 },
      titles: ['Entity List — 2 removals'],
    });
    expect(route.hits).toEqual({ full: 3, notModified: 0 });
    // Nothing pending any more: conditional requests again, and nothing announced twice.
    expect(await pollAfterRestart()).toEqual({ outcome: { status: 'not-modified' }, titles: ['Entity List — 2 removals'] });
  });

  it('drops a pending removal whose row comes back, without a word', async () => {
    route.serve(cslJson(base));
    await pollAfterRestart();
    route.serve(cslJson(without(...gone)));
    expect((await pollAfterRestart()).outcome).toEqual({ status: 'unchanged', pendingRemovals: 2 });
    route.serve(cslJson(without(gone[0]!)));
    // One came back (nothing), one is still missing (confirmed).
    expect(await pollAfterRestart()).toEqual({
      outcome: { status: 'changed', count: 39, added: 0, removed: 1, amended: 0, alerts: 1 },
      titles: ['Entity List — 1 removal'],
    });
    route.serve(cslJson(base));
    expect(await pollAfterRestart()).toEqual({
      outcome: { status: 'changed', count: 40, added: 1, removed: 0, amended: 0, alerts: 1 },
      titles: ['Entity List — 1 addition', 'Entity List — 1 removal'],
    });
  });

  it('confirms a mass removal accepted with allowMassRemoval at the next ordinary poll, not refusing it again', async () => {
    route.serve(cslJson(base));
    await pollAfterRestart();
    route.serve(cslJson(base.slice(0, 20)));
    const t = await createTestApp({ CSL_URL: `${server.url}/consolidated.json` }, { dir: dir.dir });
    try {
      const csl = buildSnapshotSource('csl', t.app.config);
      expect(await pollSource(csl, t.app.pollDeps)).toMatchObject({ status: 'refused', code: 'mass-removal' });
      expect(await pollSource(csl, t.app.pollDeps, { allowMassRemoval: true })).toEqual({ status: 'unchanged', pendingRemovals: 20, suspectedCutOff: true });
    } finally {
      await t.close();
    }
    // A later, different file that still lacks them confirms them (a suspected cut-off needs new bytes).
    route.serve(cslJson(base.slice(0, 20)));
    expect(await pollAfterRestart()).toEqual({
      outcome: { status: 'changed', count: 20, added: 0, removed: 20, amended: 0, alerts: 1 },
      titles: ['Entity List — 20 removals'],
    });
  });
});
