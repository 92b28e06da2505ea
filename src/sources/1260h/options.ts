/**
 * The 1260H source's settings: `DOD_1260H_BASELINE`, or `sources.dod1260h.baseline` in the config
 * file — the baseline file of the list's current edition (see README.md); unset, the source
 * refuses to poll and says so. The Federal Register host it reads DoD's notices from is the
 * Federal Register source's (`FEDREG_API_URL`), passed in by the registry.
 */
import { z } from 'zod';
import { locationSettings } from '../settings.js';

/** The 1260H settings (`config.sources.dod1260h`). */
export const Dod1260hOptions = z.object({
  /** The baseline file: a path, `file://` URL or URL; null when not set. */
  baseline: z.string().min(1).nullable().default(null),
});
export type Dod1260hOptions = z.infer<typeof Dod1260hOptions>;

/** What create1260hSource takes: its settings and the Federal Register API host. */
export interface Source1260hOptions extends Dod1260hOptions {
  /** Federal Register API host (FEDREG_API_URL). */
  frApiUrl: string;
}

export const dod1260hSettings = locationSettings({ sources: ['1260h'], option: 'baseline', env: 'DOD_1260H_BASELINE', options: Dod1260hOptions });
