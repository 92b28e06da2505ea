/**
 * An rss source through the real feed poll cycle (pollFeed, SQLite, local HTTP server):
 * silent baseline, one alert per new item, none for reordered or edited items, none after a restart.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRssSource } from '../../../src/sources/rss/index.js';
import { pollFeed } from '../../../src/worker/poll-feed.js';
import { createTestApp, tempDir, type TestApp } from '../../helpers/app.js';
import { snapshotRoute, startFakeServer, type FakeServer } from '../../helpers/http.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/rss/${name}`, import.meta.url), 'utf8');

describe('rss source polled', () => {
  let server: FakeServer;
  let dir: ReturnType<typeof tempDir>;
  let apps: TestApp[];
  const feed = snapshotRoute('application/rss+xml');

  beforeEach(async () => {
    server = await startFakeServer();
    server.route('GET', '/press.xml', feed.handler);
    dir = tempDir();
    apps = [];
  });

  afterEach(async () => {
    for (const app of apps) await app.close();
    await server.close();
    dir.cleanup();
    expect(server.unexpected).toEqual([]);
  });

  async function open(): Promise<{ t: TestApp; poll: () => ReturnType<typeof pollFeed> }> {
    const t = await createTestApp({ CONSOLE_ALERTS: 'off' }, { dir: dir.dir });
    apps.push(t);
    const source = createRssSource({
      id: 'rss:agency-press',
      title: 'Agency press',
      url: `${server.url}/press.xml`,
      include: ['Entity List'],
      exclude: ['conference'],
    });
    return { t, poll: () => pollFeed(source, t.app.pollDeps) };
  }

  it('is silent on the first poll, alerts once per new matching item, and not again after a restart', async () => {
    const first = await open();
    feed.serve(fixture('press-v1.xml'));
    // Only the Entity List release passes the filter: the baseline remembers it, silently.
    expect(await first.poll()).toEqual({ status: 'baseline', count: 1, unit: 'items' });
    expect(await first.poll()).toEqual({ status: 'not-modified' });
    expect(await first.t.app.store.listAlerts(10)).toEqual([]);

    // v2: reordered, the Entity List release edited (same guid), one new release.
    feed.serve(fixture('press-v2.xml'));
    expect(await first.poll()).toEqual({ status: 'items', seen: 2, new: 1, alerts: 1 });
    const alerts = (await first.t.app.store.listAlerts(10)).map((r) => r.alert);
    expect(alerts).toEqual([
      expect.objectContaining({
        kind: 'document',
        source: 'rss:agency-press',
        title: 'Agency press: Agency Revises Entity List Rule (corrected)',
        documents: [
          {
            title: 'Agency Revises Entity List Rule (corrected)',
            url: 'https://agency.example/press/2024-05-09-revision',
            publisher: 'Agency press',
            date: '2024-05-09T15:00:00.000Z',
            summary: 'The agency revised 3 existing entries on the Entity List and removed one.',
            entities: [],
          },
        ],
      }),
    ]);
    await first.t.close();
    apps = [];

    // A new process on the same database: the same feed, served afresh (no 304), alerts nothing.
    const second = await open();
    feed.serve(fixture('press-v2.xml'));
    expect(await second.poll()).toEqual({ status: 'items', seen: 2, new: 0, alerts: 0 });
    expect((await second.t.app.store.listAlerts(10)).length).toBe(1);
    expect(feed.hits.notModified).toBe(1);
  });

  it('records an HTML page as a refused poll, not as an empty feed', async () => {
    const { t, poll } = await open();
    feed.serve(fixture('not-a-feed.html'));
    expect(await poll()).toMatchObject({ status: 'refused', code: 'html' });
    expect((await t.app.store.getSourceState('rss:agency-press'))?.lastError?.code).toBe('html');
  });
});
