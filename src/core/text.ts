/**
 * Small text helpers shared by parsers, identity and matching, and `sanitise` for every place
 * that shows untrusted text (notifiers, platforms, handlers). Pure.
 */

/** Lower case, diacritics stripped (NFKD), punctuation to spaces, whitespace collapsed. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Trimmed text, or null for empty, whitespace-only and OFAC's "-0-" placeholder. */
export function cleanText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).replace(/\s+/g, ' ').trim();
  if (text === '' || text === '-0-') return null;
  return text;
}

/** Split a multi-valued CSL CSV field ("a; b; c") into clean, unique, non-empty items. */
export function splitMulti(value: string | null | undefined, separator = ';'): string[] {
  if (!value) return [];
  return uniqueStrings(value.split(separator).map((part) => cleanText(part)));
}

/** Unique non-null strings, first occurrence order kept. */
export function uniqueStrings(values: Iterable<string | null | undefined>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    if (value && !seen.has(value)) {
      seen.add(value);
      out.push(value);
    }
  }
  return out;
}

const ISO2 = /^[A-Z]{2}$/;

/** An ISO-2 country code, upper-cased, or null when the text is not one. */
export function iso2(value: string | null | undefined): string | null {
  const code = value?.trim().toUpperCase();
  return code && ISO2.test(code) ? code : null;
}

/** The ISO-2 code a CSL address line ends with ("…, Xian, China, CN"), or null. */
export function countryOfAddress(address: string): string | null {
  const last = address.split(',').pop();
  return iso2(last);
}

/** Remove C0/C1 control characters other than newline and tab (no terminal escape sequences). */
export function sanitise(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u001b]/g, '');
}
