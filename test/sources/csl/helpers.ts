/** Fixture loading for the CSL tests. */
import { readFileSync } from 'node:fs';
import type { Designation } from '../../../src/core/model.js';
import { parseCsl } from '../../../src/sources/csl/index.js';
import type { SnapshotBody } from '../../../src/sources/types.js';

export function fixture(name: string): Buffer {
  return readFileSync(new URL(`../../fixtures/csl/${name}`, import.meta.url));
}

export function body(bytes: Buffer | string, location = 'https://data.trade.gov/consolidated'): SnapshotBody {
  return { bytes: typeof bytes === 'string' ? Buffer.from(bytes) : bytes, contentType: null, location };
}

export function parseFixture(name: string): Designation[] {
  return parseCsl(body(fixture(name)));
}

export function byKey(designations: Designation[]): Map<string, Designation> {
  return new Map(designations.map((d) => [d.key, d]));
}
