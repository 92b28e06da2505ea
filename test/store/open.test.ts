import { existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { openStore, sqlitePathOf } from '../../store/index.js';
import { tempDir } from './fixtures.js';

/** A local port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
});

afterEach(() => cleanup());

describe('sqlitePathOf', () => {
  it.each([
    ['data/entitywatch.db', 'data/entitywatch.db'],
    ['/var/lib/entitywatch/x.db', '/var/lib/entitywatch/x.db'],
    [':memory:', ':memory:'],
    ['file:data/x.db', 'data/x.db'],
    ['file:///var/lib/my%20db/x.db', '/var/lib/my db/x.db'],
    ['sqlite:data/x.db', 'data/x.db'],
    ['sqlite:///var/lib/x.db', '/var/lib/x.db'],
    ['sqlite://data/x.db', 'data/x.db'],
    ['sqlite::memory:', ':memory:'],
    ['  ./x.db ', './x.db'],
    ['C:\\data\\x.db', 'C:\\data\\x.db'],
  ])('%s → %s', (url, path) => {
    expect(sqlitePathOf(url)).toBe(path);
  });

  it.each([
    ['postgres://user@localhost/entitywatch', 'a PostgreSQL URL names no SQLite file'],
    ['postgresql://localhost/db', 'a PostgreSQL URL names no SQLite file'],
    ['mysql://localhost/db', 'unsupported database URL scheme "mysql:"'],
    ['', 'the database URL is empty'],
    ['sqlite:', 'names no file'],
  ])('refuses %s', (url, message) => {
    expect(() => sqlitePathOf(url)).toThrow(ConfigError);
    expect(() => sqlitePathOf(url)).toThrow(message);
  });
});

describe('openStore', () => {
  it('opens SQLite files by path and by file: or sqlite: URL', async () => {
    const byPath = join(dir, 'a', 'one.db');
    const byFileUrl = join(dir, 'b', 'two.db');
    const bySqliteUrl = join(dir, 'c', 'three.db');
    for (const url of [byPath, pathToFileURL(byFileUrl).href, `sqlite://${bySqliteUrl}`]) {
      const store = await openStore(url);
      await store.recordUnchanged('csl', '2024-05-01T00:00:00.000Z');
      await store.close();
    }
    for (const path of [byPath, byFileUrl, bySqliteUrl]) expect(existsSync(path)).toBe(true);

    const reopened = await openStore(`file:${byPath}`);
    expect(await reopened.getSourceState('csl')).toMatchObject({ lastSuccessAt: '2024-05-01T00:00:00.000Z' });
    await reopened.close();
  });

  it('reports an unreachable PostgreSQL server in one line with its host, never the password', async () => {
    const port = await closedPort();
    const err = await openStore(`postgres://alice:s3cret-pw@127.0.0.1:${port}/entitywatch`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toBe(
      `cannot connect to PostgreSQL at alice@127.0.0.1:${port}/entitywatch: connect ECONNREFUSED 127.0.0.1:${port} (is the server running and listening there?)`,
    );
    expect(String((err as Error).message)).not.toContain('s3cret');
  });
});
