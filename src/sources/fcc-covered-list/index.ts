/**
 * Source "fcc-covered-list": the FCC's Covered List of communications equipment and services
 * (Secure and Trusted Communications Networks Act), diffed as a list, one designation per
 * entity, from the page's table (parse.ts). The page may answer automated clients with 403 or a
 * challenge page: that is refused as `blocked`, with the hint to use a mirror or a saved copy.
 *
 *   const source = createFccCoveredListSource({ url: FCC_COVERED_LIST_DEFAULT_URL });
 */
import { downloadPage } from '../html-common/challenge.js';
import type { SnapshotSource } from '../types.js';
import { FCC_BLOCKED_HINT, parseFccCoveredList } from './parse.js';
import { SOURCE_CATALOG } from '../catalog.js';
import { FccOptions } from './options.js';

export { FCC_COVERED_LIST_DEFAULT_URL, FccOptions, fccSettings } from './options.js';

export function createFccCoveredListSource({ url }: FccOptions = FccOptions.parse({})): SnapshotSource {
  return {
    id: 'fcc-covered-list',
    kind: 'snapshot',
    title: SOURCE_CATALOG['fcc-covered-list'].title,
    bodyKind: 'html',
    fetch: (ctx) => downloadPage(ctx, url, FCC_BLOCKED_HINT),
    parse: parseFccCoveredList,
  } satisfies SnapshotSource;
}

export { parseFccCoveredListPage } from './parse.js';
