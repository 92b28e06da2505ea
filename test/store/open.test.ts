import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { openStore, sqlitePathOf } from '../../store/index.js';
import { tempDir } from './fixtures.js';

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
    ['postgres://user@localhost/entitywatch', 'PostgreSQL support is not built yet'],
    ['postgresql://localhost/db', 'PostgreSQL support is not built yet'],
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
      const store = openStore(url);
      await store.recordUnchanged('csl', '2024-05-01T00:00:00.000Z');
      await store.close();
    }
    for (const path of [byPath, byFileUrl, bySqliteUrl]) expect(existsSync(path)).toBe(true);

    const reopened = openStore(`file:${byPath}`);
    expect(await reopened.getSourceState('csl')).toMatchObject({ lastSuccessAt: '2024-05-01T00:00:00.000Z' });
    await reopened.close();
  });

  it('refuses PostgreSQL for now', () => {
    expect(() => openStore('postgres://localhost/entitywatch')).toThrow(new ConfigError('PostgreSQL support is not built yet'));
  });
});
