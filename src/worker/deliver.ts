/**
 * The deliverer: sends outbox rows to their channels, exactly once per alert + channel.
 *
 * Every row is claimed — pending → sending, committed, under this instance's id and a lease
 * (`leaseMs`) — before the platform is called, and marked 'sent' after it accepted. The claim is
 * a conditional update, so of several instances on one database exactly one sends a row.
 * A process that dies between the two leaves the row in 'sending'; once its lease lapsed,
 * `recover()` (at start and before every pass, in whichever instance is alive) takes the claim
 * over and settles the row through its notifier's declared recovery mode before any resend
 * (see src/notifiers/types.ts RecoveryMode). Channels are independent: each is worked on
 * concurrently, in alert order, and one failing channel only delays itself (backoff).
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { alertForRoute } from '../core/watch.js';
import { DeliveryError, describeError } from '../errors.js';
import type { Channel, DeliveryReceipt, DeliveryRequest, Notifier } from '../notifiers/types.js';
import type { Delivery, DeliveryClaim, OutboxStore } from '../../store/types.js';

/** What the deliverer reports, for metrics (src/health/metrics.ts); every member optional to call. */
export interface DeliveryObserver {
  /** A row was accepted by its platform, `latencyMs` after its alert was created. */
  delivered(channel: string, latencyMs: number): void;
  /** An attempt failed; `code` is the HTTP status or the error's name. */
  failed(channel: string, code: string): void;
}

export interface DelivererOptions {
  store: OutboxStore;
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
  /** This instance's id, written on the rows it claims (default: host:pid:random). */
  instanceId?: string;
  /** How long a claim lasts; must outlast the slowest send (default DEFAULT_DELIVERY_LEASE_MS). */
  leaseMs?: number;
  observer?: DeliveryObserver;
}

/** Five minutes: far above any notifier's request timeout, short enough to settle a crash soon. */
export const DEFAULT_DELIVERY_LEASE_MS = 5 * 60 * 1000;

/** "host:pid:random": unique per process, readable in the outbox. */
export function newInstanceId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
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
  const instanceId = options.instanceId ?? newInstanceId();
  const leaseMs = options.leaseMs ?? DEFAULT_DELIVERY_LEASE_MS;
  function claim(): DeliveryClaim {
    const at = options.now();
    return { by: instanceId, at: at.toISOString(), until: new Date(at.getTime() + leaseMs).toISOString() };
  }
  function failureCode(err: unknown): string {
    if (err instanceof DeliveryError) return err.details.status !== undefined ? String(err.details.status) : err.details.retryable ? 'retryable' : 'permanent';
    return err instanceof Error ? err.name : 'unknown';
  }
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

  /** Send one row this instance has claimed; every write is conditional on the claim. */
  async function deliverOne(row: Delivery): Promise<boolean> {
    const at = () => options.now().toISOString();
    const target = targetOf(row.channel);
    if (!target) {
      const next = new Date(options.now().getTime() + UNKNOWN_CHANNEL_RETRY_MS).toISOString();
      await store.markAttemptFailed(row.alertId, row.channel, at(), 'channel is not configured', next, instanceId);
      log.warn({ channel: row.channel, alert: row.alertId }, 'delivery waits: channel not configured');
      return false;
    }
    const req = await request(row, target.channel);
    if (!req) {
      await store.markAttemptFailed(row.alertId, row.channel, at(), 'alert not found', null, instanceId);
      return false;
    }
    let receipt: DeliveryReceipt;
    try {
      receipt = await target.notifier.send(req);
    } catch (err) {
      const attempts = row.attempts;
      const retryable = !(err instanceof DeliveryError) || err.details.retryable;
      const giveUp = !retryable || attempts >= options.maxAttempts;
      const wait = err instanceof DeliveryError && err.details.retryAfterMs !== undefined ? err.details.retryAfterMs : backoffMs(attempts);
      const next = giveUp ? null : new Date(options.now().getTime() + wait).toISOString();
      options.observer?.failed(row.channel, failureCode(err));
      const held = await store.markAttemptFailed(row.alertId, row.channel, at(), describeError(err), next, instanceId);
      if (!held) log.warn({ channel: row.channel, alert: row.alertId }, 'delivery claim lapsed during the attempt; recovery settles it');
      log.warn({ channel: row.channel, alert: row.alertId, attempts, retryAt: next, reason: describeError(err) }, giveUp ? 'delivery failed for good' : 'delivery failed, will retry');
      return false;
    }
    // Outside the try: a failure to record a send the platform accepted is not a failed send.
    // It propagates like a crash, leaving the row in 'sending' for recover() to settle.
    if (!(await store.markSent(row.alertId, row.channel, at(), receipt.remoteId, instanceId))) {
      // The lease lapsed mid-send and another instance took the row over: its recovery check
      // (or the idempotency key) settles it; recording it here as well would race that.
      log.warn({ channel: row.channel, alert: row.alertId }, 'delivered after the claim lapsed; recovery settles it');
      return false;
    }
    options.observer?.delivered(row.channel, options.now().getTime() - Date.parse(req.alert.createdAt));
    log.info({ channel: row.channel, alert: row.alertId }, 'alert delivered');
    return true;
  }

  async function recover(): Promise<number> {
    let settled = 0;
    for (const row of await store.expiredClaims(options.now().toISOString())) {
      const taken = claim();
      // Another live instance may be settling the same row: only the one that takes it over does.
      if (!(await store.takeOverClaim(row.alertId, row.channel, taken))) continue;
      const at = taken.at;
      const target = targetOf(row.channel);
      if (target?.notifier.recovery === 'lookup' && target.notifier.findDelivered) {
        const req = await request(row, target.channel);
        try {
          const found = req ? await target.notifier.findDelivered(req) : null;
          if (found) {
            await store.markSent(row.alertId, row.channel, at, found.remoteId, instanceId);
            log.info({ channel: row.channel, alert: row.alertId }, 'interrupted delivery had arrived; recorded');
            settled++;
            continue;
          }
        } catch (err) {
          // Unknown whether it arrived: do not resend blindly; look again later.
          const next = new Date(options.now().getTime() + backoffMs(row.attempts)).toISOString();
          await store.markAttemptFailed(row.alertId, row.channel, at, `recovery check failed: ${describeError(err)}`, next, instanceId);
          continue;
        }
      }
      // Not found, or the notifier relies on an idempotency key: send again with the same key.
      await store.markAttemptFailed(row.alertId, row.channel, at, 'interrupted before it was recorded; resending', at, instanceId);
      settled++;
    }
    return settled;
  }

  async function drain(): Promise<number> {
    let sent = 0;
    for (;;) {
      const due = await store.claimDueDeliveries(claim(), 100);
      if (due.length === 0) return sent;
      // At most one row per channel (its head) is claimed, so channels run side by side.
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
        // Rows another instance left when it died are settled by whoever is alive.
        await recover();
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
