/**
 * Build a real app (real SQLite file in a temp dir, real HTTP) for worker and CLI tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { loadConfig } from '../../src/config.js';
import { createApp, type App } from '../../src/index.js';
import { silentLogger } from '../../src/log.js';
import type { Notifier } from '../../src/notifiers/types.js';
import { buildSnapshotSource } from '../../src/sources/registry.js';
import { pollSource } from '../../src/worker/poll.js';
import { snapshotRoute, startFakeServer, type FakeServer } from './http.js';

export interface TestApp {
  app: App;
  dir: string;
  dbPath: string;
  /** What the console notifier printed. */
  output(): string;
  close(): Promise<void>;
}

export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'entitywatch-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function createTestApp(
  env: Record<string, string>,
  options: { notifiers?: Notifier[]; now?: () => Date; dir?: string } = {},
): Promise<TestApp> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'entitywatch-test-'));
  const dbPath = join(dir, 'test.db');
  const out = new PassThrough();
  let printed = '';
  out.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  const config = loadConfig({ ENTITYWATCH_DB: dbPath, LOG_LEVEL: 'silent', ...env });
  const appEnv: Parameters<typeof createApp>[1] = { stdout: out, log: silentLogger() };
  if (options.notifiers) appEnv.notifiers = options.notifiers;
  if (options.now) appEnv.now = options.now;
  const app = await createApp(config, appEnv);
  return {
    app,
    dir,
    dbPath,
    output: () => printed,
    async close() {
      await app.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A real app polling a local trade.gov stand-in that serves one changeable CSL body with ETags. */
export interface CslStandIn {
  server: FakeServer;
  route: ReturnType<typeof snapshotRoute>;
  t: TestApp;
  /** One poll of the `csl` source through the real poll path. */
  poll(): ReturnType<typeof pollSource>;
  close(): Promise<void>;
}

export async function startCslStandIn(env: Record<string, string> = {}): Promise<CslStandIn> {
  const server = await startFakeServer();
  const route = snapshotRoute();
  server.route('GET', '/consolidated.json', route.handler);
  const t = await createTestApp({ CSL_URL: `${server.url}/consolidated.json`, ...env });
  return {
    server,
    route,
    t,
    poll: () => pollSource(buildSnapshotSource('csl', t.app.config), t.app.pollDeps),
    async close() {
      await t.close();
      await server.close();
    },
  };
}
