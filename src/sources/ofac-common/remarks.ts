/**
 * What can be read cheaply out of OFAC's free-text Remarks, e.g.
 *   "DOB 01 Jan 1970; nationality Russia; Passport 7100000 (Russia); a.k.a. 'VANYA'."
 *
 * - weak aliases: the single-quoted names after "a.k.a." / "f.k.a." / "n.k.a.". OFAC puts only
 *   its low-quality ("weak") aliases here; strong ones are in ALT.CSV, and the two never repeat
 *   each other (checked on the 2021-07 set: 2,438 remark aliases, none in ALT).
 * - countries: "nationality X" and "citizen X".
 * - ids: "<type> <number> (<Country>)" segments ("Passport 7100000 (Russia)", "alt. Tax ID No.
 *   77 (Russia) issued 2010"), plus vessel and bank identifiers that carry no country
 *   (IMO, MMSI, SWIFT/BIC). Rendered "Passport, 7100000, RU" as the CSL does.
 *
 * All three tolerate a remark cut at 1,000 characters (SDN.CSV without SDN_COMMENTS.CSV): a
 * half alias has no closing quote and is not read.
 */
import { countryCode } from '../../core/countries.js';
import { uniqueStrings } from '../../core/text.js';

/** A quote closes an alias only when followed by ";", "." or ")" or the end: names contain apostrophes ("MU' ASSA"). */
const WEAK_ALIAS = /\b[afn]\.k\.a\. '(.+?)'(?=[;.)]|$)/g;

export function weakAliases(remarks: string | null): string[] {
  if (!remarks || !remarks.includes('.k.a. ')) return [];
  return uniqueStrings(Array.from(remarks.matchAll(WEAK_ALIAS), (m) => m[1]?.trim()));
}

function segments(remarks: string): string[] {
  return remarks
    .replace(/\.$/, '')
    .split(/;\s*/)
    .map((segment) => segment.replace(/^alt\.\s+/, '').trim());
}

const NATIONALITY = /^(?:nationality|citizen)\s+(.+)$/;

/** ISO-2 codes of the nationalities and citizenships named in the remarks. */
export function remarkCountries(remarks: string | null): string[] {
  if (!remarks || !(remarks.includes('nationality') || remarks.includes('citizen'))) return [];
  const codes: string[] = [];
  for (const segment of segments(remarks)) {
    const match = NATIONALITY.exec(segment);
    const code = countryCode(match?.[1] ?? null);
    if (code) codes.push(code);
  }
  return codes;
}

/** "<type> <number> (<Country>)", optionally followed by "issued …" / "expires …" text that is dropped. */
const COUNTRY_ID = /^(.+?)\s+(\S*\d\S*)\s+\(([^()]+)\)(?:\s.*)?$/;
/** Identifiers OFAC writes without a country. */
const BARE_ID = /^(Vessel Registration Identification IMO|MMSI|SWIFT\/BIC)\s+(\S+)$/;

/** Segments that can end in "(Country)" without being a document. */
const NOT_AN_ID = /^(?:Linked To\b|DOB\b|POB\b|[afn]\.k\.a\.)/;

/** Identity documents and registration numbers, one "type, number, CC" line each. */
export function remarkIds(remarks: string | null): string[] {
  if (!remarks) return [];
  const ids: string[] = [];
  for (const segment of segments(remarks)) {
    const bare = BARE_ID.exec(segment);
    if (bare) {
      ids.push(`${bare[1]}, ${bare[2]}`);
      continue;
    }
    if (NOT_AN_ID.test(segment)) continue;
    const match = COUNTRY_ID.exec(segment);
    if (!match) continue;
    const code = countryCode(match[3] ?? null);
    // A parenthesis that is not a country ("Linked To: X (Y)", "DOB 1960 (approx)") is no document.
    if (!code) continue;
    ids.push(`${match[1]}, ${match[2]}, ${code}`);
  }
  return uniqueStrings(ids);
}
