/**
 * `isCountryCode('CN')`: an ISO 3166-1 alpha-2 code (i18n-iso-countries). The library (about
 * 20 ms to load: its code tables) is loaded on the first check, not when the schemas that
 * use it load — `status` and `lookup` open the store, whose rule and watchlist schemas use it,
 * without ever checking a country.
 */
import { createRequire } from 'node:module';

type Countries = typeof import('i18n-iso-countries');
let countries: Countries | undefined;

export function isCountryCode(code: string): boolean {
  countries ??= createRequire(import.meta.url)('i18n-iso-countries') as Countries;
  return /^[A-Z]{2}$/.test(code) && countries.isValid(code);
}
