/**
 * The UFLPA source's settings: `UFLPA_URL`, or `sources.uflpa.url` in the config file — the DHS
 * page, a mirror of it, or a copy saved from a browser (the page may block automated clients).
 */
import { z } from 'zod';
import { locationSettings } from '../settings.js';

export const UFLPA_DEFAULT_URL = 'https://www.dhs.gov/uflpa-entity-list';

/** What createUflpaSource takes. */
export const UflpaOptions = z.object({
  /** The UFLPA Entity List page: a URL, `file://` URL or local path. */
  url: z.string().min(1).default(UFLPA_DEFAULT_URL),
});
export type UflpaOptions = z.infer<typeof UflpaOptions>;

export const uflpaSettings = locationSettings({ sources: ['uflpa'], option: 'url', env: 'UFLPA_URL', options: UflpaOptions });
