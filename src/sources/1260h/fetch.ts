/**
 * The 1260H source's I/O: the baseline file, then the Federal Register notices by
 * `defense-department` about the list published since the baseline's edition, downloaded as one
 * bundle (parse.ts) so a poll sees the whole list.
 *
 *   GET {baseline}                                   (a path, file:// URL or URL)
 *   GET {frApiUrl}/api/v1/documents.json?conditions[agencies][]=defense-department&conditions[type][]=NOTICE
 *       &conditions[term]=1260H&conditions[publication_date][gte]={edition}&order=oldest&per_page=100&fields[]=…
 *   GET {full_text_xml_url} of each notice whose title names Chinese military companies
 *
 * Polite polling: the baseline and the documents page are read each poll; when neither changed
 * (their bytes hash to the stored validator), the poll is 'not-modified' and no notice is read.
 */
import { createHash } from 'node:crypto';
import { checkBody } from '../../core/guard.js';
import { SnapshotRefusedError } from '../../errors.js';
import { parseDocumentsPage } from '../federal-register-common/documents.js';
import { readText } from '../read-text.js';
import type { FetchContext, FetchResult } from '../types.js';
import type { Source1260hOptions } from './options.js';
import { parseBaseline, type Bundle } from './parse.js';

/** Titles of the notices that change the list ("Notice of Designation of Chinese Military Company/Companies"). */
export const NOTICE_TITLE = /\bchinese military compan(?:y|ies)\b|\b1260H\b/i;

const FIELDS = ['document_number', 'title', 'type', 'citation', 'publication_date', 'html_url', 'full_text_xml_url', 'agencies'] as const;

export function noticesUrl(frApiUrl: string, since: string | null): string {
  const query = new URLSearchParams();
  query.append('conditions[agencies][]', 'defense-department');
  query.append('conditions[type][]', 'NOTICE');
  query.set('conditions[term]', '1260H');
  if (since) query.set('conditions[publication_date][gte]', since);
  query.set('order', 'oldest');
  query.set('per_page', '100');
  for (const field of FIELDS) query.append('fields[]', field);
  return `${frApiUrl.replace(/\/+$/, '')}/api/v1/documents.json?${query.toString()}`;
}

async function bytesOf(ctx: FetchContext, location: string): Promise<Buffer> {
  const result = await ctx.download(location, null);
  if (result.status === 'not-modified') throw new SnapshotRefusedError('empty', `${location} answered "not modified" to an unconditional request`);
  return result.body.bytes;
}

export async function fetch1260h(ctx: FetchContext, options: Source1260hOptions): Promise<FetchResult> {
  if (!options.baseline) {
    throw new SnapshotRefusedError('not-found', 'the 1260H list needs a baseline of the current edition: set DOD_1260H_BASELINE (or sources.dod1260h.baseline) to its file; see src/sources/1260h/README.md');
  }
  const baselineBytes = await bytesOf(ctx, options.baseline);
  const baselineText = readText(baselineBytes, 'the 1260H baseline');
  const { edition } = parseBaseline(baselineText);
  const listUrl = noticesUrl(options.frApiUrl, edition);
  const page = await bytesOf(ctx, listUrl);
  checkBody(page, null);
  const etag = `W/"1260h-${createHash('sha256').update(baselineBytes).update('\0').update(page).digest('hex').slice(0, 32)}"`;
  if (ctx.validators?.etag === etag) return { status: 'not-modified' };

  const notices: Bundle['notices'] = [];
  for (const doc of parseDocumentsPage(page.toString('utf8')).documents) {
    const byDod = doc.agencies.some((agency) => agency.slug === 'defense-department');
    if (!byDod || !NOTICE_TITLE.test(doc.title) || !doc.fullTextXmlUrl) continue;
    const text = readText(await bytesOf(ctx, doc.fullTextXmlUrl), `notice ${doc.documentNumber}`);
    notices.push({ documentNumber: doc.documentNumber, citation: doc.citation, publicationDate: doc.publicationDate, htmlUrl: doc.htmlUrl, text });
  }
  const bundle: Bundle = { format: 'entitywatch-1260h-bundle', baseline: baselineText, notices };
  const notes = notices.length > 0 ? [`Built from the baseline${edition ? ` of ${edition}` : ''} and ${notices.map((n) => `FR ${n.documentNumber}`).join(', ')}`] : [];
  return {
    status: 'fetched',
    body: { bytes: Buffer.from(JSON.stringify(bundle)), contentType: 'application/json', location: listUrl, notes },
    validators: { etag, lastModified: null },
  };
}
