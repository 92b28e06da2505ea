/**
 * The CSL source's settings: `CSL_URL`, or `sources.csl.url` in the config file — JSON or CSV,
 * as a URL, `file://` URL or local path, checked at start (a location that is neither fails then,
 * not at the first poll).
 *
 *   createCslSource(CslOptions.parse({ url: './consolidated.csv' }))
 */
import { z } from 'zod';
import { locationSettings } from '../settings.js';

export const CSL_DEFAULT_URL = 'https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.json';

/** What createCslSource takes. */
export const CslOptions = z.object({
  /** The CSL as JSON or CSV: a URL, `file://` URL or local path. */
  url: z.string().min(1).default(CSL_DEFAULT_URL),
});
export type CslOptions = z.infer<typeof CslOptions>;

export const cslSettings = locationSettings({ sources: ['csl'], option: 'url', env: 'CSL_URL', options: CslOptions, checked: true });
