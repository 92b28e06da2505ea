/**
 * The settings `status` and `lookup` read from the environment alone (src/cli/settings.ts) are
 * exactly what loadConfig gives, and are read quickly only when loadConfig would accept the
 * environment: every other case is left to loadConfig (null), so its checks and messages stay.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONFIG_FILE_NAMES } from '../../src/config-file.js';
import { DEFAULT_SCHEDULE, DEFAULT_SCHEDULE_PERIOD_MS, loadConfig } from '../../src/config.js';
import { CONFIG_VARIABLES, DEFAULTS, quickSettings, settingsOf, VOUCHED } from '../../src/cli/settings.js';
import { SOURCE_ENV } from '../../src/sources/options.js';
import { tempDir } from '../helpers/app.js';

const src = new URL('../../src/', import.meta.url).pathname;

/** Environment variable names declared as schema keys (`  NAME: z…`) in config.ts. */
function declaredVariables(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^\s*([A-Z][A-Z0-9]*_[A-Z0-9_]+):/gm)].map((m) => m[1]!);
}

/** config.ts's own variables, and every source's (declared in its options.ts, composed by sources/options.ts). */
function configVariables(): string[] {
  return [...declaredVariables(join(src, 'config.ts')), ...Object.keys(SOURCE_ENV)];
}

describe('quick settings', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.cleanup());

  it('knows every variable the config declares, and the config defaults', () => {
    const declared = configVariables();
    expect(declared.length).toBeGreaterThan(20);
    expect([...new Set(declared)].sort()).toEqual([...CONFIG_VARIABLES].sort());
    expect(DEFAULTS.schedule).toBe(DEFAULT_SCHEDULE);
    expect(DEFAULTS.schedulePeriodMs).toBe(DEFAULT_SCHEDULE_PERIOD_MS);
    expect(DEFAULTS.configFileNames).toEqual(CONFIG_FILE_NAMES);
    expect(Object.keys(VOUCHED).every((name) => (CONFIG_VARIABLES as readonly string[]).includes(name))).toBe(true);
  });

  it.each([
    [{}],
    [{ ENTITYWATCH_DB: '/srv/ew/entitywatch.db', LOG_LEVEL: 'silent', CONSOLE_ALERTS: 'off' }],
    [{ ENTITYWATCH_DB: '', ENABLED_SOURCES: ' csl, ofac-sdn ,,uflpa ' }],
    [{ ENABLED_SOURCES: 'csl,nope' }],
    [{ STALE_AFTER_PERIODS: '2.5', POLL_JITTER_SECONDS: '0' }],
    [{ STALE_AFTER_PERIODS: '1000', POLL_JITTER_SECONDS: '3600', POLL_SCHEDULE: '*/15 * * * *' }],
    [{ STALE_AFTER_PERIODS: '0.000001' }],
    [{ LOG_LEVEL: 'trace', CONSOLE_ALERTS: 'auto', PATH: '/usr/bin', HOME: '/root' }],
    [{ CSL_URL: '', SLACK_BOT_TOKEN: '' }],
  ])('equal loadConfig’s for %j', (env: Record<string, string>) => {
    expect(quickSettings(env, dir.dir)).toEqual(settingsOf(loadConfig(env, { cwd: dir.dir })));
  });

  it('accepts every vouched log level and console mode that loadConfig accepts', () => {
    for (const LOG_LEVEL of ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) {
      for (const CONSOLE_ALERTS of ['auto', 'on', 'off']) {
        const env = { LOG_LEVEL, CONSOLE_ALERTS };
        expect(quickSettings(env, dir.dir)).toEqual(settingsOf(loadConfig(env, { cwd: dir.dir })));
      }
    }
  });

  it.each([
    ['a source location to check', { CSL_URL: 'not-a-url' }],
    ['a source location, even a valid one', { CSL_URL: 'https://example.test/csl.json' }],
    ['a Slack setting', { SLACK_BOT_TOKEN: 'xoxb-1' }],
    ['a Discord setting', { DISCORD_TOKEN: 'x' }],
    ['another schedule', { POLL_SCHEDULE: '0 * * * *' }],
    ['an invalid schedule', { POLL_SCHEDULE: 'every minute' }],
    ['periods that are not a plain number', { STALE_AFTER_PERIODS: '1e2' }],
    ['zero periods', { STALE_AFTER_PERIODS: '0' }],
    ['too many periods', { STALE_AFTER_PERIODS: '1000.5' }],
    ['a jitter out of range', { POLL_JITTER_SECONDS: '3601' }],
    ['a jitter that is not whole', { POLL_JITTER_SECONDS: '1.5' }],
    ['an unknown log level', { LOG_LEVEL: 'loud' }],
    ['a config file named', { ENTITYWATCH_CONFIG: 'entitywatch.config.yaml' }],
    ['a webhook', { WEBHOOK_URLS: 'https://hooks.example.test/x' }],
    ['a health port', { HEALTH_PORT: '0' }],
  ])('leave %s to loadConfig', (_, env: Record<string, string>) => {
    expect(quickSettings(env, dir.dir)).toBeNull();
  });

  it('leave a config file in the working directory to loadConfig', () => {
    writeFileSync(join(dir.dir, 'entitywatch.config.json'), '{}');
    expect(quickSettings({}, dir.dir)).toBeNull();
  });
});
