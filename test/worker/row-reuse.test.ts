/**
 * Row reuse (core/row-reuse.ts) through the real poll path: an app whose CSL source reuses
 * stored rows and one whose source maps every row must store and announce exactly the same.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReusingParse, StoredRows } from '../../src/core/row-reuse.js';
import { createCslSource } from '../../src/sources/csl/index.js';
import type { SnapshotSource } from '../../src/sources/types.js';
import { pollSource } from '../../src/worker/poll.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { cslJson, manyRows, type CslRowSpec } from '../helpers/csl.js';
import { CSV_COLUMNS, csvOfRows } from '../helpers/csl-formats.js';

const base: CslRowSpec[] = [
  { name: 'Alpha Quantum Co., Ltd.', address: '1 Qubit Road', city: 'Hefei' },
  { name: 'Beta Photonics Institute', address: '2 Laser Street', city: 'Wuhan' },
  { name: 'Gamma Sensing Ltd.', address: '3 Camera Lane', city: 'Hangzhou' },
  ...manyRows(30),
];

/**
 * cslJson with its random per-row URL fixed and ids from content, not position, so equal rows
 * are equal bytes wherever they stand; `edit` may change the document.
 */
function jsonBody(rows: readonly CslRowSpec[], edit?: (results: Array<Record<string, unknown>>) => void): Buffer {
  const doc = JSON.parse(cslJson(rows)) as { results: Array<Record<string, unknown>> };
  for (const result of doc.results) {
    result.source_list_url = 'https://example.gov/list';
    result.id = `${String(result.name)}|${JSON.stringify(result.addresses)}`;
  }
  edit?.(doc.results);
  return Buffer.from(JSON.stringify(doc));
}

/** The same rows as the CSV file; `columns` reorders its header. */
function csvBody(rows: readonly CslRowSpec[], edit?: (results: Array<Record<string, unknown>>) => void, columns?: readonly string[]): Buffer {
  const doc = JSON.parse(jsonBody(rows, edit).toString('utf8')) as { results: Array<Record<string, unknown>> };
  return Buffer.from(csvOfRows(doc.results, columns ? { columns } : {}));
}

const FORMATS = [
  { format: 'JSON', body: jsonBody, location: 'consolidated.json', contentType: 'application/json' },
  { format: 'CSV', body: csvBody, location: 'consolidated.csv', contentType: 'text/csv' },
] as const;

describe.each(FORMATS)('row reuse in the poll path ($format)', ({ body, location, contentType }) => {
  let reusing: TestApp;
  let mapping: TestApp;
  const parses: ReusingParse[] = [];
  const csl = createCslSource({ url: 'consolidated.json' });
  const reusingSource: SnapshotSource = {
    ...csl,
    parseReusing: (b, notes, reuse) => {
      const parsed = csl.parseReusing!(b, notes, reuse);
      parses.push(parsed);
      return parsed;
    },
  };
  const { parseReusing: _omitted, ...mappingSource } = csl;

  beforeEach(async () => {
    reusing = await createTestApp({ CSL_URL: 'https://example.gov/consolidated.json' });
    mapping = await createTestApp({ CSL_URL: 'https://example.gov/consolidated.json' });
    parses.length = 0;
  });
  afterEach(async () => {
    await reusing.close();
    await mapping.close();
  });

  /** Poll both apps with `bytes`; their outcomes must agree. */
  async function pollBoth(bytes: Buffer) {
    const b = { bytes, contentType, location };
    const outcome = await pollSource(reusingSource, reusing.app.pollDeps, { body: b });
    expect(await pollSource(mappingSource, mapping.app.pollDeps, { body: b })).toEqual(outcome);
    expect(await reusing.app.store.currentDesignations('csl')).toEqual(await mapping.app.store.currentDesignations('csl'));
    expect(await reusing.app.store.currentFingerprints('csl')).toEqual(await mapping.app.store.currentFingerprints('csl'));
    return outcome;
  }

  const changesOf = async (t: TestApp) =>
    (await t.app.store.listAlerts(20)).map(({ alert }) => (alert.kind === 'designations' ? alert.changes : alert.kind));

  it('maps only changed rows, and stores and announces what mapping every row would', async () => {
    expect(await pollBoth(body(base))).toMatchObject({ status: 'baseline', count: base.length });
    expect(parses[0]!.reused.size).toBe(0);
    expect(parses[0]!.rowHashes.size).toBe(base.length);
    const hashesBefore = await reusing.app.store.currentRows('csl');

    // Alpha amended; Beta's bytes change in a field the mapping does not read; a namesake of
    // Gamma arrives (both Gammas are keyed with suffixes); one row leaves and one arrives.
    const next: CslRowSpec[] = base
      .filter((row) => row.name !== 'Example Company 0007 Co., Ltd.')
      .map((row) => (row.name === 'Alpha Quantum Co., Ltd.' ? { ...row, address: '9 New Campus Road' } : row));
    next.push({ name: 'Gamma Sensing Ltd.', address: '77 Other Street', city: 'Xiamen' });
    next.push({ name: 'Delta Microwave Co.', address: '4 Radar Road', city: 'Chengdu' });
    const changed = body(next, (results) => {
      results[1]!.title = 'Institute';
    });
    const outcome = await pollBoth(changed);
    expect(outcome).toMatchObject({ status: 'changed', added: 2, amended: 2, pendingRemovals: 1 });
    expect(await changesOf(reusing)).toEqual(await changesOf(mapping));

    const parse = parses[1]!;
    // Mapped: Alpha (amended), Beta (new bytes), both Gammas (shared base key), Delta (new).
    expect(parse.designations.map((d) => d.name).sort()).toEqual([
      'Alpha Quantum Co., Ltd.',
      'Beta Photonics Institute',
      'Delta Microwave Co.',
      'Gamma Sensing Ltd.',
      'Gamma Sensing Ltd.',
    ]);
    expect(parse.reused.size).toBe(next.length - 5);
    // Beta's designation did not change, but its stored hash is now that of its new bytes.
    const hashesAfter = await reusing.app.store.currentRows('csl');
    const betaKey = 'EL:beta photonics institute';
    const hashOfBeta = (rows: StoredRows) => rows.rowHashes[rows.keys.indexOf(betaKey)];
    expect(hashOfBeta(hashesAfter)).toBe(parse.rowHashes.get(betaKey));
    expect(hashOfBeta(hashesAfter)).not.toBe(hashOfBeta(hashesBefore));

    // The same body again confirms the removal; every row but the Gammas is reused now.
    expect(await pollBoth(changed)).toMatchObject({ status: 'changed', removed: 1 });
    expect(parses[2]!.designations.map((d) => d.name)).toEqual(['Gamma Sensing Ltd.', 'Gamma Sensing Ltd.']);
    expect(await changesOf(reusing)).toEqual(await changesOf(mapping));
  });

  it('reuses nothing when the CSV header changes, since it decides what each field means', async () => {
    await pollBoth(body(base));
    const reordered = [...CSV_COLUMNS].reverse();
    const outcome = await pollBoth(location.endsWith('.csv') ? csvBody(base, undefined, reordered) : body(base));
    expect(outcome).toMatchObject({ status: 'unchanged' });
    const reusedRows = parses[1]?.reused.size;
    // JSON: the same bytes again are known by the body's hash before any parse.
    if (location.endsWith('.csv')) expect(reusedRows).toBe(0);
    else expect(parses).toHaveLength(1);
  });
});
