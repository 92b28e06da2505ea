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

describe('arrayElementRanges vouched for', () => {
  // Elements whose text holds the next element's opening (`},{"id":`) inside strings and nested
  // objects, so a guess can stop short of the element or run past it.
  const results = [
    { id: 1, name: 'A', addresses: [{ id: 'x' }, { id: 'y' }] },
    { id: 2, remarks: 'ends "},{"id": here', alt: ['},{"id":3}'] },
    { id: 3, name: 'C' },
    { id: 4, nested: { id: { id: 5 } } },
  ];
  const compact = Buffer.from(JSON.stringify({ results, total: 4 }));
  const pretty = Buffer.from(JSON.stringify({ results, total: 4 }, null, 2));

  /** Vouches for exactly the bytes of whole elements, as a known row hash does; records each guess. */
  function vouchFor(bytes: Buffer) {
    const whole = new Set(texts(bytes, arrayElementRanges(bytes, 'results')!));
    const guesses: Array<[number, string, boolean]> = [];
    const known = (start: number, end: number, index: number) => {
      const ok = whole.has(bytes.toString('utf8', start, end));
      guesses.push([index, bytes.toString('utf8', start, end), ok]);
      return ok;
    };
    return { known, guesses };
  }

  it.each([
    ['compact', compact],
    ['pretty-printed', pretty],
  ])('gives the ranges found without it (%s)', (_name, bytes) => {
    const { known, guesses } = vouchFor(bytes);
    expect(arrayElementRanges(bytes, 'results', known)).toEqual(arrayElementRanges(bytes, 'results'));
    // Compact text is guessed at: right for some elements, short of or past others; pretty text never.
    if (bytes === compact) {
      expect(guesses.some(([, , ok]) => ok)).toBe(true);
      expect(guesses.some(([, , ok]) => !ok)).toBe(true);
    } else {
      expect(guesses).toEqual([]);
    }
  });

  it('asks about each element a next element\'s opening follows, and walks the rest', () => {
    const asked: number[] = [];
    expect(arrayElementRanges(compact, 'results', (_s, _e, index) => (asked.push(index), false))).toEqual(arrayElementRanges(compact, 'results'));
    expect(asked).toEqual([0, 1, 2]);
  });
});
