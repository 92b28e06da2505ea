/**
 * Small builders shared by the store tests: temp directories, snapshot commits, alerts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestAlert } from '../../src/core/alert.js';
import { fingerprint } from '../../src/core/fingerprint.js';
import type { Designation, SnapshotDiff } from '../../src/core/model.js';
import type { Route } from '../../src/core/watch.js';
import type { SnapshotCommit, SnapshotMeta } from '../../store/types.js';

/** A fresh temp directory; `cleanup` removes it. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'entitywatch-store-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function fingerprintsOf(designations: Iterable<Designation>): Map<string, string> {
  const map = new Map<string, string>();
  for (const d of designations) map.set(d.key, fingerprint(d));
  return map;
}

export function metaOf(source: string, fetchedAt: string, overrides: Partial<SnapshotMeta> = {}): SnapshotMeta {
  return {
    source,
    fetchedAt,
    contentHash: `sha256-${fetchedAt}`,
    etag: `"etag-${fetchedAt}"`,
    lastModified: null,
    location: `https://example.test/${source}.csv`,
    rowCount: 0,
    ...overrides,
  };
}

export function emptyDiff(): SnapshotDiff {
  return { added: [], removed: [], amended: [] };
}

/** A commit whose fingerprints cover every row the diff writes. */
export function commitOf(
  source: string,
  fetchedAt: string,
  diff: SnapshotDiff,
  options: { baseline?: boolean; alerts?: SnapshotCommit['alerts']; rowCount?: number } = {},
): SnapshotCommit {
  return {
    meta: metaOf(source, fetchedAt, { rowCount: options.rowCount ?? diff.added.length + diff.amended.length }),
    baseline: options.baseline ?? false,
    diff,
    fingerprints: fingerprintsOf([...diff.added, ...diff.amended.map((a) => a.after)]),
    alerts: options.alerts ?? [],
  };
}

export function testAlert(id: string, createdAt: string, overrides: Partial<TestAlert> = {}): TestAlert {
  return {
    id,
    kind: 'test',
    source: 'entitywatch',
    createdAt,
    title: `Test alert ${id}`,
    priority: 'normal',
    threadOf: null,
    notes: [],
    links: [],
    ...overrides,
  };
}

export function routes(...channels: string[]): Route[] {
  return channels.map((channel) => ({ channel, matchKeys: null }));
}

export function byKey(a: Designation, b: Designation): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
