/**
 * What every CLI command receives: its output streams, the environment, and lazily built
 * config, store and app (so `parse` and `diff` never open a database, `status` and `lookup`
 * read a SQLite file directly (store/sqlite/glance.ts) and open only the store otherwise, and a bad
 * config fails only the commands that need it).
 *
 * The config and logger modules (zod, yaml, node-cron: over 100 ms to load; pino itself loads with the first logger) are loaded by `load()`, which
 * main calls before running a command — not for `--help` or a mistyped command. A command that
 * reads only `settings()` (status, lookup) loads the config modules only when the environment
 * needs the full config to check it (settings.ts).
 */
import type { Writable } from 'node:stream';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { App } from '../index.js';
import type { Store } from '../../store/types.js';
import { quickSettings, settingsOf, type CliSettings } from './settings.js';

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  env: Record<string, string | undefined>;
}

export interface CliContext {
  io: CliIo;
  /** Config from env, with --db applied. Throws ConfigError. Not after `load({ settingsOnly: true })` read the settings quickly. */
  config(): Config;
  /** What status and lookup read of the config (settings.ts), with --db applied: read from env alone when safe, else from config(). */
  settings(): CliSettings;
  /** The app (store, sources, notifiers), built once. */
  app(): Promise<App>;
  /** The store alone (the app's, when it is built), for commands that read it and nothing else. */
  store(): Promise<Store>;
  /**
   * Load what config() (or only settings(), with `settingsOnly`) and log() need; call once
   * before running a command.
   */
  load(options?: { settingsOnly?: boolean }): Promise<void>;
  log(): Logger;
  /** Set by the global --db option. */
  dbOverride: string | undefined;
  /**
   * Set when the command runs with --json: its stdout is the JSON alone, so the console
   * notifier prints alerts to stderr instead.
   */
  jsonOutput: boolean;
  /** Close what was opened. */
  close(): Promise<void>;
}

interface Modules {
  /** Absent when the settings were read quickly. */
  loadConfig?: typeof import('../config.js').loadConfig;
  createLogger: typeof import('../log.js').createLogger;
  /** The settings read from env alone, when they could be (before --db). */
  quick: CliSettings | null;
}

export function createCliContext(io: CliIo): CliContext {
  let modules: Modules | undefined;
  let config: Config | undefined;
  let app: Promise<App> | undefined;
  let store: Promise<Store> | undefined;
  let log: Logger | undefined;
  const loaded = (): Modules => {
    if (!modules) throw new Error('CliContext.load() must run before config() or log()');
    return modules;
  };
  const ctx: CliContext = {
    io,
    dbOverride: undefined,
    jsonOutput: false,
    async load(options = {}) {
      const quick = options.settingsOnly ? quickSettings(io.env, process.cwd()) : null;
      const [config, { createLogger }] = await Promise.all([quick ? null : import('../config.js'), import('../log.js')]);
      modules = { loadConfig: config?.loadConfig, createLogger, quick };
    },
    config() {
      const { loadConfig } = loaded();
      if (!loadConfig) throw new Error('CliContext.config(): this command was loaded for settings() only');
      config ??= loadConfig(io.env, ctx.dbOverride ? { dbPath: ctx.dbOverride } : {});
      return config;
    },
    settings() {
      const { quick } = loaded();
      if (!quick) return settingsOf(ctx.config());
      return ctx.dbOverride ? { ...quick, dbPath: ctx.dbOverride } : quick;
    },
    log() {
      log ??= loaded().createLogger(io.env.LOG_LEVEL ?? 'info');
      return log;
    },
    store() {
      if (app) return app.then((built) => built.store);
      if (!store) {
        const { dbPath } = ctx.settings();
        store = import('../open-store.js').then(({ openStoreAt }) => openStoreAt(dbPath));
      }
      return store;
    },
    app() {
      if (!app) {
        // A bad config throws here, before anything is opened (close() then has nothing to close).
        const config = ctx.config();
        // Loaded on first use: commands that need no app (parse, diff, --help) never load the pipeline.
        app = import('../index.js').then(({ createApp }) => createApp(config, { stdout: ctx.jsonOutput ? io.stderr : io.stdout, log: ctx.log() }));
      }
      return app;
    },
    async close() {
      // What failed to open has nothing to close (its error was reported already).
      await (await app?.catch(() => null))?.close();
      await (await store?.catch(() => null))?.close();
    },
  };
  return ctx;
}

export function writeJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function writeLine(io: CliIo, line = ''): void {
  io.stdout.write(`${line}\n`);
}
