/**
 * The contract every notifier folder implements: `src/notifiers/<id>/index.ts` exports a
 * factory whose result `satisfies Notifier`, registered in `src/notifiers/registry.ts`.
 *
 * A notifier owns one kind of channel (console, webhook, Slack, Discord). Its `render.ts` is
 * pure (alert → platform payload); its `send` does the I/O. Every string that came from a
 * source is untrusted: it must never become a mention, a link or markup on the platform.
 */
import type { Alert } from '../core/alert.js';

/** One place alerts go. The id is safe to log and store; the target may hold a secret. */
export interface Channel {
  /** Stable id, "<notifier>:<safe label>": "console", "webhook:3f9a1c2b", "slack:C0123". */
  id: string;
  /** Notifier id that delivers to it. */
  notifier: string;
  /** Where to send (URL, channel id). Never logged: webhook URLs embed credentials. */
  target: string;
}

export interface DeliveryRequest {
  /** The alert as this channel sees it (already filtered by watch rules). */
  alert: Alert;
  channel: Channel;
  /** Same for every attempt at this alert + channel; notifiers pass it to the platform where they can. */
  idempotencyKey: string;
  /** The remote id of the message this one continues (alert.threadOf's delivery in this channel). */
  threadRemoteId: string | null;
}

export interface DeliveryReceipt {
  /** The platform's id of the posted message (Slack ts, Discord message id); null when none. */
  remoteId: string | null;
}

/**
 * How a delivery interrupted between the platform accepting it and the record being written
 * is recovered on restart:
 * - 'idempotency-key': resend with the same key; the receiver drops the duplicate (webhooks).
 * - 'lookup': ask the platform with `findDelivered` first, resend only when not found (Slack).
 * - 'resend': nothing to check; a resend may duplicate (console: it only prints).
 */
export type RecoveryMode = 'idempotency-key' | 'lookup' | 'resend';

export interface Notifier {
  /** Registry id: "console", "webhook", "slack", "discord". */
  id: string;
  recovery: RecoveryMode;
  /** The channels this notifier delivers to, from config. */
  channels(): Channel[];
  /** Deliver one alert to one channel. Throws DeliveryError (retryable or not). */
  send(request: DeliveryRequest): Promise<DeliveryReceipt>;
  /** For recovery 'lookup': the receipt if the platform already has this delivery, else null. */
  findDelivered?(request: DeliveryRequest): Promise<DeliveryReceipt | null>;
  /**
   * Re-read the channels that watch rules added (a chat channel with watch rules is an alert
   * channel). Chat notifiers implement it; call before routing and after a rule changes.
   */
  syncChannels?(): Promise<void>;
  /** Release connections. */
  close?(): Promise<void>;
}
