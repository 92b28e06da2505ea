/**
 * Source "ofac-sdn": OFAC's Specially Designated Nationals list, from its legacy CSV set.
 *
 *   const source = createOfacSdnSource({ baseUrl: OFAC_DEFAULT_URL, slsUrl: OFAC_SLS_DEFAULT_URL }); // or a directory holding SDN.CSV, ADD.CSV, …
 *
 * See README.md for the field mapping.
 */
import { fetchOfacSet } from '../ofac-common/fetch.js';
import { OfacOptions } from '../ofac-common/options.js';
import type { SnapshotSource } from '../types.js';
import { parseOfacSdn, SDN_FILES } from './parse.js';
import { SOURCE_CATALOG } from '../catalog.js';

export { OFAC_DEFAULT_URL, OFAC_SLS_DEFAULT_URL, OfacOptions, ofacSettings } from '../ofac-common/options.js';

/** An SDN source reading `${baseUrl}/SDN.CSV` and its parts; `baseUrl` may be a local directory. */
export function createOfacSdnSource({ baseUrl, slsUrl }: OfacOptions = OfacOptions.parse({})): SnapshotSource {
  return {
    id: 'ofac-sdn',
    kind: 'snapshot',
    title: SOURCE_CATALOG['ofac-sdn'].title,
    fetch: (ctx) => fetchOfacSet(ctx, { base: baseUrl, slsUrl }, SDN_FILES),
    parse: parseOfacSdn,
  } satisfies SnapshotSource;
}

/** The source as registered: OFAC's Sanctions List Service. */
export const ofacSdnSource = createOfacSdnSource();
