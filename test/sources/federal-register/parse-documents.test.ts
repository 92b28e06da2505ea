import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocumentsPage, parsePublicInspection } from '../../../src/sources/federal-register-common/documents.js';
import { DEFAULT_FR_AGENCIES, DEFAULT_FR_TERMS } from '../../../src/sources/federal-register/options.js';
import { isRelevant, matchedTerms } from '../../../src/sources/federal-register/parse-documents.js';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../fixtures/federal-register/${name}`, import.meta.url), 'utf8'));
}

const BIS = { name: 'Industry and Security Bureau', slug: 'industry-and-security-bureau' };

describe('isRelevant', () => {
  const documents = parseDocumentsPage(fixture('documents-page.json')).documents;
  const filings = parsePublicInspection(fixture('public-inspection-current.json'));

  it('keeps documents of the configured agencies whose title mentions a configured term', () => {
    expect(documents.filter((doc) => isRelevant(doc)).map((doc) => doc.documentNumber)).toEqual(['2024-04711', '2024-03355']);
    expect(filings.filter((doc) => isRelevant(doc)).map((doc) => doc.documentNumber)).toEqual(['2024-04711', '2024-04520']);
  });

  it('matches agencies by name too, so unresolved agencies can be configured', () => {
    const filter = { terms: DEFAULT_FR_TERMS, agencies: [...DEFAULT_FR_AGENCIES, 'Office of Foreign Assets Control'] };
    expect(filings.filter((doc) => isRelevant(doc, filter)).map((doc) => doc.documentNumber)).toEqual(['2024-04711', '2024-04520', '2024-04601']);
  });

  it('treats an empty agency list as any agency', () => {
    const item = { title: 'Notice of Sanctions Actions', action: null, abstract: null, agencies: [] };
    expect(isRelevant(item, { terms: DEFAULT_FR_TERMS, agencies: [] })).toBe(true);
    expect(isRelevant(item)).toBe(false);
  });

  it('looks at action and abstract, ignores case, and reads hyphens as spaces', () => {
    const base = { title: 'Revisions to the Export Administration Regulations', agencies: [BIS] };
    expect(isRelevant({ ...base, action: null, abstract: 'BIS adds entries to the ENTITY LIST.' })).toBe(true);
    expect(isRelevant({ ...base, action: null, abstract: null })).toBe(false);
    expect(matchedTerms({ title: 'Additions to the Military End User List', action: null, abstract: null }, DEFAULT_FR_TERMS)).toEqual([
      'Military End-User',
      'Military End User',
    ]);
    expect(matchedTerms({ title: 'Entities Identified Under Section 1260H', action: null, abstract: null }, DEFAULT_FR_TERMS)).toEqual(['1260H']);
  });

  it('reads DoD’s singular title and the public-inspection table of contents', () => {
    const none = { action: null, abstract: null };
    expect(
      matchedTerms({ title: 'Notice of Designation of Chinese Military Company in Accordance With the National Defense Authorization Act', ...none }, DEFAULT_FR_TERMS),
    ).toEqual(['Chinese Military Company']);
    expect(matchedTerms({ title: 'Notice of Designation of Chinese Military Companies', ...none }, DEFAULT_FR_TERMS)).toEqual(['Chinese Military Companies']);
    // A filing whose title is terse: the table of contents says what it is.
    const filing = { title: 'Notice of Revisions', ...none, agencies: [BIS], toc: 'Export Administration Regulations: Additions to the Entity List' };
    expect(isRelevant(filing)).toBe(true);
    expect(isRelevant({ ...filing, toc: null })).toBe(false);
  });

  it('finds DoD’s one-company filing and a BIS filing whose terse title only its table of contents explains', () => {
    const filings = parsePublicInspection(fixture('public-inspection-dod.json'));
    expect(filings.map((f) => [f.documentNumber, f.toc, isRelevant(f)])).toEqual([
      ['2025-10001', 'Chinese Military Companies: Designation of Chinese Military Company', true],
      ['2025-10002', 'Export Administration Regulations: Additions to the Entity List', true],
    ]);
  });

  it('keeps the table-of-contents text of a filing that has a title', () => {
    const [item] = parsePublicInspection({
      count: 1,
      results: [{ document_number: '2024-05555', title: 'Revisions', toc_subject: 'Export Administration Regulations:', toc_doc: 'Entity List Additions' }],
    });
    expect(item).toMatchObject({ title: 'Revisions', toc: 'Export Administration Regulations: Entity List Additions' });
  });
});
