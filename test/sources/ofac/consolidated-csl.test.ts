/**
 * The program → list mapping checked against real data: the CSL states the list of every
 * Treasury row, and carries the entry's programs and remarks (split into `ids` and `remarks`).
 * Skipped when the staged CSL file is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { listCodeFromSource } from '../../../src/core/lists.js';
import { listsOf } from '../../../src/sources/ofac-consolidated/lists.js';
import { SHARED_DATA_URL } from '../../helpers/shared-data.js';

const CSL = fileURLToPath(new URL('csl/csl_partial_2023-11_moov-watchman.csv', SHARED_DATA_URL));

describe.skipIf(!existsSync(CSL))('consolidated list mapping vs the 2023-11 CSL', () => {
  it('derives the same list(s) as the CSL for every non-SDN Treasury entry', () => {
    const records: Array<Record<string, string>> = parse(readFileSync(CSL, 'utf8'), {
      columns: true,
      bom: true,
      relax_quotes: true,
      relax_column_count: true,
      skip_records_with_error: true,
    });
    const stated = new Map<string, { programs: string[]; remarks: string; lists: Set<string> }>();
    for (const row of records) {
      const source = row.source ?? '';
      if (!source.includes('Treasury') || source.startsWith('Specially Designated')) continue;
      const number = row.entity_number ?? '';
      const entry = stated.get(number) ?? {
        programs: (row.programs ?? '').split(';').map((p) => p.trim()).filter(Boolean),
        remarks: `${row.ids ?? ''}; ${row.remarks ?? ''}`,
        lists: new Set<string>(),
      };
      entry.lists.add(listCodeFromSource(source) ?? source);
      stated.set(number, entry);
    }
    expect(stated.size).toBeGreaterThan(400);
    const mismatches: string[] = [];
    for (const [number, entry] of stated) {
      const derived = listsOf(entry.programs, entry.remarks).sort().join('+');
      const expected = [...entry.lists].sort().join('+');
      if (derived !== expected) mismatches.push(`${number}: ${entry.programs.join(', ')} → ${derived}, CSL says ${expected}`);
    }
    expect(mismatches).toEqual([]);
  });
});
