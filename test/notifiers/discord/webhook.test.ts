import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../../src/errors.js';
import { createDiscordWebhookNotifier, discordWebhookChannelId } from '../../../src/notifiers/discord/webhook.js';
import type { DeliveryRequest, Notifier } from '../../../src/notifiers/types.js';
import { makeDesignation } from '../../helpers/designations.js';
import { startFakeDiscord, type FakeDiscord } from '../../helpers/fake-discord.js';
import { startFakeServer, type FakeServer } from '../../helpers/http.js';
import { elAlert, HOSTILE, manyDesignations } from './alerts.js';

describe('Discord webhook-only mode', () => {
  let discord: FakeDiscord;
  let url: string;
  let notifier: Notifier;

  function request(alert = elAlert([makeDesignation({ name: 'Acme Optics', list: 'EL' })])): DeliveryRequest {
    const channel = notifier.channels()[0]!;
    return { alert, channel, idempotencyKey: `${alert.id}:${channel.id}`, threadRemoteId: null };
  }

  beforeEach(async () => {
    discord = await startFakeDiscord();
    url = `${discord.url}/api/webhooks/444444444444444444/secret-webhook-token`;
    notifier = createDiscordWebhookNotifier(url);
  });
  afterEach(async () => {
    expect(discord.unexpected).toEqual([]);
    await discord.close();
  });

  it('posts the rendered embeds to the webhook URL with ?wait=true and no mentions', async () => {
    expect(notifier.channels()).toEqual([{ id: discordWebhookChannelId(url), notifier: 'discord-webhook', target: url }]);
    expect(notifier.channels()[0]!.id).not.toContain('secret');
    const receipt = await notifier.send(request(elAlert([HOSTILE])));
    expect(discord.webhookMessages).toHaveLength(1);
    const posted = discord.webhookMessages[0]!;
    expect(posted.path).toBe('/api/webhooks/444444444444444444/secret-webhook-token?wait=true');
    const body = posted.body as { embeds: unknown[]; allowed_mentions: unknown };
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect((body.embeds[0] as { title: string }).title).toBe('Entity List — 1 addition');
    expect(JSON.stringify(body)).not.toContain('@everyone');
    expect(JSON.stringify(body)).not.toContain('<@&123>');
    expect(receipt.remoteId).toMatch(/^\d+$/);
    expect(discord.messages).toHaveLength(0);
  });

  it('an alert too big for one message is posted as several messages in order', async () => {
    await notifier.send(request(elAlert(manyDesignations(60))));
    expect(discord.webhookMessages.length).toBeGreaterThan(1);
    const names = discord.webhookMessages.flatMap((m) =>
      (m.body as { embeds: Array<{ fields?: Array<{ name: string }> }> }).embeds.flatMap((e) => (e.fields ?? []).map((f) => f.name)),
    );
    expect(names).toHaveLength(60);
    expect(names[59]).toBe('Added: Example Trading Company 60 Limited');
  });
});

describe('Discord webhook-only mode: errors', () => {
  let server: FakeServer;
  afterEach(async () => {
    await server.close();
  });

  it('429: a short retry_after is waited out; a long one is a retryable DeliveryError', async () => {
    server = await startFakeServer();
    let calls = 0;
    server.route('POST', '/hook', (_req, res) => {
      calls++;
      if (calls === 1) return void res.writeHead(429, { 'content-type': 'application/json' }).end(JSON.stringify({ retry_after: 0.2, global: false }));
      if (calls === 2) return void res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '60' }).end(JSON.stringify({ retry_after: 60, global: false }));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: '555' }));
    });
    const notifier = createDiscordWebhookNotifier(`${server.url}/hook`);
    const channel = notifier.channels()[0]!;
    const alert = elAlert([makeDesignation({ name: 'Acme Optics', list: 'EL' })]);
    const req = { alert, channel, idempotencyKey: 'k', threadRemoteId: null };
    const started = Date.now();
    const error = await notifier.send(req).catch((err: unknown) => err);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).details).toEqual({ retryable: true, status: 429, retryAfterMs: 60_000 });
    expect(await notifier.send(req)).toEqual({ remoteId: '555' });
    expect(calls).toBe(3);
  });

  it('404 (webhook deleted) is permanent and says which variable to fix', async () => {
    server = await startFakeServer();
    server.route('POST', '/gone', (_req, res) => void res.writeHead(404).end('{"message":"Unknown Webhook","code":10015}'));
    const notifier = createDiscordWebhookNotifier(`${server.url}/gone`);
    const alert = elAlert([makeDesignation({ name: 'Acme Optics', list: 'EL' })]);
    const error = await notifier.send({ alert, channel: notifier.channels()[0]!, idempotencyKey: 'k', threadRemoteId: null }).catch((err: unknown) => err);
    expect((error as DeliveryError).details).toEqual({ retryable: false, status: 404 });
    expect((error as DeliveryError).message).toContain('DISCORD_WEBHOOK_URL');
  });
});
