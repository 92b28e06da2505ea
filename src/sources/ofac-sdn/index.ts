/**
 * Source "ofac-sdn": OFAC's Specially Designated Nationals list, from its legacy CSV set.
 *
 *   const source = createOfacSdnSource(OFAC_DEFAULT_URL); // or a directory holding SDN.CSV, ADD.CSV, …
 *
 * See README.md for the field mapping.
 */
import { fetchOfacSet, OFAC_DEFAULT_URL } from '../ofac-common/fetch.js';
import { OFAC_SLS_DEFAULT_URL } from '../ofac-common/publication.js';
import type { SnapshotSource } from '../types.js';
import { parseOfacSdn, SDN_FILES } from './parse.js';
import { SOURCE_CATALOG } from '../catalog.js';

export { OFAC_DEFAULT_URL } from '../ofac-common/fetch.js';

/** An SDN source reading `${baseUrl}/SDN.CSV` and its parts; `baseUrl` may be a local directory. */
export function createOfacSdnSource(baseUrl: string, slsUrl: string | null = OFAC_SLS_DEFAULT_URL): SnapshotSource {
  return {
    id: 'ofac-sdn',
    kind: 'snapshot',
    title: SOURCE_CATALOG['ofac-sdn'].title,
    fetch: (ctx) => fetchOfacSet(ctx, { base: baseUrl, slsUrl }, SDN_FILES),
    parse: parseOfacSdn,
  } satisfies SnapshotSource;
}

/** The source as registered: OFAC's Sanctions List Service. */
export const ofacSdnSource = createOfacSdnSource(OFAC_DEFAULT_URL);
