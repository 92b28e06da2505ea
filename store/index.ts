/**
 * Open the store named by a URL (ENTITYWATCH_DB):
 *
 *   data/entitywatch.db, ./x.db, /var/lib/x.db     a SQLite file
 *   file:data/x.db, file:///var/lib/x.db           a SQLite file
 *   sqlite:data/x.db, sqlite:///var/lib/x.db       a SQLite file
 *   :memory:, sqlite::memory:                      an in-memory SQLite database (tests)
 *   postgres://…, postgresql://…                   PostgreSQL (store/postgres)
 */
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../src/errors.js';
import { isPostgresUrl } from './postgres/url.js';
import type { Store } from './types.js';

/** The SQLite path a URL names, or throws ConfigError for anything that is not SQLite. */
export function sqlitePathOf(url: string): string {
  const text = url.trim();
  if (text === '') throw new ConfigError('the database URL is empty');
  // Two letters at least, so a Windows drive ("C:\data") reads as a path.
  const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(text)?.[1]?.toLowerCase();
  if (scheme === undefined || text === ':memory:') return text;
  const rest = text.slice(scheme.length + 1);
  switch (scheme) {
    case 'postgres':
    case 'postgresql':
      throw new ConfigError('a PostgreSQL URL names no SQLite file');
    case 'file':
      return rest.startsWith('//') ? fileURLToPath(text) : rest;
    case 'sqlite': {
      const path = rest.startsWith('//') ? rest.slice(2) : rest;
      if (path === '') throw new ConfigError(`the database URL "${url}" names no file`);
      return path;
    }
    default:
      throw new ConfigError(`unsupported database URL scheme "${scheme}:" (use a file path, file:, sqlite: or postgres:)`);
  }
}

/** Open (and migrate) the store a URL names: PostgreSQL for postgres:// and postgresql://, else SQLite. */
export async function openStore(url: string): Promise<Store> {
  // Loaded only for PostgreSQL: the driver is no cost to SQLite commands.
  if (isPostgresUrl(url)) return (await import('./postgres/index.js')).openPostgresStore(url);
  // Loaded on first use too: code that only reads a URL (sqlitePathOf: the lookup copy's path) loads no store.
  return (await import('./sqlite/index.js')).openSqliteStore(sqlitePathOf(url));
}
