/**
 * Store contract: migrations from empty and from every earlier version end in the same schema
 * and keep the rows they found; a newer schema is refused; poll leases exclude a second holder
 * — on every store implementation.
 */
import { expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { makeDesignation } from '../../helpers/designations.js';
import { commitOf, emptyDiff } from '../fixtures.js';
import { describeStores } from './harness.js';

const T0 = '2024-05-01T18:43:00.000Z';

describeStores('migrations', (ctx) => {
  it('numbers the versions 1, 2, … without gaps', () => {
    expect(ctx.h.versions).toEqual(ctx.h.versions.map((_, i) => i + 1));
  });

  it('reaches the same schema from every earlier version as from empty, keeping the rows', async () => {
    const fromEmpty = await ctx.h.schema(ctx.url);
    for (const version of ctx.h.versions.slice(0, -1)) {
      const url = await ctx.h.fresh();
      await ctx.h.migrateTo(url, version);
      // A row every version has: the source state of a poll under the old code.
      await ctx.h.exec(url, "INSERT INTO source_state (source, last_checked_at, consecutive_failures) VALUES ('csl', '2024-01-01T00:00:00.000Z', 2)");
      const store = await ctx.h.open(url);
      try {
        expect({ version, schema: await ctx.h.schema(url) }).toEqual({ version, schema: fromEmpty });
        expect(await store.getSourceState('csl')).toMatchObject({ lastCheckedAt: '2024-01-01T00:00:00.000Z', consecutiveFailures: 2 });
        // And the migrated store works: a snapshot commits.
        await store.commitSnapshot(commitOf('csl', T0, { ...emptyDiff(), added: [makeDesignation({ name: 'Acme', list: 'EL' })] }, { baseline: true }));
        expect((await store.getSourceState('csl'))?.designationCount).toBe(1);
      } finally {
        await store.close();
      }
    }
  });

  it('refuses a database written by a newer schema', async () => {
    const latest = ctx.h.versions.at(-1)!;
    await ctx.h.exec(ctx.url, `INSERT INTO schema_migrations (version, name) VALUES (${latest + 1}, 'future')`);
    const err = await ctx.h.open(ctx.url).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(`database schema version ${latest + 1} is newer than this entitywatch supports (${latest})`);
  });

  it('opens the same database from two instances at once, migrating once', async () => {
    const url = await ctx.h.fresh();
    const [a, b] = await Promise.all([ctx.h.open(url), ctx.h.open(url)]);
    try {
      expect((await ctx.h.query(url, 'SELECT version FROM schema_migrations ORDER BY version')).map((r) => Number(r.version))).toEqual(ctx.h.versions);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describeStores('poll leases', (ctx) => {
  it('lets one holder poll a source at a time, across instances, and frees it after', async () => {
    const other = await ctx.another();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = ctx.store.withPollLease('csl', 'w1', async () => {
      await held;
      return 'polled by w1';
    });
    // While w1 polls, w2 (another instance) is turned away for csl, not for another source.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await other.withPollLease('csl', 'w2', async () => 'polled by w2')).toBeNull();
    expect(await other.withPollLease('ofac-sdn', 'w2', async () => 'other source')).toEqual({ value: 'other source' });
    release();
    expect(await first).toEqual({ value: 'polled by w1' });
    expect(await other.withPollLease('csl', 'w2', async () => 'polled by w2')).toEqual({ value: 'polled by w2' });
  });

  it('holds many sources at once, each poll free to use the store meanwhile', async () => {
    const sources = Array.from({ length: 15 }, (_, i) => `rss:feed-${i}`);
    const results = await Promise.all(
      sources.map((source) => ctx.store.withPollLease(source, 'w1', async () => (await ctx.store.recordFailure(source, { at: T0, code: 'unavailable', message: 'x' })).source)),
    );
    expect(results).toEqual(sources.map((value) => ({ value })));
  });

  it('frees the lease when the poll throws', async () => {
    await expect(ctx.store.withPollLease('csl', 'w1', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await (await ctx.another()).withPollLease('csl', 'w2', async () => 1)).toEqual({ value: 1 });
  });
});
