/**
 * The health and metrics endpoint of a running worker, for a supervisor or Prometheus:
 *
 *   GET /healthz   200 while the process runs
 *   GET /readyz    200 when the store answers and every enabled source polled successfully
 *                  within `maxAgeMs`; otherwise 503 with {"ready": false, "reasons": [...]}
 *   GET /metrics   Prometheus text (src/health/metrics.ts)
 *
 * HEALTH_PORT (default 9464, 0 = off) on HEALTH_HOST (default 127.0.0.1). A port already in
 * use is a one-line warning and the worker goes on without the endpoint: two instances on one
 * host need distinct ports.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { describeError } from '../errors.js';
import type { SnapshotStore, StoreAdmin } from '../../store/types.js';
import type { Metrics } from './metrics.js';

export interface HealthOptions {
  host: string;
  port: number;
  log: Logger;
  store: Pick<StoreAdmin, 'ping'> & Pick<SnapshotStore, 'getSourceState'>;
  /** Ids of the enabled sources. */
  sources: readonly string[];
  /** A source whose last success is older than this makes the instance not ready. */
  maxAgeMs: number;
  metrics: Metrics;
  now: () => Date;
}

export interface HealthServer {
  /** The port listened on. */
  port: number;
  close(): Promise<void>;
}

/** Why the instance is not ready; empty when it is. */
export async function readiness(options: Pick<HealthOptions, 'store' | 'sources' | 'maxAgeMs' | 'now'>): Promise<string[]> {
  try {
    await options.store.ping();
  } catch (err) {
    return [`the store does not answer: ${describeError(err)}`];
  }
  const reasons: string[] = [];
  const now = options.now().getTime();
  for (const source of options.sources) {
    const state = await options.store.getSourceState(source);
    const last = state?.lastSuccessAt ? Date.parse(state.lastSuccessAt) : null;
    if (last === null) reasons.push(`${source} has not polled successfully yet`);
    else if (now - last > options.maxAgeMs) reasons.push(`${source} last polled successfully ${Math.round((now - last) / 1000)}s ago (limit ${Math.round(options.maxAgeMs / 1000)}s)`);
  }
  return reasons;
}

/** Start the endpoint; null when it is off (port 0) or the port is taken (warned once). */
export async function startHealthServer(options: HealthOptions): Promise<HealthServer | null> {
  if (options.port === 0) return null;
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const reply = (status: number, type: string, body: string) => res.writeHead(status, { 'content-type': type }).end(body);
    const handle = async () => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return reply(405, 'text/plain', 'method not allowed\n');
      if (path === '/healthz') return reply(200, 'application/json', '{"ok":true}\n');
      if (path === '/readyz') {
        const reasons = await readiness(options);
        return reply(reasons.length === 0 ? 200 : 503, 'application/json', `${JSON.stringify({ ready: reasons.length === 0, reasons })}\n`);
      }
      if (path === '/metrics') return reply(200, options.metrics.registry.contentType, await options.metrics.registry.metrics());
      return reply(404, 'text/plain', 'not found: try /healthz, /readyz or /metrics\n');
    };
    handle().catch((err: unknown) => {
      options.log.warn({ path, reason: describeError(err) }, 'health endpoint failed');
      if (!res.headersSent) reply(500, 'text/plain', 'internal error\n');
    });
  });
  const listening = await new Promise<boolean>((resolve) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      options.log.warn(
        { host: options.host, port: options.port, code: err.code },
        err.code === 'EADDRINUSE'
          ? `HEALTH_PORT ${options.port} is already in use on ${options.host}: running without health and metrics (give each instance its own HEALTH_PORT, or 0 for none)`
          : `health endpoint cannot listen on ${options.host}:${options.port} (HEALTH_HOST/HEALTH_PORT): running without it`,
      );
      resolve(false);
    });
    server.listen(options.port, options.host, () => resolve(true));
  });
  if (!listening) return null;
  options.log.info({ host: options.host, port: options.port }, 'health endpoint listening');
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
