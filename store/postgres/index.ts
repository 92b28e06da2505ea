/**
 * The PostgreSQL store (node-postgres): `ENTITYWATCH_DB=postgres://user:pass@host:5432/db`.
 *
 *   const store = await openPostgresStore('postgres://entitywatch@db.internal/entitywatch');
 *
 * Opening connects (a failure is one line naming the host, never the password), applies pending
 * migrations in one transaction, and returns the same `Store` as SQLite: every multi-row write
 * one transaction, JSON as jsonb, several instances coordinated through row locks (delivery
 * claims) and advisory locks (poll leases). The schema is the connection's search_path (set it
 * with `?options=-c%20search_path%3Dname` to keep several installs in one database).
 */
import type { Store } from '../types.js';
import { createBodyCheckStore } from './body-checks.js';
import { createDesignationsVersionStore } from './designations-version.js';
import { connectionError, createPool } from './db.js';
import { createFeedStore } from './feeds.js';
import { createHistoryStore } from './history.js';
import { createLeaseStore } from './leases.js';
import { migrate } from './migrations.js';
import { createOutboxStore } from './outbox.js';
import { createRulesStore } from './rules.js';
import { createScreeningStore } from './screening.js';
import { createSnapshotStore } from './snapshots.js';
import { createWatchlistStore } from './watchlists.js';

export { isPostgresUrl } from './url.js';

export async function openPostgresStore(url: string): Promise<Store> {
  const pool = createPool(url);
  try {
    const client = await pool.connect().catch((err: unknown) => {
      throw connectionError(url, err);
    });
    try {
      await migrate(client);
    } finally {
      client.release();
    }
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  let closed = false;
  const leases = createLeaseStore(url);
  return {
    ...createSnapshotStore(pool),
    ...createScreeningStore(pool),
    ...createBodyCheckStore(pool),
    ...createDesignationsVersionStore(pool),
    ...createOutboxStore(pool),
    ...createRulesStore(pool),
    ...createFeedStore(pool),
    ...createHistoryStore(pool),
    ...createWatchlistStore(pool),
    withPollLease: leases.withPollLease,
    kind: 'postgres',
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      if (closed) return;
      closed = true;
      await leases.end();
      await pool.end();
    },
  } satisfies Store;
}
