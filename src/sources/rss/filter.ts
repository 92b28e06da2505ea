/**
 * Keyword filters for feed items. Pure: the user regex arrives as a tester (see regex.ts).
 *
 * An item passes when it matches no `exclude` term and either matches an `include` term or the
 * regex, or when neither is configured (the whole feed). Terms are words or phrases, matched
 * case- and accent-insensitively on whole words: "entity list" matches "Entity  List" and
 * "entity-list" (whitespace or dashes between words), but "list" matches neither "listing" nor
 * "blacklist".
 *
 *   const filter = compileFilter({ include: ['Entity List'], exclude: ['webinar'] });
 *   filter.test('BIS adds 12 to the Entity List', regex) // → { pass: true, regexTimedOut: false }
 */

export interface FilterTerms {
  /** Words or phrases; an item must match one (unless empty and no regex). */
  include: string[];
  /** Words or phrases; an item matching one is dropped. */
  exclude: string[];
}

/** What a user regex answers for one text (see regex.ts). */
export type RegexTest = (text: string) => boolean | 'timeout';

export interface FilterResult {
  pass: boolean;
  /** The regex ran out of time and counted as "no match". */
  regexTimedOut: boolean;
}

export interface ItemFilter {
  test(text: string, regex: RegexTest | null): FilterResult;
}

/** Lower case with diacritics removed, so "Türkiye" and "turkiye" compare equal. */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A regex matching the folded phrase on word boundaries; words may be separated by whitespace or dashes. */
export function termPattern(term: string): RegExp | null {
  const words = foldText(term).split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  return new RegExp(`(?<![\\p{L}\\p{N}_])${words.map(escapeRegex).join('[\\s\\u002d\\u2010-\\u2015]+')}(?![\\p{L}\\p{N}_])`, 'u');
}

function compileTerms(terms: string[]): RegExp[] {
  return terms.map(termPattern).filter((pattern): pattern is RegExp => pattern !== null);
}

export function compileFilter(terms: FilterTerms): ItemFilter {
  const include = compileTerms(terms.include);
  const exclude = compileTerms(terms.exclude);
  return {
    test(text, regex) {
      const folded = foldText(text);
      if (exclude.some((pattern) => pattern.test(folded))) return { pass: false, regexTimedOut: false };
      if (include.length === 0 && !regex) return { pass: true, regexTimedOut: false };
      if (include.some((pattern) => pattern.test(folded))) return { pass: true, regexTimedOut: false };
      if (!regex) return { pass: false, regexTimedOut: false };
      const answer = regex(text);
      return { pass: answer === true, regexTimedOut: answer === 'timeout' };
    },
  };
}
