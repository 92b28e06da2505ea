/**
 * Writes alerts and their outbox rows on PostgreSQL, inside the caller's transaction (a
 * snapshot commit, a feed commit or insertAlerts): two batched statements, whatever the count.
 */
import type { AlertInsert } from '../types.js';
import type { Client } from './db.js';

export async function writeAlerts(client: Client, alerts: readonly AlertInsert[], at: string): Promise<void> {
  if (alerts.length === 0) return;
  // WITH ORDINALITY keeps the given order in `seq`, which orders a channel's rows on equal times.
  await client.query(
    `INSERT INTO alerts (id, source, kind, created_at, payload)
     SELECT id, source, kind, created_at, payload::jsonb
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS u(id, source, kind, created_at, payload, n)
     ORDER BY n`,
    [
      alerts.map((a) => a.alert.id),
      alerts.map((a) => a.alert.source),
      alerts.map((a) => a.alert.kind),
      alerts.map((a) => a.alert.createdAt),
      alerts.map((a) => JSON.stringify(a.alert)),
    ],
  );
  const routes = alerts.flatMap(({ alert, routes }) =>
    routes.map((route) => ({ alertId: alert.id, channel: route.channel, matchKeys: route.matchKeys === null ? null : JSON.stringify(route.matchKeys) })),
  );
  if (routes.length === 0) return;
  await client.query(
    `INSERT INTO deliveries (alert_id, channel, state, match_keys, attempts, next_attempt_at, created_at)
     SELECT alert_id, channel, 'pending', match_keys::jsonb, 0, $4, $4
     FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS u(alert_id, channel, match_keys, n)
     ORDER BY n`,
    [routes.map((r) => r.alertId), routes.map((r) => r.channel), routes.map((r) => r.matchKeys), at],
  );
}
