/**
 * The staged real CSL files (see /work/shared/data/SOURCES.md), when present: every row of a
 * known list becomes one designation, counted against a plain count of the `source` column.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { checkDesignationText } from '../../../src/core/guard.js';
import { countByList } from '../../../src/core/identity.js';
import { listCodeFromSource } from '../../../src/core/lists.js';
import type { ListCode } from '../../../src/core/model.js';
import { SnapshotRefusedError } from '../../../src/errors.js';
import { parseCsl } from '../../../src/sources/csl/index.js';
import { body } from './helpers.js';
import { SHARED_DATA_URL } from '../../helpers/shared-data.js';

const dir = new URL('csl/', SHARED_DATA_URL);

/** Rows per list code, by reading the `source` column with no help from the parser under test. */
function plainCounts(bytes: Buffer): Partial<Record<ListCode, number>> {
  const records = parse(bytes, { columns: true, bom: true }) as Array<Record<string, string>>;
  const counts: Partial<Record<ListCode, number>> = {};
  for (const { source } of records) {
    const code = source === undefined || source === 'source' ? null : listCodeFromSource(source);
    if (code) counts[code] = (counts[code] ?? 0) + 1;
  }
  return counts;
}

/** The 2023 copy is the head of the real file and stops mid-record: keep its complete lines. */
function completeLines(bytes: Buffer): Buffer {
  return bytes.subarray(0, bytes.lastIndexOf(0x0a) + 1);
}

describe.skipIf(!existsSync(dir))('CSL real files', () => {
  const files = [
    { name: 'csl_sample_2019-12_moov-watchman.csv', cut: false },
    { name: 'csl_sample_2025-06_moov-watchman.csv', cut: false },
    { name: 'csl_partial_2023-11_moov-watchman.csv', cut: true },
  ];

  for (const { name, cut } of files) {
    it(`parses ${name} with one designation per listed row`, () => {
      const raw = readFileSync(new URL(name, dir));
      const bytes = cut ? completeLines(raw) : raw;
      const designations = parseCsl(body(bytes, `file:///data/${name}`));
      const counts = plainCounts(bytes);

      expect(countByList(designations)).toEqual(counts);
      expect(new Set(designations.map((d) => d.key)).size).toBe(designations.length);
      // The guard accepts the real text: its "Xi\u0092an" (Windows-1252 punctuation as a C1 control) is repaired.
      expect(() => checkDesignationText(designations)).not.toThrow();
      for (const d of designations) {
        expect(d.name).not.toMatch(/any successor, sub-unit|its sub-units and successors/);
        for (const code of d.countries) expect(code).toMatch(/^[A-Z]{2}$/);
        if (d.list === 'SDN') expect(d.key).toMatch(/^SDN:\d+$/);
      }
    });
  }

  it('refuses the 2023 copy as it is, cut inside a quoted field, as truncated', () => {
    const raw = readFileSync(new URL('csl_partial_2023-11_moov-watchman.csv', dir));
    let refusal: unknown;
    try {
      parseCsl(body(raw));
    } catch (err) {
      refusal = err;
    }
    expect(refusal).toBeInstanceOf(SnapshotRefusedError);
    expect((refusal as SnapshotRefusedError).code).toBe('truncated');
  });
});
