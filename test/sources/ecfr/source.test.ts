import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createEcfrEntityListSource, easternToday, ECFR_DEFAULT_URL } from '../../../src/sources/ecfr-entity-list/index.js';
import type { FetchContext, FetchResult, Validators } from '../../../src/sources/types.js';

const bytes = readFileSync(new URL('../../fixtures/ecfr-entity-list/part744.xml', import.meta.url));

describe('createEcfrEntityListSource', () => {
  it('downloads part 744 of title 15 for the given date, conditionally', async () => {
    const calls: Array<[string, Validators | null]> = [];
    const validators: Validators = { etag: '"abc"', lastModified: null };
    const answer: FetchResult = { status: 'not-modified' };
    const ctx: FetchContext = {
      download: async (location, given) => {
        calls.push([location, given]);
        return answer;
      },
      validators,
      log: pino({ level: 'silent' }),
    };
    const source = createEcfrEntityListSource('https://ecfr.example.test/', () => '2024-03-04');
    expect(await source.fetch(ctx)).toBe(answer);
    expect(calls).toEqual([['https://ecfr.example.test/api/versioner/v1/full/2024-03-04/title-15.xml?part=744', validators]]);
    expect({ id: source.id, kind: source.kind }).toEqual({ id: 'ecfr-entity-list', kind: 'snapshot' });
  });

  it('parses a downloaded body into keyed Entity List designations', () => {
    const source = createEcfrEntityListSource(ECFR_DEFAULT_URL, () => '2024-03-04');
    const designations = source.parse({ bytes, contentType: 'application/xml', location: 'part744.xml' });
    expect(designations).toHaveLength(8);
    expect(designations[0]!.key).toBe('EL:amber river semiconductor co ltd');
  });

  it('dates requests in Washington time, not UTC', () => {
    expect(easternToday(new Date('2024-03-05T03:30:00Z'))).toBe('2024-03-04');
    expect(easternToday(new Date('2024-03-05T15:00:00Z'))).toBe('2024-03-05');
  });
});
