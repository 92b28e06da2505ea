/**
 * Downloading one OFAC CSV set: first, when a Sanctions List Service URL is configured, OFAC's
 * latest publication (publication.ts) — an unchanged publication id means nothing is
 * downloaded; then the primary file conditionally, the parts only when it changed.
 *
 *   fetchOfacSet(ctx, { base: OFAC_DEFAULT_URL, slsUrl: OFAC_SLS_DEFAULT_URL }, SDN_FILES)
 *   // GET {sls}/changes/history/2024 → publication 1234 (new)
 *   // GET …/SDN.CSV (If-None-Match); on 200 also …/ADD.CSV, …/ALT.CSV, …/SDN_COMMENTS.CSV
 *
 * The primary file's validators stand for the whole set: OFAC publishes the files together.
 * Parts are fetched unconditionally (a part answered from an old ETag would have no body), one
 * after another to stay polite. A failed part fails the fetch: a set without its aliases would
 * read as an amendment of every entry. `base` may be a URL or a local directory (then there is no
 * publication check; the defaults are in options.ts). When the publication check itself fails, the legacy path applies: the
 * files are fetched conditionally, and the failure is logged.
 */
import { SnapshotRefusedError, SourceUnavailableError } from '../../errors.js';
import type { FetchContext, FetchResult } from '../types.js';
import type { OfacFileNames } from './entries.js';
import { decodeValidators, encodeValidators, latestPublication, publicationNote, type Publication } from './publication.js';

export interface OfacLocations {
  /** Where the CSV files are: a URL or a local directory (OFAC_API_URL). */
  base: string;
  /** The Sanctions List Service asked for its latest publication first (OFAC_SLS_URL); null: no check. */
  slsUrl: string | null;
}

export function fileLocation(base: string, file: string): string {
  return `${base.replace(/[/\\]+$/, '')}/${file}`;
}

async function checkedPublication(ctx: FetchContext, slsUrl: string): Promise<Publication | null> {
  try {
    return await latestPublication(ctx, slsUrl);
  } catch (err) {
    if (!(err instanceof SourceUnavailableError || err instanceof SnapshotRefusedError)) throw err;
    ctx.log.warn({ err, slsUrl }, 'OFAC publication check failed; downloading the files conditionally instead');
    return null;
  }
}

export async function fetchOfacSet(ctx: FetchContext, where: OfacLocations, names: OfacFileNames): Promise<FetchResult> {
  const stored = decodeValidators(ctx.validators);
  const publication = where.slsUrl && /^https?:\/\//i.test(where.base) ? await checkedPublication(ctx, where.slsUrl) : null;
  if (publication && publication.publicationID === stored.publication) return { status: 'not-modified' };
  const main = await ctx.download(fileLocation(where.base, names.primary), stored.file);
  if (main.status === 'not-modified') return main;
  const parts: Record<string, Buffer> = {};
  for (const name of [names.addresses, names.aliases, names.comments]) {
    const result = await ctx.download(fileLocation(where.base, name), null);
    if (result.status === 'not-modified') {
      throw new SourceUnavailableError(`${name} answered "not modified" to an unconditional request`);
    }
    parts[name] = result.body.bytes;
  }
  const notes = publication ? [publicationNote(publication)] : [];
  return { status: 'fetched', body: { ...main.body, parts, notes }, validators: encodeValidators(publication?.publicationID ?? null, main.validators) };
}
