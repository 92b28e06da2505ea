import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createOfacConsolidatedSource } from '../../../src/sources/ofac-consolidated/index.js';
import { createOfacSdnSource, OFAC_DEFAULT_URL, OFAC_SLS_DEFAULT_URL, ofacSdnSource } from '../../../src/sources/ofac-sdn/index.js';
import type { FetchContext, FetchResult, Validators } from '../../../src/sources/types.js';
import { CONS_DIR, SDN_DIR } from './helpers.js';

interface Call {
  location: string;
  validators: Validators | null;
}

/** A download that serves files from a directory, answers 304 to a matching ETag, and records calls. */
function fakeContext(validators: Validators | null): { ctx: FetchContext; calls: Call[] } {
  const calls: Call[] = [];
  const ctx: FetchContext = {
    validators,
    log: pino({ level: 'silent' }),
    async download(location, given): Promise<FetchResult> {
      calls.push({ location, validators: given });
      if (given?.etag === '"v1"') return { status: 'not-modified' };
      const bytes = await readFile(location);
      return { status: 'fetched', body: { bytes, contentType: null, location }, validators: { etag: '"v1"', lastModified: null } };
    },
  };
  return { ctx, calls };
}

const sdnDir = fileURLToPath(SDN_DIR);
const consDir = fileURLToPath(CONS_DIR);

describe('OFAC sources fetch', () => {
  it('default to the Sanctions List Service exports', () => {
    expect(OFAC_DEFAULT_URL).toBe('https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports');
    expect({ id: ofacSdnSource.id, kind: ofacSdnSource.kind }).toEqual({ id: 'ofac-sdn', kind: 'snapshot' });
  });

  it('downloads SDN.CSV conditionally, then its parts unconditionally, from a local directory', async () => {
    const { ctx, calls } = fakeContext({ etag: '"v0"', lastModified: null });
    const result = await createOfacSdnSource({ baseUrl: sdnDir, slsUrl: OFAC_SLS_DEFAULT_URL }).fetch(ctx);
    expect(calls).toEqual([
      { location: `${sdnDir}SDN.CSV`, validators: { etag: '"v0"', lastModified: null } },
      { location: `${sdnDir}ADD.CSV`, validators: null },
      { location: `${sdnDir}ALT.CSV`, validators: null },
      { location: `${sdnDir}SDN_COMMENTS.CSV`, validators: null },
    ]);
    if (result.status !== 'fetched') throw new Error('expected a fetched result');
    expect(result.validators).toEqual({ etag: '"v1"', lastModified: null });
    expect(result.body.location).toBe(`${sdnDir}SDN.CSV`);
    expect(Object.keys(result.body.parts ?? {})).toEqual(['ADD.CSV', 'ALT.CSV', 'SDN_COMMENTS.CSV']);
    const rows = ofacSdnSource.parse(result.body);
    expect(rows.find((d) => d.key === 'SDN:101')?.addresses).toEqual(['Room 5, 12 Harbour Road, Wan Chai, Hong Kong', 'Tehran, Iran']);
  });

  it('stops at "not modified" without fetching the parts', async () => {
    const { ctx, calls } = fakeContext({ etag: '"v1"', lastModified: null });
    expect(await createOfacSdnSource({ baseUrl: `${sdnDir}/`, slsUrl: OFAC_SLS_DEFAULT_URL }).fetch(ctx)).toEqual({ status: 'not-modified' });
    expect(calls.map((c) => c.location)).toEqual([`${sdnDir}SDN.CSV`]);
  });

  it('fetches the consolidated set by its own file names', async () => {
    const { ctx, calls } = fakeContext(null);
    const result = await createOfacConsolidatedSource({ baseUrl: consDir, slsUrl: OFAC_SLS_DEFAULT_URL }).fetch(ctx);
    expect(calls.map((c) => c.location.slice(consDir.length))).toEqual(['CONS_PRIM.CSV', 'CONS_ADD.CSV', 'CONS_ALT.CSV', 'CONS_COMMENTS.CSV']);
    if (result.status !== 'fetched') throw new Error('expected a fetched result');
    expect(createOfacConsolidatedSource({ baseUrl: consDir, slsUrl: OFAC_SLS_DEFAULT_URL }).parse(result.body)).toHaveLength(11);
  });

  it('fails the fetch when a part cannot be downloaded', async () => {
    const { ctx } = fakeContext(null);
    const failing: FetchContext = {
      ...ctx,
      download: (location, validators) =>
        location.endsWith('ALT.CSV') ? Promise.reject(new Error('HTTP 503')) : ctx.download(location, validators),
    };
    await expect(createOfacSdnSource({ baseUrl: sdnDir, slsUrl: OFAC_SLS_DEFAULT_URL }).fetch(failing)).rejects.toThrow('HTTP 503');
  });
});
