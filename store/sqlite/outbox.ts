/**
 * Alerts and the delivery outbox. One `deliveries` row per alert and channel is both the queue
 * entry and the record of the delivery; `delivery_log` keeps every attempt.
 *
 * Order per channel: a channel receives its alerts in creation order (then insertion order), so
 * only a channel's oldest open row may be sent; while it waits for a retry, the channel waits.
 *
 * Claims (several instances on one file): a row goes pending → sending only through a
 * conditional UPDATE (`state = 'pending'`) carrying the claimer and its lease; claiming the due
 * heads runs in one BEGIN IMMEDIATE transaction, so two processes never claim one row.
 */
import type Database from 'better-sqlite3';
import type { Alert } from '../../src/core/alert.js';
import type { Route } from '../../src/core/watch.js';
import type { AlertInsert, AlertRecord, Delivery, DeliveryClaim, OutboxStore } from '../types.js';
import { AlertPayload, DELIVERY_COLUMNS, DeliveryRow } from './rows.js';

type LogOutcome = 'sending' | 'sent' | 'failed' | 'recovered';

/** Writes one alert and its outbox rows; the caller owns the transaction. */
export type AlertWriter = (alert: Alert, routes: readonly Route[], at: string) => void;

export function createAlertWriter(db: Database.Database): AlertWriter {
  const insertAlert = db.prepare('INSERT INTO alerts (id, source, kind, created_at, payload) VALUES (?, ?, ?, ?, ?)');
  const insertDelivery = db.prepare(
    `INSERT INTO deliveries (alert_id, channel, state, match_keys, attempts, next_attempt_at, created_at)
     VALUES (?, ?, 'pending', ?, 0, ?, ?)`,
  );
  return (alert, routes, at) => {
    insertAlert.run(alert.id, alert.source, alert.kind, alert.createdAt, JSON.stringify(alert));
    for (const route of routes) {
      const matchKeys = route.matchKeys === null ? null : JSON.stringify(route.matchKeys);
      insertDelivery.run(alert.id, route.channel, matchKeys, at, at);
    }
  };
}

export function createOutboxStore(db: Database.Database, writeAlert: AlertWriter): OutboxStore {
  const statements = {
    listAlerts: db.prepare('SELECT id, payload FROM alerts ORDER BY created_at DESC, rowid DESC LIMIT ?'),
    getAlert: db.prepare('SELECT payload FROM alerts WHERE id = ?').pluck(),
    deliveriesOf: db.prepare(
      `SELECT ${DELIVERY_COLUMNS} FROM deliveries
       WHERE alert_id IN (SELECT value FROM json_each(?)) ORDER BY alert_id, rowid`,
    ),
    // Heads of the open rows per channel (ROW_NUMBER over the partial index), then due ones only.
    due: db.prepare(
      `WITH heads AS (
         SELECT ${DELIVERY_COLUMNS},
                ROW_NUMBER() OVER (PARTITION BY channel ORDER BY created_at, rowid) AS place
         FROM deliveries WHERE state IN ('pending', 'sending')
       )
       SELECT ${DELIVERY_COLUMNS} FROM heads
       WHERE place = 1 AND state = 'pending' AND next_attempt_at <= ?
       ORDER BY created_at, alert_id LIMIT ?`,
    ),
    getDelivery: db.prepare(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE alert_id = ? AND channel = ?`),
    stateOf: db.prepare('SELECT state FROM deliveries WHERE alert_id = ? AND channel = ?').pluck(),
    claim: db.prepare(
      `UPDATE deliveries SET state = 'sending', attempts = attempts + 1, claimed_by = @by, lease_until = @until
       WHERE alert_id = @alertId AND channel = @channel AND state = 'pending'
       RETURNING ${DELIVERY_COLUMNS}`,
    ),
    expired: db.prepare(
      `SELECT ${DELIVERY_COLUMNS} FROM deliveries
       WHERE state = 'sending' AND (lease_until IS NULL OR lease_until <= ?) ORDER BY created_at, rowid`,
    ),
    takeOver: db.prepare(
      `UPDATE deliveries SET claimed_by = @by, lease_until = @until
       WHERE alert_id = @alertId AND channel = @channel AND state = 'sending'
         AND (lease_until IS NULL OR lease_until <= @at)`,
    ),
    // @claimedBy NULL: unconditional (tools, tests); otherwise only while that claim holds the row.
    sent: db.prepare(
      `UPDATE deliveries SET state = 'sent', sent_at = @at, remote_id = @remoteId, last_error = NULL, lease_until = NULL
       WHERE alert_id = @alertId AND channel = @channel
         AND (@claimedBy IS NULL OR (state = 'sending' AND claimed_by = @claimedBy))`,
    ),
    failed: db.prepare(
      `UPDATE deliveries SET state = @state, last_error = @error, next_attempt_at = coalesce(@next, next_attempt_at), lease_until = NULL
       WHERE alert_id = @alertId AND channel = @channel
         AND (@claimedBy IS NULL OR (state = 'sending' AND claimed_by = @claimedBy))`,
    ),
    counts: db.prepare('SELECT state, count(*) AS n FROM deliveries GROUP BY state'),
    log: db.prepare('INSERT INTO delivery_log (alert_id, channel, at, outcome, detail) VALUES (?, ?, ?, ?, ?)'),
  };

  const insertAll = db.transaction((alerts: readonly AlertInsert[], at: string) => {
    for (const { alert, routes } of alerts) writeAlert(alert, routes, at);
  });

  /** The current state of a delivery; throws when there is no such row (a caller bug). */
  function requireState(alertId: string, channel: string): string {
    const state = statements.stateOf.get(alertId, channel) as string | undefined;
    if (state === undefined) throw new Error(`no delivery of alert ${alertId} to ${channel}`);
    return state;
  }

  function log(alertId: string, channel: string, at: string, outcome: LogOutcome, detail: string | null): void {
    statements.log.run(alertId, channel, at, outcome, detail);
  }

  function claimRow(alertId: string, channel: string, claim: DeliveryClaim): Delivery | null {
    const row = statements.claim.get({ alertId, channel, by: claim.by, until: claim.until });
    if (row === undefined) return null;
    log(alertId, channel, claim.at, 'sending', null);
    return DeliveryRow.parse(row);
  }

  const claimDue = db.transaction((claim: DeliveryClaim, limit: number): Delivery[] =>
    deliveries(statements.due.all(claim.at, limit)).flatMap((d) => claimRow(d.alertId, d.channel, claim) ?? []),
  );

  const claimOne = db.transaction((alertId: string, channel: string, claim: DeliveryClaim) => {
    requireState(alertId, channel);
    return claimRow(alertId, channel, claim);
  });

  const takeOver = db.transaction((alertId: string, channel: string, claim: DeliveryClaim): boolean => {
    const taken = statements.takeOver.run({ alertId, channel, by: claim.by, until: claim.until, at: claim.at }).changes === 1;
    if (taken) log(alertId, channel, claim.at, 'recovered', 'was in flight');
    return taken;
  });

  const markSent = db.transaction(
    (alertId: string, channel: string, at: string, remoteId: string | null, claimedBy: string | null): boolean => {
      requireState(alertId, channel);
      if (statements.sent.run({ alertId, channel, at, remoteId, claimedBy }).changes === 0) return false;
      log(alertId, channel, at, 'sent', remoteId);
      return true;
    },
  );

  const markAttemptFailed = db.transaction(
    (alertId: string, channel: string, at: string, error: string, next: string | null, claimedBy: string | null): boolean => {
      requireState(alertId, channel);
      const state = next === null ? 'failed' : 'pending';
      if (statements.failed.run({ alertId, channel, state, error, next, claimedBy }).changes === 0) return false;
      log(alertId, channel, at, 'failed', error);
      return true;
    },
  );

  function deliveries(rows: unknown[]): Delivery[] {
    return rows.map((row) => DeliveryRow.parse(row));
  }

  return {
    async insertAlerts(alerts, at) {
      insertAll(alerts, at);
    },
    async listAlerts(limit) {
      const rows = statements.listAlerts.all(limit) as Array<{ id: string; payload: string }>;
      const byAlert = new Map<string, Delivery[]>();
      for (const d of deliveries(statements.deliveriesOf.all(JSON.stringify(rows.map((r) => r.id))))) {
        const list = byAlert.get(d.alertId);
        if (list) list.push(d);
        else byAlert.set(d.alertId, [d]);
      }
      return rows.map((row): AlertRecord => ({
        alert: AlertPayload.parse(row.payload),
        deliveries: byAlert.get(row.id) ?? [],
      }));
    },
    async getAlert(id) {
      const payload = statements.getAlert.get(id);
      return payload === undefined ? null : AlertPayload.parse(payload);
    },
    async dueDeliveries(now, limit) {
      return deliveries(statements.due.all(now, limit));
    },
    async claimDueDeliveries(claim, limit) {
      return claimDue.immediate(claim, limit);
    },
    async claimDelivery(alertId, channel, claim) {
      return claimOne.immediate(alertId, channel, claim);
    },
    async expiredClaims(now) {
      return deliveries(statements.expired.all(now));
    },
    async takeOverClaim(alertId, channel, claim) {
      return takeOver.immediate(alertId, channel, claim);
    },
    async markSent(alertId, channel, at, remoteId, claimedBy) {
      return markSent(alertId, channel, at, remoteId, claimedBy ?? null);
    },
    async markAttemptFailed(alertId, channel, at, error, nextAttemptAt, claimedBy) {
      return markAttemptFailed(alertId, channel, at, error, nextAttemptAt, claimedBy ?? null);
    },
    async deliveryCounts() {
      const counts = { pending: 0, sending: 0, sent: 0, failed: 0 };
      for (const row of statements.counts.all() as Array<{ state: keyof typeof counts; n: number }>) counts[row.state] = row.n;
      return counts;
    },
    async getDelivery(alertId, channel) {
      const row = statements.getDelivery.get(alertId, channel);
      return row === undefined ? null : DeliveryRow.parse(row);
    },
  };
}
