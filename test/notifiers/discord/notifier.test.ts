import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../../src/errors.js';
import { createDiscordNotifier, createDiscordRest, discordChannelId, messageNonce } from '../../../src/notifiers/discord/index.js';
import type { DeliveryRequest, Notifier } from '../../../src/notifiers/types.js';
import { createDeliverer } from '../../../src/worker/deliver.js';
import { silentLogger } from '../../../src/log.js';
import { openSqliteStore } from '../../../store/sqlite/index.js';
import { tempDir } from '../../helpers/app.js';
import { makeDesignation } from '../../helpers/designations.js';
import { startFakeDiscord, type FakeDiscord } from '../../helpers/fake-discord.js';
import { elAlert, HOSTILE, manyDesignations } from './alerts.js';

const CHANNEL = '222222222222222222';

function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { log, lines };
}

describe('Discord notifier against a fake Discord API', () => {
  let discord: FakeDiscord;
  let notifier: ReturnType<typeof createDiscordNotifier>;
  let logged: ReturnType<typeof capturingLogger>;

  function newNotifier(maxRateLimitWaitMs?: number) {
    const rest = createDiscordRest({ token: 'test-token-0123456789abcdef', apiUrl: discord.apiUrl, maxRateLimitWaitMs });
    return createDiscordNotifier({ rest, channelIds: [CHANNEL], log: logged.log });
  }

  function request(alert = elAlert([makeDesignation({ name: 'Acme Optics', list: 'EL', countries: ['CN'] })]), channel = notifier.channels()[0]!): DeliveryRequest {
    return { alert, channel, idempotencyKey: `${alert.id}:${channel.id}`, threadRemoteId: null };
  }

  beforeEach(async () => {
    discord = await startFakeDiscord();
    logged = capturingLogger();
    notifier = newNotifier();
  });
  afterEach(async () => {
    expect(discord.unexpected).toEqual([]);
    await discord.close();
  });

  it('posts embeds with allowed_mentions { parse: [] }, a nonce and enforce_nonce', async () => {
    expect(notifier.channels()).toEqual([{ id: `discord:${CHANNEL}`, notifier: 'discord', target: CHANNEL }]);
    const req = request();
    const receipt = await notifier.send(req);
    expect(discord.messages).toHaveLength(1);
    const sent = discord.messages[0]!;
    expect(receipt).toEqual({ remoteId: sent.id });
    expect(sent.channel_id).toBe(CHANNEL);
    expect(sent.body.allowed_mentions).toEqual({ parse: [] });
    expect(sent.body.enforce_nonce).toBe(true);
    expect(sent.body.nonce).toBe(messageNonce(req.idempotencyKey, 0));
    expect(String(sent.body.nonce).length).toBeLessThanOrEqual(25);
    expect((sent.body.embeds as Array<{ title: string }>)[0]!.title).toBe('Entity List — 1 addition');
    expect(discord.requests[0]!.headers.authorization).toBe('Bot test-token-0123456789abcdef');
  });

  it('a resend with the same idempotency key (a restarted process) creates no second message', async () => {
    const req = request();
    const first = await notifier.send(req);
    const second = await newNotifier().send(req);
    expect(second).toEqual(first);
    expect(discord.messages).toHaveLength(1);
    expect(discord.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
  });

  it('a short 429 is waited out by the REST queue (retry_after honoured), then posted once', async () => {
    discord.rateLimitNext(1, 0.4);
    const started = Date.now();
    await notifier.send(request());
    const posts = discord.requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(400);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(discord.messages).toHaveLength(1);
  });

  it('a long 429 is handed back as a retryable DeliveryError with retryAfterMs', async () => {
    notifier = newNotifier(1000);
    discord.rateLimitNext(1, 120);
    const error = await notifier.send(request()).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).details).toMatchObject({ retryable: true, status: 429 });
    // retry_after plus the REST client's small safety offset.
    expect((error as DeliveryError).details.retryAfterMs).toBeGreaterThanOrEqual(120_000);
    expect((error as DeliveryError).details.retryAfterMs).toBeLessThan(121_000);
    expect(discord.messages).toHaveLength(0);
  });

  it('60 designations: summary in the channel, a thread on it with the rest, every message once', async () => {
    const req = request(elAlert(manyDesignations(60)));
    const receipt = await notifier.send(req);
    const main = discord.messagesIn(CHANNEL);
    expect(main).toHaveLength(1);
    expect(receipt.remoteId).toBe(main[0]!.id);
    expect(discord.threads).toEqual(new Map([[main[0]!.id, { parent: CHANNEL, name: 'Entity List — 60 additions' }]]));
    const inThread = discord.messagesIn(main[0]!.id);
    expect(inThread.length).toBeGreaterThan(0);
    const fieldNames = [...main, ...inThread].flatMap((m) => (m.body.embeds as Array<{ fields?: Array<{ name: string }> }>).flatMap((e) => (e.fields ?? []).map((f) => f.name)));
    expect(fieldNames).toEqual(Array.from({ length: 60 }, (_, i) => `Added: Example Trading Company ${i + 1} Limited`));
    for (const m of inThread) expect(m.body).toMatchObject({ allowed_mentions: { parse: [] }, enforce_nonce: true });

    // A restart resends everything with the same key: Discord returns the same messages, the thread exists.
    const again = await newNotifier().send(req);
    expect(again).toEqual(receipt);
    expect(discord.messages).toHaveLength(1 + inThread.length);
    expect(discord.threads.size).toBe(1);
  });

  it('"@everyone <@&123> Acme" pings nobody: allowed_mentions empty and the text escaped', async () => {
    await notifier.send(request(elAlert([HOSTILE])));
    const body = discord.messages[0]!.body;
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.content).toBeUndefined();
    const text = JSON.stringify(body.embeds);
    for (const raw of ['@everyone', '@here', '<@&123>', '<@456>', '<#789>', '[click](']) expect(text).not.toContain(raw);
  });

  it('a channel the bot cannot post to: permanent DeliveryError an admin can act on, logged', async () => {
    discord.forbid(CHANNEL);
    const error = await notifier.send(request()).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).details).toMatchObject({ retryable: false, status: 403 });
    expect((error as DeliveryError).message).toBe(`Discord channel ${CHANNEL}: the bot cannot see this channel (Missing Access): add the bot to the channel, or give it View Channel`);
    expect(logged.lines.filter((l) => l.msg === 'discord channel cannot receive alerts')).toEqual([
      expect.objectContaining({ level: 50, channel: `discord:${CHANNEL}` }),
    ]);
  });

  it('an alert continuing an earlier one is posted in a thread on that message', async () => {
    const parent = await notifier.send(request());
    const follow = { ...request(elAlert([makeDesignation({ name: 'Beta Corp', list: 'EL' })], 'al_discord_2')), threadRemoteId: parent.remoteId };
    await notifier.send(follow);
    expect(discord.messagesIn(CHANNEL)).toHaveLength(1);
    expect(discord.messagesIn(parent.remoteId!)).toHaveLength(1);
  });

  it('watch channels are synced beside the configured ones', () => {
    notifier.syncWatchChannels(['333333333333333333']);
    expect(notifier.channels().map((c) => c.id)).toEqual([discordChannelId(CHANNEL), discordChannelId('333333333333333333')]);
    notifier.syncWatchChannels([]);
    expect(notifier.channels().map((c) => c.id)).toEqual([discordChannelId(CHANNEL)]);
  });

  it('through the deliverer: a crash after Discord accepted is recovered without a second message', async () => {
    const dir = tempDir();
    let store = openSqliteStore(`${dir.dir}/outbox.db`);
    const now = () => new Date('2026-11-21T10:00:00.000Z');
    const deliverer = (notifiers: Notifier[], s = store) =>
      createDeliverer({ store: s, log: silentLogger(), now, notifiers, maxAttempts: 5, backoffBaseMs: 1000, backoffMaxMs: 60_000, random: () => 0.5 });
    try {
      const alert = elAlert([makeDesignation({ name: 'Acme Optics', list: 'EL' })]);
      await store.insertAlerts([{ alert, routes: [{ channel: discordChannelId(CHANNEL), matchKeys: null }] }], now().toISOString());
      // Process 1 marked the row 'sending', Discord accepted the message, then the process died.
      await store.claimDelivery(alert.id, discordChannelId(CHANNEL), { by: 'stopped-instance', at: now().toISOString(), until: now().toISOString() });
      await notifier.send(request(alert));
      expect((await store.getDelivery(alert.id, discordChannelId(CHANNEL)))?.state).toBe('sending');
      await store.close();
      store = openSqliteStore(`${dir.dir}/outbox.db`);
      const next = deliverer([newNotifier()]);
      expect(await next.recover()).toBe(1);
      expect(await next.drain()).toBe(1);
      expect(discord.messages).toHaveLength(1);
      expect((await store.getDelivery(alert.id, discordChannelId(CHANNEL)))?.remoteId).toBe(discord.messages[0]!.id);
    } finally {
      await store.close();
      dir.cleanup();
    }
  });
});
