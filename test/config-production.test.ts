import { describe, expect, it } from 'vitest';
import { loadConfig, redactDbUrl, redactedConfig } from '../src/config.js';
import { ConfigError } from '../src/errors.js';

describe('production settings', () => {
  it('defaults the health endpoint, readiness and delivery lease', () => {
    const config = loadConfig({});
    expect(config.health).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(config.delivery.leaseMs).toBe(300_000);
  });

  it('reads them, 0 turning the endpoint off, and names a bad one', () => {
    const config = loadConfig({ HEALTH_PORT: '0', HEALTH_HOST: '0.0.0.0', DELIVERY_LEASE_SECONDS: '30' });
    expect(config.health).toEqual({ host: '0.0.0.0', port: 0 });
    expect(config.delivery.leaseMs).toBe(30_000);
    expect(() => loadConfig({ HEALTH_PORT: '70000' })).toThrow(ConfigError);
    expect(() => loadConfig({ HEALTH_PORT: '70000' })).toThrow(/HEALTH_PORT: /);
  });

  it('never shows a PostgreSQL password', () => {
    expect(redactDbUrl('postgres://app:s3cret@db.internal:5432/entitywatch')).toBe('postgres://app:***@db.internal:5432/entitywatch');
    expect(redactDbUrl('postgresql://db.internal/entitywatch')).toBe('postgresql://db.internal/entitywatch');
    expect(redactDbUrl('./data/entitywatch.db')).toBe('./data/entitywatch.db');
    const config = loadConfig({ ENTITYWATCH_DB: 'postgres://app:s3cret@db.internal/x' });
    expect(JSON.stringify(redactedConfig(config))).not.toContain('s3cret');
  });
});
