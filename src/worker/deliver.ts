/**
 * The deliverer: sends outbox rows to their channels, exactly once per alert + channel.
 *
 * Every row is marked 'sending' (committed) before the platform is called and 'sent' after it
 * accepted. A process that dies between the two leaves the row in 'sending'; on start,
 * `recover()` settles each such row through its notifier's declared recovery mode before any
 * resend (see src/notifiers/types.ts RecoveryMode). Channels are independent: each is worked on
 * concurrently, in alert order, and one failing channel only delays itself (backoff).
 */
import type { Logger } from 'pino';
import { alertForRoute } from '../core/watch.js';
import { DeliveryError, describeError } from '../errors.js';
import type { Channel, DeliveryReceipt, DeliveryRequest, Notifier } from '../notifiers/types.js';
import type { Delivery, Store } from '../../store/types.js';

export interface DelivererOptions {
  store: Store;
  log: Logger;
  now: () => Date;
  notifiers: readonly Notifier[];
  /** Attempts before a retryable failure is given up as 'failed'. */
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** How often the running loop looks for due rows when not woken. */
  intervalMs?: number;
  /** Random source for backoff jitter (tests pass a constant). */
  random?: () => number;
}

/** Retry a channel that is not configured (any more) after this long, rather than drop its alerts. */
const UNKNOWN_CHANNEL_RETRY_MS = 60 * 60 * 1000;

export interface Deliverer {
  /** Settle rows a previous process left in 'sending'. Call once before the first run. */
  recover(): Promise<number>;
  /** Deliver everything due now, channel by channel, until nothing is due. Returns rows sent. */
  drain(): Promise<number>;
  /** Run continuously until stop(): drain, sleep, drain… `wake()` shortens the sleep. */
  start(): void;
  wake(): void;
  stop(): Promise<void>;
}

export function idempotencyKey(alertId: string, channelId: string): string {
  return `${alertId}:${channelId}`;
}

export function createDeliverer(options: DelivererOptions): Deliverer {
  const { store, log } = options;
  const random = options.random ?? Math.random;
  const byChannel = new Map<string, { notifier: Notifier; channel: Channel }>();
  /** Channels can appear at run time (a chat watch command adds one): look again before giving up. */
  function targetOf(id: string): { notifier: Notifier; channel: Channel } | undefined {
    if (!byChannel.has(id)) {
      for (const notifier of options.notifiers) {
        for (const channel of notifier.channels()) byChannel.set(channel.id, { notifier, channel });
      }
    }
    return byChannel.get(id);
  }

  function backoffMs(attempts: number): number {
    const exp = Math.min(options.backoffMaxMs, options.backoffBaseMs * 2 ** Math.max(0, attempts - 1));
    return Math.round(exp * (0.8 + 0.4 * random()));
  }

  async function request(row: Delivery, channel: Channel): Promise<DeliveryRequest | null> {
    const alert = await store.getAlert(row.alertId);
    if (!alert) return null;
    const parent = alert.threadOf ? await store.getDelivery(alert.threadOf, channel.id) : null;
    return {
      alert: alertForRoute(alert, row.matchKeys),
      channel,
      idempotencyKey: idempotencyKey(row.alertId, channel.id),
      threadRemoteId: parent?.remoteId ?? null,
    };
  }

  async function deliverOne(row: Delivery): Promise<boolean> {
    const at = () => options.now().toISOString();
    const target = targetOf(row.channel);
    if (!target) {
      const next = new Date(options.now().getTime() + UNKNOWN_CHANNEL_RETRY_MS).toISOString();
      await store.markAttemptFailed(row.alertId, row.channel, at(), 'channel is not configured', next);
      log.warn({ channel: row.channel, alert: row.alertId }, 'delivery waits: channel not configured');
      return false;
    }
    const req = await request(row, target.channel);
    if (!req) {
      await store.markAttemptFailed(row.alertId, row.channel, at(), 'alert not found', null);
      return false;
    }
    await store.markSending(row.alertId, row.channel, at());
    let receipt: DeliveryReceipt;
    try {
      receipt = await target.notifier.send(req);
    } catch (err) {
      const attempts = row.attempts + 1;
      const retryable = !(err instanceof DeliveryError) || err.details.retryable;
      const giveUp = !retryable || attempts >= options.maxAttempts;
      const wait = err instanceof DeliveryError && err.details.retryAfterMs !== undefined ? err.details.retryAfterMs : backoffMs(attempts);
      const next = giveUp ? null : new Date(options.now().getTime() + wait).toISOString();
      await store.markAttemptFailed(row.alertId, row.channel, at(), describeError(err), next);
      log.warn({ channel: row.channel, alert: row.alertId, attempts, retryAt: next, reason: describeError(err) }, giveUp ? 'delivery failed for good' : 'delivery failed, will retry');
      return false;
    }
    // Outside the try: a failure to record a send the platform accepted is not a failed send.
    // It propagates like a crash, leaving the row in 'sending' for recover() to settle.
    await store.markSent(row.alertId, row.channel, at(), receipt.remoteId);
    log.info({ channel: row.channel, alert: row.alertId }, 'alert delivered');
    return true;
  }

  async function recover(): Promise<number> {
    let settled = 0;
    for (const row of await store.inFlightDeliveries()) {
      const at = options.now().toISOString();
      const target = targetOf(row.channel);
      if (target?.notifier.recovery === 'lookup' && target.notifier.findDelivered) {
        const req = await request(row, target.channel);
        try {
          const found = req ? await target.notifier.findDelivered(req) : null;
          if (found) {
            await store.markSent(row.alertId, row.channel, at, found.remoteId);
            log.info({ channel: row.channel, alert: row.alertId }, 'interrupted delivery had arrived; recorded');
            settled++;
            continue;
          }
        } catch (err) {
          // Unknown whether it arrived: do not resend blindly; look again later.
          const next = new Date(options.now().getTime() + backoffMs(row.attempts)).toISOString();
          await store.markAttemptFailed(row.alertId, row.channel, at, `recovery check failed: ${describeError(err)}`, next);
          continue;
        }
      }
      // Not found, or the notifier relies on an idempotency key: send again with the same key.
      await store.markAttemptFailed(row.alertId, row.channel, at, 'interrupted before it was recorded; resending', at);
      settled++;
    }
    return settled;
  }

  async function drain(): Promise<number> {
    let sent = 0;
    for (;;) {
      const due = await store.dueDeliveries(options.now().toISOString(), 100);
      if (due.length === 0) return sent;
      // dueDeliveries gives at most one row per channel (its head), so channels run side by side.
      const results = await Promise.all(due.map((row) => deliverOne(row)));
      const delivered = results.filter(Boolean).length;
      sent += delivered;
      if (delivered === 0 && results.length > 0) return sent;
    }
  }

  let running = false;
  let timer: NodeJS.Timeout | null = null;
  let wakeUp: (() => void) | null = null;
  let loop: Promise<void> | null = null;

  async function run(): Promise<void> {
    while (running) {
      try {
        await drain();
      } catch (err) {
        log.error({ err }, 'deliverer pass failed');
        // A row left in 'sending' holds its channel: settle it as a restart would.
        await recover().catch((recoverErr: unknown) => log.error({ err: recoverErr }, 'delivery recovery failed'));
      }
      if (!running) return;
      await new Promise<void>((resolve) => {
        wakeUp = resolve;
        timer = setTimeout(resolve, options.intervalMs ?? 2000);
      });
      wakeUp = null;
    }
  }

  return {
    recover,
    drain,
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    wake() {
      wakeUp?.();
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      wakeUp?.();
      await loop;
    },
  };
}
