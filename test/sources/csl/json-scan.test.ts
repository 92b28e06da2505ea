import { describe, expect, it } from 'vitest';
import { arrayElementRanges } from '../../../src/sources/csl/json-scan.js';

/** The elements' texts, from the flat [start, end, start, end, …] offsets. */
function texts(bytes: Buffer, offsets: readonly number[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < offsets.length; i += 2) out.push(bytes.toString('utf8', offsets[i], offsets[i + 1]));
  return out;
}

function elements(text: string, field = 'results'): string[] | null {
  const bytes = Buffer.from(text);
  const offsets = arrayElementRanges(bytes, field);
  return offsets && texts(bytes, offsets);
}

describe('arrayElementRanges', () => {
  it('finds each element of the field, whatever comes before or after it', () => {
    const doc = '\uFEFF { "total": 2, "sources_used": [{"a": "]"}], "results" : [ {"name":"A \\"quoted\\" }"} , {"n":[1,{"x":"{"}]} ], "z": null }\n';
    expect(elements(doc)).toEqual(['{"name":"A \\"quoted\\" }"}', '{"n":[1,{"x":"{"}]}']);
    expect(elements('{"results":[]}')).toEqual([]);
    expect(elements('{"results":[1, "two", null]}')).toEqual(['1', '"two"', 'null']);
  });

  it('agrees with JSON.parse on every element', () => {
    const results = Array.from({ length: 50 }, (_, i) => ({ id: i, name: `Co ${i} "x" \\ ] }`, alt: ['a,b', '[c]'], n: null }));
    const bytes = Buffer.from(JSON.stringify({ results, total: 50 }));
    const parsed = texts(bytes, arrayElementRanges(bytes, 'results')!).map((text) => JSON.parse(text) as unknown);
    expect(parsed).toEqual(results);
  });

  it.each([
    ['cut off inside an element', '{"results":[{"name":"A"},{"name":"B'],
    ['cut off after an element', '{"results":[{"name":"A"},'],
    ['no closing brace', '{"results":[]'],
    ['field missing', '{"total":0}'],
    ['field not an array', '{"results":{"a":1}}'],
    ['top level is an array', '[{"results":[]}]'],
    ['trailing garbage', '{"results":[]} x'],
    ['missing comma', '{"results":[{"a":1} {"b":2}]}'],
    ['empty', ''],
  ])('returns null when %s', (_name, text) => {
    expect(elements(text)).toBeNull();
  });
});
