/**
 * parseCslReusing against parseCsl: the same designations and the same refusals, whichever
 * rows are reused (core/row-reuse.ts).
 */
import { describe, expect, it } from 'vitest';
import { emptyNotes } from '../../../src/core/identity.js';
import { NO_REUSE, reuseOfRows, type RowReuse } from '../../../src/core/row-reuse.js';
import { parseCsl, parseCslReusing } from '../../../src/sources/csl/index.js';
import { cslJson, manyRows } from '../../helpers/csl.js';
import { csvOfRows } from '../../helpers/csl-formats.js';

const rows = JSON.parse(cslJson(manyRows(20))).results as Array<Record<string, unknown>>;
const csv = csvOfRows(rows);
const bodyOf = (text: string) => ({ bytes: Buffer.from(text), contentType: null, location: 'consolidated.csv' });

/** What a store would know after accepting `text`. */
function reuseAfter(text: string): RowReuse {
  const parsed = parseCslReusing(bodyOf(text), emptyNotes(), NO_REUSE);
  const stored = [...parsed.rowHashes];
  return reuseOfRows({ keys: stored.map(([key]) => key), fingerprints: stored.map(() => 'fp'), rowHashes: stored.map(([, hash]) => hash) });
}

/** The outcome of a parse: its designations and notes, or its refusal. */
function outcome<T>(parse: () => T): { ok?: T; refused?: string } {
  try {
    return { ok: parse() };
  } catch (err) {
    return { refused: err instanceof Error ? `${err.constructor.name}: ${err.message}` : String(err) };
  }
}

describe('CSL CSV with row reuse', () => {
  const refused = new Set(['cut off inside a quoted field', 'a malformed new row', 'a stray quote in a new row']);
  const cases: Record<string, string> = {
    'a changed row': csv.replace('Example Company 0003', 'Example Company 0003 Renamed'),
    'CRLF line ends, no final line end': csv.replace(/\n/g, '\r\n').replace(/\r\n$/, ''),
    'cut off inside a quoted field': csv.slice(0, csv.length - 40),
    'a malformed new row': csv.replace(/\n$/, '\n"extra","row"\n'),
    'a stray quote in a new row': `${csv}"a"b,${'"",'.repeat(27)}""\n`,
  };
  for (const [what, text] of Object.entries(cases)) {
    it(`${what}: the same designations or refusal as parsing every row`, () => {
      const reuse = reuseAfter(csv);
      const notes = emptyNotes();
      const reusing = outcome(() => {
        const parsed = parseCslReusing(bodyOf(text), notes, reuse);
        return { designations: parsed.designations.length, keys: parsed.keys, notes };
      });
      const plainNotes = emptyNotes();
      const plain = outcome(() => {
        const designations = parseCsl(bodyOf(text), plainNotes);
        return { designations: designations.length, keys: designations.map((d) => d.key), notes: plainNotes };
      });
      expect(plain.refused !== undefined).toBe(refused.has(what));
      expect(reusing.refused ?? 'accepted').toBe(plain.refused ?? 'accepted');
      if (plain.ok) expect(reusing.ok!.keys).toEqual(plain.ok.keys);
      if (plain.ok) expect(reusing.ok!.notes).toEqual(plain.ok.notes);
    });
  }

  it('reuses the unchanged rows of a changed body', () => {
    const parsed = parseCslReusing(bodyOf(cases['a changed row']!), emptyNotes(), reuseAfter(csv));
    expect(parsed.designations.map((d) => d.name)).toEqual(['Example Company 0003 Renamed Co., Ltd.']);
    expect(parsed.reused.size).toBe(19);
  });
});

describe('CSL JSON with row reuse', () => {
  // Row 5's address objects open as rows do (`},{"id":`): a guess at its end stops short of it.
  const doc = JSON.parse(cslJson(manyRows(20))) as { results: Array<Record<string, unknown>> };
  doc.results[5]!.addresses = [
    { id: 'a', address: '1 Road', city: 'Hefei', country: 'CN' },
    { id: 'b', address: '2 Road', city: 'Wuhan', country: 'CN' },
  ];
  const json = JSON.stringify(doc);
  const jsonBody = (text: string) => ({ bytes: Buffer.from(text), contentType: null, location: 'consolidated.json' });
  /** The document with `edit` applied to a copy of its rows. */
  const edited = (edit: (results: Array<Record<string, unknown>>) => void, space?: number) => {
    const copy = structuredClone(doc);
    edit(copy.results);
    return JSON.stringify(copy, null, space);
  };
  const refused = new Set(['cut off inside a row', 'a new row that is not an object', 'a new row with a field of the wrong type']);
  const cases: Record<string, string> = {
    'a changed row': edited((r) => (r[3]!.name = 'Example Company 0003 Renamed')),
    "a remark holding the next row's opening (escaped, so never taken for it)": edited((r) => (r[7]!.remarks = `x"},{"id":"${String(r[8]!.id)}" y`)),
    'a new row between known rows': edited((r) => r.splice(8, 0, { ...r[2]!, id: 'new-1', name: 'Newly Added Co.' })),
    'pretty-printed': edited(() => {}, 2),
    'cut off inside a row': json.slice(0, json.length - 200),
    'a new row that is not an object': edited((r) => r.splice(4, 0, 'not an object' as unknown as Record<string, unknown>)),
    'a new row with a field of the wrong type': edited((r) => r.splice(4, 0, { ...r[1]!, name: 'Other Co.', addresses: 'nowhere' })),
  };
  for (const [what, text] of Object.entries(cases)) {
    it(`${what}: the same designations or refusal as parsing every row`, () => {
      const stored = parseCslReusing(jsonBody(json), emptyNotes(), NO_REUSE);
      const hashes = [...stored.rowHashes];
      const reuse = reuseOfRows({ keys: hashes.map(([key]) => key), fingerprints: hashes.map(() => 'fp'), rowHashes: hashes.map(([, hash]) => hash) });
      const notes = emptyNotes();
      const reusing = outcome(() => {
        const parsed = parseCslReusing(jsonBody(text), notes, reuse);
        return { keys: parsed.keys, reused: parsed.reused.size, notes };
      });
      const plainNotes = emptyNotes();
      const plain = outcome(() => ({ keys: parseCsl(jsonBody(text), plainNotes).map((d) => d.key), notes: plainNotes }));
      expect(plain.refused !== undefined).toBe(refused.has(what));
      expect(reusing.refused ?? 'accepted').toBe(plain.refused ?? 'accepted');
      if (!plain.ok) return;
      expect(reusing.ok!.keys).toEqual(plain.ok.keys);
      expect(reusing.ok!.notes).toEqual(plain.ok.notes);
      // Pretty-printed rows are other bytes; otherwise only the rows touched are mapped.
      if (what !== 'pretty-printed') expect(reusing.ok!.reused).toBeGreaterThanOrEqual(17);
    });
  }
});
