/**
 * The Federal Register source's settings: the API host (`FEDREG_API_URL`, or
 * `sources.federalRegister.apiUrl`), the phrases that make a document relevant (`FEDREG_TERMS`,
 * comma-separated, or `terms`) and the agencies polled (`FEDREG_AGENCIES`, or `agencies`), with
 * their defaults. An empty variable means the default; an empty list in the file means none.
 *
 *   createFederalRegisterSource(FederalRegisterOptions.parse({ terms: ['Entity List'] }))
 */
import { z } from 'zod';
import { EnvList, EnvLocation, Location, Term, sourceSettings } from '../settings.js';

export const FEDREG_DEFAULT_URL = 'https://www.federalregister.gov';

/** Title words that mark a document about a restriction list. */
export const DEFAULT_FR_TERMS: readonly string[] = [
  'Entity List',
  'Unverified List',
  'Military End-User',
  'Military End User',
  'Sanctions Actions',
  'Chinese Military Companies',
  // DoD titles a one-company notice in the singular: "Notice of Designation of Chinese Military Company …".
  'Chinese Military Company',
  '1260H',
  'UFLPA Entity List',
  'Uyghur Forced Labor',
  'Covered List',
];

/** Federal Register agency slugs: BIS, OFAC, DoD (1260H list), DHS (UFLPA Entity List), FCC (Covered List). */
export const DEFAULT_FR_AGENCIES: readonly string[] = [
  'industry-and-security-bureau',
  'foreign-assets-control-office',
  'defense-department',
  'homeland-security-department',
  'federal-communications-commission',
];

/** What createFederalRegisterSource takes. */
export const FederalRegisterOptions = z.object({
  /** API host, e.g. "https://www.federalregister.gov". */
  apiUrl: z.string().min(1).default(FEDREG_DEFAULT_URL),
  /** Title/action/abstract phrases that make a document relevant. */
  terms: z.array(z.string()).readonly().default(DEFAULT_FR_TERMS),
  /** Agency slugs polled and accepted; empty = any agency. */
  agencies: z.array(z.string()).readonly().default(DEFAULT_FR_AGENCIES),
});
export type FederalRegisterOptions = z.infer<typeof FederalRegisterOptions>;

/** A list variable that is unset or empty leaves the default. */
function listOrDefault(items: string[]): string[] | undefined {
  return items.length > 0 ? items : undefined;
}

export const federalRegisterSettings = sourceSettings({
  sources: ['federal-register'],
  env: { FEDREG_API_URL: EnvLocation, FEDREG_TERMS: EnvList, FEDREG_AGENCIES: EnvList },
  file: z.strictObject({ apiUrl: Location.optional(), terms: z.array(Term).optional(), agencies: z.array(Term).optional() }),
  resolve: (env, file) =>
    FederalRegisterOptions.parse({
      apiUrl: file?.apiUrl ?? env.FEDREG_API_URL,
      terms: file?.terms ?? listOrDefault(env.FEDREG_TERMS),
      agencies: file?.agencies ?? listOrDefault(env.FEDREG_AGENCIES),
    }),
});
