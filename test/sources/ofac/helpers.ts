/**
 * Fixture loading for the OFAC tests: a fixture set as the SnapshotBody `fetch` would build.
 */
import { readFileSync } from 'node:fs';
import type { SnapshotBody } from '../../../src/sources/types.js';

export const SDN_DIR = new URL('../../fixtures/ofac-sdn/', import.meta.url);
export const CONS_DIR = new URL('../../fixtures/ofac-consolidated/', import.meta.url);

export function fixture(dir: URL, name: string): Buffer {
  return readFileSync(new URL(name, dir));
}

/** A body of `primary` alone, or with the named parts. */
export function bodyOf(dir: URL, primary: string, parts: string[] = []): SnapshotBody {
  const body: SnapshotBody = { bytes: fixture(dir, primary), contentType: null, location: new URL(primary, dir).pathname };
  if (parts.length > 0) body.parts = Object.fromEntries(parts.map((name) => [name, fixture(dir, name)]));
  return body;
}

export function textBody(text: string | Buffer, location = 'SDN.CSV', parts?: Record<string, Buffer>): SnapshotBody {
  const body: SnapshotBody = { bytes: Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'), contentType: null, location };
  if (parts) body.parts = parts;
  return body;
}
