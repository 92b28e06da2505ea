/**
 * A page source through the real feed poll cycle (pollFeed, SQLite, local HTTP server):
 * silent baseline, nothing for reordered rows or new whitespace, one alert per real change,
 * a refusal (state kept) when the selector no longer matches.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentAlert } from '../../../src/core/alert.js';
import { createPageSource } from '../../../src/sources/page/index.js';
import { pollFeed } from '../../../src/worker/poll-feed.js';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { snapshotRoute, startFakeServer, type FakeServer } from '../../helpers/http.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/page/${name}`, import.meta.url), 'utf8');

describe('page source polled', () => {
  let server: FakeServer;
  let t: TestApp;
  const page = snapshotRoute('text/html; charset=utf-8');

  beforeEach(async () => {
    server = await startFakeServer();
    server.route('GET', '/coveredlist', page.handler);
    t = await createTestApp({ CONSOLE_ALERTS: 'off' });
  });

  afterEach(async () => {
    await t.close();
    await server.close();
    expect(server.unexpected).toEqual([]);
  });

  const source = () =>
    createPageSource({ id: 'page:covered', title: 'Example Covered List', url: `${server.url}/coveredlist`, selector: 'main table.covered' });
  const poll = () => pollFeed(source(), t.app.pollDeps);
  const documentAlerts = async () =>
    (await t.app.store.listAlerts(20)).map((r) => r.alert).filter((a): a is DocumentAlert => a.kind === 'document');

  it('baselines silently, ignores reordering and whitespace, alerts once per change', async () => {
    page.serve(fixture('covered-v1.html'));
    expect(await poll()).toEqual({ status: 'baseline', count: 0, unit: 'items' });
    expect(await poll()).toEqual({ status: 'not-modified' });

    page.serve(fixture('covered-v2-reordered.html'));
    expect(await poll()).toEqual({ status: 'items', seen: 0, new: 0, alerts: 0 });

    page.serve(fixture('covered-v3-changed.html'));
    expect(await poll()).toEqual({ status: 'items', seen: 1, new: 1, alerts: 1 });
    const [alert] = await documentAlerts();
    expect(alert).toMatchObject({
      source: 'page:covered',
      title: 'Example Covered List: 1 line added, 1 removed',
      notes: [
        '+ Modules and chipsets produced by Tailspin Semiconductor Corp. | May 9, 2024',
        '- Video surveillance equipment produced by Contoso Vision Ltd. | March 12, 2021',
      ],
    });
    expect(alert?.documents).toEqual([
      {
        title: 'Example Covered List',
        url: `${server.url}/coveredlist`,
        publisher: new URL(server.url).host,
        date: null,
        summary: 'Change 1 to the watched region (“main table.covered”): 1 line added, 1 removed.',
        entities: [],
      },
    ]);

    // The same content served again (no 304) is not a change.
    page.serve(fixture('covered-v3-changed.html'));
    expect(await poll()).toEqual({ status: 'items', seen: 0, new: 0, alerts: 0 });

    // Back to the first text, then forward again: each is news, though the texts were seen before.
    page.serve(fixture('covered-v1.html'));
    expect(await poll()).toMatchObject({ status: 'items', new: 1, alerts: 1 });
    page.serve(fixture('covered-v3-changed.html'));
    expect(await poll()).toMatchObject({ status: 'items', new: 1, alerts: 1 });
    expect((await documentAlerts()).map((a) => a.title)).toEqual([
      'Example Covered List: 1 line added, 1 removed',
      'Example Covered List: 1 line added, 1 removed',
      'Example Covered List: 1 line added, 1 removed',
    ]);
  });

  it('refuses a page whose region is gone, keeping the stored lines', async () => {
    page.serve(fixture('covered-v1.html'));
    await poll();
    const before = await t.app.store.feedState('page:covered');

    page.serve(fixture('covered-redesigned.html'));
    expect(await poll()).toMatchObject({ status: 'refused', code: 'unparseable' });
    expect(await t.app.store.feedState('page:covered')).toBe(before);
    expect(await documentAlerts()).toEqual([]);

    // The region back unchanged: nothing to announce.
    page.serve(fixture('covered-v1.html'));
    expect(await poll()).toEqual({ status: 'items', seen: 0, new: 0, alerts: 0 });
  });
});
