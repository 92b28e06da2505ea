import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { CSL_DEFAULT_URL, createCslSource, cslSource } from '../../../src/sources/csl/index.js';
import type { FetchContext, FetchResult, Validators } from '../../../src/sources/types.js';
import { body, fixture } from './helpers.js';

describe('CSL source', () => {
  it('downloads its configured location with the stored validators', async () => {
    const calls: Array<[string, Validators | null]> = [];
    const validators: Validators = { etag: '"abc"', lastModified: null };
    const ctx: FetchContext = {
      download: async (location, given): Promise<FetchResult> => {
        calls.push([location, given]);
        return { status: 'not-modified' };
      },
      validators,
      log: pino({ level: 'silent' }),
    };
    const source = createCslSource({ url: 'file:///srv/csl/consolidated.csv' });
    expect(await source.fetch(ctx)).toEqual({ status: 'not-modified' });
    expect(calls).toEqual([['file:///srv/csl/consolidated.csv', validators]]);
  });

  it('describes itself and defaults to the trade.gov JSON file', async () => {
    expect({ id: cslSource.id, kind: cslSource.kind, title: cslSource.title }).toEqual({
      id: 'csl',
      kind: 'snapshot',
      title: 'Consolidated Screening List (trade.gov)',
    });
    const seen: string[] = [];
    await cslSource.fetch({
      download: async (location) => {
        seen.push(location);
        return { status: 'not-modified' };
      },
      validators: null,
      log: pino({ level: 'silent' }),
    });
    expect(seen).toEqual([CSL_DEFAULT_URL]);
  });

  it('parses through the source object', () => {
    expect(cslSource.parse(body(fixture('consolidated.json'))).length).toBe(9);
  });
});
