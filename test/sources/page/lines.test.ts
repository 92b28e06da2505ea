import { describe, expect, it } from 'vitest';
import { decodeState, diffLineSets, encodeState, lineSet } from '../../../src/sources/page/lines.js';

describe('page lines', () => {
  it('keeps a sorted set of lines', () => {
    expect(lineSet(['b', 'a', 'b', 'C'])).toEqual(['C', 'a', 'b']);
  });

  it.each([
    [['a', 'b', 'c'], ['a', 'c', 'd'], { added: ['d'], removed: ['b'] }],
    [['a', 'b'], ['a', 'b'], { added: [], removed: [] }],
    [[], ['x'], { added: ['x'], removed: [] }],
    [['a', 'b', 'c'], ['b'], { added: [], removed: ['a', 'c'] }],
  ])('%j → %j', (before, after, expected) => {
    expect(diffLineSets(lineSet(before), lineSet(after))).toEqual(expected);
  });

  it('round-trips the state and reads a damaged one as none', () => {
    expect(decodeState(encodeState({ changes: 2, lines: ['a'] }))).toEqual({ changes: 2, lines: ['a'] });
    expect(decodeState('not json')).toBeNull();
    expect(decodeState('{"lines":"a"}')).toBeNull();
    expect(decodeState(null)).toBeNull();
  });
});
