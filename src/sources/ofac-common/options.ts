/**
 * The settings of OFAC's two sources (`ofac-sdn`, `ofac-consolidated`), which read one file set
 * from one place: `OFAC_API_URL` / `sources.ofac.baseUrl` (where the legacy CSV files are: a URL
 * or a local directory, checked at start) and `OFAC_SLS_URL` / `sources.ofac.slsUrl` (the
 * Sanctions List Service asked for its latest publication first; "off" skips the check).
 *
 *   createOfacSdnSource(OfacOptions.parse({ baseUrl: './ofac', slsUrl: 'off' }))   // slsUrl → null
 */
import { z } from 'zod';
import { EnvLocation, Location, sourceSettings } from '../settings.js';

/** OFAC Sanctions List Service exports; serves SDN.CSV, ADD.CSV, … and CONS_PRIM.CSV, … */
export const OFAC_DEFAULT_URL = 'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports';

/** The Sanctions List Service, asked for the latest publication. */
export const OFAC_SLS_DEFAULT_URL = 'https://sanctionslistservice.ofac.treas.gov';

/** "off" (or "none", "false") turns the publication check off: the CSV files are then fetched conditionally. */
const SlsUrl = z
  .string()
  .min(1)
  .transform((value) => (/^(?:off|none|false)$/i.test(value.trim()) ? null : value));

/** What createOfacSdnSource and createOfacConsolidatedSource take. */
export const OfacOptions = z.object({
  /** Where the CSV files are: a URL or a local directory. */
  baseUrl: z.string().min(1).default(OFAC_DEFAULT_URL),
  /** The Sanctions List Service; null: no publication check. */
  slsUrl: SlsUrl.nullable().default(OFAC_SLS_DEFAULT_URL),
});
export type OfacOptions = z.infer<typeof OfacOptions>;

export const ofacSettings = sourceSettings({
  sources: ['ofac-sdn', 'ofac-consolidated'],
  env: { OFAC_API_URL: EnvLocation, OFAC_SLS_URL: EnvLocation },
  file: z.strictObject({ baseUrl: Location.optional(), slsUrl: Location.optional() }),
  resolve: (env, file) => OfacOptions.parse({ baseUrl: file?.baseUrl ?? env.OFAC_API_URL, slsUrl: file?.slsUrl ?? env.OFAC_SLS_URL }),
  locations: { baseUrl: 'OFAC_API_URL' },
});
