/**
 * The FCC Covered List source's settings: `FCC_COVERED_LIST_URL`, or `sources.fcc.url` in the
 * config file — the FCC page, a mirror of it, or a copy saved from a browser.
 */
import { z } from 'zod';
import { locationSettings } from '../settings.js';

export const FCC_COVERED_LIST_DEFAULT_URL = 'https://www.fcc.gov/supplychain/coveredlist';

/** What createFccCoveredListSource takes. */
export const FccOptions = z.object({
  /** The Covered List page: a URL, `file://` URL or local path. */
  url: z.string().min(1).default(FCC_COVERED_LIST_DEFAULT_URL),
});
export type FccOptions = z.infer<typeof FccOptions>;

export const fccSettings = locationSettings({ sources: ['fcc-covered-list'], option: 'url', env: 'FCC_COVERED_LIST_URL', options: FccOptions });
