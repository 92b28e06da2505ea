/**
 * Every source and notifier folder is registered, and ids are unique (STYLE: explicit registries).
 * A folder counts when it has an index.ts; shared helper folders (e.g. ofac-common) have none.
 */
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { NOTIFIER_IDS } from '../src/notifiers/registry.js';
import { SOURCE_FACTORIES, buildSource } from '../src/sources/registry.js';

function folders(dir: string): string[] {
  const root = new URL(`../src/${dir}/`, import.meta.url);
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(new URL(`${entry.name}/index.ts`, root)))
    .map((entry) => entry.name)
    .sort();
}

describe('registries', () => {
  it('registers every source folder under its folder name, and each source reports that id', () => {
    expect(Object.keys(SOURCE_FACTORIES).sort()).toEqual(folders('sources'));
    const config = loadConfig({});
    for (const id of Object.keys(SOURCE_FACTORIES)) expect(buildSource(id, config).id).toBe(id);
  });

  it('registers every notifier folder', () => {
    expect([...NOTIFIER_IDS].sort()).toEqual(folders('notifiers'));
    expect(new Set(NOTIFIER_IDS).size).toBe(NOTIFIER_IDS.length);
  });
});
