/**
 * What `status` and `lookup` read of the configuration — the database, the enabled sources and
 * configured feeds, how old a source may get — read straight from the environment when that is
 * safe, so these commands load neither zod nor the config modules (a third of their process time).
 *
 *   quickSettings({ ENTITYWATCH_DB: 'data/x.db', LOG_LEVEL: 'silent' }, process.cwd())
 *   // { dbPath: 'data/x.db', configFile: null, sources: { enabled: [], rss: [], pages: [] }, schedule: { staleAfterMs: 2_730_000 } }
 *   quickSettings({ CSL_URL: 'not-a-url' }, cwd)   // null: loadConfig must check (and refuse) it
 *
 * Safe means: loadConfig (config.ts) would accept this environment and give the same settings.
 * So the quick reading answers only when there is no config file and every variable the config
 * knows is unset or one of a few with a plainly valid value (VOUCHED); anything else — a config
 * file, a URL to check, a Slack token, an odd number — returns null and the command loads the
 * full config as before, with the same checks and the same one-line errors. The variables the
 * config knows are listed here (CONFIG_VARIABLES) and test/cli/settings.test.ts holds them, the
 * defaults and every vouched value to config.ts.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from '../config.js';
import type { SourceIdSettings } from '../sources/catalog.js';

/** The configuration as status and lookup read it. */
export interface CliSettings extends SourceIdSettings, Pick<Config, 'configFile'> {
  dbPath: string;
  schedule: Pick<Config['schedule'], 'staleAfterMs'>;
}

export function settingsOf(config: Config): CliSettings {
  const { dbPath, configFile, sources, schedule } = config;
  return { dbPath, configFile, sources: { enabled: sources.enabled, rss: sources.rss, pages: sources.pages }, schedule: { staleAfterMs: schedule.staleAfterMs } };
}

/** Every environment variable of config.ts's schema (Slack's and Discord's go by their prefixes). */
export const CONFIG_VARIABLES = [
  'ENTITYWATCH_DB', 'ENTITYWATCH_CONFIG', 'CSL_URL', 'ENABLED_SOURCES', 'OFAC_API_URL', 'OFAC_SLS_URL', 'ECFR_API_URL',
  'DOD_1260H_BASELINE', 'UFLPA_URL', 'FCC_COVERED_LIST_URL', 'FEDREG_API_URL', 'FEDREG_TERMS', 'FEDREG_AGENCIES',
  'POLL_SCHEDULE', 'POLL_JITTER_SECONDS', 'STALE_AFTER_PERIODS', 'GUARD_MAX_REMOVAL_SHARE', 'GUARD_MIN_REMOVALS',
  'HTTP_TIMEOUT_SECONDS', 'HTTP_USER_AGENT', 'WEBHOOK_URLS', 'CONSOLE_ALERTS', 'ADMIN_CHANNELS', 'DELIVERY_MAX_ATTEMPTS',
  'DELIVERY_BACKOFF_BASE_SECONDS', 'DELIVERY_BACKOFF_MAX_SECONDS', 'DELIVERY_LEASE_SECONDS', 'HEALTH_PORT', 'HEALTH_HOST', 'LOG_LEVEL',
] as const;
const PLATFORM_PREFIXES = ['SLACK_', 'DISCORD_'];

/** As config.ts and config-file.ts define them (the test compares). */
export const DEFAULTS = {
  dbPath: './data/entitywatch.db',
  schedule: '*/15 * * * *',
  schedulePeriodMs: 15 * 60_000,
  jitterSeconds: 30,
  staleAfterPeriods: 3,
  configFileNames: ['entitywatch.config.yaml', 'entitywatch.config.yml', 'entitywatch.config.json'],
} as const;

const wholeNumber = (max: number) => (value: string) => /^\d{1,7}$/.test(value) && Number(value) <= max;

/** Variables read here, each with the values it accepts without the schema: a subset of what the schema accepts. */
export const VOUCHED: Partial<Record<(typeof CONFIG_VARIABLES)[number], (value: string) => boolean>> = {
  ENTITYWATCH_DB: () => true,
  // Split as the schema does; an unknown id is refused later by enabledSourceIdsOf, with the same error.
  ENABLED_SOURCES: () => true,
  POLL_SCHEDULE: (value) => value === DEFAULTS.schedule,
  POLL_JITTER_SECONDS: wholeNumber(3600),
  STALE_AFTER_PERIODS: (value) => /^\d{1,4}(\.\d{1,6})?$/.test(value) && Number(value) > 0 && Number(value) <= 1000,
  // Not used by these commands, but set with them often enough (tests, benchmarks) to vouch for.
  LOG_LEVEL: (value) => ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(value),
  CONSOLE_ALERTS: (value) => ['auto', 'on', 'off'].includes(value),
};

/** The settings read from `env` alone, or null when only loadConfig may say (see the top of this file). */
export function quickSettings(env: Readonly<Record<string, string | undefined>>, cwd: string): CliSettings | null {
  const set = (name: string): string | undefined => (env[name] === '' ? undefined : env[name]);
  for (const name of Object.keys(env)) {
    const value = set(name);
    if (value === undefined) continue;
    if (PLATFORM_PREFIXES.some((prefix) => name.startsWith(prefix))) return null;
    if (!(CONFIG_VARIABLES as readonly string[]).includes(name)) continue;
    const vouch = VOUCHED[name as keyof typeof VOUCHED];
    if (!vouch?.(value)) return null;
  }
  if (DEFAULTS.configFileNames.some((name) => existsSync(resolve(cwd, name)))) return null;
  const periods = Number(set('STALE_AFTER_PERIODS') ?? DEFAULTS.staleAfterPeriods);
  const jitterSeconds = Number(set('POLL_JITTER_SECONDS') ?? DEFAULTS.jitterSeconds);
  return {
    dbPath: set('ENTITYWATCH_DB') ?? DEFAULTS.dbPath,
    configFile: null,
    sources: { enabled: (set('ENABLED_SOURCES') ?? '').split(',').map((id) => id.trim()).filter(Boolean), rss: [], pages: [] },
    schedule: { staleAfterMs: Math.round(periods * DEFAULTS.schedulePeriodMs) + jitterSeconds * 1000 },
  };
}
