/**
 * Feed sources' memory on PostgreSQL (contract: store/types.ts FeedStore; behaviour as
 * store/sqlite/feeds.ts): a feed commit is one transaction.
 */
import { isListCode } from '../../src/core/lists.js';
import type { Announcement, FeedStore } from '../types.js';
import { writeAlerts } from './alerts.js';
import { tx, type Pool } from './db.js';

interface AnnouncementRow { list: string; name: string; alert_id: string; reference: string; source: string; announced_at: string }

export function createFeedStore(pool: Pool): FeedStore {
  return {
    async seenFeedItems(source, ids) {
      if (ids.length === 0) return new Set();
      const { rows } = await pool.query<{ item_id: string }>('SELECT item_id FROM feed_items WHERE source = $1 AND item_id = ANY($2::text[])', [source, ids]);
      return new Set(rows.map((r) => r.item_id));
    },
    async threadRoot(source, threadKey) {
      const { rows } = await pool.query<{ alert_id: string }>(
        `SELECT alert_id FROM feed_items WHERE source = $1 AND thread_key = $2 AND alert_id IS NOT NULL
         ORDER BY seen_at COLLATE "C", seq LIMIT 1`,
        [source, threadKey],
      );
      return rows[0]?.alert_id ?? null;
    },
    async feedState(source) {
      const { rows } = await pool.query<{ state: string }>('SELECT state FROM feed_state WHERE source = $1', [source]);
      return rows[0]?.state ?? null;
    },
    async commitFeed(c) {
      await tx(pool, async (client) => {
        await writeAlerts(client, c.alerts, c.at);
        if (c.items.length > 0) {
          await client.query(
            `INSERT INTO feed_items (source, item_id, thread_key, alert_id, seen_at)
             SELECT $1, item_id, thread_key, alert_id, $5 FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS u(item_id, thread_key, alert_id, n)
             ORDER BY n ON CONFLICT DO NOTHING`,
            [c.source, c.items.map((i) => i.id), c.items.map((i) => i.threadKey), c.items.map((i) => i.alertId), c.at],
          );
        }
        for (const a of c.announcements) {
          await client.query(
            'INSERT INTO announcements (list, name, alert_id, reference, source, announced_at) VALUES ($1, $2, $3, $4, $5, $6)',
            [a.list, a.name, a.alertId, a.reference, c.source, c.at],
          );
        }
        if (c.state !== undefined) {
          await client.query('INSERT INTO feed_state (source, state) VALUES ($1, $2) ON CONFLICT (source) DO UPDATE SET state = excluded.state', [c.source, c.state]);
        }
        await client.query(
          `INSERT INTO source_state (source, etag, last_modified, last_checked_at, last_success_at, last_change_at, consecutive_failures)
           VALUES ($1, $2, $3, $4, $4, $5, 0)
           ON CONFLICT (source) DO UPDATE SET
             etag = excluded.etag, last_modified = excluded.last_modified,
             last_checked_at = excluded.last_checked_at, last_success_at = excluded.last_success_at,
             last_change_at = coalesce(excluded.last_change_at, source_state.last_change_at),
             last_error_code = NULL, last_error_message = NULL, last_error_at = NULL, last_error_content_hash = NULL,
             consecutive_failures = 0`,
          [c.source, c.validators.etag, c.validators.lastModified, c.at, c.alerts.length > 0 ? c.at : null],
        );
      });
    },
    async findAnnouncements(keys) {
      if (keys.length === 0) return [];
      const { rows } = await pool.query<AnnouncementRow>(
        `SELECT list, name, alert_id, reference, source, announced_at FROM announcements
         WHERE (list, name) IN (SELECT * FROM unnest($1::text[], $2::text[])) ORDER BY announced_at COLLATE "C", id`,
        [keys.map((k) => k.list), keys.map((k) => k.name)],
      );
      return rows.flatMap((row): Announcement[] =>
        isListCode(row.list)
          ? [{ list: row.list, name: row.name, alertId: row.alert_id, reference: row.reference, source: row.source, announcedAt: row.announced_at }]
          : [],
      );
    },
  };
}
