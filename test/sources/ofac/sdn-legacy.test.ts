/**
 * The joins checked on the two real legacy sets (SDN + ADD + ALT + SDN_COMMENTS, 2019-01 and
 * 2021-07), against a plain independent read of the part files. Skipped when the data is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { countryCode } from '../../../src/core/countries.js';
import { cleanText } from '../../../src/core/text.js';
import { parseOfacSdn } from '../../../src/sources/ofac-sdn/parse.js';
import { SHARED_DATA_URL } from '../../helpers/shared-data.js';

const DIR = fileURLToPath(new URL('ofac_sdn_legacy/', SHARED_DATA_URL));

function raw(file: string): string[][] {
  return parse(readFileSync(DIR + file, 'latin1').replace(/\u001a\s*$/, ''), { relax_column_count: true });
}

describe.skipIf(!existsSync(DIR)).each(['2019-01', '2021-07'])('the real %s legacy set', (date) => {
  // Read in beforeAll, not while collecting: collection runs even when the block is skipped.
  let rows: ReturnType<typeof parseOfacSdn> = [];
  let byNumber = new Map<string | null, (typeof rows)[number]>();
  beforeAll(() => {
    rows = parseOfacSdn({
      bytes: readFileSync(`${DIR}sdn_${date}.csv`),
      contentType: null,
      location: 'SDN.CSV',
      parts: {
        'ADD.CSV': readFileSync(`${DIR}add_${date}.csv`),
        'ALT.CSV': readFileSync(`${DIR}alt_${date}.csv`),
        'SDN_COMMENTS.CSV': readFileSync(`${DIR}sdn_comments_${date}.csv`),
      },
    });
    byNumber = new Map(rows.map((d) => [d.sourceId, d]));
  });

  it('has one designation per SDN.CSV row', () => {
    expect(rows).toHaveLength(raw(`sdn_${date}.csv`).length);
  });

  it('carries every ALT.CSV name as an alias of its entry (whitespace collapsed; the primary name itself not repeated)', () => {
    const missing = raw(`alt_${date}.csv`).filter(([ent, , , name]) => {
      const d = byNumber.get(ent!);
      const alias = cleanText(name);
      return !d || (alias !== d.name && !d.aliases.includes(alias!));
    });
    expect(missing).toEqual([]);
  });

  it('gives every non-empty ADD.CSV row an address line and its country a code, except non-countries', () => {
    const addresses = raw(`add_${date}.csv`);
    const lines = rows.reduce((sum, d) => sum + d.addresses.length, 0);
    // OFAC lists many all-"-0-" address rows (an address slot with nothing known): no line for those.
    const known = addresses.filter((r) => r.slice(2, 6).some((value) => cleanText(value) !== null));
    expect(known.length).toBeGreaterThan(addresses.length * 0.75);
    expect(lines).toBe(new Set(known.map((r) => `${r[0]}|${r.slice(2, 6).join('|')}`)).size);
    const unmapped = new Set(addresses.map((r) => r[4]!.trim()).filter((name) => name !== '-0-' && countryCode(name) === null));
    expect([...unmapped].sort()).toEqual(['Netherlands Antilles', 'Region: Kafia Kingi', 'undetermined']);
  });

  it('continues every remark cut at 1,000 characters from SDN_COMMENTS.CSV', () => {
    const comments = raw(`sdn_comments_${date}.csv`);
    expect(comments.length).toBeGreaterThan(0);
    for (const [ent, rest] of comments) {
      const remarks = byNumber.get(ent!)?.remarks ?? '';
      expect(remarks.length).toBeGreaterThan(1000);
      expect(remarks.endsWith(rest!.trim())).toBe(true);
    }
  });
});
