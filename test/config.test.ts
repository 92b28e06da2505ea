import { describe, expect, it } from 'vitest';
import { loadConfig, redactedConfig } from '../src/config.js';
import { ConfigError } from '../src/errors.js';

describe('loadConfig', () => {
  it('has working defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.dbPath).toBe('./data/entitywatch.db');
    expect(config.schedule.cron).toBe('*/15 * * * *');
    expect(config.guard).toEqual({ maxRemovalShare: 0.05, minRemovalsToRefuse: 5 });
    expect(config.notifiers).toEqual({ webhookUrls: [], console: 'auto' });
  });

  it('accepts a six-field cron with seconds and treats blank values as unset', () => {
    expect(loadConfig({ POLL_SCHEDULE: '*/2 * * * * *', CSL_URL: '' }).schedule.cron).toBe('*/2 * * * * *');
  });

  it.each([
    [{ POLL_SCHEDULE: 'every minute' }, 'POLL_SCHEDULE'],
    [{ GUARD_MAX_REMOVAL_SHARE: '5' }, 'GUARD_MAX_REMOVAL_SHARE'],
    [{ WEBHOOK_URLS: 'https://ok.example/a,not a url' }, 'WEBHOOK_URLS'],
    [{ CONSOLE_ALERTS: 'maybe' }, 'CONSOLE_ALERTS'],
    [{ POLL_JITTER_SECONDS: '-1' }, 'POLL_JITTER_SECONDS'],
  ])('refuses %j naming the variable', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  it('redacts webhook URLs, which carry tokens', () => {
    const config = loadConfig({ WEBHOOK_URLS: 'https://hooks.example.com/services/T000/B000/SECRET' });
    expect(JSON.stringify(redactedConfig(config))).not.toContain('SECRET');
  });
});
