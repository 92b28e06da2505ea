import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cslJson, manyRows, SOURCES, type CslRowSpec } from '../helpers/csl.js';
import { startCslStandIn, type CslStandIn, type TestApp } from '../helpers/app.js';
import type { FakeServer } from '../helpers/http.js';

const base: CslRowSpec[] = [
  { name: 'Alpha Quantum Co., Ltd.', address: '1 Qubit Road', city: 'Hefei' },
  { name: 'Beta Photonics Institute', address: '2 Laser Street', city: 'Wuhan' },
  { name: 'ORLOV TRADING LLC', source: SOURCES.SDN, entityNumber: '90001', address: 'Ulitsa 5', country: 'RU' },
  ...manyRows(40),
];

describe('poll cycle against a local trade.gov stand-in', () => {
  let standIn: CslStandIn;
  let server: FakeServer;
  let route: CslStandIn['route'];
  let t: TestApp;

  beforeEach(async () => {
    standIn = await startCslStandIn({ CONSOLE_ALERTS: 'on' });
    ({ server, route, t } = standIn);
  });
  afterEach(() => standIn.close());

  const poll = () => standIn.poll();

  it('stores the first snapshot as a silent baseline, then costs one request when unchanged (304)', async () => {
    route.serve(cslJson(base));
    expect(await poll()).toEqual({ status: 'baseline', count: base.length });
    expect(await t.app.store.listAlerts(10)).toEqual([]);
    expect(await poll()).toEqual({ status: 'not-modified' });
    expect(route.hits).toEqual({ full: 1, notModified: 1 });
    expect(server.requests[1]?.headers['if-none-match']).toBe('"v1"');
    expect(server.unexpected).toEqual([]);
  });

  it('announces additions, removals and amendments as one alert per list and delivers them once', async () => {
    route.serve(cslJson(base));
    await poll();
    const next = base
      .filter((row) => row.name !== 'Beta Photonics Institute')
      .map((row) => (row.name === 'Alpha Quantum Co., Ltd.' ? { ...row, address: '9 New Campus Road' } : row));
    next.push({ name: 'Gamma Sensing Ltd.', address: '3 Camera Lane', city: 'Hangzhou', citation: '89 FR 12345' });
    next.push({ name: 'Delta Microwave Co.', address: '4 Radar Road', city: 'Chengdu', citation: '89 FR 12345' });
    route.serve(cslJson(next));
    const outcome = await poll();
    // The removal waits for the next download to agree (core/removals.ts); the rest goes out now.
    expect(outcome).toEqual({ status: 'changed', count: next.length, added: 2, removed: 0, amended: 1, alerts: 1, pendingRemovals: 1 });

    const [record] = await t.app.store.listAlerts(10);
    expect(record?.alert.kind).toBe('designations');
    if (record?.alert.kind !== 'designations') throw new Error('unreachable');
    expect(record.alert.title).toBe('Entity List — 2 additions, 1 amendment');
    expect(record.alert.changes.map((c) => `${c.kind} ${c.kind === 'removed' ? c.before.name : c.after.name}`).sort()).toEqual([
      'added Delta Microwave Co.',
      'added Gamma Sensing Ltd.',
      'amended Alpha Quantum Co., Ltd.',
    ]);
    const amended = record.alert.changes.find((c) => c.kind === 'amended');
    expect(amended?.kind === 'amended' && amended.fields.map((f) => f.field)).toEqual(['addresses']);
    expect(record.alert.links).toEqual([{ label: '89 FR 12345', url: 'https://www.federalregister.gov/citation/89-FR-12345' }]);
    expect(record.deliveries.map((d) => [d.channel, d.state])).toEqual([['console', 'pending']]);

    // The next poll downloads again (unconditionally: the stand-in answers 200, not 304) and agrees.
    const fullBefore = route.hits.full;
    expect(await poll()).toEqual({ status: 'changed', count: next.length, added: 0, removed: 1, amended: 0, alerts: 1 });
    expect(route.hits.full).toBe(fullBefore + 1);
    const [confirmed] = await t.app.store.listAlerts(10);
    expect(confirmed?.alert.title).toBe('Entity List — 1 removal');

    expect(await t.app.deliverer.drain()).toBe(2);
    expect(await t.app.deliverer.drain()).toBe(0);
    expect(t.output()).toContain('Entity List — 2 additions, 1 amendment');
    expect(t.output()).toContain('Entity List — 1 removal');
    expect(t.output().match(/Gamma Sensing/g)).toHaveLength(1);
    expect(t.output().match(/Beta Photonics/g)).toHaveLength(1);
    expect(await poll()).toEqual({ status: 'not-modified' });
  });

  it('ignores churn in source_list_url and the content-derived _id', async () => {
    route.serve(cslJson(base));
    await poll();
    // cslJson puts a random query in source_list_url: a new body whose meaning is the same.
    route.serve(cslJson(base));
    expect(await poll()).toEqual({ status: 'unchanged' });
    expect(await t.app.store.listAlerts(10)).toEqual([]);
  });

  const refusals: Array<[string, () => string | Buffer, { contentType?: string; code: string }]> = [
    ['a download cut off inside a JSON value', () => cslJson(base).slice(0, 900), { code: 'truncated' }],
    ['an HTML error page', () => '<!DOCTYPE html><html><body>502 Bad Gateway</body></html>', { code: 'html' }],
    ['an HTML page sent as JSON', () => '\n  <html><head><title>Maintenance</title></head></html>', { code: 'html' }],
    ['an empty body', () => '', { code: 'empty' }],
    ['a list with no entries', () => JSON.stringify({ results: [] }), { code: 'empty' }],
    ['a mass removal', () => cslJson(base.slice(0, 10)), { code: 'mass-removal' }],
  ];

  it.each(refusals)('refuses %s: state untouched, no designation alert, admins told once', async (_name, body, expected) => {
    route.serve(cslJson(base));
    await poll();
    const before = await t.app.store.currentFingerprints('csl');
    const stateBefore = await t.app.store.getSourceState('csl');

    route.serve(body());
    const outcome = await poll();
    expect(outcome).toMatchObject({ status: 'refused', code: expected.code });
    expect(await t.app.store.currentFingerprints('csl')).toEqual(before);
    const state = await t.app.store.getSourceState('csl');
    expect(state?.contentHash).toBe(stateBefore?.contentHash);
    expect(state?.etag).toBe(stateBefore?.etag);
    expect(state?.lastError?.code).toBe(expected.code);

    // Polling the same bad body again does not alert again.
    route.serve(body());
    await poll();
    const alerts = await t.app.store.listAlerts(10);
    expect(alerts.map((r) => [r.alert.kind, r.alert.kind === 'source-health' ? r.alert.status : null])).toEqual([['source-health', 'refused']]);

    // The good list comes back: accepted against the old state, and admins hear it recovered.
    route.serve(cslJson(base));
    expect(await poll()).toEqual({ status: 'unchanged' });
    const kinds = (await t.app.store.listAlerts(10)).map((r) => (r.alert.kind === 'source-health' ? r.alert.status : r.alert.kind));
    expect(kinds).toEqual(['recovered', 'refused']);
  });

  it('keeps state and retries when trade.gov is down (5xx), telling admins after three failures', async () => {
    route.serve(cslJson(base));
    await poll();
    server.route('GET', '/consolidated.json', (_req, res) => void res.writeHead(503, { 'retry-after': '120' }).end('down'));
    for (let i = 0; i < 4; i++) expect((await poll()).status).toBe('unavailable');
    const state = await t.app.store.getSourceState('csl');
    expect(state?.consecutiveFailures).toBe(4);
    expect(state?.designationCount).toBe(base.length);
    const alerts = await t.app.store.listAlerts(10);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.alert).toMatchObject({ kind: 'source-health', status: 'failing', reasonCode: 'unavailable' });
  });

  it('routes by watch rules: a channel with rules gets only matching rows', async () => {
    route.serve(cslJson(base));
    await poll();
    await t.app.store.addWatchRule({ channel: 'console', term: 'sensing', list: null, country: null }, 'test', new Date().toISOString());
    route.serve(cslJson([...base, { name: 'Gamma Sensing Ltd.', address: '3 Camera Lane' }, { name: 'Delta Microwave Co.', address: '4 Radar Road' }]));
    await poll();
    await t.app.deliverer.drain();
    expect(t.output()).toContain('Entity List — 1 addition');
    expect(t.output()).toContain('Gamma Sensing Ltd.');
    expect(t.output()).not.toContain('Delta Microwave');
  });
});

describe('validators', () => {
  it('keeps new validators when a 200 brings the same content, so the next poll gets a 304', async () => {
    const { route, poll, close } = await startCslStandIn();
    try {
      const body = cslJson([{ name: 'Stable Co' }]);
      route.serve(body);
      await poll();
      route.serve(body); // same bytes, new ETag (a CDN re-publish)
      expect(await poll()).toEqual({ status: 'unchanged' });
      expect(await poll()).toEqual({ status: 'not-modified' });
      expect(route.hits).toEqual({ full: 2, notModified: 1 });
    } finally {
      await close();
    }
  });
});
