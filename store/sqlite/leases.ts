/**
 * Poll leases on SQLite: a `poll_leases` row per source naming its holder and an expiry, taken
 * inside BEGIN IMMEDIATE (the write lock), so two processes on one file cannot both take it.
 * The holder renews it while the poll runs; a holder that dies stops renewing, and its lease
 * lapses after `POLL_LEASE_MS`, when any instance may take it.
 */
import type Database from 'better-sqlite3';
import type { LeaseStore } from '../types.js';

/** How long a lease lasts without renewal: the time a dead instance can hold a source. */
export const POLL_LEASE_MS = 60_000;

export function createLeaseStore(db: Database.Database, now: () => Date = () => new Date()): LeaseStore {
  const statements = {
    get: db.prepare('SELECT holder, until FROM poll_leases WHERE source = ?'),
    put: db.prepare(
      `INSERT INTO poll_leases (source, holder, until) VALUES (?, ?, ?)
       ON CONFLICT (source) DO UPDATE SET holder = excluded.holder, until = excluded.until`,
    ),
    renew: db.prepare('UPDATE poll_leases SET until = ? WHERE source = ? AND holder = ?'),
    release: db.prepare('DELETE FROM poll_leases WHERE source = ? AND holder = ?'),
  };
  const untilFrom = (): string => new Date(now().getTime() + POLL_LEASE_MS).toISOString();

  const acquire = db.transaction((source: string, holder: string): boolean => {
    const row = statements.get.get(source) as { holder: string; until: string } | undefined;
    if (row && row.holder !== holder && row.until > now().toISOString()) return false;
    statements.put.run(source, holder, untilFrom());
    return true;
  });

  return {
    async withPollLease(source, holder, poll) {
      if (!db.open || !acquire.immediate(source, holder)) return null;
      const renewal = setInterval(() => {
        if (db.open) statements.renew.run(untilFrom(), source, holder);
      }, POLL_LEASE_MS / 3);
      renewal.unref();
      try {
        return { value: await poll() };
      } finally {
        clearInterval(renewal);
        if (db.open) statements.release.run(source, holder);
      }
    },
  };
}
