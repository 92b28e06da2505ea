/**
 * The trade.gov Consolidated Screening List: BIS, OFAC and State lists in one file.
 *
 * `createCslSource({ url })` takes its options (options.ts) from config, e.g.
 * `CSL_URL=https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv`.
 * The body's first byte picks the parser: `{` or `[` is JSON, anything else CSV — except at a
 * `.json` location, where anything else is refused. The bytes are decoded first
 * (src/sources/read-text.ts): UTF-8 ± BOM and UTF-16 with BOM are read, anything else is
 * refused as `encoding`; C1 controls standing for Windows-1252 punctuation (trade.gov's
 * "Xi\u0092an") are repaired to the characters they stand for. See README.md for formats and identity rules.
 */
import { emptyNotes, type ParseNotes } from '../../core/identity.js';
import type { Designation } from '../../core/model.js';
import { SnapshotRefusedError } from '../../errors.js';
import { readUtf8 } from '../read-text.js';
import type { SnapshotBody, SnapshotSource } from '../types.js';
import { parseCslCsv, parseCslCsvReusing } from './parse-csv.js';
import { parseCslJsonBytes, parseCslJsonReusing } from './parse-json.js';
import { allMapped, type ReusingParse, type RowReuse } from '../../core/row-reuse.js';
import { SOURCE_CATALOG } from '../catalog.js';
import { CslOptions } from './options.js';

export { CSL_DEFAULT_URL, CslOptions, cslSettings } from './options.js';

/** The first byte that is not whitespace (the BOM is gone by now), or -1. */
function firstSignificantByte(bytes: Buffer): number {
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return byte;
  }
  return -1;
}

function namesJson(location: string): boolean {
  return /\.json$/i.test(location.replace(/[?#].*$/, ''));
}

/** Parse a CSL body, CSV or JSON. Throws SnapshotRefusedError. */
export function parseCsl(body: SnapshotBody, notes: ParseNotes = emptyNotes()): Designation[] {
  return parseCslReusing(body, notes, null).designations;
}

/**
 * `parseCsl` reusing the rows `reuse` knows (core/row-reuse.ts); null = plain parse, no hashes.
 * Both formats' rows are hashed, and those the store knows are not mapped.
 */
export function parseCslReusing(body: SnapshotBody, notes: ParseNotes, reuse: RowReuse | null): ReusingParse {
  const bytes = readUtf8(body.bytes, 'the CSL download', { repairC1: true });
  const first = firstSignificantByte(bytes);
  if (first === -1) throw new SnapshotRefusedError('empty', 'the CSL download is empty');
  if (first === 0x3c) {
    if (/^\s*<\?xml/.test(bytes.toString('utf8', 0, 64)) && !/<html/i.test(bytes.toString('utf8', 0, 1024))) {
      throw new SnapshotRefusedError('unparseable', 'the CSL download is XML, not the CSV or JSON file (check CSL_URL)');
    }
    throw new SnapshotRefusedError('html', 'the CSL download starts with "<" (an HTML page?)');
  }
  if (first === 0x7b || first === 0x5b) {
    return reuse ? parseCslJsonReusing(bytes, notes, reuse) : allMapped(parseCslJsonBytes(bytes, notes));
  }
  if (namesJson(body.location)) {
    // JSON can only start with { or [ here; saying so beats a JSON.parse error about byte 0.
    const start = String.fromCharCode(first);
    throw new SnapshotRefusedError('unparseable', `the CSL download at a .json location starts with "${start}", not JSON`);
  }
  return reuse ? parseCslCsvReusing(bytes, notes, reuse) : allMapped(parseCslCsv(bytes, notes));
}

/** The CSL source reading `url` (a URL, `file://` URL or path). */
export function createCslSource({ url: location }: CslOptions = CslOptions.parse({})): SnapshotSource {
  return {
    id: 'csl',
    kind: 'snapshot',
    title: SOURCE_CATALOG.csl.title,
    fetch: (ctx) => ctx.download(location, ctx.validators),
    parse: parseCsl,
    parseReusing: parseCslReusing,
  } satisfies SnapshotSource;
}

/** The CSL source at its default location. */
export const cslSource = createCslSource();
