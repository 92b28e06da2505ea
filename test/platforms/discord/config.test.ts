import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { discordConfigFromEnv } from '../../../src/platforms/discord/config.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.Gabcde.fake-token-for-tests';
const KEY = 'a'.repeat(64);

function problem(env: Record<string, string>): string {
  try {
    discordConfigFromEnv(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('discordConfigFromEnv', () => {
  it('null when no DISCORD_* variable is set (blank counts as unset)', () => {
    expect(discordConfigFromEnv({ PATH: '/bin', DISCORD_TOKEN: '' })).toBeNull();
  });

  it('a bot with alert channels and the interactions endpoint', () => {
    expect(
      discordConfigFromEnv({
        DISCORD_TOKEN: TOKEN,
        DISCORD_APPLICATION_ID: '111111111111111111',
        DISCORD_PUBLIC_KEY: KEY.toUpperCase(),
        DISCORD_INTERACTIONS_PORT: '9000',
        DISCORD_ALERT_CHANNELS: '222222222222222222, 333333333333333333',
        DISCORD_API_URL: 'http://127.0.0.1:5555/api/',
      }),
    ).toEqual({
      token: TOKEN,
      applicationId: '111111111111111111',
      publicKey: KEY,
      interactionsPort: 9000,
      interactionsHost: '0.0.0.0',
      alertChannels: ['222222222222222222', '333333333333333333'],
      webhookUrl: null,
      apiUrl: 'http://127.0.0.1:5555/api',
      gateway: true,
    });
  });

  it('webhook-only mode needs nothing else', () => {
    const config = discordConfigFromEnv({ DISCORD_WEBHOOK_URL: 'https://discord.com/api/webhooks/1/abc' });
    expect(config).toMatchObject({ token: null, webhookUrl: 'https://discord.com/api/webhooks/1/abc', publicKey: null, apiUrl: 'https://discord.com/api' });
  });

  it('half-configured: a ConfigError naming the variable', () => {
    expect(problem({ DISCORD_ALERT_CHANNELS: '222222222222222222' })).toMatch(/DISCORD_TOKEN/);
    expect(problem({ DISCORD_TOKEN: TOKEN, DISCORD_INTERACTIONS_PORT: '9000' })).toMatch(/DISCORD_PUBLIC_KEY/);
    expect(problem({ DISCORD_API_URL: 'http://127.0.0.1:1/api' })).toMatch(/DISCORD_TOKEN/);
    expect(problem({ DISCORD_TOKEN: TOKEN, DISCORD_ALERT_CHANNELS: '#general' })).toMatch(/DISCORD_ALERT_CHANNELS/);
    expect(problem({ DISCORD_PUBLIC_KEY: 'xyz' })).toMatch(/DISCORD_PUBLIC_KEY/);
    expect(problem({ DISCORD_WEBHOOK_URL: 'not a url' })).toMatch(/DISCORD_WEBHOOK_URL/);
  });
});
