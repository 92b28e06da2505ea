/**
 * A local Federal Register API for feed tests: `public-inspection-documents/current.json` and
 * `documents.json` served with ETags (304 on If-None-Match), plus documents' plain text and XML.
 * Documents are built from short specs; their text/XML URLs point at the fake server. All
 * documents are invented.
 *
 *   const fr = await startFakeFederalRegister();
 *   fr.filings([filing({ documentNumber: '2024-10077', title: 'Additions to the Entity List', text: '…' })]);
 *   fr.documents([]);
 */
import { snapshotRoute, startFakeServer, type FakeServer } from './http.js';

export const AGENCIES = {
  BIS: [
    { raw_name: 'DEPARTMENT OF COMMERCE', name: 'Commerce Department', id: 54, parent_id: null, slug: 'commerce-department' },
    { raw_name: 'Bureau of Industry and Security', name: 'Industry and Security Bureau', id: 241, parent_id: 54, slug: 'industry-and-security-bureau' },
  ],
  OFAC: [
    { raw_name: 'DEPARTMENT OF THE TREASURY', name: 'Treasury Department', id: 497, parent_id: null, slug: 'treasury-department' },
    { raw_name: 'Office of Foreign Assets Control', name: 'Foreign Assets Control Office', id: 203, parent_id: 497, slug: 'foreign-assets-control-office' },
  ],
  DHS: [{ raw_name: 'DEPARTMENT OF HOMELAND SECURITY', name: 'Homeland Security Department', id: 227, parent_id: null, slug: 'homeland-security-department' }],
  DOD: [
    { raw_name: 'DEPARTMENT OF DEFENSE', name: 'Defense Department', id: 103, parent_id: null, slug: 'defense-department' },
    { raw_name: 'Office of the Secretary', name: 'Office of the Secretary', id: 360, parent_id: 103, slug: 'office-of-the-secretary' },
  ],
  FCC: [{ raw_name: 'FEDERAL COMMUNICATIONS COMMISSION', name: 'Federal Communications Commission', id: 161, parent_id: null, slug: 'federal-communications-commission' }],
  FAA: [
    { raw_name: 'DEPARTMENT OF TRANSPORTATION', name: 'Transportation Department', id: 492, parent_id: null, slug: 'transportation-department' },
    { raw_name: 'Federal Aviation Administration', name: 'Federal Aviation Administration', id: 159, parent_id: 492, slug: 'federal-aviation-administration' },
  ],
} as const;

export interface DocSpec {
  documentNumber: string;
  title: string;
  agencies?: ReadonlyArray<Record<string, unknown>>;
  type?: string;
  /** Public inspection: when filed (ISO with offset). */
  filedAt?: string;
  publicationDate?: string;
  /** Published: "89 FR 41001". */
  citation?: string;
  action?: string;
  abstract?: string;
  /** Plain text served at the document's raw_text_url (public inspection). */
  text?: string;
  /** FEDREG XML served at full_text_xml_url (published). */
  xml?: string;
  /** Public inspection's editorial note (a withdrawal, a correction). */
  editorialNote?: string;
}

export interface FakeFederalRegister {
  url: string;
  server: FakeServer;
  /** Serve these filings as current.json (a new ETag). */
  filings(docs: readonly DocSpec[]): void;
  /**
   * Serve these documents as documents.json (a new ETag), newest first. With `perPage`, the
   * first page carries `next_page_url` (on www.federalregister.gov, as the real API answers) and
   * later pages answer `documents.json?page=N`.
   */
  documents(docs: readonly DocSpec[], options?: { perPage?: number }): void;
  /** Answer the next requests of current.json with this status instead. */
  failFilings(status: number | null): void;
  hits: { filings: { full: number; notModified: number }; documents: { full: number; notModified: number } };
  /** Requests for one path (text or XML), by path prefix. */
  requestsFor(pathPrefix: string): number;
  close(): Promise<void>;
}

function slugOf(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

export async function startFakeFederalRegister(): Promise<FakeFederalRegister> {
  const server = await startFakeServer();
  const current = snapshotRoute();
  const docs = snapshotRoute();
  let failStatus: number | null = null;
  server.route('GET', '/api/v1/public-inspection-documents/current.json', (req, res) => {
    if (failStatus !== null) {
      res.writeHead(failStatus, { 'content-type': 'text/plain' }).end('unavailable');
      return;
    }
    return current.handler(req, res);
  });
  let pages: string[] = [];
  server.route('GET', '/api/v1/documents.json', (req, res) => {
    const page = Number(new URL(req.path, server.url).searchParams.get('page') ?? '1');
    if (page === 1) return docs.handler(req, res);
    const body = pages[page - 1];
    if (body === undefined) return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":{"page":"out of range"}}');
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });

  const serveBody = (path: string, body: string, contentType: string) =>
    server.route('GET', path, (_req, res) => void res.writeHead(200, { 'content-type': contentType }).end(body));

  function filing(spec: DocSpec): Record<string, unknown> {
    const [year, num] = [spec.documentNumber.slice(0, 4), spec.documentNumber.slice(5)];
    const textPath = `/public-inspection/raw_text/${year}/${num.slice(0, 3)}/${num.slice(3)}.txt`;
    if (spec.text !== undefined) serveBody(textPath, spec.text, 'text/plain; charset=utf-8');
    return {
      agencies: spec.agencies ?? AGENCIES.BIS,
      document_number: spec.documentNumber,
      filed_at: spec.filedAt ?? '2024-05-08T08:45:00.000-04:00',
      filing_type: 'regular',
      html_url: `https://www.federalregister.gov/public-inspection/${spec.documentNumber}/${slugOf(spec.title)}`,
      pdf_url: `https://public-inspection.federalregister.gov/${spec.documentNumber}.pdf?1715170000`,
      publication_date: spec.publicationDate ?? '2024-05-09',
      raw_text_url: `${server.url}${textPath}`,
      title: spec.title,
      type: spec.type ?? 'Rule',
      editorial_note: spec.editorialNote ?? null,
      toc_doc: null,
      toc_subject: null,
    };
  }

  function document(spec: DocSpec): Record<string, unknown> {
    const date = spec.publicationDate ?? '2024-05-09';
    const dated = date.replaceAll('-', '/');
    const xmlPath = `/documents/full_text/xml/${dated}/${spec.documentNumber}.xml`;
    if (spec.xml !== undefined) serveBody(xmlPath, spec.xml, 'application/xml');
    return {
      abstract: spec.abstract ?? null,
      action: spec.action ?? 'Final rule.',
      agencies: spec.agencies ?? AGENCIES.BIS,
      citation: spec.citation ?? null,
      document_number: spec.documentNumber,
      full_text_xml_url: spec.xml !== undefined ? `${server.url}${xmlPath}` : null,
      html_url: `https://www.federalregister.gov/documents/${dated}/${spec.documentNumber}/${slugOf(spec.title)}`,
      pdf_url: `https://www.govinfo.gov/content/pkg/FR-${date}/pdf/${spec.documentNumber}.pdf`,
      public_inspection_pdf_url: `https://public-inspection.federalregister.gov/${spec.documentNumber}.pdf?1715170000`,
      publication_date: date,
      raw_text_url: `https://www.federalregister.gov/documents/full_text/text/${dated}/${spec.documentNumber}.txt`,
      title: spec.title,
      type: spec.type ?? 'Rule',
    };
  }

  return {
    url: server.url,
    server,
    filings(list) {
      const results = list.map(filing);
      current.serve(JSON.stringify({ count: results.length, regular_filings_updated_at: '2024-05-08T08:45:00.000-04:00', ...(results.length > 0 ? { results } : {}) }));
    },
    documents(list, options = {}) {
      const results = list.map(document);
      const perPage = options.perPage ?? Math.max(results.length, 1);
      const total = Math.max(1, Math.ceil(results.length / perPage));
      pages = Array.from({ length: total }, (_, i) => {
        const slice = results.slice(i * perPage, (i + 1) * perPage);
        const next = i + 1 < total ? `https://www.federalregister.gov/api/v1/documents.json?order=newest&page=${i + 2}&per_page=${perPage}` : undefined;
        return JSON.stringify({ count: results.length, total_pages: total, ...(next ? { next_page_url: next } : {}), ...(slice.length > 0 ? { results: slice } : {}) });
      });
      docs.serve(pages[0]!);
    },
    failFilings(status) {
      failStatus = status;
    },
    hits: { filings: current.hits, documents: docs.hits },
    requestsFor: (prefix) => server.requests.filter((r) => r.path.startsWith(prefix)).length,
    close: () => server.close(),
  };
}
