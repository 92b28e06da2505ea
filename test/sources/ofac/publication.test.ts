/**
 * OFAC's Sanctions List Service publication check, through the real poll cycle against a local
 * stand-in that serves `/changes/history/{year}` (own fixture, the service's JSON shape) and the
 * legacy CSV exports: files are downloaded only for a new publication, and the alert says which.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DesignationsAlert } from '../../../src/core/alert.js';
import { decodeValidators, encodeValidators, newestPublication } from '../../../src/sources/ofac-common/publication.js';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { snapshotRoute, startFakeServer, type FakeServer } from '../../helpers/http.js';
import { refusalOf } from '../../helpers/refusal.js';
import { fixture, SDN_DIR } from './helpers.js';

const HISTORY = readFileSync(new URL('../../fixtures/ofac-sls/history-2024.json', import.meta.url), 'utf8');
const NOW = () => new Date('2024-05-02T12:00:00Z');

describe('newestPublication', () => {
  it('takes the newest publication of the history by date', () => {
    expect(newestPublication(HISTORY)).toEqual({ publicationID: '9107', datePublished: '2024-05-01T10:32:12.447' });
    expect(newestPublication('[]')).toBeNull();
  });

  it('refuses another shape, naming the field', () => {
    expect(refusalOf(() => newestPublication('[{"publicationID": 1}]'))).toEqual(['unparseable', 'OFAC publication history: 0.datePublished: Invalid input: expected string, received undefined']);
    expect(refusalOf(() => newestPublication('<html>'))?.[0]).toBe('unparseable');
  });

  it('keeps the publication id beside the file’s own validators, and reads old validators as before', () => {
    const stored = encodeValidators('9107', { etag: 'W/"abc"', lastModified: 'Wed, 01 May 2024 14:00:00 GMT' });
    expect(stored).toEqual({ etag: 'sls-publication=9107; W/"abc"', lastModified: 'Wed, 01 May 2024 14:00:00 GMT' });
    expect(decodeValidators(stored)).toEqual({ publication: '9107', file: { etag: 'W/"abc"', lastModified: 'Wed, 01 May 2024 14:00:00 GMT' } });
    expect(decodeValidators({ etag: '"v1"', lastModified: null })).toEqual({ publication: null, file: { etag: '"v1"', lastModified: null } });
  });
});

describe('ofac-sdn with the publication check', () => {
  let sls: FakeServer;
  let t: TestApp;
  let history: ReturnType<typeof snapshotRoute>;
  let sdn: ReturnType<typeof snapshotRoute>;

  beforeEach(async () => {
    sls = await startFakeServer();
    history = snapshotRoute();
    sdn = snapshotRoute('text/csv');
    sls.route('GET', '/changes/history/2024', history.handler);
    sls.route('GET', '/exports/SDN.CSV', sdn.handler);
    for (const name of ['ADD.CSV', 'ALT.CSV', 'SDN_COMMENTS.CSV']) {
      sls.route('GET', `/exports/${name}`, (_req, res) => void res.writeHead(200, { 'content-type': 'text/csv' }).end(fixture(SDN_DIR, name)));
    }
    t = await createTestApp({ ENABLED_SOURCES: 'ofac-sdn', OFAC_API_URL: `${sls.url}/exports`, OFAC_SLS_URL: sls.url, CONSOLE_ALERTS: 'off' }, { now: NOW });
  });
  afterEach(async () => {
    expect(sls.unexpected).toEqual([]);
    await t.close();
    await sls.close();
  });

  const paths = () => sls.requests.map((r) => r.path);
  const poll = async () => (await t.app.pollAll())[0]!.outcome;

  it('downloads only for a new publication, and names it in the alert', async () => {
    const older = JSON.stringify(JSON.parse(HISTORY).slice(0, 1));
    history.serve(older);
    sdn.serve(fixture(SDN_DIR, 'SDN.CSV'));
    expect(await poll()).toMatchObject({ status: 'baseline' });
    expect(paths()).toEqual(['/changes/history/2024', '/exports/SDN.CSV', '/exports/ADD.CSV', '/exports/ALT.CSV', '/exports/SDN_COMMENTS.CSV']);

    // Same publication: one request, no file downloaded.
    sls.requests.length = 0;
    expect(await poll()).toEqual({ status: 'not-modified' });
    expect(paths()).toEqual(['/changes/history/2024']);

    // A new publication with a new entry.
    sls.requests.length = 0;
    history.serve(HISTORY);
    // The fixture ends with DOS's EOF byte (0x1A), as OFAC's files do: the new row goes before it.
    const base = fixture(SDN_DIR, 'SDN.CSV');
    sdn.serve(Buffer.concat([base.subarray(0, base.lastIndexOf(0x1a)), Buffer.from('109,"NEW EXAMPLE SHIPPING LLC",-0- ,"IRAN",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\x1a')]));
    expect(await poll()).toMatchObject({ status: 'changed', added: 1 });
    expect(paths()[0]).toBe('/changes/history/2024');
    const [alert] = (await t.app.store.listAlerts(5)).map((r) => r.alert).filter((a): a is DesignationsAlert => a.kind === 'designations');
    expect(alert?.notes).toEqual(['OFAC publication 9107 of 2024-05-01 10:32 (Sanctions List Service)']);
    expect((await t.app.store.getSourceState('ofac-sdn'))?.etag).toMatch(/^sls-publication=9107; /);
  });

  it('falls back to the conditional download when the service is down, and says so in the log', async () => {
    history.serve(HISTORY);
    sdn.serve(fixture(SDN_DIR, 'SDN.CSV'));
    await poll();
    sls.route('GET', '/changes/history/2024', (_req, res) => void res.writeHead(503, { 'content-type': 'text/plain' }).end('down'));
    sls.route('GET', '/changes/history/2023', (_req, res) => void res.writeHead(503, { 'content-type': 'text/plain' }).end('down'));
    sls.requests.length = 0;
    expect(await poll()).toEqual({ status: 'not-modified' });
    // The CSV was asked with its own ETag (304), not with the encoded validator.
    const csv = sls.requests.find((r) => r.path === '/exports/SDN.CSV');
    expect(csv?.headers['if-none-match']).not.toMatch(/sls-publication/);
    expect(csv?.headers['if-none-match']).toBeTruthy();
  });
});
