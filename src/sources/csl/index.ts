/**
 * The trade.gov Consolidated Screening List: BIS, OFAC and State lists in one file.
 *
 * `createCslSource(location)` takes the URL (or path) from config, e.g.
 * `CSL_URL=https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv`.
 * The body's first byte picks the parser: `{` or `[` is JSON, anything else CSV — except at a
 * `.json` location, where anything else is refused. See README.md for formats and identity rules.
 */
import type { Designation } from '../../core/model.js';
import { SnapshotRefusedError } from '../../errors.js';
import type { SnapshotBody, SnapshotSource } from '../types.js';
import { parseCslCsv } from './parse-csv.js';
import { parseCslJsonBytes } from './parse-json.js';

export const CSL_DEFAULT_URL = 'https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.json';

/** The first byte that is neither whitespace nor part of a UTF-8 BOM, or -1. */
function firstSignificantByte(bytes: Buffer): number {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return byte;
  }
  return -1;
}

function namesJson(location: string): boolean {
  return /\.json$/i.test(location.replace(/[?#].*$/, ''));
}

/** Parse a CSL body, CSV or JSON. Throws SnapshotRefusedError. */
export function parseCsl(body: SnapshotBody): Designation[] {
  const first = firstSignificantByte(body.bytes);
  if (first === -1) throw new SnapshotRefusedError('empty', 'the CSL download is empty');
  if (first === 0x3c) throw new SnapshotRefusedError('html', 'the CSL download starts with "<" (an HTML page?)');
  if (first === 0x7b || first === 0x5b) return parseCslJsonBytes(body.bytes);
  if (namesJson(body.location)) {
    // JSON can only start with { or [ here; saying so beats a JSON.parse error about byte 0.
    const start = String.fromCharCode(first);
    throw new SnapshotRefusedError('unparseable', `the CSL download at a .json location starts with "${start}", not JSON`);
  }
  return parseCslCsv(body.bytes);
}

/** The CSL source reading `location` (a URL, `file://` URL or path). */
export function createCslSource(location: string = CSL_DEFAULT_URL): SnapshotSource {
  return {
    id: 'csl',
    kind: 'snapshot',
    title: 'Consolidated Screening List (trade.gov)',
    fetch: (ctx) => ctx.download(location, ctx.validators),
    parse: parseCsl,
  } satisfies SnapshotSource;
}

/** The CSL source at its default location. */
export const cslSource = createCslSource(CSL_DEFAULT_URL);
