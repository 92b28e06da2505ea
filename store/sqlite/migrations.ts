/**
 * Schema migrations for the SQLite store: an ordered list, applied at open in one transaction.
 * `schema_migrations` records each applied version. Never edit a released migration; append one.
 *
 * A database whose newest applied version is above the newest known here was written by a newer
 * entitywatch: opening it could corrupt data the older code does not understand, so we refuse.
 */
import type Database from 'better-sqlite3';
import { ConfigError } from '../../src/errors.js';

export interface Migration {
  /** Strictly increasing, starting at 1. */
  version: number;
  /** Short description, stored beside the version. */
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE source_state (
        source TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        content_hash TEXT,
        last_checked_at TEXT,
        last_success_at TEXT,
        last_change_at TEXT,
        last_error_code TEXT,
        last_error_message TEXT,
        last_error_at TEXT,
        -- hash of the body behind the last failure (a refused snapshot), when there was one
        last_error_content_hash TEXT,
        consecutive_failures INTEGER NOT NULL DEFAULT 0,
        designation_count INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE snapshots (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        source TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        location TEXT NOT NULL,
        row_count INTEGER NOT NULL,
        baseline INTEGER NOT NULL,
        added INTEGER NOT NULL,
        removed INTEGER NOT NULL,
        amended INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX snapshots_by_source ON snapshots (source, id);

      CREATE TABLE designations (
        source TEXT NOT NULL,
        key TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        list TEXT NOT NULL,
        name TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (source, key)
      ) STRICT;
      -- covering: the key -> fingerprint map of a source is read from this index alone
      CREATE INDEX designations_fingerprints ON designations (source, key, fingerprint);

      CREATE TABLE changes (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        snapshot_id INTEGER NOT NULL REFERENCES snapshots (id),
        source TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('added', 'removed', 'amended')),
        key TEXT NOT NULL,
        list TEXT NOT NULL,
        name TEXT NOT NULL,
        before TEXT,
        after TEXT,
        fields TEXT
      ) STRICT;
      CREATE INDEX changes_by_snapshot ON changes (snapshot_id);
      CREATE INDEX changes_by_key ON changes (source, key);

      CREATE TABLE alerts (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        kind TEXT NOT NULL,
        created_at TEXT NOT NULL,
        payload TEXT NOT NULL
      ) STRICT;
      CREATE INDEX alerts_by_created ON alerts (created_at);

      CREATE TABLE deliveries (
        alert_id TEXT NOT NULL REFERENCES alerts (id),
        channel TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
        match_keys TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        last_error TEXT,
        remote_id TEXT,
        sent_at TEXT,
        created_at TEXT NOT NULL,
        PRIMARY KEY (alert_id, channel)
      ) STRICT;
      -- the open rows only: the outbox grows with sent rows, due lookups must not
      CREATE INDEX deliveries_open ON deliveries (channel, created_at) WHERE state IN ('pending', 'sending');

      CREATE TABLE delivery_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        alert_id TEXT NOT NULL,
        channel TEXT NOT NULL,
        at TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('sending', 'sent', 'failed', 'recovered')),
        detail TEXT,
        FOREIGN KEY (alert_id, channel) REFERENCES deliveries (alert_id, channel)
      ) STRICT;
      CREATE INDEX delivery_log_by_delivery ON delivery_log (alert_id, channel);

      CREATE TABLE watch_rules (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        channel TEXT NOT NULL,
        term TEXT,
        list TEXT,
        country TEXT,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 2,
    name: 'feeds and announcements',
    sql: `
      -- Items a feed source has seen (FR documents, RSS entries): each alerts once.
      CREATE TABLE feed_items (
        source TEXT NOT NULL,
        item_id TEXT NOT NULL,
        thread_key TEXT,
        alert_id TEXT,
        seen_at TEXT NOT NULL,
        PRIMARY KEY (source, item_id)
      ) STRICT;
      CREATE INDEX feed_items_by_thread ON feed_items (source, thread_key, seen_at);

      -- Opaque per-feed state between polls (a watched page's lines).
      CREATE TABLE feed_state (
        source TEXT PRIMARY KEY,
        state TEXT NOT NULL
      ) STRICT;

      -- Entities announced ahead of the lists, so later list alerts can link back.
      CREATE TABLE announcements (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        list TEXT NOT NULL,
        name TEXT NOT NULL,
        alert_id TEXT NOT NULL,
        reference TEXT NOT NULL,
        source TEXT NOT NULL,
        announced_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX announcements_by_name ON announcements (list, name);
    `,
  },
  {
    version: 3,
    name: 'counterparty watchlists',
    sql: `
      -- An admin's own counterparties, screened against every list change.
      CREATE TABLE watchlists (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        -- the latest import (a replace swaps the members and moves this)
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE counterparties (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        watchlist_id INTEGER NOT NULL REFERENCES watchlists (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        country TEXT,
        reference TEXT
      ) STRICT;
      CREATE INDEX counterparties_by_watchlist ON counterparties (watchlist_id, id);
    `,
  },
  {
    // Issue 10: removals wait for a second download (core/removals.ts); the last file's tail and
    // parse counts are kept per source (store/pending-removals.ts).
    version: 4,
    name: 'pending removals',
    sql: `
      CREATE TABLE pending_removals (
        source TEXT NOT NULL,
        key TEXT NOT NULL,
        since TEXT NOT NULL,
        seen_in TEXT NOT NULL,
        suspect TEXT,
        PRIMARY KEY (source, key)
      ) STRICT;
      CREATE TABLE snapshot_guard (
        source TEXT PRIMARY KEY,
        tail TEXT NOT NULL,
        rows INTEGER NOT NULL,
        no_name INTEGER NOT NULL,
        no_list INTEGER NOT NULL,
        duplicates INTEGER NOT NULL,
        examples TEXT NOT NULL,
        at TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 5,
    name: 'screening jobs; quick body checks',
    sql: `
      -- Watchlist screening owed by an accepted change, written in the change's commit and
      -- settled once (store/screening.ts): 'pending' until its alert is written, then 'done'.
      CREATE TABLE screening_jobs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        source TEXT NOT NULL,
        snapshot_id INTEGER NOT NULL REFERENCES snapshots (id),
        created_at TEXT NOT NULL,
        changed_keys TEXT NOT NULL,  -- JSON array of designation keys
        added_keys TEXT NOT NULL,    -- JSON array: which of them are new
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done')),
        alert_id TEXT,               -- the hit or admin alert it produced, if any
        finished_at TEXT
      ) STRICT;
      CREATE INDEX screening_jobs_by_state ON screening_jobs (state, id);

      -- Length and xxh64 of the body whose sha256 source_state holds (store/body-checks.ts):
      -- a cache that lets an unchanged download skip sha256; valid only while content_hash matches.
      CREATE TABLE body_checks (
        source TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL,
        length INTEGER NOT NULL,
        fast_hash TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 6,
    name: 'delivery claims and poll leases',
    sql: `
      -- Who is sending a row and until when (several instances on one database; see store/types.ts).
      -- A 'sending' row without a lease was left by a version without claims: recovery may take it.
      ALTER TABLE deliveries ADD COLUMN claimed_by TEXT;
      ALTER TABLE deliveries ADD COLUMN lease_until TEXT;

      -- One instance polls a source at a time: the holder renews its lease while it polls.
      CREATE TABLE poll_leases (
        source TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        until TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 7,
    name: 'designations by list',
    sql: `
      -- Covering: the per-list counts every lookup's basis reads (countsByList) come from this
      -- index alone, not from a scan of every designation's data (58 ms for 30,000 rows).
      CREATE INDEX IF NOT EXISTS designations_by_list ON designations (source, list);
    `,
  },
  {
    version: 8,
    name: 'designation row hashes',
    sql: `
      -- Hash of the raw bytes each row was mapped from (src/core/row-reuse.ts): a changed
      -- snapshot's unchanged rows are recognised by it and not parsed again. NULL = unknown.
      ALTER TABLE designations ADD COLUMN row_hash TEXT;
      -- Covering: the hash -> key map each changed snapshot reads comes from this index alone.
      CREATE INDEX designations_row_hashes ON designations (source, row_hash, key) WHERE row_hash IS NOT NULL;
    `,
  },
  {
    version: 9,
    name: 'designation rows in one index',
    sql: `
      -- Covering: key, fingerprint and row hash of a source's rows, the one read a changed
      -- snapshot makes (currentRows), and the key -> fingerprint map, come from this index
      -- alone. It replaces the two indexes that served them as two reads: one index fewer to
      -- write per designation, and the table's rows (with their JSON) are never read for them.
      CREATE INDEX designations_rows ON designations (source, key, fingerprint, row_hash);
      DROP INDEX designations_fingerprints;
      DROP INDEX designations_row_hashes;
    `,
  },
  {
    version: 10,
    name: 'watchlist members hash',
    sql: `
      -- Content hash of each watchlist's members in order (src/watchlists/members-hash.ts), set
      -- by every import: it vouches for the counterparty index copy beside the database, so a
      -- process screening its first change need not read every member back. NULL = imported
      -- before this column: vouched by reading the members, as before, until the next import.
      ALTER TABLE watchlists ADD COLUMN members_hash TEXT;
    `,
  },
];

/** The newest schema version this code knows. */
export const LATEST_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);

/**
 * Bring the schema up to date; returns the versions applied now (empty when already current).
 * Runs as one IMMEDIATE transaction, so two processes opening the same file do not both migrate.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  const run = db.transaction((): number[] => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    ) STRICT`);
    const applied = new Set(
      db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[],
    );
    const newest = Math.max(0, ...applied);
    if (newest > latest) {
      throw new ConfigError(
        `database schema version ${newest} is newer than this entitywatch supports (${latest}); ` +
          'upgrade entitywatch or use another database file',
      );
    }
    const record = db.prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?)');
    const done: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(m.version)) continue;
      db.exec(m.sql);
      record.run(m.version, m.name);
      done.push(m.version);
    }
    return done;
  });
  return run.immediate();
}
