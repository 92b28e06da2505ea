/**
 * Source "uflpa": the DHS Uyghur Forced Labor Prevention Act Entity List, diffed as a list from
 * the tables of its page (parse.ts). The page may answer automated clients with 403 or a
 * challenge page: that is refused as `blocked`, with the hint to use a mirror or a saved copy.
 *
 *   const source = createUflpaSource({ url: UFLPA_DEFAULT_URL }); // or a mirror URL, or a local file
 */
import { downloadPage } from '../html-common/challenge.js';
import type { SnapshotSource } from '../types.js';
import { parseUflpa, UFLPA_BLOCKED_HINT } from './parse.js';
import { SOURCE_CATALOG } from '../catalog.js';
import { UflpaOptions } from './options.js';

export { UFLPA_DEFAULT_URL, UflpaOptions, uflpaSettings } from './options.js';

export function createUflpaSource({ url }: UflpaOptions = UflpaOptions.parse({})): SnapshotSource {
  return {
    id: 'uflpa',
    kind: 'snapshot',
    title: SOURCE_CATALOG.uflpa.title,
    bodyKind: 'html',
    fetch: (ctx) => downloadPage(ctx, url, UFLPA_BLOCKED_HINT),
    parse: parseUflpa,
  } satisfies SnapshotSource;
}

export { parseUflpaPage } from './parse.js';
