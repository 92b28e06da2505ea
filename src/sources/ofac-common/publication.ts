/**
 * OFAC's Sanctions List Service (SLS) publication check: which publication of the lists is the
 * latest, so the CSV files are downloaded only when there is a new one. Pure, apart from
 * `latestPublication`, which asks the service.
 *
 *   GET {slsUrl}/changes/history/{year}
 *   → [{ "publicationID": 1234, "datePublished": "2024-05-01T10:32:12.447" }, …]
 *
 * (`/changes/history/{year}/{month}/{day}` answers the same shape for one day; `/changes/latest`
 * and `/changes/{publicationID}` serve the delta files themselves, as XML.) The year asked is the
 * current one; in early January, when it may be empty, the previous year too.
 *
 * The publication id is kept with the CSV file's own validators in the one stored validator
 * pair: `etag` = "sls-publication=1234; W/\"abc\"" (see `encodeValidators`), so no store change
 * is needed and a conditional GET of the CSV still carries the file's own ETag.
 */
import { z } from 'zod';
import { SnapshotRefusedError } from '../../errors.js';
import type { FetchContext, Validators } from '../types.js';

/** One entry of the publication history. */
export const Publication = z.object({
  publicationID: z.union([z.number(), z.string().min(1)]).transform(String),
  datePublished: z.string().min(1),
});
export type Publication = z.infer<typeof Publication>;

export const PublicationHistory = z.array(Publication);

export function publicationHistoryUrl(slsUrl: string, year: number): string {
  return `${slsUrl.replace(/\/+$/, '')}/changes/history/${year}`;
}

/** The newest publication of a history answer (by date, then id); null when empty. Throws SnapshotRefusedError('unparseable') for another shape. */
export function newestPublication(json: string): Publication | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    throw new SnapshotRefusedError('unparseable', 'OFAC publication history is not JSON', { cause: err });
  }
  const parsed = PublicationHistory.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SnapshotRefusedError('unparseable', `OFAC publication history: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unexpected shape'}`);
  }
  let newest: Publication | null = null;
  for (const publication of parsed.data) {
    const later = newest === null || Date.parse(publication.datePublished) > Date.parse(newest.datePublished);
    const sameTimeHigherId = newest !== null && publication.datePublished === newest.datePublished && Number(publication.publicationID) > Number(newest.publicationID);
    if (later || sameTimeHigherId) newest = publication;
  }
  return newest;
}

/** Ask the service for its latest publication (this year, else last year). */
export async function latestPublication(ctx: FetchContext, slsUrl: string): Promise<Publication | null> {
  const year = (ctx.now?.() ?? new Date()).getUTCFullYear();
  for (const asked of [year, year - 1]) {
    const result = await ctx.download(publicationHistoryUrl(slsUrl, asked), null);
    if (result.status === 'not-modified') continue;
    const newest = newestPublication(result.body.bytes.toString('utf8'));
    if (newest) return newest;
  }
  return null;
}

const ENCODED = /^sls-publication=([^;]*);\s?(.*)$/s;

/** The stored validator pair → the publication id it records and the CSV file's own validators. */
export function decodeValidators(stored: Validators | null): { publication: string | null; file: Validators | null } {
  if (!stored) return { publication: null, file: null };
  const match = stored.etag ? ENCODED.exec(stored.etag) : null;
  if (!match) return { publication: null, file: stored };
  const etag = match[2] === '' ? null : match[2]!;
  return { publication: match[1] || null, file: etag || stored.lastModified ? { etag, lastModified: stored.lastModified } : null };
}

/** The validator pair to store: the publication id (when known) beside the CSV file's validators. */
export function encodeValidators(publication: string | null, file: Validators): Validators {
  if (publication === null) return file;
  return { etag: `sls-publication=${publication}; ${file.etag ?? ''}`, lastModified: file.lastModified };
}

/** "OFAC publication 1234 of 2024-05-01 10:32": the line the alerts carry. */
export function publicationNote(publication: Publication): string {
  const when = publication.datePublished.replace('T', ' ').slice(0, 16);
  return `OFAC publication ${publication.publicationID} of ${when} (Sanctions List Service)`;
}
