/**
 * The Entity List as the eCFR prints it (15 CFR part 744, Supplement No. 4): a snapshot source
 * that reads the list itself rather than the CSL's copy of it, so it sees a rule as soon as the
 * eCFR incorporates it (usually the day it takes effect).
 *
 * `createEcfrEntityListSource(ECFR_DEFAULT_URL)` downloads
 * `https://www.ecfr.gov/api/versioner/v1/full/{date}/title-15.xml?part=744`. The versioner wants a
 * date (it has no "current" alias); by default today's date in Washington, since a UTC date can be
 * a day ahead of the eCFR in the evening. See README.md.
 */
import type { SnapshotSource } from '../types.js';
import { parseEcfrPart744 } from './parse.js';

export const ECFR_DEFAULT_URL = 'https://www.ecfr.gov';

/** Today's date in US Eastern time, YYYY-MM-DD (en-CA formats dates that way). */
export function easternToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The part 744 XML URL for a date. */
export function ecfrPart744Url(baseUrl: string, date: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/api/versioner/v1/full/${date}/title-15.xml?part=744`;
}

export function createEcfrEntityListSource(baseUrl: string = ECFR_DEFAULT_URL, dateFn: () => string = () => easternToday()): SnapshotSource {
  return {
    id: 'ecfr-entity-list',
    kind: 'snapshot',
    title: 'Entity List (eCFR, 15 CFR 744 Supp. 4)',
    fetch: (ctx) => ctx.download(ecfrPart744Url(baseUrl, dateFn()), ctx.validators),
    parse: (body) => parseEcfrPart744(body.bytes.toString('utf8')),
  } satisfies SnapshotSource;
}

export { parseEcfrPart744 } from './parse.js';
