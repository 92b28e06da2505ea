/**
 * Source "1260h": DoD's list of Chinese military companies (Section 1260H, NDAA FY2021), diffed
 * as a list. DoD publishes editions as PDFs and changes as Federal Register notices; the list is
 * a baseline file of the current edition plus the notices since (parse.ts, fetch.ts).
 *
 *   const source = create1260hSource({ baseline: './data/1260h-baseline.txt', frApiUrl: FEDREG_DEFAULT_URL });
 *   // entitywatch ingest 1260h ./data/1260h-baseline.txt   — seeds the current edition
 *   // entitywatch ingest 1260h ./2025-00123.xml            — applies one notice to the stored list
 */
import type { SnapshotSource } from '../types.js';
import { fetch1260h } from './fetch.js';
import type { Source1260hOptions } from './options.js';
import { apply1260hChanges, parse1260h } from './parse.js';
import { SOURCE_CATALOG } from '../catalog.js';

export function create1260hSource(options: Source1260hOptions): SnapshotSource {
  return {
    id: '1260h',
    kind: 'snapshot',
    title: SOURCE_CATALOG['1260h'].title,
    fetch: (ctx) => fetch1260h(ctx, options),
    parse: parse1260h,
    applyChanges: apply1260hChanges,
  } satisfies SnapshotSource;
}

export { Dod1260hOptions, dod1260hSettings, type Source1260hOptions } from './options.js';
