/**
 * Source "ofac-consolidated": OFAC's non-SDN lists (SSI, CMIC, FSE, PLC, CAPTA, NS-MBS), from
 * the consolidated legacy CSV set.
 *
 *   const source = createOfacConsolidatedSource({ baseUrl: OFAC_DEFAULT_URL, slsUrl: OFAC_SLS_DEFAULT_URL }); // or a local directory
 *
 * See README.md for the field and list mapping.
 */
import { fetchOfacSet } from '../ofac-common/fetch.js';
import { OfacOptions } from '../ofac-common/options.js';
import type { SnapshotSource } from '../types.js';
import { CONSOLIDATED_FILES, parseOfacConsolidated } from './parse.js';
import { SOURCE_CATALOG } from '../catalog.js';

export { OFAC_DEFAULT_URL, OFAC_SLS_DEFAULT_URL, OfacOptions, ofacSettings } from '../ofac-common/options.js';

/** A consolidated source reading `${baseUrl}/CONS_PRIM.CSV` and its parts. */
export function createOfacConsolidatedSource({ baseUrl, slsUrl }: OfacOptions = OfacOptions.parse({})): SnapshotSource {
  return {
    id: 'ofac-consolidated',
    kind: 'snapshot',
    title: SOURCE_CATALOG['ofac-consolidated'].title,
    fetch: (ctx) => fetchOfacSet(ctx, { base: baseUrl, slsUrl }, CONSOLIDATED_FILES),
    parse: parseOfacConsolidated,
  } satisfies SnapshotSource;
}

/** The source as registered: OFAC's Sanctions List Service. */
export const ofacConsolidatedSource = createOfacConsolidatedSource();
