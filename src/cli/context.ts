/**
 * What every CLI command receives: its output streams, the environment, and lazily built
 * config and app (so `parse` and `diff` never open a database, and a bad config fails only the
 * commands that need it).
 */
import type { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { loadConfig, type Config } from '../config.js';
import type { App } from '../index.js';
import { createLogger } from '../log.js';

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  env: Record<string, string | undefined>;
}

export interface CliContext {
  io: CliIo;
  /** Config from env, with --db applied. Throws ConfigError. */
  config(): Config;
  /** The app (store, sources, notifiers), built once. */
  app(): Promise<App>;
  log(): Logger;
  /** Set by the global --db option. */
  dbOverride: string | undefined;
  /** Close what was opened. */
  close(): Promise<void>;
}

export function createCliContext(io: CliIo): CliContext {
  let config: Config | undefined;
  let app: Promise<App> | undefined;
  let log: Logger | undefined;
  const ctx: CliContext = {
    io,
    dbOverride: undefined,
    config() {
      config ??= loadConfig(io.env, ctx.dbOverride ? { dbPath: ctx.dbOverride } : {});
      return config;
    },
    log() {
      log ??= createLogger(io.env.LOG_LEVEL ?? 'info');
      return log;
    },
    app() {
      if (!app) {
        // A bad config throws here, before anything is opened (close() then has nothing to close).
        const config = ctx.config();
        // Loaded on first use: commands that need no app (parse, diff, --help) never load the pipeline.
        app = import('../index.js').then(({ createApp }) => createApp(config, { stdout: io.stdout, log: ctx.log() }));
      }
      return app;
    },
    async close() {
      if (app) await (await app).close();
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
