import { describe, expect, it } from 'vitest';
import cron from 'node-cron';
import { DEFAULT_SCHEDULE, DEFAULT_SCHEDULE_PERIOD_MS, loadConfig, redactedConfig, schedulePeriodMs } from '../src/config.js';
import { ConfigError } from '../src/errors.js';

describe('the default schedule, known without node-cron', () => {
  it('is valid and has the period node-cron steps out for it', () => {
    expect(cron.validate(DEFAULT_SCHEDULE)).toBe(true);
    const task = cron.createTask(DEFAULT_SCHEDULE, () => undefined);
    const runs = task.getNextRuns(16).map((d) => d.getTime());
    void task.destroy();
    const gaps = runs.slice(1).map((t, i) => t - runs[i]!);
    expect(Math.max(...gaps)).toBe(DEFAULT_SCHEDULE_PERIOD_MS);
    expect(loadConfig({}).schedule.cron).toBe(DEFAULT_SCHEDULE);
    // Other schedules still go through node-cron: every 2 hours on the hour.
    expect(schedulePeriodMs('0 */2 * * *')).toBe(2 * 3600_000);
  });
});

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
