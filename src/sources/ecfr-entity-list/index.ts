/**
 * The Entity List as the eCFR prints it (15 CFR part 744, Supplement No. 4): a snapshot source
 * that reads the list itself rather than the CSL's copy of it, so it sees a rule as soon as the
 * eCFR incorporates it (usually the day it takes effect).
 *
 *   createEcfrEntityListSource({ baseUrl: ECFR_DEFAULT_URL })
 *   // GET /api/versioner/v1/titles.json → Title 15 up_to_date_as_of = 2024-05-03
 *   // GET /api/versioner/v1/full/2024-05-03/title-15.xml?part=744   (only when that date moved)
 *
 * The versioner has no "current" alias and answers 404 for dates after a title's
 * `up_to_date_as_of`, so the date comes from titles.json (titles.ts), never from the clock.
 * The date is the snapshot's validator: it is kept as the source's `etag` (`ecfr-title-15:DATE`),
 * and a poll whose titles.json gives the same date answers "not modified" after that one small
 * request. The worker passes no validators when it needs a fresh download (removals waiting for
 * confirmation), and then the part is downloaded whatever the date. See README.md.
 */
import type { ParseNotes } from '../../core/identity.js';
import { readText } from '../read-text.js';
import type { FetchContext, FetchResult, SnapshotSource } from '../types.js';
import { parseEcfrPart744 } from './parse.js';
import { title15Date, titlesUrl } from './titles.js';
import { SOURCE_CATALOG } from '../catalog.js';
import { EcfrOptions } from './options.js';

export { ECFR_DEFAULT_URL, EcfrOptions, ecfrSettings } from './options.js';

/** The part 744 XML URL for a date. */
export function ecfrPart744Url(baseUrl: string, date: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/api/versioner/v1/full/${date}/title-15.xml?part=744`;
}

/** The validator standing for "part 744 as of this Title 15 date". */
export function dateValidator(date: string): string {
  return `ecfr-title-15:${date}`;
}

async function fetchPart744(ctx: FetchContext, baseUrl: string): Promise<FetchResult> {
  const titles = await ctx.download(titlesUrl(baseUrl), null);
  if (titles.status === 'not-modified') return titles;
  const date = title15Date(readText(titles.body.bytes, 'the eCFR titles.json'));
  const validator = dateValidator(date);
  if (ctx.validators?.etag === validator) return { status: 'not-modified' };
  const part = await ctx.download(ecfrPart744Url(baseUrl, date), null);
  if (part.status === 'not-modified') return part;
  return { status: 'fetched', body: part.body, validators: { etag: validator, lastModified: null } };
}

export function createEcfrEntityListSource({ baseUrl }: EcfrOptions = EcfrOptions.parse({})): SnapshotSource {
  return {
    id: 'ecfr-entity-list',
    kind: 'snapshot',
    title: SOURCE_CATALOG['ecfr-entity-list'].title,
    fetch: (ctx) => fetchPart744(ctx, baseUrl),
    parse: (body, notes?: ParseNotes) => parseEcfrPart744(readText(body.bytes, 'the eCFR part 744 XML'), notes),
  } satisfies SnapshotSource;
}

export { parseEcfrPart744 } from './parse.js';
