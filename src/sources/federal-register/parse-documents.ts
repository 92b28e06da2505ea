/**
 * Federal Register API JSON (documents search, public inspection) → one small item type, and the
 * filter that decides which items are worth an early warning. Pure.
 *
 *   const { documents, nextPageUrl } = parseDocumentsPage(JSON.parse(body));
 *   const early = parsePublicInspection(JSON.parse(piBody)).filter((item) => isRelevant(item));
 *
 * A body of the wrong shape throws SnapshotRefusedError('unparseable') naming the field, e.g.
 * "results[0].document_number: expected string".
 */
import type { z } from 'zod';
import { SnapshotRefusedError } from '../../errors.js';
import { DEFAULT_FR_AGENCIES, DEFAULT_FR_TERMS } from './options.js';
import { FrDocumentsPage, FrPublicInspectionPage, type FrAgency, type FrDocument, type FrPublicInspectionDocument } from './schema.js';

export interface FrAgencyRef {
  /** "Industry and Security Bureau" (the API's `name`, else its `raw_name`). */
  name: string | null;
  /** "industry-and-security-bureau"; null for agencies the API could not resolve. */
  slug: string | null;
}

/** One Federal Register document, published or on public inspection. Absent values are null. */
export interface FrItem {
  /** "2024-02930": the same number before and after publication, so it links the two stages. */
  documentNumber: string;
  title: string;
  /** "Rule", "Proposed Rule", "Notice", "Presidential Document". */
  type: string | null;
  agencies: FrAgencyRef[];
  /** "Final rule." (published documents, when requested with `fields[]=action`). */
  action: string | null;
  abstract: string | null;
  /** YYYY-MM-DD: the issue it appeared in, or (public inspection) will appear in. */
  publicationDate: string | null;
  /** When it was filed for public inspection, ISO 8601 with offset; null for published documents. */
  filedAt: string | null;
  htmlUrl: string | null;
  pdfUrl: string | null;
  rawTextUrl: string | null;
  fullTextXmlUrl: string | null;
  publicInspectionPdfUrl: string | null;
  /** "89 FR 9741"; null before publication. */
  citation: string | null;
  /** Public inspection's table-of-contents subject and entry ("Export Administration Regulations:", "Entity List Additions"); null otherwise. */
  toc: string | null;
  /** Public inspection's editorial note, e.g. "… requesting withdrawal of this document was received after placement on public inspection"; null otherwise. */
  editorialNote: string | null;
  stage: 'public-inspection' | 'published';
}

export type FrDocumentItem = FrItem & { stage: 'published' };
export type FrPublicInspectionItem = FrItem & { stage: 'public-inspection' };

function fieldPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`)).join('');
}

function parseWith<T>(schema: z.ZodType<T>, json: unknown, what: string): T {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (err) {
      throw new SnapshotRefusedError('unparseable', `${what} is not JSON`, { cause: err });
    }
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const detail = issue ? `${fieldPath(issue.path)}: ${issue.message}` : 'unexpected shape';
    throw new SnapshotRefusedError('unparseable', `${what}: ${detail}`, { cause: result.error });
  }
  return result.data;
}

function agencyRefs(agencies: FrAgency[] | null | undefined): FrAgencyRef[] {
  return (agencies ?? []).map((agency) => ({ name: agency.name ?? agency.raw_name ?? null, slug: agency.slug ?? null }));
}

function documentItem(doc: FrDocument): FrDocumentItem {
  return {
    documentNumber: doc.document_number,
    title: doc.title,
    type: doc.type ?? null,
    agencies: agencyRefs(doc.agencies),
    action: doc.action ?? null,
    abstract: doc.abstract ?? null,
    publicationDate: doc.publication_date ?? null,
    filedAt: null,
    htmlUrl: doc.html_url ?? null,
    pdfUrl: doc.pdf_url ?? null,
    rawTextUrl: doc.raw_text_url ?? null,
    fullTextXmlUrl: doc.full_text_xml_url ?? null,
    publicInspectionPdfUrl: doc.public_inspection_pdf_url || null,
    citation: doc.citation ?? null,
    toc: null,
    editorialNote: null,
    stage: 'published',
  };
}

function publicInspectionItem(doc: FrPublicInspectionDocument): FrPublicInspectionItem {
  const toc = [doc.toc_subject, doc.toc_doc].filter(Boolean).join(' ');
  return {
    documentNumber: doc.document_number,
    title: doc.title ?? toc,
    type: doc.type ?? null,
    agencies: agencyRefs(doc.agencies),
    action: null,
    abstract: null,
    publicationDate: doc.publication_date ?? null,
    filedAt: doc.filed_at ?? null,
    htmlUrl: doc.html_url ?? null,
    pdfUrl: doc.pdf_url ?? null,
    rawTextUrl: doc.raw_text_url ?? null,
    fullTextXmlUrl: null,
    publicInspectionPdfUrl: doc.pdf_url ?? null,
    citation: null,
    toc: toc === '' ? null : toc,
    editorialNote: doc.editorial_note || null,
    stage: 'public-inspection',
  };
}

/** A page must say what it holds: `results`, or at least `count` (the API omits empty results). */
function requireResults(page: { count?: number | null; results?: unknown[] | null }, what: string): void {
  if (page.results == null && page.count == null) {
    throw new SnapshotRefusedError('unparseable', `${what}: results: missing (and no count)`);
  }
}

/** One page of `documents.json`, and the URL of the next page (null on the last). */
export function parseDocumentsPage(json: unknown): { documents: FrDocumentItem[]; nextPageUrl: string | null } {
  const what = 'Federal Register documents page';
  const page = parseWith(FrDocumentsPage, json, what);
  requireResults(page, what);
  return { documents: (page.results ?? []).map(documentItem), nextPageUrl: page.next_page_url || null };
}

/** `public-inspection-documents/current.json` (or a search of public inspection documents). */
export function parsePublicInspection(json: unknown): FrPublicInspectionItem[] {
  const what = 'Federal Register public inspection page';
  const page = parseWith(FrPublicInspectionPage, json, what);
  requireResults(page, what);
  return (page.results ?? []).map(publicInspectionItem);
}

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
