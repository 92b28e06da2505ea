import { createServer, type Server } from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startHealthServer, type HealthServer } from '../../src/health/server.js';
import { buildSnapshotSource } from '../../src/sources/registry.js';
import { cslJson, manyRows } from '../helpers/csl.js';
import { startCslStandIn, type CslStandIn } from '../helpers/app.js';

/** A logger whose lines are kept, to assert on warnings. */
function recordingLogger(): { log: pino.Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { log, lines };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('health and metrics endpoint', () => {
  let csl: CslStandIn | undefined;
  let health: HealthServer | null = null;
  let blocker: Server | undefined;
  afterEach(async () => {
    await health?.close();
    health = null;
    await csl?.close();
    blocker?.close();
  });

  async function start(now = () => new Date()) {
    csl = await startCslStandIn();
    const { app } = csl.t;
    const port = await freePort();
    const { log, lines } = recordingLogger();
    health = await startHealthServer({ host: '127.0.0.1', port, log, store: app.store, sources: ['csl'], maxAgeMs: 60_000, metrics: app.metrics, now });
    const get = async (path: string) => {
      const res = await fetch(`http://127.0.0.1:${port}${path}`);
      return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
    };
    return { app, get, lines, port };
  }

  it('is live at once, ready after a successful poll, and not ready when polls grow old', async () => {
    let clock = new Date();
    const { app, get } = await start(() => clock);
    expect(await get('/healthz')).toEqual({ status: 200, type: 'application/json', body: '{"ok":true}\n' });
    expect(JSON.parse((await get('/readyz')).body)).toEqual({ ready: false, reasons: ['csl has not polled successfully yet'] });
    expect((await get('/readyz')).status).toBe(503);

    csl!.route.serve(cslJson(manyRows(3)));
    expect(await app.poll(buildSnapshotSource('csl', app.config))).toEqual({ status: 'baseline', count: 3 });
    clock = new Date();
    expect(await get('/readyz')).toEqual({ status: 200, type: 'application/json', body: '{"ready":true,"reasons":[]}\n' });

    clock = new Date(clock.getTime() + 61_000);
    const stale = await get('/readyz');
    expect(stale.status).toBe(503);
    expect(JSON.parse(stale.body).reasons).toEqual([expect.stringMatching(/^csl last polled successfully 6[12]s ago \(limit 60s\)$/)]);
    expect((await get('/nowhere')).status).toBe(404);
  });

  it('serves Prometheus text: polls by outcome, durations, designations per list, outbox by state, lease held', async () => {
    const { app, get } = await start();
    csl!.route.serve(cslJson(manyRows(3)));
    await app.poll(buildSnapshotSource('csl', app.config));
    await app.poll(buildSnapshotSource('csl', app.config));
    const metrics = await get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.type).toMatch(/^text\/plain/);
    const lines = metrics.body.split('\n');
    expect(lines).toEqual(expect.arrayContaining([
      'entitywatch_polls_total{source="csl",outcome="baseline"} 1',
      'entitywatch_polls_total{source="csl",outcome="not-modified"} 1',
      'entitywatch_poll_duration_seconds_count{source="csl"} 2',
      'entitywatch_designations{list="EL"} 3',
      'entitywatch_outbox_rows{state="pending"} 0',
      'entitywatch_poll_lease_held{source="csl"} 0',
    ]));
    expect(lines.some((l) => l.startsWith('entitywatch_delivery_latency_seconds') || l.startsWith('# TYPE entitywatch_delivery_latency_seconds histogram'))).toBe(true);
  });

  it('warns in one line naming HEALTH_PORT when the port is taken, and carries on without it', async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker!.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    csl = await startCslStandIn();
    const { log, lines } = recordingLogger();
    const { app } = csl.t;
    health = await startHealthServer({ host: '127.0.0.1', port, log, store: app.store, sources: ['csl'], maxAgeMs: 1, metrics: app.metrics, now: () => new Date() });
    expect(health).toBeNull();
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [40, `HEALTH_PORT ${port} is already in use on 127.0.0.1: running without health and metrics (give each instance its own HEALTH_PORT, or 0 for none)`],
    ]);
  });

  it('is off with port 0', async () => {
    csl = await startCslStandIn();
    const { app } = csl.t;
    const { log, lines } = recordingLogger();
    expect(await startHealthServer({ host: '127.0.0.1', port: 0, log, store: app.store, sources: [], maxAgeMs: 1, metrics: app.metrics, now: () => new Date() })).toBeNull();
    expect(lines).toEqual([]);
  });
});
