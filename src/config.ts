/**
 * Configuration: the only reader of process.env. Validated with zod at start; a bad value stops
 * the process with a message naming the variable. Secrets are kept out of logs (see `redactedConfig`).
 *
 * Example:
 *   const config = loadConfig(process.env);   // throws ConfigError on a bad value
 */
import { existsSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ConfigError } from './errors.js';
import { createRequire } from 'node:module';
import { discordConfigFromEnv, type DiscordConfig } from './platforms/discord/config.js';
import { redactedSlackConfig, slackConfigFromEnv, type SlackConfig } from './platforms/slack/config.js';
import { readConfigFile } from './config-file.js';
import { EnvList } from './sources/settings.js';
import { SOURCE_ENV, resolveSourceOptions, sourceLocations, type SourceOptions } from './sources/options.js';

/**
 * The default POLL_SCHEDULE and its period, known without node-cron (~30 ms to load, validate
 * and step through next runs): every command loads the config, and only a schedule other than
 * the default needs the library here (test/config.test.ts checks the period against it).
 */
export const DEFAULT_SCHEDULE = '*/15 * * * *';
export const DEFAULT_SCHEDULE_PERIOD_MS = 15 * 60_000;
type NodeCron = typeof import('node-cron').default;
let cronModule: NodeCron | undefined;
function nodeCron(): NodeCron {
  cronModule ??= createRequire(import.meta.url)('node-cron') as NodeCron;
  return cronModule;
}

const share = z.coerce.number().min(0).max(1);

const EnvConfig = z.object({
  ENTITYWATCH_DB: z.string().min(1).default('./data/entitywatch.db'),
  ENTITYWATCH_CONFIG: z.string().min(1).optional(),
  ENABLED_SOURCES: EnvList,
  // Each source's own variables (CSL_URL, OFAC_API_URL, FEDREG_TERMS …) are declared in its folder's options.ts: SOURCE_ENV.
  POLL_SCHEDULE: z
    .string()
    .default(DEFAULT_SCHEDULE)
    .refine((expr) => expr === DEFAULT_SCHEDULE || nodeCron().validate(expr), 'not a valid cron expression (5 fields, or 6 with seconds)'),
  POLL_JITTER_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  STALE_AFTER_PERIODS: z.coerce.number().positive().max(1000).default(3),
  GUARD_MAX_REMOVAL_SHARE: share.default(0.05),
  GUARD_MIN_REMOVALS: z.coerce.number().int().min(1).default(5),
  HTTP_TIMEOUT_SECONDS: z.coerce.number().positive().max(3600).default(120),
  HTTP_USER_AGENT: z.string().min(1).default('entitywatch/0.1 (+https://github.com/entitywatch/entitywatch)'),
  WEBHOOK_URLS: EnvList.pipe(z.array(z.url({ protocol: /^https?$/ }))),
  CONSOLE_ALERTS: z.enum(['auto', 'on', 'off']).default('auto'),
  ADMIN_CHANNELS: EnvList,
  DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(50),
  DELIVERY_BACKOFF_BASE_SECONDS: z.coerce.number().positive().default(5),
  DELIVERY_BACKOFF_MAX_SECONDS: z.coerce.number().positive().default(3600),
  DELIVERY_LEASE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  HEALTH_PORT: z.coerce.number().int().min(0).max(65_535).default(9464),
  HEALTH_HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type EnvConfig = z.infer<typeof EnvConfig>;

/** The sources' variables, validated with the rest (their issues follow EnvConfig's in the message). */
const SourceEnv = z.object(SOURCE_ENV);

export interface Config {
  dbPath: string;
  /** Each source's settings, resolved from the environment and the file (declared in src/sources/<id>/options.ts). */
  sources: SourceOptions;
  /** The config file read (see config-file.ts), or null when there is none. */
  configFile: string | null;
  /**
   * `staleAfterMs`: lookups and screening warn about a source whose last success is older than
   * this — STALE_AFTER_PERIODS × the longest gap between scheduled polls (schedulePeriodMs).
   */
  schedule: { cron: string; jitterMs: number; staleAfterMs: number };
  guard: { maxRemovalShare: number; minRemovalsToRefuse: number };
  http: { timeoutMs: number; userAgent: string };
  notifiers: { webhookUrls: string[]; console: 'auto' | 'on' | 'off' };
  /** Channel ids that receive source-health alerts; empty = every channel. */
  adminChannels: string[];
  /** leaseMs: how long a delivery claim lasts (DELIVERY_LEASE_SECONDS), see worker/deliver.ts. */
  delivery: { maxAttempts: number; backoffBaseMs: number; backoffMaxMs: number; leaseMs: number };
  /** Health/metrics endpoint (src/health/server.ts): port 0 = off; /readyz uses schedule.staleAfterMs. */
  health: { host: string; port: number };
  logLevel: EnvConfig['LOG_LEVEL'];
  /** Slack (SLACK_*), null when not configured: see src/platforms/slack/config.ts. */
  slack: SlackConfig | null;
  /** Discord (DISCORD_*), null when not configured: see src/platforms/discord/config.ts. */
  discord: DiscordConfig | null;
}

/** Parse and validate the environment and the config file (config-file.ts). Throws ConfigError naming every bad variable or field. */
export function loadConfig(env: Record<string, string | undefined>, overrides: { dbPath?: string; cwd?: string } = {}): Config {
  const blankAsUnset = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = EnvConfig.safeParse(blankAsUnset);
  const sourceEnv = SourceEnv.safeParse(blankAsUnset);
  const issues = [...(parsed.error?.issues ?? []), ...(sourceEnv.error?.issues ?? [])];
  if (!parsed.success || issues.length > 0) {
    const problems = issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`);
    throw new ConfigError(`invalid configuration — ${problems.join('; ')}`);
  }
  const e = parsed.data;
  // The config file's source settings win where it gives them; the environment fills the rest.
  const cwd = overrides.cwd ?? process.cwd();
  const fromFile = readConfigFile(e.ENTITYWATCH_CONFIG, cwd);
  const f = fromFile?.file.sources;
  const resolved = resolveSourceOptions(blankAsUnset, f);
  const locations = sourceLocations(resolved, fromFile && { path: fromFile.path, sections: fromFile.file.sources });
  const bad = locations.flatMap(({ name, value }) => {
    const problem = locationProblem(value, cwd);
    return problem ? [`${name}: ${problem}`] : [];
  });
  if (bad.length > 0) throw new ConfigError(`invalid configuration — ${bad.join('; ')}`);
  return {
    dbPath: overrides.dbPath ?? e.ENTITYWATCH_DB,
    sources: { ...resolved, enabled: f?.enabled ?? e.ENABLED_SOURCES, rss: f?.rss ?? [], pages: f?.pages ?? [] },
    configFile: fromFile?.path ?? null,
    schedule: {
      cron: e.POLL_SCHEDULE,
      jitterMs: e.POLL_JITTER_SECONDS * 1000,
      staleAfterMs: Math.round(e.STALE_AFTER_PERIODS * schedulePeriodMs(e.POLL_SCHEDULE)) + e.POLL_JITTER_SECONDS * 1000,
    },
    guard: { maxRemovalShare: e.GUARD_MAX_REMOVAL_SHARE, minRemovalsToRefuse: e.GUARD_MIN_REMOVALS },
    http: { timeoutMs: e.HTTP_TIMEOUT_SECONDS * 1000, userAgent: e.HTTP_USER_AGENT },
    notifiers: { webhookUrls: e.WEBHOOK_URLS, console: e.CONSOLE_ALERTS },
    adminChannels: e.ADMIN_CHANNELS,
    delivery: {
      maxAttempts: e.DELIVERY_MAX_ATTEMPTS,
      backoffBaseMs: e.DELIVERY_BACKOFF_BASE_SECONDS * 1000,
      backoffMaxMs: e.DELIVERY_BACKOFF_MAX_SECONDS * 1000,
      leaseMs: e.DELIVERY_LEASE_SECONDS * 1000,
    },
    health: { host: e.HEALTH_HOST, port: e.HEALTH_PORT },
    logLevel: e.LOG_LEVEL,
    slack: slackConfigFromEnv(env),
    discord: discordConfigFromEnv(env),
  };
}

/**
 * Why a source location is unusable, or null: it must be an http(s) or file:// URL, or the path
 * of an existing file or folder ("not-a-url" is neither, and would fail only at the first poll).
 */
function locationProblem(value: string, cwd: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return `"${value}" is not a valid URL`;
    }
    if (url.protocol === 'file:') return existsSync(fileURLToPath(url)) ? null : `${value}: no such file or folder`;
    return url.protocol === 'http:' || url.protocol === 'https:' ? null : `"${url.protocol}" URLs are not supported: use http(s)://, file:// or a local path`;
  }
  return existsSync(resolvePath(cwd, value)) ? null : `"${value}" is neither a URL (https://…) nor an existing file or folder`;
}

/**
 * The longest gap between the next scheduled polls (ms): every 15 minutes → 15 minutes; a
 * weekday-only schedule → the weekend. Staleness is measured in these periods.
 */
export function schedulePeriodMs(expression: string): number {
  if (expression === DEFAULT_SCHEDULE) return DEFAULT_SCHEDULE_PERIOD_MS;
  const task = nodeCron().createTask(expression, () => undefined);
  try {
    const runs = task.getNextRuns(16).map((d) => d.getTime());
    let longest = 0;
    for (let i = 1; i < runs.length; i++) longest = Math.max(longest, runs[i]! - runs[i - 1]!);
    return longest || 24 * 3600_000;
  } finally {
    void task.destroy();
  }
}

/** The config with secrets replaced, safe to print (`entitywatch doctor`) or log. */
export function redactedConfig(config: Config): Config {
  return {
    ...config,
    dbPath: redactDbUrl(config.dbPath),
    notifiers: { ...config.notifiers, webhookUrls: config.notifiers.webhookUrls.map(redactUrl) },
    slack: config.slack && redactedSlackConfig(config.slack),
    discord: config.discord && {
      ...config.discord,
      token: config.discord.token && '[redacted]',
      webhookUrl: config.discord.webhookUrl && redactUrl(config.discord.webhookUrl),
    },
  };
}

/** A database URL with its password replaced ("postgres://app:***@db:5432/x"); a file path as is. */
export function redactDbUrl(url: string): string {
  if (!/^postgres(ql)?:\/\//i.test(url)) return url;
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(invalid database URL)';
  }
}

/** "https://hooks.example.com/…" — scheme and host only: paths and queries of webhook URLs hold tokens. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}/…`;
  } catch {
    return '(invalid URL)';
  }
}
