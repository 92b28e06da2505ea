/**
 * The Federal Register source's I/O: two API endpoints polled conditionally, and the text of
 * relevant BIS list rules read for entity names.
 *
 *   GET {apiUrl}/api/v1/public-inspection-documents/current.json
 *   GET {apiUrl}/api/v1/documents.json?conditions[agencies][]=…&conditions[type][]=RULE&conditions[type][]=NOTICE&order=newest&per_page=100&fields[]=…
 *
 * After an outage, `next_page_url` is followed until a document seen at the last poll, at most
 * MAX_EXTRA_PAGES more pages (logged when reached), so nothing published meanwhile is missed.
 *
 * Polite polling: each endpoint keeps its own validators in the feed state (the source-level
 * validators hold one pair only), so an unchanged endpoint costs a 304; when both are unchanged
 * the poll is 'not-modified'. Names read from a document's text are kept in the state too, by
 * document number, while the document stays in its endpoint's answer, so a text is read once.
 * Reading a text is best-effort: a failure is logged and the alert goes out without names.
 */
import { z } from 'zod';
import { countryName } from '../../core/countries.js';
import type { FederalRegisterOptions } from './options.js';
import { checkBody } from '../../core/guard.js';
import { LIST_CODES, type ListCode } from '../../core/model.js';
import { parseDocumentsPage, parsePublicInspection, type FrDocumentItem, type FrItem } from '../federal-register-common/documents.js';
import { noticeEntries, noticeLines } from '../federal-register-common/notice-entries.js';
import { readText } from '../read-text.js';
import type { FeedContext, FeedFetchResult, FeedItem, Validators } from '../types.js';
import { bisListsOf, feedItem, noticeListOf, readsEntries, withdrawalItem, type ItemEntities } from './items.js';
import { isRelevant, type RelevanceFilter } from './parse-documents.js';
import { entriesFromText } from './entity-names-text.js';
import { parseEntityListRule } from './parse-rule.js';

/** Newest documents asked for per page: several days of the configured agencies' rules and notices. */
export const DOCUMENTS_PER_PAGE = 100;

/**
 * Pages of `documents.json` followed after an outage, at most: the first plus this many more
 * (1,000 documents, months of the default agencies). Reaching it is logged.
 */
export const MAX_EXTRA_PAGES = 9;

/** Every field of a document the source reads (the API returns only those asked for). */
export const DOCUMENT_FIELDS = [
  'document_number',
  'title',
  'type',
  'abstract',
  'action',
  'agencies',
  'citation',
  'publication_date',
  'html_url',
  'pdf_url',
  'public_inspection_pdf_url',
  'full_text_xml_url',
  'raw_text_url',
] as const;

function base(apiUrl: string): string {
  return apiUrl.replace(/\/+$/, '');
}

export function publicInspectionUrl(apiUrl: string): string {
  return `${base(apiUrl)}/api/v1/public-inspection-documents/current.json`;
}

/** Rules and notices of the agencies, newest first, with the fields the source reads. */
export function documentsUrl(apiUrl: string, agencies: readonly string[]): string {
  const query = new URLSearchParams();
  for (const agency of agencies) query.append('conditions[agencies][]', agency);
  query.append('conditions[type][]', 'RULE');
  query.append('conditions[type][]', 'NOTICE');
  query.set('order', 'newest');
  query.set('per_page', String(DOCUMENTS_PER_PAGE));
  for (const field of DOCUMENT_FIELDS) query.append('fields[]', field);
  return `${base(apiUrl)}/api/v1/documents.json?${query.toString()}`;
}

const StoredValidators = z.object({ etag: z.string().nullable(), lastModified: z.string().nullable() });
const StoredEntry = z.object({ action: z.enum(['added', 'revised', 'removed']), list: z.enum(LIST_CODES), country: z.string().nullable(), name: z.string() });
const StoredEntities = z.record(z.string(), z.object({ entries: z.array(StoredEntry) }));
const Endpoint = z.object({
  validators: StoredValidators.nullable(),
  entities: StoredEntities,
  /** Document numbers of the last accepted answer: following `next_page_url` stops at one of them. */
  seen: z.array(z.string()).default([]),
});

/** What the source keeps between polls, per endpoint. */
const FederalRegisterState = z.object({ publicInspection: Endpoint, documents: Endpoint });
type FederalRegisterState = z.infer<typeof FederalRegisterState>;
type EndpointState = z.infer<typeof Endpoint>;

const EMPTY: EndpointState = { validators: null, entities: {}, seen: [] };

/** The stored state, or an empty one when there is none or it is not ours (then both endpoints are read in full). */
export function readState(raw: string | null): FederalRegisterState {
  if (raw === null) return { publicInspection: EMPTY, documents: EMPTY };
  try {
    const parsed = FederalRegisterState.safeParse(JSON.parse(raw));
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON: start over, as on a first poll.
  }
  return { publicInspection: EMPTY, documents: EMPTY };
}

type Fetched = { status: 'not-modified' } | { status: 'fetched'; json: string; validators: Validators };

async function getJson(ctx: FeedContext, url: string, validators: Validators | null): Promise<Fetched> {
  const result = await ctx.download(url, validators);
  if (result.status === 'not-modified') return result;
  checkBody(result.body.bytes, result.body.contentType);
  return { status: 'fetched', json: readText(result.body.bytes, 'the Federal Register answer'), validators: result.validators };
}

async function getText(ctx: FeedContext, url: string, documentNumber: string, what: string): Promise<string | null> {
  try {
    const result = await ctx.download(url, null);
    if (result.status === 'not-modified') return null;
    return readText(result.body.bytes, `the ${what} of ${documentNumber}`);
  } catch (err) {
    ctx.log.warn({ source: 'federal-register', document: documentNumber, what, err }, 'document text not read; alerting without entity names');
    return null;
  }
}

/** The entries a DoD, DHS or FCC list notice adds and removes, from its text or XML; null when it names none. */
function noticeItemEntities(text: string, list: ListCode): ItemEntities | null {
  const entries = noticeEntries(noticeLines(text)).map((e) => ({ action: e.action, list, country: null, name: e.name }));
  return entries.length > 0 ? { entries } : null;
}

/** Entries of a public-inspection filing, from its plain text (instructions, then the table; or a notice's lists). */
async function filingEntities(ctx: FeedContext, item: FrItem): Promise<ItemEntities | null> {
  const lists = bisListsOf(item);
  const noticeList = noticeListOf(item);
  if ((lists.length === 0 && noticeList === null) || !item.rawTextUrl) return null;
  const text = await getText(ctx, item.rawTextUrl, item.documentNumber, 'public inspection text');
  if (text === null) return null;
  if (lists.length === 0) return noticeItemEntities(text, noticeList!);
  return { entries: entriesFromText(text, lists[0]!) };
}

/** Entries a published rule adds, revises and removes, from its full-text XML, each on its list and country. */
async function ruleEntities(ctx: FeedContext, item: FrItem): Promise<ItemEntities | null> {
  if (!readsEntries(item) || !item.fullTextXmlUrl) return null;
  const xml = await getText(ctx, item.fullTextXmlUrl, item.documentNumber, 'rule XML');
  if (xml === null) return null;
  try {
    const noticeList = bisListsOf(item).length === 0 ? noticeListOf(item) : null;
    if (noticeList) return noticeItemEntities(xml, noticeList);
    const rule = parseEntityListRule(xml, { citation: item.citation, sourceUrl: item.htmlUrl, publicationDate: item.publicationDate });
    const entries = rule.actions.map(({ kind, designation: d }) => ({
      action: kind,
      list: d.list,
      country: d.countries.length > 0 ? d.countries.map(countryName).join(', ') : null,
      name: d.name,
    }));
    return { entries };
  } catch (err) {
    ctx.log.warn({ source: 'federal-register', document: item.documentNumber, err }, 'rule XML not readable; alerting without entity names');
    return null;
  }
}

type Reader = (ctx: FeedContext, item: FrItem) => Promise<ItemEntities | null>;

/** Feed items of one endpoint's relevant documents, reading texts not read before. */
async function itemsOf(
  ctx: FeedContext,
  documents: readonly FrItem[],
  options: FederalRegisterOptions,
  previous: EndpointState['entities'],
  read: Reader,
): Promise<{ items: FeedItem[]; entities: EndpointState['entities'] }> {
  const filter: RelevanceFilter = { terms: options.terms, agencies: options.agencies };
  const items: FeedItem[] = [];
  const entities: EndpointState['entities'] = {};
  for (const document of documents.filter((d) => isRelevant(d, filter))) {
    const known = previous[document.documentNumber];
    const found = known ?? (await read(ctx, document));
    if (found) entities[document.documentNumber] = found;
    items.push(feedItem(document, options.agencies, found));
    const withdrawn = withdrawalItem(document, options.agencies);
    if (withdrawn) items.push(withdrawn);
  }
  return { items, entities };
}

/** `next_page_url` on the configured host (a mirror or test server answers for the real one). */
function onConfiguredHost(apiUrl: string, next: string): string {
  const url = new URL(next, `${base(apiUrl)}/`);
  return `${base(apiUrl)}${url.pathname}${url.search}`;
}

/**
 * The documents of the first page and, when none of them was seen at the last poll (an outage,
 * or a burst of documents), of the pages after it, until a page holds a seen document, the
 * API has no next page, or MAX_EXTRA_PAGES is reached (logged). On the first poll only the
 * first page is read: it is the baseline.
 */
async function documentPages(ctx: FeedContext, options: FederalRegisterOptions, firstJson: string, seen: readonly string[]): Promise<FrDocumentItem[]> {
  const first = parseDocumentsPage(firstJson);
  const documents = [...first.documents];
  const known = new Set(seen);
  const reachesSeen = (page: readonly FrDocumentItem[]) => page.some((d) => known.has(d.documentNumber));
  if (known.size === 0 || reachesSeen(first.documents)) return documents;
  let next = first.nextPageUrl;
  for (let extra = 0; next !== null; extra++) {
    if (extra === MAX_EXTRA_PAGES) {
      ctx.log.warn({ source: 'federal-register', pages: extra + 1, documents: documents.length }, 'documents page bound reached before a document seen at the last poll; older documents are not read');
      break;
    }
    const page = await getJson(ctx, onConfiguredHost(options.apiUrl, next), null);
    if (page.status === 'not-modified') break;
    const parsed = parseDocumentsPage(page.json);
    documents.push(...parsed.documents);
    if (reachesSeen(parsed.documents)) break;
    next = parsed.nextPageUrl;
  }
  return documents;
}

/** One poll of both endpoints. Throws SourceUnavailableError / SnapshotRefusedError from either. */
export async function fetchFederalRegister(ctx: FeedContext, options: FederalRegisterOptions): Promise<FeedFetchResult> {
  const state = readState(ctx.state);
  const pi = await getJson(ctx, publicInspectionUrl(options.apiUrl), state.publicInspection.validators);
  const docs = await getJson(ctx, documentsUrl(options.apiUrl, options.agencies), state.documents.validators);
  if (pi.status === 'not-modified' && docs.status === 'not-modified') return { status: 'not-modified' };

  // Parse both before reading any text: a malformed page refuses the poll without further requests.
  const filings = pi.status === 'fetched' ? { documents: parsePublicInspection(pi.json), validators: pi.validators } : null;
  const published = docs.status === 'fetched' ? { documents: await documentPages(ctx, options, docs.json, state.documents.seen), validators: docs.validators } : null;
  const next: FederalRegisterState = { ...state };
  const items: FeedItem[] = [];
  if (filings) {
    const read = await itemsOf(ctx, filings.documents, options, state.publicInspection.entities, filingEntities);
    items.push(...read.items);
    next.publicInspection = { validators: filings.validators, entities: read.entities, seen: filings.documents.map((d) => d.documentNumber) };
  }
  if (published) {
    const read = await itemsOf(ctx, published.documents, options, state.documents.entities, ruleEntities);
    items.push(...read.items);
    next.documents = { validators: published.validators, entities: read.entities, seen: published.documents.map((d) => d.documentNumber) };
  }
  // Per-endpoint validators live in `state`; the source-level pair stays empty.
  return { status: 'fetched', items, validators: { etag: null, lastModified: null }, state: JSON.stringify(next) };
}
