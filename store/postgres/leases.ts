/**
 * Poll leases on PostgreSQL: session advisory locks, one per source, all held on one dedicated
 * connection of their own (not a pooled one: a poll holding a pooled connection for its whole
 * length could starve the pool with many sources). pg_try_advisory_lock never waits: a source
 * another instance is polling is skipped. A dead instance's session ends with it and the
 * server frees its locks, so nothing expires by the clock. The key names the schema, so
 * separate installs sharing one database do not exclude each other.
 */
import pg from 'pg';
import type { LeaseStore } from '../types.js';
import { connectionError } from './db.js';

const KEY = "hashtext(current_schema() || '/entitywatch-poll/' || $1)";

export function createLeaseStore(url: string): LeaseStore & { end(): Promise<void> } {
  let session: Promise<pg.Client> | null = null;
  /** Sources this instance holds: advisory locks are re-entrant within a session, so check here first. */
  const held = new Set<string>();
  /** One statement at a time on the session (node-postgres does not want overlapping queries on a client). */
  let queue: Promise<unknown> = Promise.resolve();
  function run<T>(statement: (client: pg.Client) => Promise<T>): Promise<T> {
    const next = queue.then(async () => statement(await connection()));
    queue = next.catch(() => undefined);
    return next;
  }

  function connection(): Promise<pg.Client> {
    session ??= (async () => {
      const client = new pg.Client({ connectionString: url });
      // A lost session has lost its locks: the next lease opens a new one.
      client.on('error', () => {
        session = null;
      });
      await client.connect().catch((err: unknown) => {
        session = null;
        throw connectionError(url, err);
      });
      return client;
    })();
    return session;
  }

  return {
    async withPollLease(source, _holder, poll) {
      if (held.has(source)) return null;
      held.add(source);
      const locked = await run(async (client) => (await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${KEY}) AS ok`, [source])).rows[0]!.ok).catch(
        (err: unknown) => {
          held.delete(source);
          throw err;
        },
      );
      if (!locked) {
        held.delete(source);
        return null;
      }
      try {
        return { value: await poll() };
      } finally {
        // If the session broke meanwhile, the lock went with it.
        await run((client) => client.query(`SELECT pg_advisory_unlock(${KEY})`, [source])).catch(() => undefined);
        held.delete(source);
      }
    },
    async end() {
      const current = session;
      session = null;
      if (current) await (await current.catch(() => null))?.end().catch(() => undefined);
    },
  };
}
