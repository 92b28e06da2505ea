/**
 * The PostgreSQL connection (node-postgres pool) and the two helpers every part uses:
 * `tx` runs a function in one transaction on one client (all or nothing), and
 * `describeTarget` names the server for messages without the password.
 */
import pg from 'pg';
import { ConfigError } from '../../src/errors.js';

export type Pool = pg.Pool;
export type Client = pg.PoolClient;
/** A pool or a client inside a transaction: what a single statement runs on. */
export type Queryable = Pick<pg.Pool, 'query'>;

/** "host:port/database" (plus "user@"): a URL's target with the password left out. */
export function describeTarget(url: string): string {
  try {
    const u = new URL(url);
    const user = u.username ? `${decodeURIComponent(u.username)}@` : '';
    return `${user}${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}

/** The message a connection failure shows: one line, the host, never the password. */
export function connectionError(url: string, err: unknown): ConfigError {
  const e = err as { code?: string; message?: string };
  const target = describeTarget(url);
  let reason = e.message ?? String(err);
  // pg's messages can quote the connection string; keep only the first line and drop any password.
  const password = (() => {
    try {
      return decodeURIComponent(new URL(url).password);
    } catch {
      return '';
    }
  })();
  reason = reason.split('\n')[0]!;
  if (password) reason = reason.split(password).join('***');
  const hint = e.code === 'ECONNREFUSED' ? ' (is the server running and listening there?)' : e.code === '28P01' ? ' (check the user and password)' : '';
  return new ConfigError(`cannot connect to PostgreSQL at ${target}: ${reason}${hint}`, { cause: err });
}

export function createPool(url: string): Pool {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 10_000 });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  return pool;
}

/** Run `fn` in one transaction: committed when it resolves, rolled back when it throws. */
export async function tx<T>(pool: Pool, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
