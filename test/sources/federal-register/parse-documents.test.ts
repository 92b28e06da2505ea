import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SnapshotRefusedError } from '../../../src/errors.js';
import { DEFAULT_FR_AGENCIES, DEFAULT_FR_TERMS } from '../../../src/sources/federal-register/options.js';
import {
  isRelevant,
  matchedTerms,
  parseDocumentsPage,
  parsePublicInspection,
  type FrItem,
} from '../../../src/sources/federal-register/parse-documents.js';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../fixtures/federal-register/${name}`, import.meta.url), 'utf8'));
}

function refusal(fn: () => unknown): SnapshotRefusedError {
  try {
    fn();
  } catch (err) {
    if (err instanceof SnapshotRefusedError) return err;
    throw err;
  }
  throw new Error('expected a SnapshotRefusedError');
}

const BIS = { name: 'Industry and Security Bureau', slug: 'industry-and-security-bureau' };
const COMMERCE = { name: 'Commerce Department', slug: 'commerce-department' };

describe('parseDocumentsPage', () => {
  const page = parseDocumentsPage(fixture('documents-page.json'));

  it('normalises each published document', () => {
    expect(page.documents.map((doc) => doc.documentNumber)).toEqual(['2024-04711', '2024-03902', '2024-03355']);
    expect(page.documents[0]).toEqual({
      documentNumber: '2024-04711',
      title: 'Additions to and Revision of Entries on the Entity List; Removal of an Entry From the Unverified List',
      type: 'Rule',
      agencies: [COMMERCE, BIS],
      action: 'Final rule.',
      abstract:
        'In this rule, the Bureau of Industry and Security (BIS) amends the Export Administration Regulations (EAR) by adding four entities to the Entity List.',
      publicationDate: '2024-03-04',
      filedAt: null,
      htmlUrl:
        'https://www.federalregister.gov/documents/2024/03/04/2024-04711/additions-to-and-revision-of-entries-on-the-entity-list-removal-of-an-entry-from-the-unverified-list',
      pdfUrl: 'https://www.govinfo.gov/content/pkg/FR-2024-03-04/pdf/2024-04711.pdf',
      rawTextUrl: 'https://www.federalregister.gov/documents/full_text/text/2024/03/04/2024-04711.txt',
      fullTextXmlUrl: 'https://www.federalregister.gov/documents/full_text/xml/2024/03/04/2024-04711.xml',
      publicInspectionPdfUrl: 'https://public-inspection.federalregister.gov/2024-04711.pdf?1709213106',
      citation: '89 FR 15231',
      toc: null,
      editorialNote: null,
      stage: 'published',
    } satisfies FrItem);
  });

  it('returns the next page URL, and an empty string URL as null', () => {
    expect(page.nextPageUrl).toBe(
      'https://www.federalregister.gov/api/v1/documents.json?conditions%5Bagencies%5D%5B%5D=industry-and-security-bureau&conditions%5Btype%5D%5B%5D=RULE&order=newest&page=2&per_page=20',
    );
    expect(page.documents[2]!.publicInspectionPdfUrl).toBeNull();
    expect(page.documents[2]!.abstract).toBeNull();
  });

  it('reads a page without results (the API leaves them out when nothing matched)', () => {
    expect(parseDocumentsPage({ count: 0, description: 'Documents matching nothing' })).toEqual({ documents: [], nextPageUrl: null });
  });

  it('accepts the JSON text as well as the parsed value', () => {
    const text = readFileSync(new URL('../../fixtures/federal-register/documents-page.json', import.meta.url), 'utf8');
    expect(parseDocumentsPage(text)).toEqual(page);
  });

  it('keeps only the default fields when the others were not requested', () => {
    const minimal = parseDocumentsPage({ count: 1, results: [{ document_number: '2024-00001', title: 'Entity List Additions' }] });
    expect(minimal.documents[0]).toMatchObject({ documentNumber: '2024-00001', agencies: [], action: null, citation: null, fullTextXmlUrl: null });
  });

  it.each([
    ['a result without document_number', { count: 1, results: [{ title: 'x' }] }, 'results[0].document_number'],
    ['a number for a title', { count: 1, results: [{ document_number: '1', title: 7 }] }, 'results[0].title'],
    ['agencies that are not a list', { results: [{ document_number: '1', title: 't', agencies: 'BIS' }] }, 'results[0].agencies'],
    ['an object without results or count', { description: 'x' }, 'results'],
    ['an array', [], '(root)'],
    ['an HTML page', '<!DOCTYPE html><html></html>', 'not JSON'],
  ])('refuses %s, naming the field', (_label, body, field) => {
    const err = refusal(() => parseDocumentsPage(body));
    expect(err.code).toBe('unparseable');
    expect(err.message).toContain(field);
  });
});

describe('parsePublicInspection', () => {
  const items = parsePublicInspection(fixture('public-inspection-current.json'));

  it('normalises each filing', () => {
    expect(items.map((item) => [item.documentNumber, item.type, item.publicationDate])).toEqual([
      ['2024-04711', 'Rule', '2024-03-04'],
      ['2024-04520', 'Notice', '2024-03-01'],
      ['2024-04398', 'Rule', '2024-03-01'],
      ['2024-04601', 'Notice', '2024-03-05'],
    ]);
    expect(items[0]).toEqual({
      documentNumber: '2024-04711',
      title: 'Additions to and Revision of Entries on the Entity List; Removal of an Entry From the Unverified List',
      type: 'Rule',
      agencies: [COMMERCE, BIS],
      action: null,
      abstract: null,
      publicationDate: '2024-03-04',
      filedAt: '2024-02-29T08:45:00.000-05:00',
      htmlUrl:
        'https://www.federalregister.gov/public-inspection/2024-04711/additions-to-and-revision-of-entries-on-the-entity-list-removal-of-an-entry-from-the-unverified-list',
      pdfUrl: 'https://public-inspection.federalregister.gov/2024-04711.pdf?1709213106',
      rawTextUrl: 'https://www.federalregister.gov/public-inspection/raw_text/2024/047/11.txt',
      fullTextXmlUrl: null,
      publicInspectionPdfUrl: 'https://public-inspection.federalregister.gov/2024-04711.pdf?1709213106',
      citation: null,
      toc: null,
      editorialNote: null,
      stage: 'public-inspection',
    } satisfies FrItem);
  });

  it('falls back to the table-of-contents text for a filing without a title, and to raw_name for an unresolved agency', () => {
    expect(items[3]).toMatchObject({
      title: 'Sanctions Actions: Notice of OFAC Sanctions Actions',
      agencies: [{ name: 'OFFICE OF FOREIGN ASSETS CONTROL', slug: null }],
      rawTextUrl: null,
    });
  });

  it('refuses a filing without a document number', () => {
    const err = refusal(() => parsePublicInspection({ count: 1, results: [{ title: 'x', filed_at: '2024-01-01' }] }));
    expect(err.code).toBe('unparseable');
    expect(err.message).toContain('results[0].document_number');
  });
});

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
