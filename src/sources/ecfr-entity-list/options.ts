/**
 * The eCFR Entity List source's settings: `ECFR_API_URL`, or `sources.ecfr.baseUrl` in the
 * config file — the eCFR host whose versioner API serves part 744 (a mirror, or a test server).
 */
import { z } from 'zod';
import { locationSettings } from '../settings.js';

export const ECFR_DEFAULT_URL = 'https://www.ecfr.gov';

/** What createEcfrEntityListSource takes. */
export const EcfrOptions = z.object({
  /** The eCFR host, e.g. "https://www.ecfr.gov". */
  baseUrl: z.string().min(1).default(ECFR_DEFAULT_URL),
});
export type EcfrOptions = z.infer<typeof EcfrOptions>;

export const ecfrSettings = locationSettings({ sources: ['ecfr-entity-list'], option: 'baseUrl', env: 'ECFR_API_URL', options: EcfrOptions });
