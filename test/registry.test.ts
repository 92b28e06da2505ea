/**
 * Every source and notifier folder is registered, and ids are unique (STYLE: explicit registries).
 * A folder counts when it has an index.ts; shared helper folders (e.g. ofac-common) have none.
 * A source folder is either a source id (SOURCE_FACTORIES) or a source kind configured from the
 * config file (SOURCE_KINDS: `rss:<name>`, `page:<name>`), never both.
 */
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { NOTIFIER_IDS } from '../src/notifiers/registry.js';
import type { Config } from '../src/config.js';
import { enabledSourceIds, sourceInfo } from '../src/sources/catalog.js';
import { SOURCE_CATALOG, SOURCE_FACTORIES, SOURCE_KINDS, buildSource, configuredSources, enabledSources } from '../src/sources/registry.js';

function folders(dir: string): string[] {
  const root = new URL(`../src/${dir}/`, import.meta.url);
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(new URL(`${entry.name}/index.ts`, root)))
    .map((entry) => entry.name)
    .sort();
}

describe('registries', () => {
  it('registers every source folder under its folder name, as a source or a configured kind, and each source reports that id', () => {
    const ids = Object.keys(SOURCE_FACTORIES);
    expect(ids.filter((id) => (SOURCE_KINDS as readonly string[]).includes(id))).toEqual([]);
    expect([...ids, ...SOURCE_KINDS].sort()).toEqual(folders('sources'));
    const config = loadConfig({});
    for (const id of ids) expect(buildSource(id, config).id).toBe(id);
  });

  it('builds one source per configured feed and page, of each kind, polled whenever configured', () => {
    const base = loadConfig({});
    const config: Config = {
      ...base,
      sources: {
        ...base.sources,
        rss: [{ name: 'press', title: 'Press', url: 'https://agency.example/rss.xml', include: ['entity list'], exclude: [], regex: null }],
        pages: [{ name: 'covered', title: 'Covered List', url: 'https://agency.example/list', selector: 'main table' }],
      },
    };
    const kinds = configuredSources(config).map((s) => s.id.split(':')[0]);
    expect([...new Set(kinds)].sort()).toEqual([...SOURCE_KINDS].sort());
    expect(configuredSources(config).map((s) => [s.id, s.kind, s.title])).toEqual([
      ['rss:press', 'feed', 'Press'],
      ['page:covered', 'feed', 'Covered List'],
    ]);
    for (const id of ['rss:press', 'page:covered']) expect(buildSource(id, config).id).toBe(id);
    expect(enabledSources(config).map((s) => s.id)).toEqual(['csl', 'rss:press', 'page:covered']);
    expect(() => buildSource('rss:other', config)).toThrow(/unknown source "rss:other".*rss:press, page:covered/);
  });

  it('describes every source in the catalog as it is built, without building it (status reads the catalog)', () => {
    expect(Object.keys(SOURCE_CATALOG).sort()).toEqual(Object.keys(SOURCE_FACTORIES).sort());
    const base = loadConfig({});
    const config: Config = {
      ...base,
      sources: { ...base.sources, enabled: ['ofac-sdn', 'rss:press'], rss: [{ name: 'press', title: 'Press', url: 'https://agency.example/rss.xml', include: [], exclude: [], regex: null }] },
    };
    for (const id of [...Object.keys(SOURCE_FACTORIES), 'rss:press']) {
      const source = buildSource(id, config);
      expect(sourceInfo(id, config)).toEqual({ title: source.title, kind: source.kind });
    }
    expect(sourceInfo('rss:other', config)).toBeNull();
    expect(enabledSourceIds(config)).toEqual(enabledSources(config).map((s) => s.id));
    expect(enabledSourceIds(config)).toEqual(['ofac-sdn', 'rss:press']);
    expect(enabledSourceIds(base)).toEqual(['csl']);
  });

  it('registers every notifier folder', () => {
    expect([...NOTIFIER_IDS].sort()).toEqual(folders('notifiers'));
    expect(new Set(NOTIFIER_IDS).size).toBe(NOTIFIER_IDS.length);
  });
});
