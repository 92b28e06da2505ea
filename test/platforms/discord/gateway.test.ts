/**
 * The Discord gateway through its protocol: the real discord.js Client against the local
 * gateway stand-in (GET /gateway/bot → HELLO → IDENTIFY → READY → heartbeats; RESUME after a
 * drop; INVALID_SESSION → a fresh IDENTIFY), interactions answered through the REST callback.
 * The commands themselves are in every-command.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/log.js';
import { createDiscordNotifier, createDiscordRest } from '../../../src/notifiers/discord/index.js';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { makeDesignation } from '../../helpers/designations.js';
import { startFakeDiscord, type FakeDiscord } from '../../helpers/fake-discord.js';
import { seedDesignations } from '../../handlers/context.js';
import { interaction, watch } from './interactions-kit.js';
import { BOT_TOKEN, startDiscordTransport, until, type DiscordTransport } from './transports.js';

const settle = () => new Promise((resolve) => setTimeout(resolve, 400));
const entity = (name: string) => interaction(2, { name: 'entity', options: [{ name: 'name', type: 3, value: name }] });

describe('Discord gateway: the real discord.js Client against a gateway stand-in', () => {
  let discord: FakeDiscord;
  let test: TestApp;
  let t: DiscordTransport;

  beforeAll(async () => {
    discord = await startFakeDiscord();
    const notifier = createDiscordNotifier({ rest: createDiscordRest({ token: BOT_TOKEN, apiUrl: discord.apiUrl }), channelIds: [], log: silentLogger() });
    // The fixtures are dated months apart from the clock: freshness warnings are tested in
    // test/platforms/*/basis tests, not here.
    test = await createTestApp({ CONSOLE_ALERTS: 'off', STALE_AFTER_PERIODS: '1000', POLL_SCHEDULE: '0 0 1 * *' }, { notifiers: [notifier] });
    await seedDesignations(test.app.store, [makeDesignation({ name: 'Hangzhou Hikvision Digital Technology Co., Ltd.', list: 'EL', aliases: ['Hikvision'], countries: ['CN'] })]);
    t = await startDiscordTransport('gateway', { app: test.app, discord, heartbeatMs: 700 });
  });
  afterAll(async () => {
    await t?.stop();
    await test?.close();
    expect(discord.unexpected.map((r) => `${r.method} ${r.path}`)).toEqual([]);
    expect(t.gateway!.unexpected).toEqual([]);
    await discord.close();
  });

  it('fetches /gateway/bot with the bot token, gets HELLO, IDENTIFYs with the token and the Guilds intent, gets READY', async () => {
    const bot = discord.requests.find((r) => r.path === '/api/v10/gateway/bot');
    expect(bot?.headers.authorization).toBe(`Bot ${BOT_TOKEN}`);
    expect(t.gateway!.identifies).toHaveLength(1);
    expect(t.gateway!.identifies[0]).toMatchObject({ token: BOT_TOKEN, intents: 1 });
  });

  it('heartbeats with the last sequence seen, and each heartbeat is ACKed (the connection stays up: no zombie reconnect)', async () => {
    await until(() => t.gateway!.heartbeats.length >= 2, 'two heartbeats');
    expect(t.gateway!.heartbeats.at(-1)).toBeGreaterThanOrEqual(1);
    expect(t.gateway!.connections).toBe(1);
    expect(t.gateway!.paths).toEqual(['/gateway']);
  });

  it('an INTERACTION_CREATE is answered once through POST /interactions/{id}/{token}/callback, no auth header', async () => {
    const payload = entity('hikvision');
    const answer = await t.interact(payload);
    expect(answer.type).toBe(4);
    expect(answer.data).toMatchObject({ content: expect.stringMatching(/^Matches for “hikvision”:\n-# Checked against 1 designation on 1 list/), allowed_mentions: { parse: [] } });
    const callback = discord.interactionReplies.find((r) => r.path.includes(payload.id))!;
    expect(callback.headers.authorization).toBeUndefined();
  });

  it('a slow command is answered within 3 s by a deferred callback (type 5), then the edit follows', async () => {
    discord.rateLimitNext(1, 3.5);
    const payload = watch('test');
    const sent = Date.now();
    t.gateway!.dispatch('INTERACTION_CREATE', payload);
    await until(() => discord.interactionReplies.some((r) => r.path.includes(payload.id)), 'the callback');
    expect(Date.now() - sent).toBeLessThan(3000);
    expect(discord.interactionReplies.find((r) => r.path.includes(payload.id))!.body).toEqual({ type: 5, data: { flags: 64 } });
    await until(() => discord.interactionReplies.some((r) => r.method === 'PATCH' && r.path.includes(payload.token)), 'the edit', 10_000);
  }, 15_000);

  it('a dropped connection is RESUMEd with the session and last sequence; RESUMED; events sent meanwhile are replayed', async () => {
    const identifies = t.gateway!.identifies.length;
    t.gateway!.drop(4000);
    const during = watch('list');
    t.gateway!.dispatch('INTERACTION_CREATE', during);
    await until(() => t.gateway!.resumed === 1, 'RESUMED');
    const [resume] = t.gateway!.resumes;
    expect(resume).toMatchObject({ token: BOT_TOKEN });
    expect(resume!.seq).toBeGreaterThan(1);
    expect(t.gateway!.identifies).toHaveLength(identifies);
    // It resumed where READY said to (resume_gateway_url), not at the URL of GET /gateway/bot.
    expect(t.gateway!.paths.at(-1)).toBe('/resume');
    await until(() => discord.interactionReplies.some((r) => r.path.includes(during.id)), 'the answer to the replayed interaction');
    expect(discord.interactionReplies.find((r) => r.path.includes(during.id))!.body).toMatchObject({ type: 4 });
  });

  it('nothing is answered twice across a resume: an interaction seen before the drop and sent again runs once', async () => {
    const payload = watch('add', [{ name: 'keyword', type: 3, value: 'huawei' }]);
    await t.interact(payload);
    t.gateway!.drop(4000);
    await until(() => t.gateway!.resumed === 2, 'the second RESUMED');
    t.gateway!.dispatch('INTERACTION_CREATE', payload);
    await settle();
    expect(discord.interactionReplies.filter((r) => r.path.includes(payload.id))).toHaveLength(1);
    expect((await test.app.store.listWatchRules()).map((r) => r.term)).toEqual(['huawei']);
  });

  it('INVALID_SESSION (not resumable) leads to a fresh IDENTIFY and READY, and commands work after', async () => {
    const identifies = t.gateway!.identifies.length;
    t.gateway!.invalidateSession();
    await until(() => t.gateway!.identifies.length === identifies + 1 && t.gateway!.ready === identifies + 1, 'a fresh IDENTIFY and READY', 15_000);
    const answer = await t.interact(entity('hikvision'));
    expect(answer.type).toBe(4);
  }, 20_000);
});
