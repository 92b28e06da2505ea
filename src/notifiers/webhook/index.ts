/**
 * Generic JSON webhook notifier: POSTs each alert to every URL in WEBHOOK_URLS.
 *
 *   WEBHOOK_URLS=https://hooks.example.com/entitywatch,https://other.example.com/in
 *
 * Each request carries an `Idempotency-Key` header (alert id + channel) that stays the same
 * across retries and restarts, so a receiver can drop a delivery it already accepted: that is
 * how a crash between the receiver's 2xx and our record is recovered without a duplicate.
 * 2xx = delivered; 408/429/5xx and network errors = retry (Retry-After honoured); other 4xx = failed.
 */
import { createHash } from 'node:crypto';
import { DeliveryError } from '../../errors.js';
import type { Channel, Notifier } from '../types.js';
import { renderWebhookPayload } from './render.js';

/** "webhook:<8 hex>": a stable label that does not reveal the URL (which may embed a token). */
export function webhookChannelId(url: string): string {
  return `webhook:${createHash('sha256').update(url).digest('hex').slice(0, 8)}`;
}

const RETRYABLE = new Set([408, 425, 429, 500, 502, 503, 504]);

export interface WebhookOptions {
  urls: readonly string[];
  timeoutMs: number;
  userAgent: string;
}

export function createWebhookNotifier(options: WebhookOptions): Notifier {
  const channels: Channel[] = options.urls.map((url) => ({ id: webhookChannelId(url), notifier: 'webhook', target: url }));
  return {
    id: 'webhook',
    recovery: 'idempotency-key',
    channels: () => channels,
    async send({ alert, channel, idempotencyKey }) {
      let response: Response;
      try {
        response = await fetch(channel.target, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'idempotency-key': idempotencyKey,
            'user-agent': options.userAgent,
          },
          body: JSON.stringify(renderWebhookPayload(alert, idempotencyKey)),
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        await response.body?.cancel();
      } catch (err) {
        throw new DeliveryError(`webhook ${channel.id} unreachable`, { retryable: true }, { cause: err });
      }
      if (response.ok) return { remoteId: null };
      const retryAfter = Number(response.headers.get('retry-after'));
      const details: { retryable: boolean; status: number; retryAfterMs?: number } = {
        retryable: RETRYABLE.has(response.status),
        status: response.status,
      };
      if (Number.isFinite(retryAfter) && retryAfter > 0) details.retryAfterMs = retryAfter * 1000;
      throw new DeliveryError(`webhook ${channel.id} answered HTTP ${response.status}`, details);
    },
  };
}
