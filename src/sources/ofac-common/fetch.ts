/**
 * Downloading one OFAC CSV set: the primary file conditionally, the parts only when it changed.
 *
 *   fetchOfacSet(ctx, OFAC_DEFAULT_URL, SDN_FILES)
 *   // GET …/SDN.CSV (If-None-Match); on 200 also …/ADD.CSV, …/ALT.CSV, …/SDN_COMMENTS.CSV
 *
 * The primary file's validators stand for the whole set: OFAC publishes the files together.
 * Parts are fetched unconditionally (a part answered from an old ETag would have no body), one
 * after another to stay polite. A failed part fails the fetch: a set without its aliases would
 * read as an amendment of every entry. `base` may be a URL or a local directory.
 */
import { SourceUnavailableError } from '../../errors.js';
import type { FetchContext, FetchResult } from '../types.js';
import type { OfacFileNames } from './entries.js';

/** OFAC Sanctions List Service exports; serves SDN.CSV, ADD.CSV, … and CONS_PRIM.CSV, … */
export const OFAC_DEFAULT_URL = 'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports';

export function fileLocation(base: string, file: string): string {
  return `${base.replace(/[/\\]+$/, '')}/${file}`;
}

export async function fetchOfacSet(ctx: FetchContext, base: string, names: OfacFileNames): Promise<FetchResult> {
  const main = await ctx.download(fileLocation(base, names.primary), ctx.validators);
  if (main.status === 'not-modified') return main;
  const parts: Record<string, Buffer> = {};
  for (const name of [names.addresses, names.aliases, names.comments]) {
    const result = await ctx.download(fileLocation(base, name), null);
    if (result.status === 'not-modified') {
      throw new SourceUnavailableError(`${name} answered "not modified" to an unconditional request`);
    }
    parts[name] = result.body.bytes;
  }
  return { status: 'fetched', body: { ...main.body, parts }, validators: main.validators };
}
