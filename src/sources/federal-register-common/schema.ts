/**
 * The Federal Register API v1 shapes this project reads, only as far as it uses them.
 *
 * - `GET /api/v1/documents.json?conditions[agencies][]=industry-and-security-bureau&conditions[type][]=RULE&fields[]=…`
 *   → `FrDocumentsPage`: `{ count, total_pages?, next_page_url?, results? }`. The API leaves
 *   `results` out when nothing matched. A document carries only the fields asked for with
 *   `fields[]` (by default: title, type, abstract, document_number, html_url, pdf_url,
 *   public_inspection_pdf_url, publication_date, agencies, excerpts), so all but
 *   `document_number` and `title` are optional.
 * - `GET /api/v1/public-inspection-documents/current.json` → `FrPublicInspectionPage`:
 *   `{ count, regular_filings_updated_at?, special_filings_updated_at?, results? }`, documents
 *   filed for the coming issues, before publication.
 *
 * `type` is the display name ("Rule", "Proposed Rule", "Notice", "Presidential Document"), not
 * the `conditions[type][]` code ("RULE").
 */
import { z } from 'zod';

const Text = z.string().nullish();

/** An agency of a document. Sub-agencies the API cannot resolve come with `raw_name` only. */
export const FrAgency = z.object({
  name: Text,
  slug: Text,
  raw_name: Text,
  id: z.number().nullish(),
  parent_id: z.number().nullish(),
});
export type FrAgency = z.infer<typeof FrAgency>;

/** One result of `documents.json` (a published document). */
export const FrDocument = z.object({
  document_number: z.string(),
  title: z.string(),
  type: Text,
  abstract: Text,
  action: Text,
  agencies: z.array(FrAgency).nullish(),
  citation: Text,
  publication_date: Text,
  html_url: Text,
  pdf_url: Text,
  public_inspection_pdf_url: Text,
  full_text_xml_url: Text,
  body_html_url: Text,
  raw_text_url: Text,
});
export type FrDocument = z.infer<typeof FrDocument>;

export const FrDocumentsPage = z.object({
  count: z.number().nullish(),
  total_pages: z.number().nullish(),
  next_page_url: Text,
  results: z.array(FrDocument).nullish(),
});
export type FrDocumentsPage = z.infer<typeof FrDocumentsPage>;

/** One result of `public-inspection-documents/current.json` (filed, not yet published). */
export const FrPublicInspectionDocument = z.object({
  document_number: z.string(),
  title: Text,
  type: Text,
  agencies: z.array(FrAgency).nullish(),
  filed_at: Text,
  publication_date: Text,
  filing_type: Text,
  html_url: Text,
  pdf_url: Text,
  raw_text_url: Text,
  /** Only on some filings: "Editorial Note: …" when a filing was withdrawn or corrected. */
  editorial_note: Text,
  toc_subject: Text,
  toc_doc: Text,
});
export type FrPublicInspectionDocument = z.infer<typeof FrPublicInspectionDocument>;

export const FrPublicInspectionPage = z.object({
  count: z.number().nullish(),
  regular_filings_updated_at: Text,
  special_filings_updated_at: Text,
  results: z.array(FrPublicInspectionDocument).nullish(),
});
export type FrPublicInspectionPage = z.infer<typeof FrPublicInspectionPage>;
