/**
 * Source "ofac-consolidated": OFAC's non-SDN lists (SSI, CMIC, FSE, PLC, CAPTA, NS-MBS), from
 * the consolidated legacy CSV set.
 *
 *   const source = createOfacConsolidatedSource(OFAC_DEFAULT_URL); // or a local directory
 *
 * See README.md for the field and list mapping.
 */
import { fetchOfacSet, OFAC_DEFAULT_URL } from '../ofac-common/fetch.js';
import { OFAC_SLS_DEFAULT_URL } from '../ofac-common/publication.js';
import type { SnapshotSource } from '../types.js';
import { CONSOLIDATED_FILES, parseOfacConsolidated } from './parse.js';
import { SOURCE_CATALOG } from '../catalog.js';

export { OFAC_DEFAULT_URL } from '../ofac-common/fetch.js';

/** A consolidated source reading `${baseUrl}/CONS_PRIM.CSV` and its parts. */
export function createOfacConsolidatedSource(baseUrl: string, slsUrl: string | null = OFAC_SLS_DEFAULT_URL): SnapshotSource {
  return {
    id: 'ofac-consolidated',
    kind: 'snapshot',
    title: SOURCE_CATALOG['ofac-consolidated'].title,
    fetch: (ctx) => fetchOfacSet(ctx, { base: baseUrl, slsUrl }, CONSOLIDATED_FILES),
    parse: parseOfacConsolidated,
  } satisfies SnapshotSource;
}

/** The source as registered: OFAC's Sanctions List Service. */
export const ofacConsolidatedSource = createOfacConsolidatedSource(OFAC_DEFAULT_URL);
