/**
 * The eCFR source against a local stand-in for the versioner API: titles.json first, then the
 * part for Title 15's up_to_date_as_of, and no part download while that date stays put.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/log.js';
import { createEcfrEntityListSource, dateValidator } from '../../../src/sources/ecfr-entity-list/index.js';
import type { FetchResult, Validators } from '../../../src/sources/types.js';
import { buildSnapshotSource } from '../../../src/sources/registry.js';
import { download } from '../../../src/worker/http.js';
import { pollSource } from '../../../src/worker/poll.js';
import { createTestApp } from '../../helpers/app.js';
import { startFakeServer, type FakeServer } from '../../helpers/http.js';

const part744 = readFileSync(new URL('../../fixtures/ecfr-entity-list/part744.xml', import.meta.url));

function titles(date: string | null): string {
  return JSON.stringify({
    titles: [
      { number: 14, name: 'Aeronautics and Space', latest_amended_on: '2024-04-30', latest_issue_date: '2024-04-30', up_to_date_as_of: '2024-05-02', reserved: false },
      { number: 15, name: 'Commerce and Foreign Trade', latest_amended_on: '2024-04-29', latest_issue_date: '2024-04-29', up_to_date_as_of: date, reserved: false },
    ],
    meta: { date: '2024-05-03', import_in_progress: false },
  });
}

describe('ecfr-entity-list against a versioner stand-in', () => {
  let server: FakeServer;
  let date: string | null = '2024-05-01';

  beforeEach(async () => {
    server = await startFakeServer();
    server.route('GET', '/api/versioner/v1/titles.json', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(titles(date));
    });
    for (const day of ['2024-05-01', '2024-05-02']) {
      server.route('GET', `/api/versioner/v1/full/${day}/title-15.xml`, (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/xml' }).end(part744);
      });
    }
  });
  afterEach(async () => {
    expect(server.unexpected).toEqual([]);
    await server.close();
  });

  async function fetchWith(validators: Validators | null): Promise<FetchResult> {
    const source = createEcfrEntityListSource({ baseUrl: `${server.url}/` });
    return source.fetch({ download: (location, given) => download(location, given, { timeoutMs: 5000, userAgent: 'test' }), validators, log: silentLogger() });
  }

  it('reads titles.json, then downloads part 744 for Title 15 up_to_date_as_of, keeping that date as validator', async () => {
    date = '2024-05-01';
    const result = await fetchWith(null);
    expect(server.requests.map((r) => r.path)).toEqual([
      '/api/versioner/v1/titles.json',
      '/api/versioner/v1/full/2024-05-01/title-15.xml?part=744',
    ]);
    expect(result.status === 'fetched' ? result.validators : null).toEqual({ etag: 'ecfr-title-15:2024-05-01', lastModified: null });
    expect(result.status === 'fetched' ? createEcfrEntityListSource().parse(result.body) : []).toHaveLength(8);
  });

  it('skips the part download while the date has not moved, and downloads again once it does', async () => {
    date = '2024-05-01';
    expect(await fetchWith({ etag: dateValidator('2024-05-01'), lastModified: null })).toEqual({ status: 'not-modified' });
    expect(server.requests.map((r) => r.path)).toEqual(['/api/versioner/v1/titles.json']);
    date = '2024-05-02';
    const moved = await fetchWith({ etag: dateValidator('2024-05-01'), lastModified: null });
    expect(moved.status).toBe('fetched');
    expect(server.requests.map((r) => r.path).slice(1)).toEqual([
      '/api/versioner/v1/titles.json',
      '/api/versioner/v1/full/2024-05-02/title-15.xml?part=744',
    ]);
  });

  it('refuses a titles.json without a date for Title 15 in one line, downloading nothing else', async () => {
    date = null;
    await expect(fetchWith(null)).rejects.toMatchObject({
      code: 'unparseable',
      message: 'the eCFR titles.json gives no up_to_date_as_of for Title 15',
    });
    expect(server.requests).toHaveLength(1);
  });

  it('through the poll path: a baseline, then one titles.json request per poll while the date stays', async () => {
    date = '2024-05-01';
    const t = await createTestApp({ ECFR_API_URL: server.url });
    try {
      const poll = () => pollSource(buildSnapshotSource('ecfr-entity-list', t.app.config), t.app.pollDeps);
      expect(await poll()).toEqual({ status: 'baseline', count: 8 });
      expect(await poll()).toEqual({ status: 'not-modified' });
      date = '2024-05-02';
      expect(await poll()).toEqual({ status: 'unchanged' });
      expect(server.requests.map((r) => r.path)).toEqual([
        '/api/versioner/v1/titles.json',
        '/api/versioner/v1/full/2024-05-01/title-15.xml?part=744',
        '/api/versioner/v1/titles.json',
        '/api/versioner/v1/titles.json',
        '/api/versioner/v1/full/2024-05-02/title-15.xml?part=744',
      ]);
    } finally {
      await t.close();
    }
  });
});
