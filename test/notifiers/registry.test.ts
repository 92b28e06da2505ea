/**
 * Notifiers built from configuration, as `entitywatch run` builds them: the chat platforms'
 * modules are loaded only when configured, and channels that get chat watch rules join later.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { buildNotifiers } from '../../src/notifiers/registry.js';
import type { WatchRule } from '../../src/core/watch.js';

function rule(channel: string): WatchRule {
  return { id: 1, channel, term: 'x', list: null, country: null, createdBy: 't', createdAt: '2026-01-01T00:00:00Z' };
}

async function build(env: Record<string, string>, rules: WatchRule[] = []) {
  const store = { listWatchRules: async () => rules };
  return buildNotifiers(loadConfig(env), { stdout: new PassThrough(), log: silentLogger(), store });
}

const channelIds = (notifiers: Awaited<ReturnType<typeof build>>) => notifiers.flatMap((n) => n.channels().map((c) => c.id));

describe('buildNotifiers', () => {
  it('prints to the console when nothing else is configured, and not otherwise', async () => {
    expect(channelIds(await build({}))).toEqual(['console']);
    const withWebhook = await build({ WEBHOOK_URLS: 'https://hooks.example.com/a' });
    expect(withWebhook.map((n) => n.id)).toEqual(['webhook']);
    expect(channelIds(await build({ WEBHOOK_URLS: 'https://hooks.example.com/a', CONSOLE_ALERTS: 'on' }))).toContain('console');
  });

  it('builds Slack from SLACK_* and adds channels that get Slack watch rules', async () => {
    const env = { SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: '0123456789abcdef0123', SLACK_ALERT_CHANNELS: 'C0AAAAAAA', SLACK_API_URL: 'http://127.0.0.1:9/api' };
    const notifiers = await build(env, [rule('slack:C0BBBBBBB'), rule('discord:123456789012345678')]);
    const slack = notifiers.find((n) => n.id === 'slack')!;
    expect(slack.recovery).toBe('lookup');
    expect(slack.channels().map((c) => c.id)).toEqual(['slack:C0AAAAAAA']);
    await slack.syncChannels!();
    expect(slack.channels().map((c) => c.id).sort()).toEqual(['slack:C0AAAAAAA', 'slack:C0BBBBBBB']);
  });

  it('builds the Discord bot and webhook notifiers and adds channels that get Discord watch rules', async () => {
    const env = {
      DISCORD_TOKEN: 'test-token-0123456789abcdefghij',
      DISCORD_ALERT_CHANNELS: '111111111111111111',
      DISCORD_WEBHOOK_URL: 'https://discord.example/api/webhooks/1/abc',
      DISCORD_API_URL: 'http://127.0.0.1:9/api',
    };
    const notifiers = await build(env, [rule('discord:222222222222222222')]);
    expect(notifiers.map((n) => n.id).sort()).toEqual(['discord', 'discord-webhook']);
    const bot = notifiers.find((n) => n.id === 'discord')!;
    await bot.syncChannels!();
    expect(bot.channels().map((c) => c.id).sort()).toEqual(['discord:111111111111111111', 'discord:222222222222222222']);
  });
});
