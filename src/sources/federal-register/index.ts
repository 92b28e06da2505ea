/**
 * The Federal Register early warning: a feed source that alerts on new rules and notices about
 * the restriction lists, first when they are filed for public inspection (usually the working
 * day before publication), then when published, in the same thread.
 *
 *   const source = createFederalRegisterSource({ apiUrl: FEDREG_DEFAULT_URL, terms: DEFAULT_FR_TERMS, agencies: DEFAULT_FR_AGENCIES });
 *   // the same: createFederalRegisterSource() — the defaults are in options.ts
 *
 * Items: "<document number>:public-inspection" and "<document number>:published", threaded by
 * document number. See fetch.ts for the requests and README.md for the formats.
 */
import type { FeedSource } from '../types.js';
import { fetchFederalRegister } from './fetch.js';
import { FederalRegisterOptions } from './options.js';
import { SOURCE_CATALOG } from '../catalog.js';

export function createFederalRegisterSource(options: FederalRegisterOptions = FederalRegisterOptions.parse({})): FeedSource {
  return {
    id: 'federal-register',
    kind: 'feed',
    title: SOURCE_CATALOG['federal-register'].title,
    fetch: (ctx) => fetchFederalRegister(ctx, options),
  } satisfies FeedSource;
}

export { documentsUrl, publicInspectionUrl } from './fetch.js';
export { DEFAULT_FR_AGENCIES, DEFAULT_FR_TERMS, FEDREG_DEFAULT_URL, FederalRegisterOptions, federalRegisterSettings } from './options.js';
