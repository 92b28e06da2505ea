/**
 * Start Discord's ways in beside the worker: the HTTP interactions endpoint (when
 * DISCORD_PUBLIC_KEY is set) and the gateway (when DISCORD_TOKEN is set). Alerts are not sent
 * here: the Discord notifier (in deps.notifiers) does that through REST, whatever the state of
 * the gateway.
 *
 *   const discord = await startDiscordPlatform(app.platformDeps, discordConfig);
 *   …
 *   await discord.stop();
 *
 * Watch rules decide which channels get alerts besides DISCORD_ALERT_CHANNELS: the notifier's
 * channel set is synced from the store at start and after every /watch add or remove.
 */
import { Routes } from 'discord-api-types/v10';
import { z } from 'zod';
import type { Alert } from '../../core/alert.js';
import { DeliveryError } from '../../errors.js';
import { createDiscordRest, discordChannelId, isDiscordNotifier } from '../../notifiers/discord/index.js';
import type { PlatformDeps } from '../deps.js';
import { createCompleterSource } from './completer.js';
import type { DiscordConfig } from './config.js';
import { createOnce } from '../once.js';
import { dispatchInteraction, REPEATED, type DispatchDeps } from './dispatch.js';
import { startGateway, type Gateway } from './gateway.js';
import { startInteractionsServer, type InteractionsServer } from './interactions.js';

export interface DiscordPlatform {
  /** Where the interactions endpoint listens ("http://127.0.0.1:8788"), or null when it is off. */
  interactionsUrl: string | null;
  stop(): Promise<void>;
}

export interface DiscordPlatformOptions {
  /** Defer a command answer after this long (default 2 s). */
  deferAfterMs?: number;
  /** First gateway login retry delay (default 5 s). */
  gatewayBackoffMs?: number;
}

export { isDiscordNotifier };

const Callback = z.object({ id: z.string(), token: z.string() });

export async function startDiscordPlatform(platform: PlatformDeps, config: DiscordConfig, options: DiscordPlatformOptions = {}): Promise<DiscordPlatform> {
  const { log, store, lookupIndex } = platform;
  const rest = createDiscordRest({ token: config.token, apiUrl: config.apiUrl });
  const notifier = platform.notifiers.find(isDiscordNotifier) ?? null;
  if (!notifier && config.token) log.warn('discord notifier is not registered: channel alerts and /watch test will not post');
  const completer = createCompleterSource(store);
  // Build the name indexes now, so the first autocomplete does not wait for them.
  lookupIndex().catch((err: unknown) => log.warn({ err }, 'lookup index build failed'));
  completer().catch((err: unknown) => log.warn({ err }, 'name completer build failed'));

  async function rulesChanged(): Promise<void> {
    const channels = (await store.listWatchRules()).map((rule) => rule.channel).filter((c) => c.startsWith('discord:'));
    notifier?.syncWatchChannels(channels.map((c) => c.slice('discord:'.length)));
  }
  await rulesChanged().catch((err: unknown) => log.warn({ err }, 'discord: reading watch channels failed'));

  const deps: DispatchDeps = {
    store,
    lookupIndex,
    screenable: platform.screenable,
    staleAfterMs: platform.staleAfterMs,
    completer,
    now: platform.now,
    log,
    rulesChanged,
    deferAfterMs: options.deferAfterMs,
    // One memory for both ways in: an interaction seen on either is not run again.
    once: createOnce(),
    async postAlert(channelId: string, alert: Alert) {
      if (!notifier) throw new DeliveryError('no Discord bot is configured (DISCORD_TOKEN), so alerts cannot be posted to channels', { retryable: false });
      const channel = { id: discordChannelId(channelId), notifier: 'discord', target: channelId };
      await notifier.send({ alert, channel, idempotencyKey: `${alert.id}:${channel.id}`, threadRemoteId: null });
    },
    async editOriginal(applicationId, token, message, files) {
      // Files go as multipart (payload_json + files[n]); `attachments` names each by its index.
      const body = files.length ? { ...message, attachments: files.map((f, id) => ({ id, filename: f.name })) } : message;
      await rest.patch(Routes.webhookMessage(applicationId, token, '@original'), {
        body,
        files: files.map((f) => ({ name: f.name, data: f.bytes, contentType: f.contentType })),
        auth: false,
      });
    },
  };

  let server: InteractionsServer | null = null;
  if (config.publicKey) {
    server = await startInteractionsServer({ port: config.interactionsPort, host: config.interactionsHost, publicKey: config.publicKey, deps, log });
  }

  let gateway: Gateway | null = null;
  if (config.token && config.gateway) {
    gateway = startGateway({
      token: config.token,
      apiUrl: config.apiUrl,
      log,
      backoffMs: options.gatewayBackoffMs,
      onInteraction(payload) {
        void (async () => {
          const target = Callback.safeParse(payload);
          const result = await dispatchInteraction(payload, deps);
          if (!result || result === REPEATED || !target.success) return;
          await rest.post(Routes.interactionCallback(target.data.id, target.data.token), { body: result.response, auth: false });
          await result.followUp;
        })().catch((err: unknown) => log.error({ err }, 'discord gateway interaction failed'));
      },
    });
  }

  return {
    interactionsUrl: server?.url ?? null,
    async stop() {
      await gateway?.stop();
      await server?.close();
    },
  };
}
