/**
 * Composition root: config → logger → store → sources → notifiers → worker.
 * The CLI commands and tests build the app here; nothing else wires parts together.
 *
 *   const app = await createApp(loadConfig(process.env), { stdout: process.stdout });
 *   await app.pollAll();
 *   await app.deliverer.drain();
 *   await app.close();
 */
import { randomBytes } from 'node:crypto';
import type { Writable } from 'node:stream';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createLogger } from './log.js';
import { enabledSourcesOf } from './enabled-sources.js';
import { openStoreAt } from './open-store.js';
import { buildNotifiers } from './notifiers/registry.js';
import type { Notifier } from './notifiers/types.js';
import type { PlatformDeps } from './platforms/deps.js';
import type { Source } from './sources/types.js';
import { createMetrics, type Metrics } from './health/metrics.js';
import { createDeliverer, newInstanceId, type Deliverer } from './worker/deliver.js';
import { download } from './worker/http.js';
import { createLookupIndex, type SharedLookupIndex } from './worker/lookup-index.js';
import { persistedIndexPath } from './worker/lookup-copy.js';
import { counterpartyCopyPath } from './worker/counterparty-copy.js';
import type { PollDeps, PollOutcome } from './worker/poll.js';
import { pollLeased } from './worker/lease.js';
import { searchableMembers } from './worker/watchlist-hits.js';
import type { Store } from '../store/types.js';

export interface App {
  config: Config;
  log: Logger;
  store: Store;
  sources: Source[];
  notifiers: Notifier[];
  pollDeps: PollDeps;
  deliverer: Deliverer;
  /** The one designation index of the process: `/entity` on every platform, screening, the CLI. */
  lookupIndex: SharedLookupIndex;
  /** What the chat platforms are given (src/platforms/deps.ts); they never see the App itself. */
  platformDeps: PlatformDeps;
  /** This process's id among the instances on the database: poll lease holder and delivery claimer. */
  instanceId: string;
  /** Prometheus metrics, served by the health endpoint (src/health/). */
  metrics: Metrics;
  /** Poll one source under its poll lease ('busy' when another instance is polling it). */
  poll(source: Source): Promise<PollOutcome>;
  /**
   * Bring chat notifiers' channel lists up to date with the watch rules in the store (a channel
   * with chat watch rules is an alert channel). Call before polling and after a rule changes.
   */
  syncChannels(): Promise<void>;
  /** Poll every enabled source once, one after another. */
  pollAll(): Promise<Array<{ source: string; outcome: PollOutcome }>>;
  close(): Promise<void>;
}

export interface AppEnv {
  stdout: Writable;
  log?: Logger;
  now?: () => Date;
  /** Extra notifiers (tests, chat platforms) added to those built from config. */
  notifiers?: Notifier[];
}

/** Time-ordered, unique alert ids: "al_<ms base36>_<random>". */
export function newAlertId(now: Date = new Date()): string {
  return `al_${now.getTime().toString(36)}_${randomBytes(5).toString('hex')}`;
}

export async function createApp(config: Config, env: AppEnv): Promise<App> {
  const log = env.log ?? createLogger(config.logLevel);
  const now = env.now ?? (() => new Date());
  const sources = enabledSourcesOf(config);
  const store = await openStoreAt(config.dbPath);
  const instanceId = newInstanceId();
  const metrics = createMetrics(store);
  const notifiers = [...(await buildNotifiers(config, { stdout: env.stdout, log, store })), ...(env.notifiers ?? [])];
  // Restored from the copy beside a database file when current (src/worker/lookup-copy.ts).
  const lookupIndex = createLookupIndex(store, metrics.lookup, persistedIndexPath(config.dbPath));
  const channelIds = () => notifiers.flatMap((n) => n.channels().map((c) => c.id));
  const pollDeps: PollDeps = {
    store,
    log,
    now,
    download: (location, validators) => download(location, validators, config.http),
    guard: config.guard,
    channels: channelIds,
    adminChannels: config.adminChannels,
    newId: () => newAlertId(now()),
    lookupIndex,
    counterpartyCopy: counterpartyCopyPath(config.dbPath),
  };
  const deliverer = createDeliverer({
    store,
    log,
    now,
    notifiers,
    maxAttempts: config.delivery.maxAttempts,
    backoffBaseMs: config.delivery.backoffBaseMs,
    backoffMaxMs: config.delivery.backoffMaxMs,
    leaseMs: config.delivery.leaseMs,
    instanceId,
    observer: metrics,
  });
  const platformDeps: PlatformDeps = {
    log,
    store,
    notifiers,
    now,
    lookupIndex,
    staleAfterMs: config.schedule.staleAfterMs,
    screenable: (watchlist) => searchableMembers(pollDeps, watchlist),
  };
  const poll = (source: Source) => pollLeased(source, pollDeps, { holder: instanceId, metrics });
  return {
    config,
    log,
    store,
    sources,
    notifiers,
    pollDeps,
    deliverer,
    lookupIndex,
    platformDeps,
    instanceId,
    metrics,
    poll,
    async syncChannels() {
      for (const notifier of notifiers) await notifier.syncChannels?.();
    },
    async pollAll() {
      const results = [];
      for (const source of sources) results.push({ source: source.id, outcome: await poll(source) });
      return results;
    },
    async close() {
      await deliverer.stop();
      await Promise.all(notifiers.map(async (n) => n.close?.()));
      await store.close();
    },
  };
}
