import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordNotifier, createDiscordRest, discordChannelId } from '../../../src/notifiers/discord/index.js';
import { silentLogger } from '../../../src/log.js';
import type { DiscordConfig } from '../../../src/platforms/discord/config.js';
import { startDiscordPlatform, type DiscordPlatform } from '../../../src/platforms/discord/start.js';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { startFakeDiscord, type FakeDiscord } from '../../helpers/fake-discord.js';
import { elAlert } from '../../notifiers/discord/alerts.js';
import { makeDesignation } from '../../helpers/designations.js';
import { APP_ID, CHANNEL_ID, postSigned, ping, testKeys, watch, type TestKeys } from './interactions-kit.js';

const CONFIGURED = '333333333333333333';
const TOKEN = 'MTIz.fake-token-for-platform-tests';

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('startDiscordPlatform', () => {
  let discord: FakeDiscord;
  let t: TestApp;
  let keys: TestKeys;
  let platform: DiscordPlatform;

  beforeEach(async () => {
    discord = await startFakeDiscord();
    keys = testKeys();
    const rest = createDiscordRest({ token: TOKEN, apiUrl: discord.apiUrl });
    const notifier = createDiscordNotifier({ rest, channelIds: [CONFIGURED], log: silentLogger() });
    t = await createTestApp({ CONSOLE_ALERTS: 'off' }, { notifiers: [notifier] });
    const config: DiscordConfig = {
      token: TOKEN,
      applicationId: APP_ID,
      publicKey: keys.publicKeyHex,
      interactionsPort: 0,
      interactionsHost: '127.0.0.1',
      alertChannels: [CONFIGURED],
      webhookUrl: null,
      apiUrl: discord.apiUrl,
      gateway: true,
    };
    platform = await startDiscordPlatform(t.app.platformDeps, config, { gatewayBackoffMs: 100, deferAfterMs: 50 });
  });
  afterEach(async () => {
    await platform.stop();
    await t.close();
    await discord.close();
  });

  it('a gateway that cannot connect is retried, and neither alerts nor HTTP interactions stop', async () => {
    const gatewayCalls = () => discord.requests.filter((r) => r.path.startsWith('/api/v10/gateway')).length;
    await until(() => gatewayCalls() > 0);
    const first = gatewayCalls();
    await until(() => gatewayCalls() > first);

    expect(await postSigned(platform.interactionsUrl!, keys, ping())).toEqual({ status: 200, json: { type: 1 } });

    const alert = elAlert([makeDesignation({ name: 'Acme Optics', list: 'EL' })]);
    await t.app.store.insertAlerts([{ alert, routes: [{ channel: discordChannelId(CONFIGURED), matchKeys: null }] }], new Date().toISOString());
    expect(await t.app.deliverer.drain()).toBe(1);
    expect(discord.messagesIn(CONFIGURED)).toHaveLength(1);
  });

  it('/watch add makes the channel an alert channel; removing its last rule takes it away', async () => {
    expect(t.app.pollDeps.channels()).toEqual([discordChannelId(CONFIGURED)]);
    await postSigned(platform.interactionsUrl!, keys, watch('add', [{ name: 'keyword', type: 3, value: 'acme' }]));
    expect(t.app.pollDeps.channels()).toEqual([discordChannelId(CONFIGURED), discordChannelId(CHANNEL_ID)]);
    const [rule] = await t.app.store.listWatchRules();
    await postSigned(platform.interactionsUrl!, keys, watch('remove', [{ name: 'id', type: 4, value: rule!.id }]));
    expect(t.app.pollDeps.channels()).toEqual([discordChannelId(CONFIGURED)]);
  });

  it('/watch test: deferred when slow, the sample alert posted by REST, the answer PATCHed to @original', async () => {
    discord.rateLimitNext(1, 0.3);
    const payload = watch('test');
    const { json } = await postSigned(platform.interactionsUrl!, keys, payload);
    expect(json).toEqual({ type: 5, data: { flags: 64 } });
    await until(() => discord.interactionReplies.length > 0);
    const edit = discord.interactionReplies[0]!;
    expect(edit.method).toBe('PATCH');
    expect(edit.path).toMatch(new RegExp(`^/api/v10/webhooks/${APP_ID}/${payload.token}/messages/(@|%40)original$`));
    expect(edit.headers.authorization).toBeUndefined();
    expect(edit.body).toMatchObject({ content: expect.stringMatching(/^Posted a test alert here/), allowed_mentions: { parse: [] } });
    expect(discord.messagesIn(CHANNEL_ID)).toHaveLength(1);
    expect((await t.app.store.listAudit(5)).map((a) => a.action)).toEqual(['alert.test']);
  });
});
