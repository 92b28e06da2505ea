/**
 * Webhook-only Discord mode: with just DISCORD_WEBHOOK_URL, alerts are posted to that channel
 * webhook. No bot, no gateway; same rendering and mention rules as the bot notifier.
 *
 *   const notifier = createDiscordWebhookNotifier('https://discord.com/api/webhooks/123/abc');
 *
 * `?wait=true` makes Discord answer with the message, whose id is the receipt. A webhook cannot
 * start a thread in a text channel, so an alert too big for one message is posted as several
 * messages in a row. Webhooks take no nonce: a resend after a crash may repeat the alert
 * (recovery 'resend'); within one process a retry continues after the parts already posted.
 * A short 429 is waited out in place; a longer one is handed back as retryable with retryAfterMs.
 */
import { createHash } from 'node:crypto';
import { DeliveryError } from '../../errors.js';
import type { Channel, Notifier } from '../types.js';
import { renderDiscordAlert, type DiscordMessage } from './render.js';

export interface DiscordWebhookOptions {
  timeoutMs?: number;
  /** 429s asking for at most this long are waited out inside `send` (default 5 s). */
  maxInlineWaitMs?: number;
}

/** "discord-webhook:<8 hex>": names the webhook without revealing its token. */
export function discordWebhookChannelId(url: string): string {
  return `discord-webhook:${createHash('sha256').update(url).digest('hex').slice(0, 8)}`;
}

function withWait(url: string): string {
  const target = new URL(url);
  target.searchParams.set('wait', 'true');
  return target.href;
}

/** Seconds to wait from a 429: the JSON `retry_after` (float seconds), else the Retry-After header. */
async function retryAfterMs(response: Response): Promise<number> {
  const body: unknown = await response.json().catch(() => null);
  const fromBody = typeof body === 'object' && body !== null && 'retry_after' in body ? Number(body.retry_after) : NaN;
  const seconds = Number.isFinite(fromBody) ? fromBody : Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds * 1000) : 1000;
}

/** Split deliveries whose progress is remembered between attempts. */
const MAX_REMEMBERED = 500;

export function createDiscordWebhookNotifier(url: string, options: DiscordWebhookOptions = {}): Notifier {
  const channel: Channel = { id: discordWebhookChannelId(url), notifier: 'discord-webhook', target: url };
  const progress = new Map<string, { parts: number; firstId: string | null }>();
  const maxInline = options.maxInlineWaitMs ?? 5000;

  async function postOnce(message: DiscordMessage): Promise<string | null> {
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(withWait(channel.target), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(message),
          signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
        });
      } catch (err) {
        throw new DeliveryError(`Discord webhook ${channel.id} unreachable`, { retryable: true }, { cause: err });
      }
      if (response.ok) {
        const posted: unknown = await response.json().catch(() => null);
        return typeof posted === 'object' && posted !== null && 'id' in posted ? String(posted.id) : null;
      }
      if (response.status === 429) {
        const wait = await retryAfterMs(response);
        if (wait <= maxInline && attempt < 3) {
          await new Promise((resolve) => setTimeout(resolve, wait));
          continue;
        }
        throw new DeliveryError(`Discord webhook ${channel.id} rate limited`, { retryable: true, status: 429, retryAfterMs: wait });
      }
      await response.body?.cancel();
      const hint = response.status === 404 || response.status === 401 ? ': the webhook was deleted or its URL is wrong (DISCORD_WEBHOOK_URL)' : '';
      throw new DeliveryError(`Discord webhook ${channel.id} answered HTTP ${response.status}${hint}`, { retryable: response.status >= 500, status: response.status });
    }
  }

  return {
    id: 'discord-webhook',
    // Webhooks take no nonce, so nothing can absorb a resend after a crash.
    recovery: 'resend',
    channels: () => [channel],
    async send({ alert, idempotencyKey }) {
      const state = progress.get(idempotencyKey) ?? { parts: 0, firstId: null };
      progress.set(idempotencyKey, state);
      // Deliveries the deliverer gave up on leave an entry behind: keep only the most recent.
      if (progress.size > MAX_REMEMBERED) progress.delete(progress.keys().next().value!);
      const { messages } = renderDiscordAlert(alert);
      try {
        for (let part = state.parts; part < messages.length; part++) {
          const id = await postOnce(messages[part]!);
          if (part === 0) state.firstId = id;
          state.parts = part + 1;
        }
      } catch (err) {
        if (err instanceof DeliveryError && !err.details.retryable) progress.delete(idempotencyKey);
        throw err;
      }
      progress.delete(idempotencyKey);
      return { remoteId: state.firstId };
    },
  };
}
