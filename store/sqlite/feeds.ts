/**
 * Feed sources' memory: which items were seen (each alerts once), thread roots, per-feed state,
 * and announcements of entities ahead of the lists (Federal Register), for correlation.
 */
import type Database from 'better-sqlite3';
import { isListCode } from '../../src/core/lists.js';
import type { Announcement, FeedStore } from '../types.js';
import type { AlertWriter } from './outbox.js';

interface AnnouncementRow {
  list: string;
  name: string;
  alert_id: string;
  reference: string;
  source: string;
  announced_at: string;
}

export function createFeedStore(db: Database.Database, writeAlert: AlertWriter): FeedStore {
  const statements = {
    seen: db.prepare('SELECT item_id FROM feed_items WHERE source = ? AND item_id IN (SELECT value FROM json_each(?))').pluck(),
    threadRoot: db
      .prepare(
        `SELECT alert_id FROM feed_items WHERE source = ? AND thread_key = ? AND alert_id IS NOT NULL
         ORDER BY seen_at, rowid LIMIT 1`,
      )
      .pluck(),
    state: db.prepare('SELECT state FROM feed_state WHERE source = ?').pluck(),
    saveState: db.prepare('INSERT INTO feed_state (source, state) VALUES (?, ?) ON CONFLICT (source) DO UPDATE SET state = excluded.state'),
    insertItem: db.prepare(
      'INSERT OR IGNORE INTO feed_items (source, item_id, thread_key, alert_id, seen_at) VALUES (?, ?, ?, ?, ?)',
    ),
    insertAnnouncement: db.prepare(
      'INSERT INTO announcements (list, name, alert_id, reference, source, announced_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    announcements: db.prepare(
      `SELECT list, name, alert_id, reference, source, announced_at FROM announcements
       WHERE (list || char(31) || name) IN (SELECT value FROM json_each(?)) ORDER BY announced_at, id`,
    ),
    success: db.prepare(
      `INSERT INTO source_state (source, etag, last_modified, last_checked_at, last_success_at, last_change_at, consecutive_failures)
       VALUES (@source, @etag, @lastModified, @at, @at, @changeAt, 0)
       ON CONFLICT (source) DO UPDATE SET
         etag = excluded.etag, last_modified = excluded.last_modified,
         last_checked_at = excluded.last_checked_at, last_success_at = excluded.last_success_at,
         last_change_at = coalesce(excluded.last_change_at, last_change_at),
         last_error_code = NULL, last_error_message = NULL, last_error_at = NULL, last_error_content_hash = NULL,
         consecutive_failures = 0`,
    ),
  };

  const commit = db.transaction((c: Parameters<FeedStore['commitFeed']>[0]) => {
    for (const { alert, routes } of c.alerts) writeAlert(alert, routes, c.at);
    for (const item of c.items) statements.insertItem.run(c.source, item.id, item.threadKey, item.alertId, c.at);
    for (const a of c.announcements) statements.insertAnnouncement.run(a.list, a.name, a.alertId, a.reference, c.source, c.at);
    if (c.state !== undefined) statements.saveState.run(c.source, c.state);
    statements.success.run({
      source: c.source,
      etag: c.validators.etag,
      lastModified: c.validators.lastModified,
      at: c.at,
      changeAt: c.alerts.length > 0 ? c.at : null,
    });
  });

  return {
    async seenFeedItems(source, ids) {
      if (ids.length === 0) return new Set();
      return new Set(statements.seen.all(source, JSON.stringify(ids)) as string[]);
    },
    async threadRoot(source, threadKey) {
      return (statements.threadRoot.get(source, threadKey) as string | undefined) ?? null;
    },
    async feedState(source) {
      return (statements.state.get(source) as string | undefined) ?? null;
    },
    async commitFeed(c) {
      commit(c);
    },
    async findAnnouncements(keys) {
      if (keys.length === 0) return [];
      const rows = statements.announcements.all(JSON.stringify(keys.map((k) => `${k.list}\u001f${k.name}`))) as AnnouncementRow[];
      return rows.flatMap((row): Announcement[] =>
        isListCode(row.list)
          ? [{ list: row.list, name: row.name, alertId: row.alert_id, reference: row.reference, source: row.source, announcedAt: row.announced_at }]
          : [],
      );
    },
  };
}
