/**
 * Which Federal Register items are worth an early warning: the default title terms and agencies,
 * and the filter over an item's title, action, abstract and table-of-contents text. Pure.
 *
 *   const early = parsePublicInspection(JSON.parse(piBody)).filter((item) => isRelevant(item));
 *
 * The items come from ../federal-register-common/documents.ts.
 */
import type { FrItem } from '../federal-register-common/documents.js';
import { DEFAULT_FR_AGENCIES, DEFAULT_FR_TERMS } from './options.js';

export interface RelevanceFilter {
  /** Phrases matched case-insensitively in title, action, abstract and table-of-contents text; hyphens count as spaces. */
  terms: readonly string[];
  /** Agency slugs (or names); empty means any agency. */
  agencies: readonly string[];
}

export const DEFAULT_FR_FILTER: RelevanceFilter = { terms: DEFAULT_FR_TERMS, agencies: DEFAULT_FR_AGENCIES };

function fold(text: string): string {
  return ` ${text.toLowerCase().replace(/[-‐‑–—]/g, ' ').replace(/\s+/g, ' ').trim()} `;
}

/** The configured terms an item's title, action, abstract or table-of-contents text contains, in configured order. */
export function matchedTerms(item: Pick<FrItem, 'title' | 'action' | 'abstract'> & { toc?: string | null }, terms: readonly string[]): string[] {
  const text = fold([item.title, item.action, item.abstract, item.toc].filter(Boolean).join(' \n '));
  return terms.filter((term) => {
    const folded = fold(term).trim();
    return folded !== '' && text.includes(folded);
  });
}

/** Whether an item is from a configured agency and mentions a configured term. */
export function isRelevant(item: Pick<FrItem, 'title' | 'action' | 'abstract' | 'agencies'> & { toc?: string | null }, filter: RelevanceFilter = DEFAULT_FR_FILTER): boolean {
  if (filter.agencies.length > 0) {
    const wanted = new Set(filter.agencies.map((agency) => agency.toLowerCase()));
    const fromAgency = item.agencies.some(
      (agency) => (agency.slug !== null && wanted.has(agency.slug.toLowerCase())) || (agency.name !== null && wanted.has(agency.name.toLowerCase())),
    );
    if (!fromAgency) return false;
  }
  return matchedTerms(item, filter.terms).length > 0;
}
