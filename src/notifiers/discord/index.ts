/**
 * Discord notifier: posts alerts as embeds through the REST API alone (no gateway), so delivery
 * works while the gateway is down. Channels: DISCORD_ALERT_CHANNELS, plus those the watch
 * commands add (`addChannel`).
 *
 *   const rest = createDiscordRest({ token, apiUrl: 'https://discord.com/api' });
 *   const notifier = createDiscordNotifier({ rest, channelIds: ['123…'], log });
 *
 * Exactly once: every message carries a `nonce` derived from the idempotency key (and its part
 * number) with `enforce_nonce: true`; Discord answers a repeat within its window ("the past few
 * minutes") with the message it already created, so a resend after a crash is absorbed. Within
 * one process, the parts of a split alert already posted are remembered, so a retry continues
 * where the last attempt stopped. Short rate limits are waited out by the REST queue; longer
 * ones come back as a retryable DeliveryError with retryAfterMs (see errors.ts).
 */
import { createHash } from 'node:crypto';
import { REST } from '@discordjs/rest';
import { Routes, type APIMessage } from 'discord-api-types/v10';
import type { Logger } from 'pino';
import type { Channel, DeliveryRequest, Notifier } from '../types.js';
import { isChannelProblem, isDiscordCode, DISCORD_CODES, toDeliveryError } from './errors.js';
import { renderDiscordAlert, type DiscordMessage } from './render.js';

export { createDiscordWebhookNotifier } from './webhook.js';

export interface DiscordRestOptions {
  /** Bot token; null for a client that only answers interactions (their webhooks need no token). */
  token: string | null;
  /** REST base without version, e.g. "https://discord.com/api" (DISCORD_API_URL). */
  apiUrl: string;
  /** Rate limits longer than this are not waited out in the request but handed back (default 30 s). */
  maxRateLimitWaitMs?: number;
  timeoutMs?: number;
}

export function createDiscordRest(options: DiscordRestOptions): REST {
  const maxWait = options.maxRateLimitWaitMs ?? 30_000;
  const rest = new REST({
    api: options.apiUrl,
    version: '10',
    timeout: options.timeoutMs ?? 15_000,
    rejectOnRateLimit: (limit) => limit.retryAfter > maxWait || limit.timeToReset > maxWait,
  });
  return options.token ? rest.setToken(options.token) : rest;
}

/** "discord:<channel id>". */
export function discordChannelId(channelId: string): string {
  return `discord:${channelId}`;
}

/** A nonce Discord accepts (≤ 25 characters), the same for every attempt at this part. */
export function messageNonce(idempotencyKey: string, part: number): string {
  return createHash('sha256').update(`${idempotencyKey}#${part}`).digest('hex').slice(0, 25);
}

export interface DiscordNotifierOptions {
  rest: REST;
  /** Channel ids (snowflakes) from config. */
  channelIds: readonly string[];
  log: Logger;
}

export interface DiscordNotifier extends Notifier {
  /** Start delivering to a channel (a watch command named it). Returns its Channel; idempotent. */
  addChannel(channelId: string): Channel;
  /** Make the channel set the config's plus these (channels that have watch rules). */
  syncWatchChannels(channelIds: readonly string[]): void;
}

/** Split deliveries whose progress is remembered between attempts. */
const MAX_REMEMBERED = 500;

interface Progress {
  parts: number;
  mainId: string | null;
  threadId: string | null;
}

export function createDiscordNotifier(options: DiscordNotifierOptions): DiscordNotifier {
  const { rest, log } = options;
  const channels = new Map<string, Channel>();
  const progress = new Map<string, Progress>();

  function addChannel(channelId: string): Channel {
    const id = discordChannelId(channelId);
    const existing = channels.get(id);
    if (existing) return existing;
    const channel: Channel = { id, notifier: 'discord', target: channelId };
    channels.set(id, channel);
    return channel;
  }
  for (const channelId of options.channelIds) addChannel(channelId);

  function syncWatchChannels(channelIds: readonly string[]): void {
    const keep = new Set([...options.channelIds, ...channelIds].map(discordChannelId));
    for (const id of channels.keys()) if (!keep.has(id)) channels.delete(id);
    for (const channelId of channelIds) addChannel(channelId);
  }

  async function post(channelId: string, message: DiscordMessage, nonce: string): Promise<APIMessage> {
    const body = { ...message, nonce, enforce_nonce: true };
    return (await rest.post(Routes.channelMessages(channelId), { body })) as APIMessage;
  }

  /** The thread on a message, created when missing. A thread started from a message has the message's id. */
  async function ensureThread(channelId: string, messageId: string, name: string): Promise<string> {
    try {
      const thread = (await rest.post(Routes.threads(channelId, messageId), { body: { name, auto_archive_duration: 1440 } })) as { id: string };
      return thread.id;
    } catch (err) {
      if (isDiscordCode(err, DISCORD_CODES.threadAlreadyCreated)) return messageId;
      throw err;
    }
  }

  async function deliver(req: DeliveryRequest, state: Progress): Promise<string | null> {
    const channelId = req.channel.target;
    const { messages, threadName } = renderDiscordAlert(req.alert);
    for (let part = state.parts; part < messages.length; part++) {
      const message = messages[part]!;
      // A continuation of an earlier alert, and the overflow of this one, go to a thread.
      const inThread = req.threadRemoteId !== null || part > 0;
      if (inThread && state.threadId === null) {
        state.threadId = await ensureThread(channelId, req.threadRemoteId ?? state.mainId!, threadName);
      }
      const posted = await post(inThread ? state.threadId! : channelId, message, messageNonce(req.idempotencyKey, part));
      if (part === 0) state.mainId = posted.id;
      state.parts = part + 1;
    }
    return state.mainId;
  }

  return {
    id: 'discord',
    // The nonce makes a resend idempotent within Discord's window (see module comment).
    recovery: 'idempotency-key',
    channels: () => [...channels.values()],
    addChannel,
    syncWatchChannels,
    async send(req) {
      const state = progress.get(req.idempotencyKey) ?? { parts: 0, mainId: null, threadId: null };
      progress.set(req.idempotencyKey, state);
      // Deliveries the deliverer gave up on leave an entry behind: keep only the most recent.
      if (progress.size > MAX_REMEMBERED) progress.delete(progress.keys().next().value!);
      try {
        const remoteId = await deliver(req, state);
        progress.delete(req.idempotencyKey);
        return { remoteId };
      } catch (err) {
        const error = toDeliveryError(err, `Discord channel ${req.channel.target}`);
        if (!error.details.retryable) progress.delete(req.idempotencyKey);
        // The message reaches `status` through the delivery's lastError; the log tells admins now.
        if (isChannelProblem(err)) {
          log.error({ channel: req.channel.id, reason: error.message }, 'discord channel cannot receive alerts');
        }
        throw error;
      }
    },
  };
}

/** Whether a notifier is the Discord bot notifier (it can add watch channels). */
export function isDiscordNotifier(notifier: Notifier): notifier is DiscordNotifier {
  return notifier.id === 'discord' && 'syncWatchChannels' in notifier;
}
