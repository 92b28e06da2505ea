import { describe, expect, it } from 'vitest';
import { emptyNotes, type Keyless } from '../../src/core/identity.js';
import { keyRowsReusing, NO_REUSE, reuseOfRows, rowHash, type RowReuse } from '../../src/core/row-reuse.js';
import { makeDesignation } from '../helpers/designations.js';

/** A keyless row named `name` on the Entity List at `address`. */
function row(name: string, address = '1 Road, CN'): Keyless {
  const { key: _key, ...keyless } = makeDesignation({ name, list: 'EL', addresses: [address] });
  return keyless;
}

/** Rows by digest; `mapAt` records which were mapped and counts them read, as the CSL mapper does. */
function rowsOf(specs: Array<[digest: string, row: Keyless]>, notes = emptyNotes()) {
  const mappedAt: number[] = [];
  return {
    count: specs.length,
    digestOf: (i: number) => specs[i]![0],
    mapAt: (i: number) => {
      mappedAt.push(i);
      notes.rows++;
      return { ...specs[i]![1] };
    },
    mappedAt,
  };
}

/** Stored rows from `[row hash, key]` pairs, as the store's currentRows gives them. */
const storedRows = (pairs: Array<[hash: string | null, key: string]>) =>
  reuseOfRows({ keys: pairs.map(([, key]) => key), fingerprints: pairs.map(() => 'fp'), rowHashes: pairs.map(([hash]) => hash) });

const reuseOf = (pairs: Record<string, string>): RowReuse =>
  storedRows(Object.entries(pairs).map(([digest, key]) => [rowHash('json', digest), key]));

describe('keyRowsReusing', () => {
  it('keeps a known row unmapped under its stored key and maps a changed one', () => {
    const notes = emptyNotes();
    const rows = rowsOf([['d-alpha', row('Alpha Co')], ['d-beta-2', row('Beta Co', '2 Road, CN')]], notes);
    const out = keyRowsReusing(rows.count, 'json', rows.digestOf, rows.mapAt, reuseOf({ 'd-alpha': 'EL:alpha co', 'd-beta': 'EL:beta co' }), notes);
    expect(rows.mappedAt).toEqual([1]);
    expect(out.keys).toEqual(['EL:alpha co', 'EL:beta co']);
    expect(out.reused).toEqual({ size: 1, stored: Uint8Array.from([1, 0]) });
    expect(out.designations.map((d) => d.key)).toEqual(['EL:beta co']);
    expect(out.rowHashes).toEqual(new Map([['EL:beta co', rowHash('json', 'd-beta-2')]]));
    expect(notes.rows).toBe(2);
  });

  it('maps a known row after all when a new row shares its base key, so both get suffixes', () => {
    const specs: Array<[string, Keyless]> = [['d-alpha', row('Alpha Co')], ['d-alpha-2', row('Alpha Co', '9 Other Road, CN')]];
    const reused = keyRowsReusing(2, 'json', rowsOf(specs).digestOf, rowsOf(specs).mapAt, reuseOf({ 'd-alpha': 'EL:alpha co' }), emptyNotes());
    const plain = keyRowsReusing(2, 'json', rowsOf(specs).digestOf, rowsOf(specs).mapAt, NO_REUSE, emptyNotes());
    expect(reused.reused.size).toBe(0);
    expect(reused.keys).toEqual(plain.keys);
    expect(reused.keys.every((key) => key.startsWith('EL:alpha co#'))).toBe(true);
  });

  it('maps the same bytes met twice, so the repeat is dropped as a duplicate', () => {
    const notes = emptyNotes();
    const rows = rowsOf([['d-alpha', row('Alpha Co')], ['d-alpha', row('Alpha Co')]], notes);
    const out = keyRowsReusing(2, 'json', rows.digestOf, rows.mapAt, reuseOf({ 'd-alpha': 'EL:alpha co' }), notes);
    expect(rows.mappedAt).toEqual([0, 1]);
    expect(out.keys).toEqual(['EL:alpha co']);
    expect(notes).toMatchObject({ rows: 2, duplicates: 1 });
  });

  it('never reuses a suffixed key, nor a hash stored under another prefix or mapping', () => {
    const rows = rowsOf([['d-alpha', row('Alpha Co')], ['d-beta', row('Beta Co')]]);
    const stored = storedRows([
      [rowHash('json', 'd-alpha'), 'EL:alpha co#1a2b3c4d'],
      [rowHash('csv:header', 'd-beta'), 'EL:beta co'],
    ]);
    const out = keyRowsReusing(2, 'json', rows.digestOf, rows.mapAt, stored, emptyNotes());
    expect(rows.mappedAt).toEqual([0, 1]);
    expect(out.reused.size).toBe(0);
    expect(out.keys).toEqual(['EL:alpha co', 'EL:beta co']);
  });

  it('maps a row whose stored key has no row hash, or another row\'s hash', () => {
    const rows = rowsOf([['d-alpha', row('Alpha Co')], ['d-beta', row('Beta Co')]]);
    const reuse = storedRows([
      [null, 'EL:alpha co'],
      [rowHash('json', 'd-gamma'), 'EL:beta co'],
    ]);
    const out = keyRowsReusing(2, 'json', rows.digestOf, rows.mapAt, reuse, emptyNotes());
    expect(rows.mappedAt).toEqual([0, 1]);
    expect(out.reused.size).toBe(0);
  });
});
