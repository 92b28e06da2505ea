import { describe, expect, it } from 'vitest';
import { settleRemovals, tailKeys, TAIL_KEYS, type PendingRemoval } from '../../src/core/removals.js';
import { makeDesignation } from '../helpers/designations.js';

const d = (name: string) => makeDesignation({ name, list: 'EL' });
const [a, b, c, z] = [d('A Co'), d('B Co'), d('C Co'), d('Z Co')];
const pending = (key: string, suspect: PendingRemoval['suspect'] = null, seenIn = 'h1'): PendingRemoval => ({ key, since: 't1', seenIn, suspect });
const tail = ['EL:x co', 'EL:y co', 'EL:z co'];

describe('settleRemovals', () => {
  const cases: Array<[string, Parameters<typeof settleRemovals>[0], ReturnType<typeof settleRemovals>]> = [
    [
      'a first sighting is pending, not confirmed',
      { removed: [a], pending: [], tail, contentHash: 'h1', at: 't1' },
      { confirmed: [], pending: [pending('EL:a co')], reappeared: [], suspectedCutOff: false },
    ],
    [
      'a second download still lacking it confirms it',
      { removed: [a], pending: [pending('EL:a co')], tail, contentHash: 'h2', at: 't2' },
      { confirmed: [a], pending: [], reappeared: [], suspectedCutOff: false },
    ],
    [
      'the same bytes again confirm an ordinary removal too',
      { removed: [a], pending: [pending('EL:a co')], tail, contentHash: 'h1', at: 't2' },
      { confirmed: [a], pending: [], reappeared: [], suspectedCutOff: false },
    ],
    [
      'a pending removal whose row is back is dropped',
      { removed: [], pending: [pending('EL:a co')], tail, contentHash: 'h2', at: 't2' },
      { confirmed: [], pending: [], reappeared: ['EL:a co'], suspectedCutOff: false },
    ],
    [
      'removals that are exactly the previous file\u2019s last rows are a suspected cut-off',
      { removed: [z, makeDesignation({ name: 'Y Co', list: 'EL' })], pending: [], tail, contentHash: 'h1', at: 't1' },
      {
        confirmed: [],
        pending: [pending('EL:z co', 'cut-off'), pending('EL:y co', 'cut-off')],
        reappeared: [],
        suspectedCutOff: true,
      },
    ],
    [
      'removals in the tail but not a contiguous end of it are ordinary',
      { removed: [d('X Co')], pending: [], tail, contentHash: 'h1', at: 't1' },
      { confirmed: [], pending: [pending('EL:x co')], reappeared: [], suspectedCutOff: false },
    ],
    [
      'a suspected cut-off is not confirmed by the same bytes again',
      { removed: [z], pending: [pending('EL:z co', 'cut-off', 'h1')], tail, contentHash: 'h1', at: 't2' },
      { confirmed: [], pending: [pending('EL:z co', 'cut-off', 'h1')], reappeared: [], suspectedCutOff: false },
    ],
    [
      'a suspected cut-off is confirmed by a different file that still lacks it',
      { removed: [z], pending: [pending('EL:z co', 'cut-off', 'h1')], tail, contentHash: 'h2', at: 't2' },
      { confirmed: [z], pending: [], reappeared: [], suspectedCutOff: false },
    ],
    [
      'confirmed, new and reappeared at once',
      { removed: [a, b], pending: [pending('EL:a co'), pending('EL:c co')], tail, contentHash: 'h2', at: 't2' },
      { confirmed: [a], pending: [{ key: 'EL:b co', since: 't2', seenIn: 'h2', suspect: null }], reappeared: ['EL:c co'], suspectedCutOff: false },
    ],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(settleRemovals(input)).toEqual(expected);
  });

  it('keeps the last TAIL_KEYS keys in file order', () => {
    const rows = Array.from({ length: TAIL_KEYS + 5 }, (_, i) => d(`Row ${i}`));
    const kept = tailKeys(rows);
    expect([kept.length, kept[0], kept.at(-1)]).toEqual([TAIL_KEYS, 'EL:row 5', `EL:row ${TAIL_KEYS + 4}`]);
    expect(tailKeys([a, b, c])).toEqual(['EL:a co', 'EL:b co', 'EL:c co']);
  });
});
