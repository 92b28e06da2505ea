/**
 * Opening the store the configuration names, with a one-line ConfigError (exit 2) naming the path
 * and the fix instead of the driver's error and a stack trace. Used by the composition root
 * (index.ts) and by CLI commands that open the store alone (cli/context.ts). Light: no sources.
 *
 *   await openStoreAt('/read-only/entitywatch.db')
 *   // ConfigError: cannot open the database /read-only/entitywatch.db (…): choose a file in a folder you can write with ENTITYWATCH_DB or --db
 */
import { resolve } from 'node:path';
import { ConfigError } from './errors.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/types.js';

/**
 * The store, or a ConfigError naming the path and the fix (a folder that cannot be written…).
 * PostgreSQL's own errors are one line with the host already (store/postgres/db.ts) and pass as they are.
 */
export async function openStoreAt(path: string): Promise<Store> {
  try {
    return await openStore(path);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    throw new ConfigError(
      `cannot open the database ${resolve(path)} (${reason}): choose a file in a folder you can write with ENTITYWATCH_DB or --db`,
      { cause: err },
    );
  }
}
