import { describe, expect, it } from 'vitest';
import { emptyNotes } from '../../../src/core/identity.js';
import type { RefusalCode } from '../../../src/errors.js';
import { SnapshotRefusedError } from '../../../src/errors.js';
import { parseCsl } from '../../../src/sources/csl/index.js';
import { body, fixture } from './helpers.js';

/** The refusal a body gets, as data: code, message and whether it wraps a cause. */
function refusalOf(bytes: Buffer | string, location?: string): { code: RefusalCode; message: string; hasCause: boolean } {
  try {
    parseCsl(body(bytes, location));
  } catch (err) {
    if (!(err instanceof SnapshotRefusedError)) throw err;
    return { code: err.code, message: err.message, hasCause: err.cause !== undefined };
  }
  throw new Error('expected the body to be refused');
}

const csv = fixture('consolidated-current.csv').toString('utf8');
const json = fixture('consolidated.json').toString('utf8');
const header = csv.split('\n')[0]!;

describe('CSL refusals', () => {
  it('refuses CSV cut inside a quoted field as truncated', () => {
    const cut = csv.slice(0, csv.indexOf('Volga Precision') + 5);
    expect(refusalOf(cut)).toEqual({ code: 'truncated', message: expect.stringMatching(/quoted field/), hasCause: true });
  });

  it('refuses CSV whose last record stops between fields as truncated', () => {
    const lines = csv.trimEnd().split('\n');
    const last = lines.at(-1)!;
    const cut = [...lines.slice(0, -1), last.slice(0, last.indexOf('","') + 1)].join('\n');
    expect(refusalOf(cut)).toEqual({ code: 'truncated', message: expect.stringMatching(/last record/), hasCause: true });
  });

  it('refuses CSV with a short record before the end as unparseable, naming the line', () => {
    const lines = csv.split('\n');
    lines[4] = '"only","three","fields"';
    expect(refusalOf(lines.join('\n'))).toEqual({ code: 'unparseable', message: expect.stringMatching(/line 5/), hasCause: true });
  });

  it('refuses text without the CSL header as unparseable', () => {
    expect(refusalOf('hello, world\nthis is not, a list\n')).toEqual({
      code: 'unparseable',
      message: expect.stringMatching(/header lacks column\(s\) source, entity_number/),
      hasCause: false,
    });
    const noIds = header.replace(',"ids"', '');
    expect(refusalOf(`${noIds}\n`).message).toMatch(/lacks column\(s\) ids\b/);
  });

  it('skips and counts a CSV row without a name instead of refusing the snapshot', () => {
    const lines = csv.split('\n');
    lines[3] = lines[3]!.replace('"Volga Precision Instruments LLC"', '"  "');
    const notes = emptyNotes();
    const names = parseCsl(body(lines.join('\n')), notes).map((d) => d.name);
    expect(names).not.toContain('Volga Precision Instruments LLC');
    expect(names).toHaveLength(parseCsl(body(csv)).length - 1);
    // The fixture's own row of an unknown list (row 11) is skipped and counted too.
    expect(notes).toEqual({
      rows: names.length + 2,
      noName: 1,
      noList: 1,
      duplicates: 0,
      examples: ['CSV row 3: row with an empty name', 'CSV row 11: no known list in source "Imaginary Watch List (XYZ) - Department of Examples"'],
    });
  });

  it('refuses cut-off JSON as truncated', () => {
    expect(refusalOf(json.slice(0, json.length / 2))).toEqual({ code: 'truncated', message: expect.stringMatching(/cut off/), hasCause: true });
  });

  it('refuses malformed JSON that ends like a document as unparseable', () => {
    expect(refusalOf('{"results": [nope]}')).toEqual({ code: 'unparseable', message: expect.stringMatching(/not valid JSON/), hasCause: true });
  });

  it('refuses JSON without a results array as unparseable', () => {
    expect(refusalOf('{"total": 0}')).toEqual({ code: 'unparseable', message: expect.stringMatching(/^CSL JSON results: [^\n]*$/), hasCause: false });
    expect(refusalOf('{"results": {"a": 1}}').message).toMatch(/^CSL JSON results: .*expected array/);
    expect(refusalOf('[{"source": "x", "name": "y"}]').message).toMatch(/^CSL JSON \(document\): .*expected object/);
  });

  it('skips and counts a JSON row whose name or source is null; refuses one that is not text', () => {
    const doc = JSON.parse(json) as { results: Array<Record<string, unknown>> };
    doc.results[3]!.name = null;
    doc.results[4]!.source = null;
    const notes = emptyNotes();
    // With the fixture's own row of an unknown list (row 10), three rows are skipped.
    expect(parseCsl(body(JSON.stringify(doc)), notes)).toHaveLength(doc.results.length - 3);
    expect(notes).toEqual({
      rows: doc.results.length,
      noName: 1,
      noList: 2,
      duplicates: 0,
      examples: [
        'JSON row 4 (results[3]): row with an empty name',
        'JSON row 5 (results[4]): no known list in source ""',
        'JSON row 10 (results[9]): no known list in source "Imaginary Watch List (XYZ) - Department of Examples"',
      ],
    });
    doc.results[3]!.name = 7;
    // Rows are parsed one at a time (parse-json.ts parseCslJsonBytes), so the row's own check names it.
    expect(refusalOf(JSON.stringify(doc))).toEqual({
      code: 'unparseable',
      message: 'CSL JSON row 4 (results[3].name): expected text, got number',
      hasCause: false,
    });
  });

  it('refuses a JSON field of the wrong type, naming the row and field', () => {
    const doc = JSON.parse(json) as { results: Array<Record<string, unknown>> };
    doc.results[2]!.addresses = { city: 'Havana' };
    expect(refusalOf(JSON.stringify(doc)).message).toBe('CSL JSON row 3 (results[2].addresses): expected an array, got object');
    doc.results[2]!.addresses = [];
    doc.results[5]!.alt_names = [{ name: 'x' }];
    expect(refusalOf(JSON.stringify(doc)).message).toBe('CSL JSON row 6 (results[5].alt_names): expected text or a number, got object');
  });

  it('refuses an empty body as empty and an HTML page as html', () => {
    expect(refusalOf(' \n ').code).toBe('empty');
    expect(refusalOf('<!DOCTYPE html><html><body>Service Unavailable</body></html>').code).toBe('html');
  });

  it('refuses a body at a .json location that does not start like JSON', () => {
    expect(refusalOf(csv, 'https://data.trade.gov/consolidated.json?x=1')).toEqual({
      code: 'unparseable',
      message: 'the CSL download at a .json location starts with """, not JSON',
      hasCause: false,
    });
  });
});
