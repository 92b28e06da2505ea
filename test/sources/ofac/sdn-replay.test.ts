/**
 * The replay required by the issue: the 13 staged sdn.csv snapshots (git-scraped 2021-08 …
 * 2024-05), parsed in filename order; every consecutive diff must add and remove exactly the
 * entries a plain entry-number comparison of the raw files says, and every amendment it reports
 * must be a real change of that entry's raw row (no phantom from quotes, line endings or the
 * trailing 0x1A). Skipped when the data is absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { diffSnapshots } from '../../../src/core/diff.js';
import { fingerprint } from '../../../src/core/fingerprint.js';
import type { Designation } from '../../../src/core/model.js';
import { parseOfacSdn } from '../../../src/sources/ofac-sdn/parse.js';
import { SHARED_DATA_URL } from '../../helpers/shared-data.js';

const DIR = fileURLToPath(new URL('ofac_sdn_csv_snapshots/', SHARED_DATA_URL));

/** Entry numbers straight from the raw text: every line that starts a record begins `<digits>,"`. */
function entryNumbers(text: string): Set<string> {
  return new Set(Array.from(text.matchAll(/^(\d+),"/gm), (m) => m[1]!));
}

/** Each entry's raw row, exactly as the file has it (one line per record in sdn.csv). */
function rawRows(text: string): Map<string, string> {
  return new Map(Array.from(text.matchAll(/^(\d+),"[^\r\n]*/gm), (m) => [m[1]!, m[0]]));
}

function minus(a: Set<string>, b: Set<string>): string[] {
  return [...a].filter((n) => !b.has(n)).map((n) => `SDN:${n}`).sort();
}

interface Step {
  from: string;
  to: string;
  rows: number;
  added: string[];
  removed: string[];
  amended: number;
  /** Amended keys whose raw row is byte-for-byte the same in both files: phantoms. */
  phantoms: string[];
  expectedAdded: string[];
  expectedRemoved: string[];
}

describe.skipIf(!existsSync(DIR))('replay of the staged OFAC sdn.csv snapshots', () => {
  const files = existsSync(DIR) ? readdirSync(DIR).filter((f) => /^sdn_.*\.csv$/.test(f)).sort() : [];
  const steps: Step[] = [];
  let parsedCounts: Array<[number, number]> = [];

  it('parses all 13 snapshots, one designation per raw entry number', () => {
    expect(files).toHaveLength(13);
    let previous: { file: string; rows: Designation[]; numbers: Set<string>; raw: Map<string, string> } | null = null;
    parsedCounts = [];
    for (const file of files) {
      const bytes = readFileSync(join(DIR, file));
      const rows = parseOfacSdn({ bytes, contentType: null, location: file });
      const numbers = entryNumbers(bytes.toString('latin1'));
      const raw = rawRows(bytes.toString('latin1'));
      parsedCounts.push([rows.length, numbers.size]);
      if (previous) {
        const diff = diffSnapshots(previous.rows, rows, fingerprint);
        steps.push({
          from: previous.file,
          to: file,
          rows: rows.length,
          added: diff.added.map((d) => d.key).sort(),
          removed: diff.removed.map((d) => d.key).sort(),
          amended: diff.amended.length,
          phantoms: diff.amended
            .map(({ after }) => after.sourceId!)
            .filter((n) => previous!.raw.get(n) === raw.get(n))
            .map((n) => `SDN:${n}`),
          expectedAdded: minus(numbers, previous.numbers),
          expectedRemoved: minus(previous.numbers, numbers),
        });
      }
      previous = { file, rows, numbers, raw };
    }
    expect(parsedCounts.map(([parsed]) => parsed)).toEqual(parsedCounts.map(([, raw]) => raw));
  }, 120_000);

  it('adds and removes exactly the entries the raw entry numbers say, at every step', () => {
    expect(steps).toHaveLength(12);
    for (const step of steps) {
      expect({ step: `${step.from} → ${step.to}`, added: step.added, removed: step.removed }).toEqual({
        step: `${step.from} → ${step.to}`,
        added: step.expectedAdded,
        removed: step.expectedRemoved,
      });
    }
  });

  it('reports only real amendments: every amended entry has a different raw row in the two files', () => {
    expect(steps.map((s) => ({ step: s.to, phantoms: s.phantoms }))).toEqual(steps.map((s) => ({ step: s.to, phantoms: [] })));
  });

  it('matches the documented events', () => {
    const find = (to: string): Step | undefined => steps.find((s) => s.to.startsWith(to));
    expect(find('sdn_2022-12-09')?.added).toHaveLength(217);
    expect(find('sdn_2023-03-30')?.removed).toHaveLength(23);
    expect(find('sdn_2023-03-30')?.added).toHaveLength(1);
    expect(find('sdn_2024-05-01')?.added).toHaveLength(298);
    expect([find('sdn_2024-05-03')?.added.length, find('sdn_2024-05-03')?.removed.length]).toEqual([7, 8]);
  });

  it('amends a plausible share: some rows over the years, never a tenth of the list in one step', () => {
    for (const step of steps) expect(step.amended, `${step.from} → ${step.to}`).toBeLessThan(step.rows * 0.1);
    expect(steps.reduce((sum, s) => sum + s.amended, 0)).toBeGreaterThan(0);
  });
});
