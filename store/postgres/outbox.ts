/**
 * Alerts and the delivery outbox on PostgreSQL; the contract is store/types.ts OutboxStore and
 * the behaviour that of store/sqlite/outbox.ts (one channel's rows in creation order, only its
 * oldest open row due). Claims are one statement: the due heads are locked FOR UPDATE SKIP
 * LOCKED and moved pending → sending with the claimer and its lease, so concurrent deliverers
 * never claim one row and never wait for each other.
 */
import type { AlertRecord, Delivery, DeliveryClaim, OutboxStore } from '../types.js';
import { AlertPayload, DELIVERY_COLUMNS, DeliveryRow } from '../sqlite/rows.js';
import { writeAlerts } from './alerts.js';
import { tx, type Client, type Pool, type Queryable } from './db.js';

/** DELIVERY_COLUMNS with jsonb as text, so the SQLite row schema reads them unchanged. */
const COLUMNS = DELIVERY_COLUMNS.replace('match_keys', 'match_keys::text AS match_keys');
const QUALIFIED = DELIVERY_COLUMNS.split(', ').map((c) => (c === 'match_keys' ? 'd.match_keys::text AS match_keys' : `d.${c}`)).join(', ');

const HEADS = `SELECT DISTINCT ON (channel) alert_id, channel, state, next_attempt_at, created_at
               FROM deliveries WHERE state IN ('pending', 'sending')
               ORDER BY channel, created_at COLLATE "C", seq`;

type LogOutcome = 'sending' | 'sent' | 'failed' | 'recovered';

async function log(q: Queryable, alertId: string, channel: string, at: string, outcome: LogOutcome, detail: string | null): Promise<void> {
  await q.query('INSERT INTO delivery_log (alert_id, channel, at, outcome, detail) VALUES ($1, $2, $3, $4, $5)', [alertId, channel, at, outcome, detail]);
}

async function requireState(q: Queryable, alertId: string, channel: string): Promise<string> {
  const { rows } = await q.query<{ state: string }>('SELECT state FROM deliveries WHERE alert_id = $1 AND channel = $2', [alertId, channel]);
  if (rows[0] === undefined) throw new Error(`no delivery of alert ${alertId} to ${channel}`);
  return rows[0].state;
}

function parse(rows: unknown[]): Delivery[] {
  return rows.map((row) => DeliveryRow.parse(row));
}

export function createOutboxStore(pool: Pool): OutboxStore {
  async function claimed(client: Client, rows: unknown[], claim: DeliveryClaim): Promise<Delivery[]> {
    const list = parse(rows);
    for (const d of list) await log(client, d.alertId, d.channel, claim.at, 'sending', null);
    return list;
  }

  /** A conditional mark (see OutboxStore.markSent): false when `claimedBy` no longer holds the row. */
  async function mark(alertId: string, channel: string, at: string, outcome: 'sent' | 'failed', detail: string | null, sql: string, values: unknown[]): Promise<boolean> {
    return tx(pool, async (client) => {
      await requireState(client, alertId, channel);
      const result = await client.query(sql, values);
      if (result.rowCount === 0) return false;
      await log(client, alertId, channel, at, outcome, detail);
      return true;
    });
  }

  return {
    async insertAlerts(alerts, at) {
      await tx(pool, (client) => writeAlerts(client, alerts, at));
    },
    async listAlerts(limit) {
      const { rows } = await pool.query<{ id: string; payload: string }>(
        'SELECT id, payload::text AS payload FROM alerts ORDER BY created_at COLLATE "C" DESC, seq DESC LIMIT $1',
        [limit],
      );
      const byAlert = new Map<string, Delivery[]>();
      const ids = rows.map((r) => r.id);
      const deliveries = await pool.query(`SELECT ${COLUMNS} FROM deliveries WHERE alert_id = ANY($1::text[]) ORDER BY alert_id COLLATE "C", seq`, [ids]);
      for (const d of parse(deliveries.rows)) {
        const list = byAlert.get(d.alertId);
        if (list) list.push(d);
        else byAlert.set(d.alertId, [d]);
      }
      return rows.map((row): AlertRecord => ({ alert: AlertPayload.parse(row.payload), deliveries: byAlert.get(row.id) ?? [] }));
    },
    async getAlert(id) {
      const { rows } = await pool.query<{ payload: string }>('SELECT payload::text AS payload FROM alerts WHERE id = $1', [id]);
      return rows[0] === undefined ? null : AlertPayload.parse(rows[0].payload);
    },
    async dueDeliveries(now, limit) {
      const { rows } = await pool.query(
        `SELECT ${QUALIFIED} FROM (${HEADS}) h JOIN deliveries d USING (alert_id, channel)
         WHERE h.state = 'pending' AND h.next_attempt_at <= $1
         ORDER BY d.created_at COLLATE "C", d.alert_id COLLATE "C" LIMIT $2`,
        [now, limit],
      );
      return parse(rows);
    },
    async claimDueDeliveries(claim, limit) {
      return tx(pool, async (client) => {
        // The heads are read from this statement's snapshot; a head another deliverer has locked is
        // skipped (SKIP LOCKED), and the channel's next row is not a head, so order holds.
        const { rows } = await client.query(
          `WITH due AS (
             SELECT d.alert_id, d.channel FROM (${HEADS}) h JOIN deliveries d USING (alert_id, channel)
             WHERE h.state = 'pending' AND h.next_attempt_at <= $1
             ORDER BY d.created_at COLLATE "C", d.alert_id COLLATE "C" LIMIT $2
             FOR UPDATE OF d SKIP LOCKED
           )
           UPDATE deliveries d SET state = 'sending', attempts = d.attempts + 1, claimed_by = $3, lease_until = $4
           FROM due WHERE d.alert_id = due.alert_id AND d.channel = due.channel AND d.state = 'pending'
           RETURNING ${QUALIFIED}`,
          [claim.at, limit, claim.by, claim.until],
        );
        const list = await claimed(client, rows, claim);
        return list.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.alertId < b.alertId ? -1 : a.alertId > b.alertId ? 1 : 0));
      });
    },
    async claimDelivery(alertId, channel, claim) {
      return tx(pool, async (client) => {
        await requireState(client, alertId, channel);
        const { rows } = await client.query(
          `UPDATE deliveries SET state = 'sending', attempts = attempts + 1, claimed_by = $3, lease_until = $4
           WHERE alert_id = $1 AND channel = $2 AND state = 'pending' RETURNING ${COLUMNS}`,
          [alertId, channel, claim.by, claim.until],
        );
        return (await claimed(client, rows, claim))[0] ?? null;
      });
    },
    async expiredClaims(now) {
      const { rows } = await pool.query(
        `SELECT ${COLUMNS} FROM deliveries WHERE state = 'sending' AND (lease_until IS NULL OR lease_until <= $1)
         ORDER BY created_at COLLATE "C", seq`,
        [now],
      );
      return parse(rows);
    },
    async takeOverClaim(alertId, channel, claim) {
      return tx(pool, async (client) => {
        const result = await client.query(
          `UPDATE deliveries SET claimed_by = $3, lease_until = $4
           WHERE alert_id = $1 AND channel = $2 AND state = 'sending' AND (lease_until IS NULL OR lease_until <= $5)`,
          [alertId, channel, claim.by, claim.until, claim.at],
        );
        if (result.rowCount === 0) return false;
        await log(client, alertId, channel, claim.at, 'recovered', 'was in flight');
        return true;
      });
    },
    async markSent(alertId, channel, at, remoteId, claimedBy) {
      return mark(alertId, channel, at, 'sent', remoteId,
        `UPDATE deliveries SET state = 'sent', sent_at = $3, remote_id = $4, last_error = NULL, lease_until = NULL
         WHERE alert_id = $1 AND channel = $2 AND ($5::text IS NULL OR (state = 'sending' AND claimed_by = $5))`,
        [alertId, channel, at, remoteId, claimedBy ?? null]);
    },
    async markAttemptFailed(alertId, channel, at, error, nextAttemptAt, claimedBy) {
      return mark(alertId, channel, at, 'failed', error,
        `UPDATE deliveries SET state = $3, last_error = $4, next_attempt_at = coalesce($5, next_attempt_at), lease_until = NULL
         WHERE alert_id = $1 AND channel = $2 AND ($6::text IS NULL OR (state = 'sending' AND claimed_by = $6))`,
        [alertId, channel, nextAttemptAt === null ? 'failed' : 'pending', error, nextAttemptAt, claimedBy ?? null]);
    },
    async getDelivery(alertId, channel) {
      const { rows } = await pool.query(`SELECT ${COLUMNS} FROM deliveries WHERE alert_id = $1 AND channel = $2`, [alertId, channel]);
      return rows[0] === undefined ? null : DeliveryRow.parse(rows[0]);
    },
    async deliveryCounts() {
      const counts = { pending: 0, sending: 0, sent: 0, failed: 0 };
      const { rows } = await pool.query<{ state: keyof typeof counts; n: number }>('SELECT state, count(*)::int AS n FROM deliveries GROUP BY state');
      for (const row of rows) counts[row.state] = row.n;
      return counts;
    },
  };
}
